package io.netspectra.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CaptureGeneratorTest {
    private static final int PACKETS = 2_000;

    @ParameterizedTest
    @EnumSource(CaptureFormat.class)
    void writesIdenticalBytesForIdenticalSpecs(CaptureFormat format) throws IOException {
        GenSpec spec = GenSpec.defaults(PACKETS, 42).withFormat(format);

        assertArrayEquals(bytes(spec), bytes(spec));
    }

    @ParameterizedTest
    @EnumSource(CaptureFormat.class)
    void writesDifferentBytesForDifferentSeeds(CaptureFormat format) throws IOException {
        GenSpec spec = GenSpec.defaults(PACKETS, 42).withFormat(format);

        assertFalse(Arrays.equals(bytes(spec), bytes(spec.withSeed(43))));
    }

    @ParameterizedTest
    @EnumSource(CaptureFormat.class)
    void cutsFramesAtSnaplenButKeepsTheirOriginalLength(CaptureFormat format) throws IOException {
        GenSpec full = GenSpec.defaults(PACKETS, 5).withFormat(format);
        List<CaptureRecords.Record> whole = CaptureRecords.read(bytes(full), format).records();
        CaptureRecords.Capture cut = CaptureRecords.read(bytes(full.withSnaplen(128)), format);

        assertEquals(128, cut.snaplen());
        int shortened = 0;
        for (int i = 0; i < PACKETS; i++) {
            CaptureRecords.Record before = whole.get(i);
            CaptureRecords.Record after = cut.records().get(i);
            assertEquals(before.originalLength(), after.originalLength(), "original length of packet " + i);
            assertEquals(Math.min(128, before.originalLength()), after.capturedLength(), "captured length " + i);
            assertArrayEquals(Arrays.copyOf(before.data(), after.capturedLength()), after.data(), "bytes of " + i);
            assertEquals(before.nanos(), after.nanos(), "timestamp of packet " + i);
            shortened += after.capturedLength() < after.originalLength() ? 1 : 0;
        }
        assertTrue(shortened > PACKETS / 4, "frames cut: " + shortened);
    }

    @Test
    void writesTheSameBytesToAFileAsToAStreamAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        GenSpec spec = GenSpec.defaults(PACKETS, 3);
        Path file = dir.resolve("out.pcap");
        Files.writeString(file, "old content");

        GenSummary summary = new CaptureGenerator(spec).writeFile(file);

        assertArrayEquals(bytes(spec), Files.readAllBytes(file));
        assertEquals(Files.size(file), summary.fileBytes());
        assertFalse(Files.exists(dir.resolve("out.pcap.tmp")));
    }

    @Test
    void refusesToReplaceADirectory(@TempDir Path dir) {
        assertThrows(FileSystemException.class, () -> new CaptureGenerator(GenSpec.defaults(10, 1)).writeFile(dir));
    }

    @Test
    void leavesNoTemporaryFileWhenTheFolderIsMissing(@TempDir Path dir) {
        Path file = dir.resolve("missing").resolve("out.pcap");

        assertThrows(IOException.class, () -> new CaptureGenerator(GenSpec.defaults(10, 1)).writeFile(file));
        assertFalse(Files.exists(file));
    }

    @Test
    void writesOnlyTheFileHeaderForZeroPackets() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GenSummary summary = new CaptureGenerator(GenSpec.defaults(0, 1)).write(out);

        assertEquals(PcapWriter.FILE_HEADER, out.size());
        assertEquals(0, summary.packets());
        assertEquals(0, summary.flows());
        assertEquals(GenSpec.DEFAULT_START_NANOS, summary.lastNanos());
    }

    @Test
    void countsWhatItWrites() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        GenSummary summary = new CaptureGenerator(GenSpec.defaults(PACKETS, 9)).write(out);

        List<CaptureRecords.Record> records = CaptureRecords.read(out.toByteArray(), CaptureFormat.PCAP).records();
        assertEquals(PACKETS, summary.packets());
        assertEquals(out.size(), summary.fileBytes());
        assertEquals(records.stream().mapToLong(CaptureRecords.Record::originalLength).sum(), summary.wireBytes());
        assertEquals(PACKETS, summary.ipv4Packets() + summary.ipv6Packets() + summary.nonIpPackets());
        assertEquals(records.get(0).nanos(), summary.firstNanos());
        assertEquals(records.get(PACKETS - 1).nanos(), summary.lastNanos());
    }

    private static byte[] bytes(GenSpec spec) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CaptureGenerator(spec).write(out);
        return out.toByteArray();
    }
}
