package io.netspectra.capture;

import io.netspectra.NetSpectraException.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static io.netspectra.capture.CaptureBytes.payload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Format detection by magic, gzip, and the errors {@link CaptureFiles#open(Path)} reports. */
class CaptureFilesTest {
    private static final long SECONDS = 1_600_000_000L;

    @TempDir
    Path dir;

    @Test
    void readsGzipWrappedPcapNamedPcap() {
        CaptureBytes c = CaptureBytes.pcap(true, true, 1).record(SECONDS, 5, payload(60, 1), 60)
                .record(SECONDS, 6, payload(61, 2), 61);
        Path file = CaptureBytes.writeFile(dir, "plain-name.pcap", CaptureBytes.gzip(c.toByteArray()));
        CaptureRead read = CaptureRead.of(file);
        assertEquals("pcap-ns+gzip", read.format());
        assertNull(read.damage());
        assertEquals(2, read.count());
        assertEquals(SECONDS * 1_000_000_000L + 6, read.frame(1).timestampNanos());
        assertArrayEquals(payload(61, 2), read.frame(1).data());
    }

    @Test
    void readsGzipWrappedPcapngNamedPcap() {
        CaptureBytes c = CaptureBytes.pcapng().section(false).idb(1, 0).epb(0, 77, payload(50, 3), 50);
        Path file = CaptureBytes.writeFile(dir, "looks-like.pcap", CaptureBytes.gzip(c.toByteArray()));
        CaptureRead read = CaptureRead.of(file);
        assertEquals("pcapng+gzip", read.format());
        assertEquals(1, read.count());
        assertEquals(77_000L, read.frame(0).timestampNanos());
    }

    @Test
    void choosesReaderByMagicNotByName() {
        Path pcapng = CaptureBytes.pcapng().section(true).idb(1, 0).epb(0, 1, payload(20, 1), 20)
                .write(dir, "named.pcap");
        Path pcap = CaptureBytes.pcap(false, false, 1).record(1, 1, payload(20, 2), 20).write(dir, "named.pcapng.gz");
        assertEquals("pcapng", CaptureRead.of(pcapng).format());
        assertEquals("pcap", CaptureRead.of(pcap).format());
    }

    @Test
    void reportsTruncatedGzipStreamAsDamageAfterTheFramesBeforeIt() {
        // Incompressible payloads, so that cutting the gzip file in half cuts the capture about in half.
        SplittableRandom random = new SplittableRandom(7);
        CaptureBytes c = CaptureBytes.pcap(false, false, 1);
        int records = 40;
        long[] recordStart = new long[records + 1];
        byte[][] data = new byte[records][];
        for (int i = 0; i < records; i++) {
            data[i] = new byte[1000 + i];
            random.nextBytes(data[i]);
            recordStart[i] = c.size();
            c.record(SECONDS + i, 0, data[i], data[i].length);
        }
        recordStart[records] = c.size();
        byte[] zipped = CaptureBytes.gzip(c.toByteArray());
        Path file = CaptureBytes.writeFile(dir, "cut.pcap.gz", Arrays.copyOf(zipped, zipped.length / 2));
        CaptureRead read = CaptureRead.of(file);
        int n = read.count();
        assertTrue(n > 0 && n < records, n + " frames");
        for (int i = 0; i < n; i++) {
            assertArrayEquals(data[i], read.frame(i).data(), "frame " + i);
        }
        assertNotNull(read.damage());
        assertEquals(recordStart[n], read.damage().offset(), read.damage().what());
        assertTrue(read.damage().what().contains("read failed"), read.damage().what());
    }

    @Test
    void reportsGzipCutInsideItsTrailerAsDamageAfterAllFrames() {
        CaptureBytes c = CaptureBytes.pcap(false, false, 1).record(1, 0, payload(100, 1), 100);
        int end = c.size();
        byte[] zipped = CaptureBytes.gzip(c.toByteArray());
        Path file = CaptureBytes.writeFile(dir, "cut-trailer.pcap.gz", Arrays.copyOf(zipped, zipped.length - 3));
        CaptureRead read = CaptureRead.of(file);
        assertEquals(1, read.count());
        assertNotNull(read.damage());
        assertEquals(end, read.damage().offset());
    }

    @Test
    void rejectsFileThatIsNotACapture() {
        Path text = write("notes.pcap", "this is not a capture file\n".getBytes(StandardCharsets.US_ASCII));
        assertInputError(text, "not a capture file");
    }

    @Test
    void rejectsEmptyAndTinyFiles() {
        assertInputError(write("empty.pcap", new byte[0]), "empty file");
        assertInputError(write("three.pcap", new byte[] {(byte) 0xD4, (byte) 0xC3, (byte) 0xB2}), "only 3 bytes");
    }

    @Test
    void rejectsMissingFileAndDirectory() throws Exception {
        assertInputError(dir.resolve("missing.pcap"), "no such file");
        Path sub = Files.createDirectory(dir.resolve("folder.pcap"));
        assertInputError(sub, "directory");
    }

    @Test
    void rejectsGzipWhoseContentIsNotACaptureOrWhoseHeaderIsBroken() {
        Path gzText = write("text.gz", CaptureBytes.gzip("hello, world".getBytes(StandardCharsets.US_ASCII)));
        assertInputError(gzText, "not a capture file");
        assertInputError(write("empty-inside.gz", CaptureBytes.gzip(new byte[0])), "empty file");
        byte[] broken = {0x1F, (byte) 0x8B, 0x07, 0, 0, 0, 0, 0, 0, 0};
        assertInputError(write("broken.gz", broken), "gzip");
    }

    private Path write(String name, byte[] bytes) {
        return CaptureBytes.writeFile(dir, name, bytes);
    }

    private static void assertInputError(Path file, String what) {
        InputException e = assertThrows(InputException.class, () -> CaptureFiles.open(file).close());
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }
}
