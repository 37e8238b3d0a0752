package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections tasks end to end on a generated capture (pcapgen, 20,000 packets at 20 per second: about 17 minutes,
 * so idle and active timeouts fire): determinism at any worker count and window length, every packet in exactly one
 * record, snapshots read back by {@code show} (with --where and --sort), {@code check} rules on connection metrics,
 * and keyed flow output unchanged by an added connections task.
 */
class ConnectionsCliTest {
    @TempDir
    static Path tmp;
    static Path capture;
    static Path config;
    static Path flowsOnly;

    @BeforeAll
    static void generate() throws IOException {
        capture = tmp.resolve("gen.pcap");
        CliRun gen = CliRun.run("pcapgen", "-n", "20000", "--seed", "7", "--rate", "20", "--flows", "300", "-o",
                capture.toString());
        assertEquals(ExitCodes.OK, gen.exitCode(), gen.err());
        config = tmp.resolve("c.yaml");
        Files.writeString(config, """
                aggregator:
                  tasks:
                    - {name: by_five_tuple, key_fields: [SrcIP, DstIP, SrcPort, DstPort, Protocol]}
                    - {name: conns, type: connections}
                    - {name: short, type: connections, idle_timeout: 10s, active_timeout: 0}
                """);
        flowsOnly = tmp.resolve("f.yaml");
        Files.writeString(flowsOnly, """
                aggregator:
                  tasks:
                    - {name: by_five_tuple, key_fields: [SrcIP, DstIP, SrcPort, DstPort, Protocol]}
                """);
    }

