package io.netspectra.cli;

import io.netspectra.gen.CaptureFormat;
import io.netspectra.gen.CaptureGenerator;
import io.netspectra.gen.GenSpec;
import io.netspectra.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs of analyze: files, directories, glob patterns and standard input form one dataset read in timestamp order,
 * giving the same report as one capture holding the same packets; --per-file gives one report per capture.
 */
class AnalyzeInputsTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void directoryOfConsecutiveAndOverlappingSplitsReportsLikeTheWholeCapture(@TempDir Path tmp) throws IOException {
        Path whole = generate(tmp.resolve("whole.pcap"), 3000, 11, GenSpec.DEFAULT_START_NANOS);
        PcapRecords all = PcapRecords.read(whole);
        Path dir = tmp.resolve("parts");
        // Names in reverse time order; the last third is split into two files interleaved record by record.
        all.slice(0, 1000).write(dir.resolve("z-first.pcap"));
        all.slice(1000, 2000).write(dir.resolve("sub/m-second.pcap"));
        PcapRecords last = all.slice(2000, 3000);
        last.every(2, 0).write(dir.resolve("b-third-even.pcap"));
        last.every(2, 1).write(dir.resolve("a-third-odd.pcap"));
        Files.writeString(dir.resolve("README.txt"), "not a capture; skipped inside a directory\n");

