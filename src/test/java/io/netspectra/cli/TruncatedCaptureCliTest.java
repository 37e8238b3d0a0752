package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real capture cut short at (nearly) every byte, run through {@code ns-cli analyze} in-process, as a user would
 * meet a file still being written or copied half-way. For every cut:
 *
 * <ul>
 *   <li>on a record boundary (uncompressed only: a cut gzip file always lacks its trailer): exit 0, nothing on
 *       stderr, and the report counts every record before the cut;</li>
 *   <li>otherwise exit 3 and exactly one stderr line naming the file, never a stack trace; when the file is long
 *       enough to open, the line says {@code damaged at byte N} with N the start of the first incomplete record, and
 *       the JSON report counts exactly the whole records before it and marks the input damaged at N.</li>
 * </ul>
 *
 * <p>The expected numbers come from a separate walk of the record headers (and, for gzip, from inflating the cut
 * file with {@link Inflater} directly). {@code capture.RealCapturePrefixTest} checks the same at reader level.
 */
class TruncatedCaptureCliTest {
    /** Every cut up to here, then every {@link #STRIDE}th byte; keeps the class near 20 s (one in-process run takes ~15 ms). */
    private static final int EVERY_CUT_UP_TO = 128;
    private static final int STRIDE = 37;
    private static final int PCAP_HEADER = 24;
    private static final int GZIP_HEADER = 10;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, gzip={1}")
    @CsvSource({
            "ndpi_4in4tunnel.pcap, false",
            "tcpdump_tcp-handshake-nano.pcap, false",
            "gopacket_be_test100.pcapng, false",
            "zeek_pcapng-multi-interface.pcapng, false",
            "zeek_vlan-qinqinq.pcap, true",
            "gopacket_le_test008.pcapng, true",
    })
    void everyCutOfARealCaptureIsReportedAsDamageAfterItsWholeRecords(String name, boolean gzip) throws IOException {
        Path source = CliRun.realCaptures().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(source), "real capture not found: " + source.toAbsolutePath());
        byte[] capture = Files.readAllBytes(source);
        Layout layout = name.endsWith(".pcapng") ? pcapngLayout(capture) : pcapLayout(capture);
        byte[] file = gzip ? gzip(capture) : capture;
        Path cut = tmp.resolve(gzip ? name + ".gz" : name);

        TreeSet<Integer> cuts = new TreeSet<>();
        for (int n = 0; n < file.length; n += n < EVERY_CUT_UP_TO ? 1 : STRIDE) {
            cuts.add(n);
        }
        cuts.add(file.length - 1);
        cuts.add(file.length);
        if (!gzip) {
            // Both sides of every record boundary, wherever the stride falls.
            for (long end : layout.boundaries) {
                cuts.add((int) end);
                cuts.add((int) Math.min(end + 1, file.length));
            }
        }
        for (int n : cuts) {
            Files.write(cut, java.util.Arrays.copyOf(file, n));
            int readable = gzip ? inflatedLength(file, n) : n;
            checkCut(cut, n, n == file.length, gzip, readable, layout);
        }
    }

    private static void checkCut(Path cut, int n, boolean whole, boolean gzip, int readable, Layout layout) {
        String what = cut.getFileName() + " cut at " + n + " (" + readable + " readable bytes)";
        CliRun run = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", cut.toString());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), what + ": " + run.err());
        boolean boundary = whole || (!gzip && n >= layout.openableFrom && layout.boundaries.contains((long) n));
        if (boundary) {
            assertEquals(0, run.exitCode(), what + ": " + run.err());
            assertEquals("", run.err(), what);
            assertEquals(layout.packetsBefore(readable), packets(run.out()), what);
            return;
        }
        assertEquals(ExitCodes.INPUT, run.exitCode(), what + ": " + run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), what + ": " + run.err());
        String line = lines.get(0);
        assertTrue(line.startsWith("ns-cli: " + cut), what + ": " + line);
        if (readable < layout.openableFrom || (gzip && n < GZIP_HEADER)) {
            assertFalse(line.contains("damaged"), what + ": " + line);
            return;
        }
        // A gzip file cut within its first header (pcap file header, pcapng section header) may fail while being
        // opened, when the decompressor reads ahead: one line without a damage offset then, and nothing counted.
        long headerEnd = layout.boundaries.ceiling((long) layout.openableFrom);
        if (gzip && readable <= headerEnd && !line.contains("damaged")) {
            assertEquals(0, packets(run.out()), what);
            return;
        }
        long damageAt = layout.boundaries.floor((long) readable);
        assertTrue(line.contains(": damaged at byte " + damageAt + ": "), what + ": " + line);
        Map<String, Object> input = firstInput(run.out());
        assertEquals(Boolean.TRUE, input.get("damaged"), what);
        assertEquals(damageAt, input.get("damage_offset"), what);
        assertEquals(layout.packetsBefore(readable), input.get("packets"), what);
        assertEquals(layout.packetsBefore(readable), packets(run.out()), what);
    }

    private static long packets(String report) {
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) Json.object(report).get("totals");
        return (Long) totals.get("packets");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstInput(String report) {
        return ((List<Map<String, Object>>) Json.object(report).get("inputs")).get(0);
    }

    /**
     * Where records start and end: {@code boundaries} holds every offset a record (or pcapng block) starts or ends
     * at, {@code packetEnds} the end of every packet record; a file shorter than {@code openableFrom} is refused
     * before any record is read (pcap: its 24-byte file header; pcapng: the 4-byte magic).
     */
    private record Layout(int openableFrom, TreeSet<Long> boundaries, List<Long> packetEnds) {
        long packetsBefore(long n) {
            return packetEnds.stream().filter(end -> end <= n).count();
        }
    }

    private static Layout pcapLayout(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        int magic = buf.getInt(0);
        buf.order(magic == 0xA1B2C3D4 || magic == 0xA1B23C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        TreeSet<Long> boundaries = new TreeSet<>();
        List<Long> packets = new java.util.ArrayList<>();
        long off = PCAP_HEADER;
        boundaries.add(off);
        while (off + 16 <= b.length) {
            long end = off + 16 + Integer.toUnsignedLong(buf.getInt((int) off + 8));
            boundaries.add(end);
            packets.add(end);
            off = end;
        }
        assertEquals(b.length, off, "the capture ends on a record boundary");
        return new Layout(PCAP_HEADER, boundaries, packets);
    }

    private static Layout pcapngLayout(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b);
        TreeSet<Long> boundaries = new TreeSet<>();
        List<Long> packets = new java.util.ArrayList<>();
        int off = 0;
        boundaries.add(0L);
        while (off + 12 <= b.length) {
            if (buf.getInt(off) == 0x0A0D0D0A) {  // the same in either byte order
                buf.order(ByteBuffer.wrap(b, off + 8, 4).getInt() == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN);
            }
            int type = buf.getInt(off);
            int end = off + buf.getInt(off + 4);
            boundaries.add((long) end);
            if (type == 2 || type == 3 || type == 6) {
                packets.add((long) end);
            }
            off = end;
        }
        assertEquals(b.length, off, "the capture ends on a block boundary");
        return new Layout(4, boundaries, packets);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    /** How many bytes the first {@code n} bytes of a gzip file (no optional header fields) inflate to. */
    private static int inflatedLength(byte[] gz, int n) {
        if (n < GZIP_HEADER) {
            return 0;
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(gz, GZIP_HEADER, n - GZIP_HEADER);
            byte[] out = new byte[1 << 16];
            int total = 0;
            while (!inflater.finished() && !inflater.needsInput()) {
                int got = inflater.inflate(out);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += got;
            }
            return total;
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }
}
