package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sketch estimates against the truth on generated traffic: a port scan and a fan-in over background traffic. The
 * truth comes twice: from the attack parameters, and from exact flows tasks of the same run.
 */
@Timeout(180)
class SketchAccuracyTest {
    @TempDir
    static Path dir;
    private static List<Path> captures;
    private static Map<String, Object> report;

    @BeforeAll
    static void analyze() {
        captures = SketchTraffic.write(dir);
        List<String> args = new ArrayList<>(List.of("analyze", "-q", "--no-snapshots", "--format", "json", "-c",
                dir.resolve("sketches.yaml").toString()));
        captures.forEach(p -> args.add(p.toString()));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        report = Json.object(run.out());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> task) {
        return (List<Map<String, Object>>) task.get("rows");
    }

    @SuppressWarnings("unchecked")
    private static String key(Map<String, Object> row, String field) {
        return ((Map<String, Object>) row.get("key")).get(field).toString();
    }

    private static long num(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    /** Per value of {@code keyField}, the distinct values of {@code valueFields} in an exact task's rows. */
    private static Map<String, Set<String>> exactDistinct(String task, String keyField, String... valueFields) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Map<String, Object> row : rows(SketchTraffic.task(report, "tasks", task))) {
            StringBuilder v = new StringBuilder();
            for (String f : valueFields) {
                v.append(key(row, f)).append('|');
            }
            out.computeIfAbsent(key(row, keyField), k -> new HashSet<>()).add(v.toString());
        }
        return out;
    }

    private static void assertWithinBounds(long truth, Map<String, Object> row, String what) {
        assertTrue(num(row, "lower_bound") <= truth && truth <= num(row, "upper_bound"),
                what + ": truth " + truth + " outside " + row);
        if ((Boolean) row.get("exact")) {
            assertEquals(truth, num(row, "estimate"), what + " is marked exact");
        }
    }

    @Test
    void portScannerDistinctDestinationsLieWithinBoundsOfTheTruth() {
        Map<String, Set<String>> truth = exactDistinct("exact_src_dst_port", "SrcIP", "DstIP", "DstPort");
        assertEquals(SketchTraffic.SCAN_HOSTS * SketchTraffic.SCAN_PORTS, truth.get(SketchTraffic.SCANNER).size());
        List<Map<String, Object>> rows = rows(SketchTraffic.task(report, "sketches", "scanners"));
        assertEquals(truth.size(), rows.size(), "one row per source");
        for (Map<String, Object> row : rows) {
            assertWithinBounds(truth.get(key(row, "SrcIP")).size(), row, "SrcIP " + key(row, "SrcIP"));
        }
        Map<String, Object> top = rows.get(0);
        assertEquals(SketchTraffic.SCANNER, key(top, "SrcIP"), "the scanner leads");
        assertFalse((Boolean) top.get("exact"), "8000 values are past the exact limit of 1000");
        long estimate = num(top, "estimate");
        assertTrue(Math.abs(estimate - 8000) < 8000 * 0.05, "estimate " + estimate);
    }

    @Test
    void fanInDistinctSourcesLieWithinBoundsOfTheTruth() {
        Map<String, Set<String>> truth = exactDistinct("exact_dst_src", "DstIP", "SrcIP");
        assertEquals(SketchTraffic.FAN_IN_SOURCES, truth.get(SketchTraffic.VICTIM).size());
        List<Map<String, Object>> rows = rows(SketchTraffic.task(report, "sketches", "fan_in"));
        assertEquals(truth.size(), rows.size());
        for (Map<String, Object> row : rows) {
            assertWithinBounds(truth.get(key(row, "DstIP")).size(), row, "DstIP " + key(row, "DstIP"));
        }
        assertEquals(SketchTraffic.VICTIM, key(rows.get(0), "DstIP"), "the victim leads");
    }

    @Test
    void cardinalityOfDestinationsLiesWithinBoundsOfTheExactKeyCount() {
        Map<String, Object> exact = SketchTraffic.task(report, "tasks", "exact_dst_src");
        Set<String> dsts = new HashSet<>();
        rows(exact).forEach(r -> dsts.add(key(r, "DstIP")));
        Map<String, Object> card = SketchTraffic.task(report, "sketches", "dst_count");
        assertEquals("distinct_DstIP", card.get("metric"));
        Map<String, Object> row = rows(card).get(0);
        assertFalse((Boolean) row.get("exact"), dsts.size() + " destinations are past the exact limit");
        assertWithinBounds(dsts.size(), row, "distinct DstIP");
    }

    @Test
    void heavyHittersFindTheFanInVictimWithTrueCountsWithinBounds() {
        Map<String, Long> packets = new HashMap<>();
        for (Map<String, Object> row : rows(SketchTraffic.task(report, "tasks", "exact_dst_src"))) {
            packets.merge(key(row, "DstIP"), num(row, "packets"), Long::sum);
        }
        Map<String, Object> hh = SketchTraffic.task(report, "sketches", "top_dsts");
        List<Map<String, Object>> rows = rows(hh);
        assertEquals(5, rows.size());
        assertEquals(SketchTraffic.VICTIM, key(rows.get(0), "DstIP"));
        assertEquals(SketchTraffic.FAN_IN_SOURCES * SketchTraffic.FAN_IN_PACKETS_EACH,
                packets.get(SketchTraffic.VICTIM));
        for (Map<String, Object> row : rows) {
            assertWithinBounds(packets.get(key(row, "DstIP")), row, "DstIP " + key(row, "DstIP"));
        }
        long total = packets.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(total, num(hh, "total"), "the sketch saw every packet");
        // Purges happened: a map of 2^6 counters cannot hold every destination, so some bounds are not exact.
        assertTrue(num(hh, "keys") <= 48, "active keys " + hh.get("keys"));
        assertTrue(packets.size() > 48, "destinations " + packets.size());
    }

    @Test
    void memoryPerSketchTaskStaysWithinTheConfiguredSize() {
        // cardinality, lg_k 12: HLL_4 registers 2^12/2 bytes + preamble and exceptions.
        assertTrue(num(SketchTraffic.task(report, "sketches", "dst_count"), "stored_bytes") <= 2048 + 200);
        // heavy hitters, lg_k 6: at most 48 items, each a 16-byte key (two words) and an 8-byte count, and a preamble.
        long hh = num(SketchTraffic.task(report, "sketches", "top_dsts"), "stored_bytes");
        assertTrue(hh <= 48L * (16 + 8 + 8) + 64, "heavy hitters stored " + hh);
    }

    @Test
    void checkRuleOnDistinctCountFlagsTheScannerOnly() throws Exception {
        Path rules = dir.resolve("rules.yaml");
        java.nio.file.Files.writeString(rules, """
                rules:
                  - name: no_scanners
                    task: scanners
                    metric: distinct_DstIP_DstPort
                    operator: "<="
                    threshold: 1000
                """);
        List<String> args = new ArrayList<>(List.of("check", "--rules", rules.toString(), "-c",
                dir.resolve("sketches.yaml").toString()));
        captures.forEach(p -> args.add(p.toString()));
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.CHECK_FAILED, run.exitCode(), run.err());
        assertTrue(run.out().contains("SrcIP=" + SketchTraffic.SCANNER + " (estimate; bounds "), run.out());
        assertTrue(run.out().contains("1 of "), run.out());
    }
}
