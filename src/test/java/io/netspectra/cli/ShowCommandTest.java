package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ShowCommandTest {

    private static CliRun show(Object... args) {
        String[] a = new String[args.length + 1];
        a[0] = "show";
        for (int i = 0; i < args.length; i++) {
            a[i + 1] = args[i].toString();
        }
        return CliRun.run(a);
    }

    @Test
    void printsTopKeysOfOneTaskAsTable(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "10ms", SnapshotFixture.SAMPLE);
        CliRun r = show(run, "--task", "by_dst_port", "--top", "5");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("show-table.txt", r.out());
    }

    @Test
    void printsFilteredRowsAsCsvWithHeader(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "10ms", SnapshotFixture.SAMPLE);
        CliRun r = show(run, "--where", "Protocol=udp,bytes>=10KB", "--top", "3", "--format", "csv");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("show-csv.txt", r.out());
    }

    @Test
    void printsOneJsonDocument(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "10ms", SnapshotFixture.SAMPLE);
        CliRun r = show(run, "--task", "by_protocol", "--format", "json");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("show-json.txt", r.out());
        assertEquals("netspectra-show/1", Json.object(r.out()).get("format"));
    }

    @Test
    void printsOneJsonObjectPerLineSortedByPackets(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "10ms", SnapshotFixture.SAMPLE);
        CliRun r = show(run, "--where", "DstPort=443 and SrcIP=0.0.0.0/0", "--sort", "packets", "--top", "2",
                "--format", "ndjson");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("show-ndjson.txt", r.out());
        for (String line : r.out().split("\n")) {
            assertTrue(Json.object(line).containsKey("window_start"), line);
        }
    }

    @Test
    void selectsWindowsOverlappingFromTo(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "10ms", SnapshotFixture.SAMPLE);
        CliRun r = show(run, "--task", "by_protocol", "--from", "2024-03-01T12:00:00.010Z", "--to",
                "1709294400.030000000");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("show-from-to.txt", r.out());
        assertTrue(r.out().contains("2 windows 2024-03-01T12:00:00.010Z .. 2024-03-01T12:00:00.030Z"), r.out());
    }

    @Test
    void readsAWindowFolderATaskFolderAndTheLatestRunOfAStorageRoot(@TempDir Path root) throws IOException {
        Path first = SnapshotFixture.analyze(root, "10ms", SnapshotFixture.SAMPLE);
        CliRun all = show(first, "--task", "by_protocol", "--from", "1709294400", "--to", "1709294400.01",
                "--format", "csv");
        Path window = first.resolve("2024-03-01T12-00-00Z");
        assertEquals(all.out(), show(window, "--task", "by_protocol", "--format", "csv").out());
        assertEquals(all.out(), show(window.resolve("by_protocol"), "--format", "csv").out());

        Path capture = Files.createTempFile(root, "short", ".pcap");
        Files.write(capture, Files.readAllBytes(SnapshotFixture.SAMPLE));
        CliRun second = CliRun.run("analyze", "-q", "--snapshot-interval=0", "-o", root.toString(),
                "--format", "json", capture.toString());
        assertEquals(ExitCodes.OK, second.exitCode(), second.err());
        Path latest;
        try (Stream<Path> s = Files.list(root)) {
            latest = s.filter(p -> p.getFileName().toString().startsWith("run-")).filter(p -> !p.equals(first))
                    .findFirst().orElseThrow();
        }
        assertEquals(show(latest, "--format", "csv").out(), show(root, "--format", "csv").out());
        assertTrue(show(root, "--task", "by_protocol").out().contains("; 1 window "));
    }

    @Test
    void listsTasksInTheOrderTheRunConfiguredThem(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "10ms", SnapshotFixture.SAMPLE);
        CliRun r = show(run, "--top", "0", "--format", "json");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) Json.object(r.out()).get("tasks");
        assertEquals(List.of("by_src_ip", "by_dst_ip", "by_src_port", "by_dst_port", "by_protocol", "by_five_tuple"),
                tasks.stream().map(t -> t.get("name")).toList());
        assertTrue(tasks.stream().allMatch(t -> ((List<?>) t.get("rows")).isEmpty()), "--top 0 prints no rows");
    }

    @Test
    void ordersByEveryOfferedSort(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "10ms", SnapshotFixture.SAMPLE);
        for (String sort : List.of("bytes", "packets", "duration", "first", "key")) {
            CliRun r = show(run, "--task", "by_src_port", "--sort", sort, "--format", "json");
            assertEquals(ExitCodes.OK, r.exitCode(), r.err());
            List<Map<String, Object>> rows = rows(Json.object(r.out()), 0);
            for (int i = 1; i < rows.size(); i++) {
                Map<String, Object> a = rows.get(i - 1);
                Map<String, Object> b = rows.get(i);
                boolean ordered = switch (sort) {
                    case "bytes" -> (Long) a.get("bytes") >= (Long) b.get("bytes");
                    case "packets" -> (Long) a.get("packets") >= (Long) b.get("packets");
                    case "duration" -> ((String) a.get("duration")).compareTo((String) b.get("duration")) >= 0
                            || ((String) a.get("duration")).length() > ((String) b.get("duration")).length();
                    case "first" -> ((String) a.get("first")).compareTo((String) b.get("first")) <= 0;
                    default -> (Long) key(a, "SrcPort") < (Long) key(b, "SrcPort");
                };
                assertTrue(ordered, sort + " at row " + i + ": " + a + " then " + b);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DstPort=", "DstPort=70000", "Protocol=tcpx", "SrcIP>10.0.0.0/8", "SrcIP=10.0.0.0/33",
        "SrcIP=example.com", "Colour=red", "bytes>=1XB", "packets>lots", "DstPort=443,,bytes>1"})
    void rejectsABadWhereExpressionWithExitTwo(String expr, @TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "0", SnapshotFixture.SAMPLE);
        CliRun r = show(run, "--where", expr);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("ns-cli: bad "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void pinsTheBadWhereMessage(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "0", SnapshotFixture.SAMPLE);
        CliRun r = show(run, "--where", "DstPort=443 and Colour=red");
        assertEquals(ExitCodes.USAGE, r.exitCode());
        Golden.assertMatches("show-bad-where.err", r.err());
    }

    @Test
    void rejectsAWhereOnKeyFieldsTheTaskLacks(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "0", SnapshotFixture.SAMPLE);
        CliRun r = show(run, "--task", "by_src_ip", "--where", "DstPort=443");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        CliRun all = show(run, "--where", "DstPort=443", "--format", "csv");
        assertEquals(ExitCodes.OK, all.exitCode(), all.err());
        assertTrue(all.out().lines().skip(1).allMatch(l -> l.startsWith("by_dst_port,")
                || l.startsWith("by_five_tuple,")), all.out());
    }

    @Test
    void rejectsBadTimesAndUnknownTasksWithExitTwo(@TempDir Path root) {
        Path run = SnapshotFixture.analyze(root, "0", SnapshotFixture.SAMPLE);
        CliRun time = show(run, "--from", "yesterday");
        assertEquals(ExitCodes.USAGE, time.exitCode());
        assertTrue(time.err().startsWith("ns-cli: bad --from 'yesterday', expected epoch seconds"), time.err());
        CliRun task = show(run, "--task", "by_mac");
        assertEquals(ExitCodes.USAGE, task.exitCode());
        assertTrue(task.err().contains("no task 'by_mac'"), task.err());
        assertEquals(ExitCodes.USAGE, show(run, "--sort", "colour").exitCode());
    }

    @Test
    void reportsAMissingFolderWithExitThree(@TempDir Path root) {
        CliRun r = show(root.resolve("nope"));
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals("ns-cli: " + root.resolve("nope") + ": no such snapshot folder\n", r.err());
        CliRun empty = show(root);
        assertEquals(ExitCodes.INPUT, empty.exitCode());
        assertTrue(empty.err().contains("no snapshot files"), empty.err());
    }

    @Test
    void reportsACorruptOrTruncatedSnapshotInOneLineWithExitThree(@TempDir Path root) throws IOException {
        Path run = SnapshotFixture.analyze(root, "10ms", SnapshotFixture.SAMPLE);
        Path file = run.resolve("2024-03-01T12-00-00.01Z/by_protocol/flows.nss");
        byte[] data = Files.readAllBytes(file);
        data[data.length - 2] ^= 1;
        Files.write(file, data);
        CliRun corrupt = show(run);
        assertEquals(ExitCodes.INPUT, corrupt.exitCode());
        Golden.assertMatches("show-corrupt.err", Golden.scrub(corrupt.err(), root));

        Files.write(file, java.util.Arrays.copyOf(data, 40));
        CliRun cut = show(run);
        assertEquals(ExitCodes.INPUT, cut.exitCode());
        Golden.assertMatches("show-truncated.err", Golden.scrub(cut.err(), root));

        Files.writeString(file, "hello");
        CliRun text = show(run, "--task", "by_protocol");
        assertEquals(ExitCodes.INPUT, text.exitCode());
        assertEquals(1, text.err().lines().count(), text.err());
        assertTrue(text.err().contains("corrupt snapshot"), text.err());
        assertFalse(text.err().contains("\tat "), "no stack trace");
    }

    /** Summing a real capture's windows gives exactly the analyze report's rows, in the same order. */
    @ParameterizedTest
    @ValueSource(strings = {"ndpi_whatsapp_login_call.pcap", "ndpi_sites.pcapng", "zeek_mixed-vlan-mpls.pcap",
        "gopacket_be_test100.pcapng"})
    void showOfAllWindowsEqualsTheAnalyzeReportOnRealCaptures(String name, @TempDir Path root) {
        Path capture = CliRun.realCaptures().resolve(name);
        assumeTrue(Files.exists(capture), "real captures not present: " + capture);
        CliRun analyze = CliRun.run("analyze", "-q", "--format", "json", "--snapshot-interval", "1s", "-o",
                root.toString(), capture.toString());
        assertEquals(ExitCodes.OK, analyze.exitCode(), analyze.err());
        Path run = SnapshotFixture.onlyRun(root);
        Map<String, Object> report = Json.object(analyze.out());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) report.get("tasks");
        for (Map<String, Object> task : tasks) {
            CliRun r = show(run, "--task", task.get("name"), "--format", "json");
            assertEquals(ExitCodes.OK, r.exitCode(), r.err());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Map<String, Object> row : rows(Json.object(r.out()), 0)) {
                row.remove("window_start");
                row.remove("window_end");
                rows.add(row);
            }
            assertEquals(task.get("rows"), rows, name + " " + task.get("name"));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> doc, int task) {
        List<Map<String, Object>> tasks = (List<Map<String, Object>>) doc.get("tasks");
        return (List<Map<String, Object>>) tasks.get(task).get("rows");
    }

    @SuppressWarnings("unchecked")
    private static Object key(Map<String, Object> row, String field) {
        return ((Map<String, Object>) row.get("key")).get(field);
    }
}
