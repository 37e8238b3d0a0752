package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One config with every task type (flows with {@code distinct:}, connections, heavy hitters, cardinality): each
 * feature's output is what it is alone, in every format, and snapshots of all three kinds go through show, merge and
 * check together.
 */
class ConnectionsWithSketchesCliTest {
    private static final String FLOWS = "    - {name: by_src, key_fields: [SrcIP], distinct: [DstPort]}\n";
    private static final String CONNECTIONS = "    - {name: conns, type: connections}\n";
    private static final String SKETCHES = """
                - {name: talkers, type: heavy_hitters, key_fields: [DstIP], k: 3}
                - {name: dsts, type: cardinality, key_fields: [DstIP]}
            """;

    @TempDir
    static Path tmp;
    static Path all;
    static Path flowsOnly;
    static Path connectionsOnly;
    static Path sketchesOnly;

    @BeforeAll
    static void configs() throws IOException {
        all = config("all.yaml", FLOWS + CONNECTIONS + SKETCHES);
        flowsOnly = config("flows.yaml", FLOWS);
        connectionsOnly = config("conns.yaml", CONNECTIONS);
        sketchesOnly = config("sketches.yaml", SKETCHES);
    }

    private static Path config(String name, String tasks) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, "aggregator:\n  snapshot_interval: 0\n  tasks:\n" + tasks);
        return p;
    }

    private static CliRun analyze(Path config, String format, String... more) {
        List<String> args = new ArrayList<>(List.of("analyze", "-q", "--format", format, "-c",
                config.toString()));
        args.addAll(List.of(more));
        args.add(SnapshotFixture.SAMPLE.toString());
        CliRun run = CliRun.run(args.toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        return run;
    }

    @Test
    void everyFeatureReportsInJsonWhatItReportsAlone() {
        Map<String, Object> both = Json.object(analyze(all, "json", "--no-snapshots").out());
        assertEquals(Json.object(analyze(flowsOnly, "json", "--no-snapshots").out()).get("tasks"), both.get("tasks"));
        assertEquals(Json.object(analyze(connectionsOnly, "json", "--no-snapshots").out()).get("connections"),
                both.get("connections"));
        Map<String, Object> sketches = Json.object(analyze(sketchesOnly, "json", "--no-snapshots").out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> mixed = (List<Map<String, Object>>) both.get("sketches");
        assertEquals(List.of("by_src", "talkers", "dsts"), mixed.stream().map(s -> s.get("name")).toList());
        assertEquals(sketches.get("sketches"), mixed.subList(1, 3));
    }

    @Test
    void csvAndNdjsonCarryFlowConnectionAndSketchRows() {
        String csv = analyze(all, "csv", "--no-snapshots").out();
        String header = csv.lines().findFirst().orElseThrow();
        assertTrue(header.contains(",orig_packets,orig_bytes,") && header.endsWith(",metric,estimate,lower_bound,"
                + "upper_bound,exact"), header);
        int columns = header.split(",", -1).length;
        csv.lines().forEach(l -> assertEquals(columns, l.split(",", -1).length, l));
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("conns,")), "connection rows");
        assertTrue(csv.lines().anyMatch(l -> l.startsWith("dsts,")), "sketch rows");
        String ndjson = analyze(all, "ndjson", "--no-snapshots").out();
        for (String type : List.of("\"type\":\"connections\"", "\"type\":\"heavy_hitters\"",
                "\"type\":\"cardinality\"")) {
            assertTrue(ndjson.contains(type), type);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void snapshotsOfAllKindsGoThroughShowMergeAndCheck() throws IOException {
        Path out = tmp.resolve("runs");
        analyze(all, "json", "-o", out.toString());
        try (Stream<Path> s = Files.walk(out)) {
            List<String> names = s.map(p -> p.getFileName().toString()).toList();
            for (String file : List.of("flows.nss", "connections.nss", "sketches.nss")) {
                assertTrue(names.contains(file), file);
            }
        }
        CliRun show = CliRun.run("show", out.toString(), "--format", "json");
        assertEquals(ExitCodes.OK, show.exitCode(), show.err());
        Map<String, Object> doc = Json.object(show.out());
        assertEquals(1, ((List<Object>) doc.get("tasks")).size());
        assertEquals(1, ((List<Object>) doc.get("connections")).size());
        assertEquals(3, ((List<Object>) doc.get("sketches")).size());

        Path merged = tmp.resolve("merged");
        CliRun merge = CliRun.run("merge", out.toString(), "-o", merged.toString());
        assertEquals(ExitCodes.OK, merge.exitCode(), merge.err());
        assertEquals(show.out(), CliRun.run("show", merged.toString(), "--format", "json").out());

        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - {name: conns_short, task: conns, metric: duration, operator: "<=", threshold: 1h}
                  - {name: few_ports, task: by_src, metric: distinct_DstPort, operator: "<=", threshold: 1000000}
                  - {name: few_dsts, task: dsts, metric: distinct_DstIP, operator: "<", threshold: 1}
                """);
        for (String input : List.of(out.toString(), SnapshotFixture.SAMPLE.toString())) {
            CliRun check = CliRun.run("check", input, "--rules", rules.toString(), "-c", all.toString());
            assertEquals(ExitCodes.CHECK_FAILED, check.exitCode(), check.err() + check.out());
            assertTrue(check.out().contains("PASS  conns_short"), check.out());
            assertTrue(check.out().contains("PASS  few_ports"), check.out());
            assertTrue(check.out().contains("FAIL  few_dsts"), check.out());
        }
    }
}
