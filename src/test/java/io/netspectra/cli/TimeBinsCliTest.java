package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code analyze --bin}: the series against a plain recount of the frames, sums, peaks, snapshots and show. */
class TimeBinsCliTest {
    private static final long SECOND = 1_000_000_000L;

    /** Returns the tool's NDJSON series of one task as "binStartNanos|key" to {packets, bytes}. */
    private static Map<String, long[]> toolBins(String ndjson, String task, boolean fiveTuple) {
        Map<String, long[]> out = new TreeMap<>();
        for (String line : ndjson.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Map<String, Object> row = Json.object(line);
            if (!row.get("task").equals(task)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> key = (Map<String, Object>) row.get("key");
            String k = fiveTuple ? BinsOracle.address((String) key.get("SrcIP")) + " "
                    + BinsOracle.address((String) key.get("DstIP")) + " " + key.get("SrcPort") + " "
                    + key.get("DstPort") + " " + key.get("Protocol")
                    : key.containsKey("SrcIP") ? BinsOracle.address((String) key.get("SrcIP")) : key.toString();
            long start = new BigDecimal((String) row.get("bin_start")).movePointRight(9).longValueExact();
            long[] prev = out.put(start + "|" + k, new long[] {(Long) row.get("packets"), (Long) row.get("bytes")});
            assertEquals(null, prev, "bin and key twice: " + line);
        }
        return out;
    }

    private static void assertSameBins(Map<String, long[]> want, Map<String, long[]> got, String what) {
        assertEquals(want.keySet(), got.keySet(), what);
        for (var e : want.entrySet()) {
            assertEquals(e.getValue()[0], got.get(e.getKey())[0], what + " packets " + e.getKey());
            assertEquals(e.getValue()[1], got.get(e.getKey())[1], what + " bytes " + e.getKey());
        }
    }

    @Test
    @Timeout(600)
    void seriesOfEveryRealCaptureEqualsAPlainRecountOfItsFrames() throws IOException {
        int compared = 0;
        for (Path capture : CliRun.realCaptureFiles()) {
            CliRun run = CliRun.run("analyze", "--bin", "1s", "--format", "ndjson", "--no-snapshots", "-q",
                    "--allow-damaged", "--snapshot-interval", "0", "--workers", "2", capture.toString());
            assertEquals(ExitCodes.OK, run.exitCode(), capture + ": " + run.err());
            assertSameBins(BinsOracle.bins(capture, SECOND, true), toolBins(run.out(), "by_five_tuple", true),
                    capture + " by_five_tuple");
            assertSameBins(BinsOracle.bins(capture, SECOND, false), toolBins(run.out(), "by_src_ip", false),
                    capture + " by_src_ip");
            compared++;
        }
        assertTrue(compared >= 40, "compared " + compared + " captures");
    }

    @Test
    @Timeout(300)
    void generatedTraceBinsEqualARecountAndShowReadsTheSameSeriesFromSnapshots(@TempDir Path dir) {
        Path capture = dir.resolve("gen.pcap");
        CliRun gen = CliRun.run("pcapgen", "-n", "30000", "--rate", "4000", "--seed", "7", "--flows", "2000", "-o",
                capture.toString());
        assertEquals(ExitCodes.OK, gen.exitCode(), gen.err());
        CliRun run = CliRun.run("analyze", "--bin", "500ms", "--snapshot-interval", "2s", "--format", "ndjson",
                "-q", "-o", dir.resolve("snaps").toString(), capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, long[]> want = BinsOracle.bins(capture, SECOND / 2, true);
        assertTrue(want.size() > 1000, "bins " + want.size());
        assertSameBins(want, toolBins(run.out(), "by_five_tuple", true), "by_five_tuple");
        assertSameBins(BinsOracle.bins(capture, SECOND / 2, false), toolBins(run.out(), "by_src_ip", false),
                "by_src_ip");

        CliRun show = CliRun.run("show", dir.resolve("snaps").toString(), "--bins", "--format", "ndjson");
        assertEquals(ExitCodes.OK, show.exitCode(), show.err());
        assertEquals(run.out(), show.out());

        CliRun udp = CliRun.run("show", dir.resolve("snaps").toString(), "--bins", "--task", "by_five_tuple",
                "--where", "Protocol=udp,packets>=2", "--format", "ndjson");
        assertEquals(ExitCodes.OK, udp.exitCode(), udp.err());
        Map<String, long[]> wantUdp = new TreeMap<>();
        want.forEach((k, v) -> {
            if (k.endsWith(" 17") && v[0] >= 2) {
                wantUdp.put(k, v);
            }
        });
        assertTrue(wantUdp.size() > 10, "udp bins " + wantUdp.size());
        assertSameBins(wantUdp, toolBins(udp.out(), "by_five_tuple", true), "show --where");

        CliRun top = CliRun.run("show", dir.resolve("snaps").toString(), "--bins", "--task", "by_protocol",
                "--sort", "bytes", "--top", "1", "--format", "csv");
        assertEquals(ExitCodes.OK, top.exitCode(), top.err());
        Map<String, long[]> byProtocol = toolBins(run.out(), "by_protocol", false);
        long most = byProtocol.values().stream().mapToLong(v -> v[1]).max().orElseThrow();
        assertTrue(top.out().split("\n")[1].contains("," + most + ","), top.out());
        assertEquals(2, top.out().split("\n").length);
        assertTrue(manifest(dir.resolve("snaps")).contains("\"bin\": \"500ms\""));
    }

    private static String manifest(Path root) {
        try (var s = java.nio.file.Files.walk(root)) {
            return java.nio.file.Files.readString(s.filter(p -> p.endsWith("manifest.json")).findFirst()
                    .orElseThrow());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Timeout(120)
    void binsSumToEachRowAndThePeakIsTheBinWithMostBytesEarliestFirst(@TempDir Path dir) {
        Path capture = dir.resolve("gen.pcap");
        assertEquals(ExitCodes.OK, CliRun.run("pcapgen", "-n", "8000", "--rate", "3000", "--seed", "11", "--flows",
                "300", "-o", capture.toString()).exitCode());
        CliRun run = CliRun.run("analyze", "--bin", "100ms", "--format", "json", "--no-snapshots", "-q",
                capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        int peaks = 0;
        for (Object o : (List<?>) Json.object(run.out()).get("tasks")) {
            Map<?, ?> task = (Map<?, ?>) o;
            assertEquals("100ms", task.get("bin"));
            Map<String, List<Map<?, ?>>> seriesByKey = new TreeMap<>();
            for (Object b : (List<?>) task.get("bins")) {
                Map<?, ?> bin = (Map<?, ?>) b;
                seriesByKey.computeIfAbsent(bin.get("key").toString(), k -> new ArrayList<>()).add(bin);
                assertEquals((Long) bin.get("packets") * 10, ((Number) bin.get("packets_per_s")).longValue());
                assertEquals((Long) bin.get("bytes") * 80, ((Number) bin.get("bits_per_s")).longValue());
            }
            List<?> rows = (List<?>) task.get("rows");
            assertEquals(rows.size(), seriesByKey.size(), "keys with bins");
            for (Object r : rows) {
                Map<?, ?> row = (Map<?, ?>) r;
                List<Map<?, ?>> series = seriesByKey.get(row.get("key").toString());
                assertNotNull(series, row.toString());
                assertEquals(row.get("packets"), series.stream().mapToLong(b -> (Long) b.get("packets")).sum());
                assertEquals(row.get("bytes"), series.stream().mapToLong(b -> (Long) b.get("bytes")).sum());
                Map<?, ?> best = series.get(0);   // series come in time order
                for (Map<?, ?> b : series) {
                    if ((Long) b.get("bytes") > (Long) best.get("bytes")) {
                        best = b;
                    }
                }
                Map<?, ?> peak = (Map<?, ?>) row.get("peak");
                assertEquals(best.get("bin_start"), peak.get("bin_start"), row.toString());
                assertEquals(best.get("bytes"), peak.get("bytes"));
                assertEquals(best.get("packets"), peak.get("packets"));
                assertEquals(best.get("bits_per_s"), peak.get("bits_per_s"));
                peaks++;
            }
        }
        assertTrue(peaks > 1000, "peaks checked " + peaks);
    }

    @Test
    @Timeout(60)
    void withoutBinsOrWithBinZeroTheReportIsUnchanged() {
        for (String format : new String[] {"table", "json", "csv", "ndjson"}) {
            CliRun plain = CliRun.run("analyze", "--format", format, "--no-snapshots", "-q", "testdata/sample.pcap");
            CliRun zero = CliRun.run("analyze", "--bin", "0", "--format", format, "--no-snapshots", "-q",
                    "testdata/sample.pcap");
            assertEquals(ExitCodes.OK, zero.exitCode(), zero.err());
            assertEquals(plain.out(), zero.out(), format);
            assertFalse(plain.out().contains("peak"), format);
        }
    }

    @Test
    void badBinValuesAreOneLineAndExit2() {
        CliRun bad = CliRun.run("analyze", "--bin", "soon", "--no-snapshots", "testdata/sample.pcap");
        assertEquals(ExitCodes.USAGE, bad.exitCode());
        assertEquals("ns-cli: bad --bin 'soon', expected e.g. 1s, 100ms, 1m or 0 (no bins)\n", bad.err());
        CliRun straddles = CliRun.run("analyze", "--bin", "7s", "--no-snapshots", "testdata/sample.pcap");
        assertEquals(ExitCodes.USAGE, straddles.exitCode());
        assertEquals("ns-cli: --bin '7s': snapshot interval 30s is not a multiple of it, so bins would straddle "
                + "windows; use a bin that divides the interval, or interval 0\n", straddles.err());
        assertEquals("", straddles.out());
    }

    @Test
    @Timeout(60)
    void showBinsOnATruncatedBinsFileIsOneLineAndExit3(@TempDir Path dir) throws IOException {
        Path snaps = dir.resolve("snaps");
        assertEquals(ExitCodes.OK, CliRun.run("analyze", "--bin", "10ms", "-q", "-o", snaps.toString(),
                "testdata/sample.pcap").exitCode());
        Path file;
        try (var s = java.nio.file.Files.walk(snaps)) {
            file = s.filter(p -> p.endsWith("by_protocol/bins.nss")).findFirst().orElseThrow();
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        CliRun show = CliRun.run("show", snaps.toString(), "--bins");
        assertEquals(ExitCodes.INPUT, show.exitCode());
        assertEquals(file + ": corrupt snapshot: body length: expected " + (bytes.length - 32) + " bytes, actual "
                + (bytes.length - 37) + " (truncated)\n", show.err().replace("ns-cli: ", ""));
        assertEquals("", show.out());
    }

    @Test
    @Timeout(60)
    void showBinsWithoutBinsFilesSaysHowToGetThem(@TempDir Path dir) {
        Path snaps = dir.resolve("snaps");
        assertEquals(ExitCodes.OK, CliRun.run("analyze", "-q", "-o", snaps.toString(), "testdata/sample.pcap")
                .exitCode());
        CliRun show = CliRun.run("show", snaps.toString(), "--bins");
        assertEquals(ExitCodes.INPUT, show.exitCode());
        assertTrue(show.err().endsWith("no time bins (bins.nss) found; analyze with --bin to write them\n"),
                show.err());
    }

    @Test
    @Timeout(60)
    void binsFromTheConfigWithWallClockAndOneWindowEqualTheCaptureClockSeries(@TempDir Path dir) throws IOException {
        Path wall = dir.resolve("wall.yaml");
        java.nio.file.Files.writeString(wall, """
                aggregator:
                  snapshot_interval: 0
                  clock: wall
                  bin: 5ms
                  tasks:
                    - {name: by_dst_port, key_fields: [DstPort]}
                """);
        CliRun fromConfig = CliRun.run("analyze", "-c", wall.toString(), "--format", "ndjson", "--no-snapshots", "-q",
                "testdata/sample.pcap");
        assertEquals(ExitCodes.OK, fromConfig.exitCode(), fromConfig.err());
        CliRun fromOption = CliRun.run("analyze", "--bin", "5ms", "--snapshot-interval", "10ms", "--format",
                "ndjson", "--no-snapshots", "-q", "testdata/sample.pcap");
        String dstPort = java.util.Arrays.stream(fromOption.out().split("\n"))
                .filter(l -> l.startsWith("{\"task\":\"by_dst_port\"")).map(l -> l + "\n")
                .collect(java.util.stream.Collectors.joining());
        assertTrue(dstPort.split("\n").length > 50, dstPort);
        assertEquals(dstPort, fromConfig.out());
        CliRun off = CliRun.run("analyze", "-c", wall.toString(), "--bin", "0", "--format", "ndjson",
                "--no-snapshots", "-q", "testdata/sample.pcap");
        assertTrue(off.out().startsWith("{\"task\":\"by_dst_port\",\"key\""), off.out());
    }

    @Test
    @Timeout(60)
    void showBinsFromAndToSelectWholeBins(@TempDir Path dir) {
        Path snaps = dir.resolve("snaps");
        CliRun run = CliRun.run("analyze", "--bin", "10ms", "--snapshot-interval", "20ms", "--format", "ndjson",
                "-q", "-o", snaps.toString(), "testdata/sample.pcap");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        CliRun show = CliRun.run("show", snaps.toString(), "--bins", "--task", "by_protocol", "--from",
                "1709294400.015", "--to", "1709294400.030", "--format", "ndjson");
        assertEquals(ExitCodes.OK, show.exitCode(), show.err());
        Map<String, long[]> all = toolBins(run.out(), "by_protocol", false);
        Map<String, long[]> want = new TreeMap<>();
        all.forEach((k, v) -> {
            long start = Long.parseLong(k.substring(0, k.indexOf('|')));
            if (start == 1_709_294_400_010_000_000L || start == 1_709_294_400_020_000_000L) {
                want.put(k, v);
            }
        });
        assertTrue(want.size() >= 4, want.keySet().toString());
        assertSameBins(want, toolBins(show.out(), "by_protocol", false), "show --from --to");
    }

    @Test
    @Timeout(60)
    void aJsonReportWithBinsStillDiffsAgainstItsSnapshots(@TempDir Path dir) throws IOException {
        Path snaps = dir.resolve("snaps");
        CliRun run = CliRun.run("analyze", "--bin", "10ms", "--format", "json", "-q", "-o", snaps.toString(),
                "testdata/sample.pcap");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Path report = dir.resolve("report.json");
        java.nio.file.Files.writeString(report, run.out());
        CliRun diff = CliRun.run("diff", report.toString(), snaps.toString());
        assertEquals(ExitCodes.OK, diff.exitCode(), diff.out() + diff.err());
    }

    @Test
    @Timeout(60)
    void perFileReportsEachCarryTheirOwnBins() {
        CliRun run = CliRun.run("analyze", "--per-file", "--bin", "10ms", "--format", "json", "--no-snapshots",
                "-q", "testdata/sample.pcap", "testdata/sample.pcap");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<?> reports = (List<?>) Json.parse(run.out());
        assertEquals(2, reports.size());
        assertEquals(reports.get(0), reports.get(1));
        CliRun alone = CliRun.run("analyze", "--bin", "10ms", "--format", "json", "--no-snapshots", "-q",
                "testdata/sample.pcap");
        assertEquals(Json.parse(alone.out()), reports.get(0));
        Map<?, ?> task = (Map<?, ?>) ((List<?>) ((Map<?, ?>) reports.get(0)).get("tasks")).get(4);
        assertEquals("10ms", task.get("bin"));
        assertFalse(((List<?>) task.get("bins")).isEmpty());
    }

    @Test
    void aSnapshotIntervalOptionThatSplitsTheConfiguredBinIsExit2NamingTheConfig(@TempDir Path dir)
            throws IOException {
        Path cfg = dir.resolve("bins.yaml");
        java.nio.file.Files.writeString(cfg, """
                aggregator:
                  snapshot_interval: 10s
                  bin: 1s
                  tasks:
                    - {name: by_dst_port, key_fields: [DstPort]}
                """);
        CliRun run = CliRun.run("analyze", "-c", cfg.toString(), "--snapshot-interval", "1500ms", "--no-snapshots",
                "testdata/sample.pcap");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("ns-cli: bin 1s (from " + cfg + "): snapshot interval 1500ms is not a multiple of it, so bins "
                + "would straddle windows; use a bin that divides the interval, or interval 0\n", run.err());
    }

    @Test
    @Timeout(120)
    void aKeyLimitThatSpillsThePeaksLeavesTheReportUnchanged(@TempDir Path dir) {
        Path capture = dir.resolve("gen.pcap");
        assertEquals(ExitCodes.OK, CliRun.run("pcapgen", "-n", "20000", "--rate", "4000", "--seed", "5", "-o",
                capture.toString()).exitCode());
        CliRun unlimited = CliRun.run("analyze", "--bin", "100ms", "--format", "json", "--no-snapshots", "-q",
                "--max-keys", "1000000", capture.toString());
        CliRun limited = CliRun.run("analyze", "--bin", "100ms", "--format", "json", "--no-snapshots", "-q",
                "--max-keys", "200", capture.toString());
        assertEquals(ExitCodes.OK, limited.exitCode(), limited.err());
        assertTrue(unlimited.out().contains("\"peak\": {"));
        assertEquals(unlimited.out(), limited.out());
    }
}
