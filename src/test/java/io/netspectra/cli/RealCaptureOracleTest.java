package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The main correctness test: every real capture in {@code ../shared/testdata/real} through {@code analyze}, compared
 * exactly with its tshark-derived oracle (totals and every row of all six default keyings).
 */
class RealCaptureOracleTest {
    private static final Map<String, String> TASK_TO_ORACLE = Map.of(
            "by_src_ip", "src_ip", "by_dst_ip", "dst_ip", "by_src_port", "src_port", "by_dst_port", "dst_port",
            "by_protocol", "protocol", "by_five_tuple", "five_tuple");

    @TestFactory
    Stream<DynamicTest> analyzeMatchesTsharkOracleOnEveryRealCapture() throws IOException {
        List<Path> captures = CliRun.realCaptureFiles();
        assertEquals(46, captures.size(), "number of real captures");
        return captures.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Path capture) throws IOException {
        Path oracleFile = capture.resolveSibling("oracle").resolve(capture.getFileName() + ".json");
        Map<String, Object> oracle = Json.object(Files.readString(oracleFile));
        CliRun run = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", capture.toString());
        boolean damaged = (Boolean) oracle.get("read_error");
        assertEquals(damaged ? ExitCodes.INPUT : ExitCodes.OK, run.exitCode(), run.err());
        Map<String, Object> report = Json.object(run.out());
        Map<String, Object> input = ((List<Map<String, Object>>) report.get("inputs")).get(0);
        assertEquals(damaged, input.get("damaged"), "damaged flag");

        Map<String, Object> expected = (Map<String, Object>) oracle.get("totals");
        Map<String, Object> actual = (Map<String, Object>) report.get("totals");
        for (String k : List.of("packets", "bytes", "ip_packets", "ip_bytes", "ipv4_packets", "ipv6_packets",
                "non_ip_packets", "non_ip_bytes", "first", "last")) {
            assertEquals(expected.get(k), actual.get(k), "totals." + k);
        }
        Map<String, Object> by = (Map<String, Object>) oracle.get("by");
        for (Map<String, Object> task : (List<Map<String, Object>>) report.get("tasks")) {
            String oracleName = TASK_TO_ORACLE.get((String) task.get("name"));
            Map<String, Object> table = (Map<String, Object>) by.get(oracleName);
            Map<String, String> want = new TreeMap<>();
            table.forEach((k, v) -> want.put(k, entry((Map<String, Object>) v)));
            Map<String, String> got = new TreeMap<>();
            for (Map<String, Object> row : (List<Map<String, Object>>) task.get("rows")) {
                got.put(oracleKey(oracleName, (Map<String, Object>) row.get("key")), entry(row));
            }
            assertEquals(want, got, oracleName);
            assertEquals((long) want.size(), task.get("flows"), oracleName + " flows");
        }
    }

    private static String entry(Map<String, Object> v) {
        return v.get("packets") + " " + v.get("bytes") + " " + v.get("first") + " " + v.get("last");
    }

    private static String oracleKey(String table, Map<String, Object> key) {
        return switch (table) {
            case "src_ip" -> (String) key.get("SrcIP");
            case "dst_ip" -> (String) key.get("DstIP");
            case "src_port" -> key.get("SrcPort").toString();
            case "dst_port" -> key.get("DstPort").toString();
            case "protocol" -> key.get("Protocol").toString();
            default -> {
                List<String> parts = new ArrayList<>();
                parts.add((String) key.get("SrcIP"));
                parts.add((String) key.get("DstIP"));
                parts.add(key.get("Protocol").toString());
                parts.add(key.get("SrcPort").toString());
                parts.add(key.get("DstPort").toString());
                yield String.join("|", parts);
            }
        };
    }
}
