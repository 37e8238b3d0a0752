package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sketch estimates on every real capture against truth taken from its tshark oracle (the five-tuple table), not
 * from ns-cli: distinct destinations per source, distinct destinations overall, and the heaviest (source,
 * destination) pairs by bytes. Sketch sizes are set small so HyperLogLog and frequent-items purges are exercised.
 */
class SketchRealCaptureTest {
    private static final String CONFIG = """
            aggregator:
              tasks:
                - name: by_src
                  key_fields: [SrcIP]
                  distinct: [DstIP]
                  exact_limit: 4
                  lg_k: 8
                - name: dst_count
                  type: cardinality
                  key_fields: [DstIP]
                  exact_limit: 8
                  lg_k: 8
                - name: talkers
                  type: heavy_hitters
                  key_fields: [SrcIP, DstIP]
                  k: 5
                  lg_k: 4
            """;

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> sketchesAgreeWithTsharkTruthOnEveryRealCapture() throws IOException {
        List<Path> captures = CliRun.realCaptureFiles();
        assertEquals(46, captures.size(), "number of real captures");
        return captures.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    @SuppressWarnings("unchecked")
    private void check(Path capture) throws IOException {
        Path config = dir.resolve("sketches.yaml");
        Files.writeString(config, CONFIG);
        Path oracleFile = capture.resolveSibling("oracle").resolve(capture.getFileName() + ".json");
        Map<String, Object> oracle = Json.object(Files.readString(oracleFile));
        Map<String, Object> by = (Map<String, Object>) oracle.get("by");
        Map<String, Set<String>> dstsPerSrc = new HashMap<>();
        Map<String, Long> pairBytes = new HashMap<>();
        ((Map<String, Object>) by.get("five_tuple")).forEach((k, v) -> {
            String[] parts = k.split("\\|");
            dstsPerSrc.computeIfAbsent(parts[0], s -> new HashSet<>()).add(parts[1]);
            pairBytes.merge(parts[0] + " " + parts[1], ((Number) ((Map<String, Object>) v).get("bytes")).longValue(),
                    Long::sum);
        });
        CliRun run = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", "--allow-damaged", "-c",
                config.toString(), capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, Object> report = Json.object(run.out());

        List<Map<String, Object>> perSrc = rows(SketchTraffic.task(report, "sketches", "by_src"));
        assertEquals(dstsPerSrc.size(), perSrc.size(), "sources");
        for (Map<String, Object> row : perSrc) {
            String src = key(row, "SrcIP");
            assertWithin(dstsPerSrc.get(src).size(), row, "distinct DstIP of " + src);
        }

        Map<String, Object> card = rows(SketchTraffic.task(report, "sketches", "dst_count")).get(0);
        assertWithin(((Map<String, Object>) by.get("dst_ip")).size(), card, "distinct DstIP");

        List<Map<String, Object>> talkers = rows(SketchTraffic.task(report, "sketches", "talkers"));
        assertEquals(Math.min(5, pairBytes.size()), talkers.size(), "talkers reported");
        for (Map<String, Object> row : talkers) {
            String pair = key(row, "SrcIP") + " " + key(row, "DstIP");
            assertWithin(pairBytes.get(pair), row, "bytes of " + pair);
        }
        // The sketch guarantees: a pair heavier than the maximum error is reported, and estimates never undercount.
        // So the heaviest pair is among the top k, unless it is no heavier than the error or k others outrank it.
        if (pairBytes.isEmpty()) {
            return;
        }
        long maxError = ((Number) SketchTraffic.task(report, "sketches", "talkers").get("max_error")).longValue();
        String heaviest = pairBytes.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        long weight = pairBytes.get(heaviest);
        boolean found = talkers.stream().anyMatch(r -> (key(r, "SrcIP") + " " + key(r, "DstIP")).equals(heaviest));
        boolean outranked = talkers.size() == 5
                && talkers.stream().allMatch(r -> ((Number) r.get("estimate")).longValue() >= weight);
        assertTrue(found || weight <= maxError || outranked, "heaviest pair " + heaviest + " (" + weight
                + " bytes, max error " + maxError + ") not in " + talkers);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> task) {
        return (List<Map<String, Object>>) task.get("rows");
    }

    @SuppressWarnings("unchecked")
    private static String key(Map<String, Object> row, String field) {
        return ((Map<String, Object>) row.get("key")).get(field).toString();
    }

    private static void assertWithin(long truth, Map<String, Object> row, String what) {
        long lower = ((Number) row.get("lower_bound")).longValue();
        long upper = ((Number) row.get("upper_bound")).longValue();
        assertTrue(lower <= truth && truth <= upper, what + ": truth " + truth + " outside " + row);
        if ((Boolean) row.get("exact")) {
            assertEquals(truth, ((Number) row.get("estimate")).longValue(), what + " marked exact");
        }
    }
}