    private static Map<String, Object> json(String... args) {
        List<String> all = new ArrayList<>(List.of("analyze", "-q", "--no-snapshots", "--format", "json"));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(all.toArray(String[]::new));
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        return Json.object(run.out());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> connections(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("connections");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> task) {
        return (List<Map<String, Object>>) task.get("rows");
    }

    @Test
    @Timeout(300)
    void sameConnectionsAtAnyWorkerCountAndSnapshotInterval() {
        String reference = null;
        for (String workers : new String[] {"1", "2", "4"}) {
            for (String interval : new String[] {"0", "1s", "30s", "7m"}) {
                CliRun run = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "json", "-c", config.toString(),
                        "--workers", workers, "--snapshot-interval", interval, capture.toString());
                assertEquals(ExitCodes.OK, run.exitCode(), run.err());
                String section = run.out().substring(run.out().indexOf("\"connections\""));
                if (reference == null) {
                    reference = section;
                } else {
                    assertEquals(reference, section, "workers " + workers + ", interval " + interval);
                }
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ndpi_sites.pcapng", "ndpi_whatsapp_login_call.pcap",
        "ndpi_wechat.pcap", "suricata_bug-1450-04.pcap"})
    @Timeout(120)
    void sameConnectionsOnRealCapturesAtAnyWorkerCountAndSnapshotInterval(String name) {
        Path real = CliRun.realCaptures().resolve(name);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(real), "missing " + real);
        String reference = null;
        for (String workers : new String[] {"1", "4"}) {
            for (String interval : new String[] {"0", "1s", "30s"}) {
                CliRun run = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "json", "--allow-damaged",
                        "-c", config.toString(), "--workers", workers, "--snapshot-interval", interval,
                        real.toString());
                assertEquals(ExitCodes.OK, run.exitCode(), run.err());
                String section = run.out().substring(run.out().indexOf("\"connections\""));
                if (reference == null) {
                    reference = section;
                } else {
                    assertEquals(reference, section, name + ": workers " + workers + ", interval " + interval);
                }
            }
        }
    }

    @Test
    void everyPacketIsInExactlyOneRecordAndTimeoutsSplit() {
        Map<String, Object> report = json("-c", config.toString(), capture.toString());
        long ip = ((Number) ((Map<?, ?>) report.get("totals")).get("ip_packets")).longValue();
        for (Map<String, Object> task : connections(report)) {
            long packets = 0;
            for (Map<String, Object> row : rows(task)) {
                long orig = ((Number) row.get("orig_packets")).longValue();
                long resp = ((Number) row.get("resp_packets")).longValue();
                assertEquals(orig + resp, ((Number) row.get("packets")).longValue());
                packets += orig + resp;
                assertTrue(((String) row.get("community_id")).startsWith("1:"));
            }
            assertEquals(ip, packets, "task " + task.get("name"));
            assertEquals(ip, ((Number) task.get("packets")).longValue());
            assertEquals((long) rows(task).size(), ((Number) task.get("connections")).longValue());
        }
        Map<?, ?> defaults = (Map<?, ?>) connections(report).get(0).get("end_reasons");
        assertTrue(((Number) defaults.get("active")).longValue() > 0, "active splits: " + defaults);
        assertTrue(((Number) defaults.get("idle")).longValue() > 0, "idle ends: " + defaults);
        Map<?, ?> shortIdle = (Map<?, ?>) connections(report).get(1).get("end_reasons");
        assertEquals(0L, ((Number) shortIdle.get("active")).longValue());
        assertTrue(((Number) connections(report).get(1).get("connections")).longValue()
                > ((Number) connections(report).get(0).get("connections")).longValue());
    }

    @Test
    void flowTasksAreUnchangedByAConnectionsTask() {
        CliRun with = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "json", "-c", config.toString(),
                capture.toString());
        CliRun without = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "json", "-c",
                flowsOnly.toString(), capture.toString());
        String withTasks = with.out().substring(0, with.out().indexOf("\"connections\""));
        String withoutTasks = without.out().substring(0, without.out().lastIndexOf(']') + 1);
        assertEquals(withoutTasks, withTasks.substring(0, withTasks.lastIndexOf(']') + 1));
        assertFalse(without.out().contains("\"connections\""));
    }

    @Test
    void csvAndNdjsonCarryConnectionRows() {
        CliRun csv = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "csv", "--top", "3", "-c",
                config.toString(), capture.toString());
        String[] lines = csv.out().split("\n");
        assertEquals("task,SrcIP,DstIP,SrcPort,DstPort,Protocol,packets,bytes,first,last,duration,orig_packets,"
                + "orig_bytes,resp_packets,resp_bytes,orig_flags,resp_flags,end_reason,community_id", lines[0]);
        assertEquals(1 + 3 * 3, lines.length);
        assertTrue(lines[1].endsWith(",,,,,,,,"), lines[1]);
        assertTrue(lines[4].startsWith("conns,"), lines[4]);
        assertEquals(19, lines[4].split(",", -1).length, lines[4]);
        CliRun ndjson = CliRun.run("analyze", "-q", "--no-snapshots", "--format", "ndjson", "--top", "2", "-c",
                config.toString(), capture.toString());
        List<String> conn = ndjson.out().lines().filter(l -> l.contains("\"type\":\"connections\"")).toList();
        assertEquals(4, conn.size());
        Map<String, Object> first = Json.object(conn.get(0));
        assertEquals("conns", first.get("task"));
        assertTrue(first.containsKey("end_reason") && first.containsKey("orig_bytes"));
        CliRun table = CliRun.run("analyze", "-q", "--no-snapshots", "-c", config.toString(), capture.toString());
        assertTrue(table.out().contains("\nconns: "), table.out());
        assertTrue(table.out().endsWith("\n"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void snapshotsHoldEveryRecordAndShowAndCheckReadThem() throws IOException {
        Path out = tmp.resolve("runs");
        CliRun run = CliRun.run("analyze", "-q", "--format", "json", "-c", config.toString(), "--snapshot-interval",
                "1m", "-o", out.toString(), capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<Map<String, Object>> analyzed = rows(connections(Json.object(run.out())).get(0));
        try (Stream<Path> s = Files.walk(out)) {
            assertTrue(s.filter(p -> p.getFileName().toString().equals("connections.nss")).count() > 5);
        }
        CliRun show = CliRun.run("show", out.toString(), "--task", "conns", "--format", "json");
        assertEquals(ExitCodes.OK, show.exitCode(), show.err());
        Map<String, Object> doc = Json.object(show.out());
        assertEquals(List.of(), doc.get("tasks"));
        List<Map<String, Object>> shown = rows(connections(doc).get(0));
        assertEquals(analyzed.size(), shown.size());
        // The same records, in the same (bytes) order; show adds the window each was written in.
        for (int i = 0; i < shown.size(); i++) {
            Map<String, Object> row = new java.util.LinkedHashMap<>(shown.get(i));
            assertNotEquals(null, row.remove("window_start"));
            row.remove("window_end");
            assertEquals(analyzed.get(i), row, "row " + i);
        }
        CliRun where = CliRun.run("show", out.toString(), "--where", "Protocol=tcp, orig_bytes>=100KB",
                "--sort", "duration", "--format", "ndjson");
        assertEquals(ExitCodes.OK, where.exitCode(), where.err());
        List<String> lines = where.out().lines().toList();
        assertFalse(lines.isEmpty());
        long previous = Long.MAX_VALUE;
        String task = null;
        for (String line : lines) {
            Map<String, Object> row = Json.object(line);
            if (!row.get("task").equals(task)) {
                task = (String) row.get("task");
                previous = Long.MAX_VALUE;
            }
            assertEquals(6L, ((Number) ((Map<String, Object>) row.get("key")).get("Protocol")).longValue());
            assertTrue(((Number) row.get("orig_bytes")).longValue() >= 100_000);
            String[] d = ((String) row.get("duration")).split("\\.");
            long nanos = Long.parseLong(d[0]) * 1_000_000_000L + Long.parseLong(d[1]);
            assertTrue(nanos <= previous);
            previous = nanos;
        }
        CliRun flowsOnlyWhere = CliRun.run("show", out.toString(), "--task", "by_five_tuple", "--where",
                "resp_bytes>1");
        assertEquals(ExitCodes.USAGE, flowsOnlyWhere.exitCode(), flowsOnlyWhere.err());

        Path rules = tmp.resolve("rules.yaml");
        Files.writeString(rules, """
                rules:
                  - {name: short_conns, task: conns, metric: duration, operator: "<=", threshold: 5m}
                  - {name: big_download, task: conns, where: Protocol=tcp, metric: resp_bytes, operator: "<",
                     threshold: 200KB}
                  - {name: some_conns, task: conns, metric: flows, aggregate: true, operator: ">", threshold: 100}
                """);
        for (String input : new String[] {out.toString(), capture.toString()}) {
            CliRun check = CliRun.run("check", input, "--rules", rules.toString(), "-c", config.toString());
            assertEquals(ExitCodes.CHECK_FAILED, check.exitCode(), check.err() + check.out());
            assertTrue(check.out().contains("PASS  short_conns"), check.out());
            assertTrue(check.out().contains("FAIL  big_download"), check.out());
            assertTrue(check.out().contains("PASS  some_conns"), check.out());
        }
        // merge keeps every record: a merged copy of the run shows the same connections.
        Path merged = tmp.resolve("merged");
        CliRun merge = CliRun.run("merge", out.toString(), "-o", merged.toString());
        assertEquals(ExitCodes.OK, merge.exitCode(), merge.err());
        CliRun showMerged = CliRun.run("show", merged.toString(), "--task", "conns", "--format", "json");
        assertEquals(show.out(), showMerged.out());

        Path badRules = tmp.resolve("bad.yaml");
        Files.writeString(badRules, """
                rules:
                  - {name: r, task: by_five_tuple, metric: orig_bytes, operator: "<", threshold: 1}
                """);
        CliRun bad = CliRun.run("check", out.toString(), "--rules", badRules.toString());
        assertEquals(ExitCodes.USAGE, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("metric orig_bytes needs a connections task"), bad.err());
    }
}
