package io.netspectra.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netspectra.NetSpectraException;
import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Target (c): {@link SnapshotReader#readFlows} on arbitrary bytes written to a temporary {@code flows.nss} must return
 * a window or throw a {@link NetSpectraException} (a {@code CorruptSnapshotException}), nothing else, within the
 * per-input timeout and a fixed allocation budget.
 *
 * <p>A random body almost never matches the header's CRC-32, so most inputs would stop at the header. An input that
 * does not start with the snapshot magic is therefore taken as a <em>body</em> and given a valid header (version 1,
 * kind flows, its length and CRC), which lets the fuzzer reach the Kryo decoding behind it; an input that starts with
 * the magic is written as it is, which fuzzes the header checks.
 */
class SnapshotFuzzTest {
    private static final byte[] MAGIC = "NSSNAP\r\n".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER_SIZE = 32;
    private static final long READ_BUDGET = 4L << 20;
    private static Path dir;

    @FuzzTest(maxDuration = "2m")
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fuzzSnapshotFile(byte[] data) throws IOException {
        byte[] file = startsWithMagic(data) ? data : withHeader(data);
        Path path = file();
        Files.write(path, file);
        AllocationBudget.check(READ_BUDGET + 8L * file.length, "reading a " + file.length + "-byte snapshot",
                () -> read(path));
    }

    private static void read(Path path) {
        try {
            StoredWindow w = new SnapshotReader().readFlows(path);
            assertNotNull(w.rows());
            assertTrue(w.rows().size() >= 0);
        } catch (NetSpectraException e) {
            assertNotNull(e.getMessage());
        }
    }

    /** Returns {@code body} behind a valid version-1 flows header (docs/snapshot-format.md). */
    static byte[] withHeader(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE + body.length);
        b.put(MAGIC).putShort((short) 1).putShort((short) 1).putInt(0).putLong(body.length)
                .putInt((int) crc.getValue()).putInt(0).put(body);
        return b.array();
    }

    private static boolean startsWithMagic(byte[] data) {
        if (data.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (data[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static synchronized Path file() {
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("ns-fuzz-snapshot");
            }
            return dir.resolve("flows.nss");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (dir != null) {
            Files.deleteIfExists(dir.resolve("flows.nss"));
            Files.deleteIfExists(dir);
            dir = null;
        }
    }
}