        Map<String, Object> expected = analyze(tmp.resolve("runs-whole"), whole.toString());
        Map<String, Object> actual = analyze(tmp.resolve("runs-dir"), dir.toString());
        assertSameCounts(expected, actual);
        assertEquals(List.of("z-first.pcap", "m-second.pcap", "b-third-even.pcap", "a-third-odd.pcap"),
                inputNames(actual), "reading order is by first timestamp");
        assertEquals(windowCounts(tmp.resolve("runs-whole")), windowCounts(tmp.resolve("runs-dir")),
                "capture-clock windows and late packets");
    }

    @Test
    void generatedCapturesWithDifferentStartsMergeLikeOneCaptureOfTheirPackets(@TempDir Path tmp)
            throws IOException {
        // 2000 packets at 100,000/s last 20 ms; the second capture starts 10 ms into the first: they overlap.
        Path early = generate(tmp.resolve("in/2-early.pcap"), 2000, 1, GenSpec.DEFAULT_START_NANOS);
        Path late = generate(tmp.resolve("in/1-late.pcap"), 2000, 2, GenSpec.DEFAULT_START_NANOS + SECOND / 100);
        Path merged = PcapRecords.read(early).mergedWith(PcapRecords.read(late)).write(tmp.resolve("merged.pcap"));

        Map<String, Object> expected = analyze(tmp.resolve("runs-merged"), merged.toString());
        Map<String, Object> actual = analyze(tmp.resolve("runs-two"), late.toString(), early.toString());
        assertSameCounts(expected, actual);
        assertEquals(List.of("2-early.pcap", "1-late.pcap"), inputNames(actual));
        assertEquals(windowCounts(tmp.resolve("runs-merged")), windowCounts(tmp.resolve("runs-two")));
        Map<String, Object> bare = Json.object(CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q",
                late.toString(), early.toString()).out());
        assertEquals(expected.get("tasks"), bare.get("tasks"));
    }

    @Test
    void lateFramesAndWindowCutsFollowEveryTimestampAcrossThousandsOfFrames(@TempDir Path tmp) throws IOException {
        // 6,000 packets at 100,000/s span 60 ms, cut into windows of 7 ms. Every 500th record is moved 1,300 records
        // later, past at least one window cut, so it arrives late; between such events the reader passes hundreds
        // of frames through its fast test of the window's edges.
        PcapRecords in = PcapRecords.read(generate(tmp.resolve("in.pcap"), 6_000, 9, GenSpec.DEFAULT_START_NANOS));
        List<byte[]> records = new ArrayList<>(in.records());
        for (int i = 500; i + 1_300 < records.size(); i += 500) {
            records.add(i + 1_300, records.remove(i));
        }
        Path file = new PcapRecords(in.header(), in.order(), records).write(tmp.resolve("late.pcap"));
        // The expected counts, from the timestamps alone: a frame at or past the window's end opens the window that
        // holds it; one before the window's start is late.
        long interval = 7_000_000;
        long start = 0;
        long end = Long.MIN_VALUE;
        long windows = 0;
        long late = 0;
        for (byte[] r : records) {
            long ts = nanos(in, r);
            if (ts >= end) {
                start = Math.floorDiv(ts, interval) * interval;
                end = start + interval;
                windows++;
            } else if (ts < start) {
                late++;
            }
        }
        assertTrue(late >= 8 && windows >= 8, late + " late, " + windows + " windows");
        CliRun.run("analyze", "-q", "--snapshot-interval", "7ms", "-o", tmp.resolve("runs").toString(),
                file.toString());
        assertEquals(List.of(windows, windows, late), windowCounts(tmp.resolve("runs")).stream()
                .map(n -> ((Number) n).longValue()).toList());
    }

    /** Returns a record's timestamp in nanoseconds (the capture's magic says whether its fraction is in µs or ns). */
    private static long nanos(PcapRecords capture, byte[] record) {
        int magic = java.nio.ByteBuffer.wrap(capture.header()).order(capture.order()).getInt(0);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(record).order(capture.order());
        long fraction = b.getInt(4) & 0xFFFFFFFFL;
        return (b.getInt(0) & 0xFFFFFFFFL) * 1_000_000_000L + (magic == 0xa1b23c4d ? fraction : fraction * 1_000);
    }

    @Test
    void globPatternIsExpandedWhenTheShellDidNot(@TempDir Path tmp) throws IOException {
        Path a = generate(tmp.resolve("g/a.pcap"), 300, 3, GenSpec.DEFAULT_START_NANOS);
        Path b = generate(tmp.resolve("g/b.pcap"), 300, 4, GenSpec.DEFAULT_START_NANOS + SECOND);
        Files.writeString(tmp.resolve("g/notes.txt"), "not matched by the pattern\n");
        CliRun run = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", tmp + "/g/*.pcap*");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, Object> expected = analyze(tmp.resolve("r"), a.toString(), b.toString());
        assertSameCounts(expected, Json.object(run.out()));

        CliRun none = CliRun.run("analyze", "--no-snapshots", "-q", tmp + "/g/*.pcapng");
        assertEquals(ExitCodes.INPUT, none.exitCode());
        assertEquals("ns-cli: " + tmp + "/g/*.pcapng: no file matches this pattern\n", none.err());
    }

    @Test
    void dashReadsACaptureFromStandardInput(@TempDir Path tmp) throws IOException {
        Path file = generate(tmp.resolve("s.pcap"), 500, 5, GenSpec.DEFAULT_START_NANOS);
        Path other = generate(tmp.resolve("t.pcap"), 500, 6, GenSpec.DEFAULT_START_NANOS + SECOND / 200);
        Map<String, Object> expected = analyze(tmp.resolve("r"), file.toString(), other.toString());
        CliRun run = CliRun.runWithStdin(Files.readAllBytes(file), "analyze", "--format", "json", "--no-snapshots",
                "-q", other.toString(), "-");
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, Object> actual = Json.object(run.out());
        assertSameCounts(expected, actual);
        assertEquals(List.of("-", "t.pcap"), inputNames(actual));
    }

    @Test
    void explicitlyNamedNonCaptureIsAnErrorWhileOneInADirectoryIsSkipped(@TempDir Path tmp) throws IOException {
        generate(tmp.resolve("d/x.pcap"), 100, 7, GenSpec.DEFAULT_START_NANOS);
        Path text = Files.writeString(tmp.resolve("d/y.pcap"), "not a capture\n");
        CliRun dir = CliRun.run("analyze", "--no-snapshots", "-q", tmp.resolve("d").toString());
        assertEquals(ExitCodes.OK, dir.exitCode(), dir.err());
        assertEquals("", dir.err());
        CliRun named = CliRun.run("analyze", "--no-snapshots", "-q", tmp.resolve("d").toString(), text.toString());
        assertEquals(ExitCodes.INPUT, named.exitCode());
        assertTrue(named.err().contains(text + ": not a capture file"), named.err());
        Files.createDirectories(tmp.resolve("empty"));
        CliRun empty = CliRun.run("analyze", "--no-snapshots", "-q", tmp.resolve("empty").toString());
        assertEquals(ExitCodes.INPUT, empty.exitCode());
        assertEquals("ns-cli: " + tmp.resolve("empty") + ": no capture files in this directory\n", empty.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void perFileGivesOneReportAndOneSnapshotRunPerCapture(@TempDir Path tmp) throws IOException {
        Path a = generate(tmp.resolve("a.pcap"), 400, 8, GenSpec.DEFAULT_START_NANOS + SECOND);
        Path b = generate(tmp.resolve("b.pcap"), 300, 9, GenSpec.DEFAULT_START_NANOS);
        CliRun run = CliRun.run("analyze", "--per-file", "--format", "json", "-q", "-o",
                tmp.resolve("runs").toString(), a.toString(), b.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<Map<String, Object>> reports = (List<Map<String, Object>>) Json.parse(run.out());
        assertEquals(2, reports.size());
        assertSameCounts(analyze(tmp.resolve("ra"), a.toString()), reports.get(0));
        assertSameCounts(analyze(tmp.resolve("rb"), b.toString()), reports.get(1));
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            assertEquals(2, runs.count(), "snapshot runs");
        }
        CliRun ndjson = CliRun.run("analyze", "--per-file", "--format", "ndjson", "--no-snapshots", "-q",
                a.toString(), b.toString());
        List<String> lines = ndjson.out().lines().toList();
        assertEquals(2, lines.size());
        assertEquals(reports.get(1).get("tasks"), Json.object(lines.get(1)).get("tasks"));
        CliRun csv = CliRun.run("analyze", "--per-file", "--format", "csv", "--no-snapshots", a.toString());
        assertEquals(ExitCodes.USAGE, csv.exitCode());
    }

    /**
     * --per-file prints each capture's report as soon as it is done, so a run over thousands of captures holds one
     * report at a time: when the second capture (standard input) is first read, the first report is already out.
     */
    @Test
    @SuppressWarnings("unchecked")
    void perFilePrintsEachReportBeforeReadingTheNextCapture(@TempDir Path tmp) throws IOException {
        Path a = generate(tmp.resolve("a.pcap"), 400, 8, GenSpec.DEFAULT_START_NANOS);
        byte[] b = Files.readAllBytes(generate(tmp.resolve("b.pcap"), 300, 9, GenSpec.DEFAULT_START_NANOS));
        StringWriter out = new StringWriter();
        List<String> outWhenStdinOpened = new ArrayList<>();
        InputStream stdin = new ByteArrayInputStream(b) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                if (outWhenStdinOpened.isEmpty()) {
                    outWhenStdinOpened.add(out.toString());
                }
                return super.read(buf, off, len);
            }
        };
        int code = NsCli.commandLine(stdin, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                .execute("analyze", "--per-file", "--format", "json", "--no-snapshots", "-q", a.toString(), "-");
        assertEquals(ExitCodes.OK, code);
        assertEquals(1, outWhenStdinOpened.size(), "standard input was read");
        String first = outWhenStdinOpened.get(0);
        assertTrue(first.startsWith("[{") && first.contains("a.pcap") && !first.contains("\"-\""),
                "output when standard input was first read: " + first.substring(0, Math.min(200, first.length())));
        List<Map<String, Object>> reports = (List<Map<String, Object>>) Json.parse(out.toString());
        assertEquals(2, reports.size());
    }

    @Test
    void checkTakesCaptureDirectoriesAndStandardInputLikeAnalyze(@TempDir Path tmp) throws IOException {
        Path a = generate(tmp.resolve("d/a.pcap"), 400, 12, GenSpec.DEFAULT_START_NANOS);
        Path b = generate(tmp.resolve("d/b.pcap"), 400, 13, GenSpec.DEFAULT_START_NANOS + SECOND);
        Files.writeString(tmp.resolve("d/notes.txt"), "skipped\n");
        Path rules = Files.writeString(tmp.resolve("rules.yaml"), """
                rules:
                  - {name: all_packets, task: by_protocol, aggregate: true, metric: packets, operator: "==",
                     threshold: %d}
                """.formatted(packetsAggregated(a.toString(), b.toString())));
        CliRun dir = CliRun.run("check", tmp.resolve("d").toString(), "--rules", rules.toString());
        assertEquals(ExitCodes.OK, dir.exitCode(), dir.out() + dir.err());
        CliRun mixed = CliRun.runWithStdin(Files.readAllBytes(b), "check", "-", a.toString(), "--rules",
                rules.toString());
        assertEquals(ExitCodes.OK, mixed.exitCode(), mixed.out() + mixed.err());
        CliRun one = CliRun.run("check", a.toString(), "--rules", rules.toString());
        assertEquals(ExitCodes.CHECK_FAILED, one.exitCode(), one.out() + one.err());
    }

    @SuppressWarnings("unchecked")
    private static long packetsAggregated(String... inputs) {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json", "--no-snapshots", "-q"));
        args.addAll(List.of(inputs));
        Map<String, Object> acc = (Map<String, Object>) Json.object(CliRun.run(args.toArray(String[]::new)).out())
                .get("accounting");
        return ((Number) acc.get("aggregated")).longValue();
    }

    static Path generate(Path file, long packets, long seed, long startNanos) throws IOException {
        GenSpec d = GenSpec.defaults(packets, seed);
        Files.createDirectories(file.getParent());
        new CaptureGenerator(new GenSpec(packets, seed, CaptureFormat.PCAP, 500, d.zipfExponent(), startNanos,
                d.packetsPerSecond(), d.snaplen())).writeFile(file);
        return file;
    }

    /** Runs analyze with 1 ms capture-clock windows and snapshots under {@code runs}; returns the JSON report. */
    private static Map<String, Object> analyze(Path runs, String... inputs) {
        List<String> args = new ArrayList<>(List.of("analyze", "--format", "json", "-q", "--snapshot-interval",
                "1ms", "-o", runs.toString()));
        args.addAll(List.of(inputs));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        return Json.object(run.out());
    }

    private static void assertSameCounts(Map<String, Object> expected, Map<String, Object> actual) {
        for (String k : List.of("totals", "accounting", "tasks")) {
            assertEquals(expected.get(k), actual.get(k), k);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> inputNames(Map<String, Object> report) {
        return ((List<Map<String, Object>>) report.get("inputs")).stream()
                .map(i -> Path.of((String) i.get("path")).getFileName().toString()).toList();
    }

    /** Returns the manifest's windows_cut, windows_written and late_packets of the one run under {@code runs}. */
    @SuppressWarnings("unchecked")
    private static List<Object> windowCounts(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            Path run = s.findFirst().orElseThrow();
            Map<String, Object> counts = (Map<String, Object>) Json.object(
                    Files.readString(run.resolve("manifest.json"))).get("counts");
            return List.of(counts.get("windows_cut"), counts.get("windows_written"), counts.get("late_packets"));
        }
    }
}
