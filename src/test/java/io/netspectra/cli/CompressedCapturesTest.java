package io.netspectra.cli;

import com.github.luben.zstd.ZstdOutputStream;
import io.netspectra.report.Json;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captures compressed with gzip, zstd, xz or bzip2 (by the same libraries NetSpectra reads them with) give the report
 * of the plain file; a cut compressed file is damage, counted up to the cut, never a crash.
 */
class CompressedCapturesTest {
    /** Real captures above this size are left out of the equality test: bzip2 in Java takes seconds per MB. */
    private static final long MAX_SIZE = 1_000_000;
    private static final List<String> COMPRESSIONS = List.of("gzip", "zstd", "xz", "bzip2");
    /** A real capture (undamaged, 694 KB) of several 100 KB bzip2 blocks, so a cut leaves whole blocks before it. */
    private static final String CUT_CAPTURE = "ndpi_wechat.pcap";

    @Test
    @SuppressWarnings("unchecked")
    void compressedCopiesOfRealCapturesReportLikeThePlainFiles(@TempDir Path tmp) throws IOException {
        List<String> plain = new ArrayList<>(List.of("analyze", "--per-file", "--format", "json", "--no-snapshots",
                "-q", "--allow-damaged"));
        int options = plain.size();
        List<String> packed = new ArrayList<>(plain);
        List<String> compressions = new ArrayList<>();
        for (Path p : CliRun.realCaptureFiles()) {
            if (p.toFile().length() >= MAX_SIZE) {
                continue;
            }
            // Each capture gets one compression in turn, so every compression meets damaged, pcapng and
            // nanosecond captures without compressing everything four times.
            String compression = COMPRESSIONS.get(compressions.size() % COMPRESSIONS.size());
            compressions.add(compression);
            plain.add(p.toString());
            // No telling suffix: the magic number decides.
            packed.add(Files.write(tmp.resolve(p.getFileName() + ".data"),
                    compress(compression, Files.readAllBytes(p))).toString());
        }
        assertEquals(43, compressions.size(), "43 of the 46 real captures are below 1 MB");
        CliRun a = CliRun.run(plain.toArray(String[]::new));
        CliRun b = CliRun.run(packed.toArray(String[]::new));
        assertEquals(ExitCodes.OK, b.exitCode(), b.err());
        List<Map<String, Object>> expected = (List<Map<String, Object>>) Json.parse(a.out());
        List<Map<String, Object>> actual = (List<Map<String, Object>>) Json.parse(b.out());
        assertEquals(compressions.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            String what = plain.get(options + i) + " as " + compressions.get(i);
            Map<String, Object> e = expected.get(i);
            Map<String, Object> r = actual.get(i);
            for (String k : List.of("totals", "accounting", "tasks")) {
                if (k.equals("accounting")) {
                    ((Map<String, Object>) ((Map<String, Object>) e.get(k)).get("damaged")).remove("unread_bytes");
                    ((Map<String, Object>) ((Map<String, Object>) r.get(k)).get("damaged")).remove("unread_bytes");
                }
                assertEquals(e.get(k), r.get(k), k + " of " + what);
            }
            Map<String, Object> ei = ((List<Map<String, Object>>) e.get("inputs")).get(0);
            Map<String, Object> ri = ((List<Map<String, Object>>) r.get("inputs")).get(0);
            assertEquals(ei.get("format") + "+" + compressions.get(i), ri.get("format"), what);
            for (String k : List.of("packets", "bytes", "damaged", "damage_offset")) {
                assertEquals(ei.get(k), ri.get(k), k + " of " + what);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "zstd", "xz", "bzip2"})
    @SuppressWarnings("unchecked")
    void cutCompressedCaptureIsDamageCountedUpToTheCut(String compression, @TempDir Path tmp) throws IOException {
        Path capture = CliRun.realCaptures().resolve(CUT_CAPTURE);
        Assumptions.assumeTrue(Files.isRegularFile(capture), "real capture not found at " + capture.toAbsolutePath());
        long total = ((Number) ((Map<String, Object>) Json.object(CliRun.run("analyze", "--format", "json",
                "--no-snapshots", "-q", capture.toString()).out()).get("totals")).get("packets")).longValue();
        byte[] packed = compress(compression, Files.readAllBytes(capture));
        Path cut = Files.write(tmp.resolve("cut"), Arrays.copyOf(packed, packed.length / 2));
        CliRun run = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", cut.toString());
        assertEquals(ExitCodes.INPUT, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("ns-cli: " + cut + ": damaged at byte "), run.err());
        Map<String, Object> input = ((List<Map<String, Object>>) Json.object(run.out()).get("inputs")).get(0);
        assertEquals(true, input.get("damaged"));
        assertNull(input.get("unread_bytes"), "unknown for a compressed file");
        long packets = ((Number) input.get("packets")).longValue();
        assertTrue(packets > 0 && packets < total, "packets before the cut: " + packets + " of " + total);

        CliRun stdin = CliRun.runWithStdin(packed, "analyze", "--format", "json", "--no-snapshots", "-q", "-");
        assertEquals(ExitCodes.OK, stdin.exitCode(), stdin.err());
        assertEquals(total, ((Number) ((Map<String, Object>) Json.object(stdin.out()).get("totals"))
                .get("packets")).longValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1f8b08", "28b52ffd", "fd377a585a00", "425a6839"})
    void garbageAfterACompressionMagicIsOneLineAndExitThree(String magicHex, @TempDir Path tmp) throws IOException {
        byte[] magic = java.util.HexFormat.of().parseHex(magicHex);
        byte[] bytes = new byte[4096];
        new java.util.Random(magicHex.hashCode()).nextBytes(bytes);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        Path file = Files.write(tmp.resolve("garbage"), bytes);
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", file.toString());
        assertEquals(ExitCodes.INPUT, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("ns-cli: " + file + ": ") && run.err().lines().count() == 1, run.err());
    }

    static byte[] compress(String compression, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (compression) {
            case "gzip" -> new GZIPOutputStream(bytes);
            case "zstd" -> new ZstdOutputStream(bytes);
            case "xz" -> new XZOutputStream(bytes, new LZMA2Options(1));
            case "bzip2" -> new BZip2CompressorOutputStream(bytes, 1);
            default -> throw new IllegalArgumentException(compression);
        }) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
