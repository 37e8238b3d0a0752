package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sketches written by analyze, read back by show, merged by merge, tested by check; damaged files give one line. */
@Timeout(120)
class SketchSnapshotTest {
    private static final String CONFIG = """
            aggregator:
              snapshot_interval: 1h
              tasks:
                - name: by_src
                  key_fields: [SrcIP]
                  distinct: [DstIP]
                  exact_limit: 3
                - name: talkers
                  type: heavy_hitters
                  key_fields: [SrcIP, DstIP]
                  k: 3
                - name: dsts
                  type: cardinality
                  key_fields: [DstIP]
            """;

    @TempDir
    Path dir;

    private Path capture() {
        Path c = CliRun.realCaptures().resolve("ndpi_sites.pcapng");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(c), "missing " + c);
        return c;
    }

    /** Analyzes into {@code root} and returns the analyze JSON report. */
    private Map<String, Object> analyze(Path root) throws IOException {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, CONFIG);
        CliRun run = CliRun.run("analyze", "-q", "--format", "json", "-c", config.toString(), "-o", root.toString(),
                capture().toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        return Json.object(run.out());
    }

    private static List<Path> sketchFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("sketches.nss")).sorted().toList();
        }
    }

    @Test
    void showSumsStoredWindowsToWhatAnalyzeReported() throws IOException {
        Path root = dir.resolve("snap");
        Map<String, Object> report = analyze(root);
        assertTrue(sketchFiles(root).size() > 3, "one sketches.nss per task and window");
        CliRun show = CliRun.run("show", root.toString(), "--format", "json");
        assertEquals(ExitCodes.OK, show.exitCode(), show.err());
        Map<String, Object> shown = Json.object(show.out());
        // Distinct counts are unions, so the windows sum to exactly the run total; heavy hitters saw no purge here.
        assertEquals(report.get("sketches"), shown.get("sketches"));
    }

    @Test
    void showPrintsEstimatesWithBoundsInTable() throws IOException {
        Path root = dir.resolve("snap");
        analyze(root);
        CliRun show = CliRun.run("show", root.toString(), "--task", "dsts");
        assertEquals(ExitCodes.OK, show.exitCode(), show.err());
        assertTrue(show.out().contains("dsts distinct_DstIP (cardinality): exact up to 1,000"), show.out());
        assertTrue(show.out().contains("distinct_DstIP  lower  upper  exact"), show.out());
        assertTrue(show.out().contains("72     72     72  yes"), show.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void mergeUnitesDistinctCountsAndAddsHeavyHitterWeights() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Map<String, Object> report = analyze(a);
        analyze(b);
        Path out = dir.resolve("merged");
        CliRun merge = CliRun.run("merge", "-o", out.toString(), a.toString(), b.toString());
        assertEquals(ExitCodes.OK, merge.exitCode(), merge.err());
        Map<String, Object> shown = Json.object(CliRun.run("show", out.toString(), "--format", "json").out());
        Map<String, Map<String, Object>> before = byName((List<Map<String, Object>>) report.get("sketches"));
        Map<String, Map<String, Object>> after = byName((List<Map<String, Object>>) shown.get("sketches"));
        // The same traffic twice: the same distinct values, twice the weight.
        assertEquals(before.get("dsts").get("rows"), after.get("dsts").get("rows"));
        assertEquals(before.get("by_src").get("rows"), after.get("by_src").get("rows"));
        assertEquals(2 * ((Number) before.get("talkers").get("total")).longValue(),
                ((Number) after.get("talkers").get("total")).longValue());
        Map<String, Object> top = ((List<Map<String, Object>>) after.get("talkers").get("rows")).get(0);
        Map<String, Object> topBefore = ((List<Map<String, Object>>) before.get("talkers").get("rows")).get(0);
        assertEquals(topBefore.get("key"), top.get("key"));
        assertEquals(2 * ((Number) topBefore.get("estimate")).longValue(), ((Number) top.get("estimate")).longValue());
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> sketches) {
        Map<String, Map<String, Object>> out = new java.util.HashMap<>();
        sketches.forEach(s -> out.put((String) s.get("name"), s));
        return out;
    }

    @Test
    void checkTestsStoredSketches() throws IOException {
        Path root = dir.resolve("snap");
        analyze(root);
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - name: few_destinations
                    task: dsts
                    metric: distinct_DstIP
                    operator: "<"
                    threshold: 50
                  - name: no_big_talker
                    task: talkers
                    metric: bytes
                    operator: "<"
                    threshold: 1MB
                """);
        CliRun run = CliRun.run("check", "--rules", rules.toString(), root.toString());
        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run.err());
        assertTrue(run.out().contains("FAIL  few_destinations"), run.out());
        assertTrue(run.out().contains("all keys (exact): distinct_DstIP 72"), run.out());
        assertTrue(run.out().contains("PASS  no_big_talker"), run.out());
    }

    @Test
    void checkRejectsADistinctRuleOnATaskWithoutThatSketch() throws IOException {
        Path root = dir.resolve("snap");
        analyze(root);
        Path rules = dir.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - name: ports
                    task: by_src
                    metric: distinct_DstPort
                    operator: "<"
                    threshold: 50
                """);
        CliRun run = CliRun.run("check", "--rules", rules.toString(), root.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.out());
        assertEquals(rules + ":2: rule ports: task by_src (flows) reports distinct_DstIP, not distinct_DstPort\n",
                run.err().replace("ns-cli: ", ""));
    }

    @Test
    void truncatedSketchFileGivesOneLineAndExit3() throws IOException {
        Path root = dir.resolve("snap");
        analyze(root);
        Path file = sketchFiles(root).get(0);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        CliRun run = CliRun.run("show", root.toString());
        assertEquals(ExitCodes.INPUT, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(file + ": corrupt snapshot: body length: expected "), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void damagedSketchInsideAValidFileGivesOneLineAndExit3() throws IOException {
        Path root = dir.resolve("snap");
        analyze(root);
        Path file = sketchFiles(root).stream().filter(p -> p.getParent().getFileName().toString().equals("dsts"))
                .findFirst().orElseThrow();
        // Rewrite the one counter's mode byte (the last blob ends the file) through a fresh, valid header.
        byte[] bytes = Files.readAllBytes(file);
        int modeAt = findLastExactCounter(bytes);
        bytes[modeAt] = 9;
        fixCrc(bytes);
        Files.write(file, bytes);
        CliRun run = CliRun.run("show", root.toString());
        assertEquals(ExitCodes.INPUT, run.exitCode(), run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("corrupt sketch: distinct counter mode 9, expected 0 or 1"), run.err());
    }

    /** Returns the offset of the mode byte of a file's single exact counter: count then values end the file. */
    private static int findLastExactCounter(byte[] file) {
        for (int n = 0; n < 100_000; n++) {
            int at = file.length - 8 * n - 5;
            if (at < 32) {
                break;
            }
            int count = java.nio.ByteBuffer.wrap(file, at + 1, 4).getInt();
            if (file[at] == 0 && count == n) {
                return at;
            }
        }
        throw new AssertionError("no exact counter found");
    }

    private static void fixCrc(byte[] file) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(file, 32, file.length - 32);
        java.nio.ByteBuffer.wrap(file).putInt(24, (int) crc.getValue());
    }
}
