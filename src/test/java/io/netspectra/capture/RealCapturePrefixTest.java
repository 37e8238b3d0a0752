package io.netspectra.capture;

import io.netspectra.NetSpectraException.InputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every prefix of a real capture is a file cut short somewhere. Reading one never throws; it yields exactly the
 * records that end within the prefix (found here by a separate walk of the record lengths), and reports damage
 * exactly when the prefix does not end on a record boundary.
 */
class RealCapturePrefixTest {
    private static final int EVERY_PREFIX_UP_TO = 2000;
    private static final int STRIDE_AFTER = 97;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ndpi_vxlan.pcap", "gopacket_be_test100.pcapng"})
    void readsEveryPrefixOfARealCaptureUpToTheLastWholeRecord(String name) throws IOException {
        Path file = io.netspectra.cli.CliRun.realCaptures().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "real capture not found: " + file.toAbsolutePath());
        byte[] bytes = Files.readAllBytes(file);
        Layout layout = name.endsWith(".pcapng") ? pcapngLayout(bytes) : pcapLayout(bytes);
        CaptureRead full = CaptureRead.of(file);
        assertNull(full.damage());
        assertEquals(layout.packetEnds.size(), full.count(), "records found by the layout walk");

        List<Integer> prefixes = new ArrayList<>();
        for (int n = 0; n <= bytes.length; n += n < EVERY_PREFIX_UP_TO ? 1 : STRIDE_AFTER) {
            prefixes.add(n);
        }
        prefixes.add(bytes.length);
        for (int n : prefixes) {
            checkPrefix(bytes, n, layout, full);
        }
    }

    private static void checkPrefix(byte[] bytes, int n, Layout layout, CaptureRead full) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, 0, n);
        if (n < layout.openableFrom) {
            assertThrows(InputException.class, () -> CaptureFiles.open(in, "prefix-" + n), "prefix " + n);
            return;
        }
        CaptureRead read;
        try {
            read = CaptureRead.of(CaptureFiles.open(in, "prefix-" + n));
        } catch (RuntimeException e) {
            throw new AssertionError("prefix " + n + " threw", e);
        }
        long whole = layout.packetEnds.stream().filter(end -> end <= n).count();
        assertEquals(whole, read.count(), "frames in prefix " + n);
        assertTrue(read.count() <= full.count());
        for (int i = 0; i < read.count(); i++) {
            CaptureRead.Got a = read.frame(i);
            CaptureRead.Got b = full.frame(i);
            if (a.timestampNanos() != b.timestampNanos() || a.capturedLength() != b.capturedLength()
                    || a.wireLength() != b.wireLength() || a.linkType() != b.linkType()) {
                fail("prefix " + n + " frame " + i + " differs from the full read");
            }
        }
        boolean boundary = layout.boundaries.contains((long) n);
        if (boundary) {
            assertNull(read.damage(), "prefix " + n + " ends on a record boundary");
        } else {
            assertTrue(read.damage() != null, "prefix " + n + " ends inside a record");
            assertTrue(read.damage().offset() <= n, "damage offset within the prefix " + n);
        }
    }

    /** Where records end, which ends are packets, and the shortest prefix that opens. */
    private record Layout(int openableFrom, Set<Long> boundaries, List<Long> packetEnds) {
    }

    private static Layout pcapLayout(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        buf.order(buf.getInt(0) == 0xA1B2C3D4 || buf.getInt(0) == 0xA1B23C4D ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        assertTrue(buf.getShort(4) == 2 && buf.getShort(6) >= 3, "the walk assumes no swapped lengths");
        Set<Long> boundaries = new HashSet<>();
        List<Long> packets = new ArrayList<>();
        long off = 24;
        boundaries.add(off);
        while (off + 16 <= b.length) {
            long end = off + 16 + Integer.toUnsignedLong(buf.getInt((int) off + 8));
            boundaries.add(end);
            packets.add(end);
            off = end;
        }
        assertEquals(b.length, off, "pcap ends on a record boundary");
        return new Layout(24, boundaries, packets);
    }

    private static Layout pcapngLayout(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        Set<Long> boundaries = new HashSet<>();
        List<Long> packets = new ArrayList<>();
        int off = 0;
        while (off + 12 <= b.length) {
            if (buf.getInt(off) == CaptureBytes.SHB) {
                buf.order(buf.getInt(off + 8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            }
            int type = buf.getInt(off);
            int end = off + buf.getInt(off + 4);
            boundaries.add((long) end);
            if (type == CaptureBytes.EPB || type == CaptureBytes.SPB || type == CaptureBytes.OPB) {
                packets.add((long) end);
            }
            off = end;
        }
        assertEquals(b.length, off, "pcapng ends on a block boundary");
        return new Layout(4, boundaries, packets);
    }
}
