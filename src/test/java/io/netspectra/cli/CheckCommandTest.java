package io.netspectra.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CheckCommandTest {
    static final String RULES = """
            rules:
              - name: no_telnet
                task: by_dst_port
                where: DstPort=23
                metric: packets          # packets | bytes | duration | flows
                operator: "=="           # > >= < <= == !=
                threshold: 0
              - name: no_host_over_100KB
                task: by_src_ip
                metric: bytes
                operator: "<="
                threshold: 100KB
              - name: total_udp_share
                task: by_protocol
                where: Protocol=17
                aggregate: true          # test the sum over matching keys instead of each key
                metric: bytes
                operator: "<"
                threshold: 500MB
              - name: few_https_servers
                task: by_five_tuple
                where: SrcPort=443 and SrcIP=10.0.0.0/8
                aggregate: true
                metric: flows
                operator: "<="
                threshold: 5
              - name: short_flows
                task: by_five_tuple
                where: Protocol=tcp, packets>100
                metric: duration
                operator: "<"
                threshold: 50ms
            """;

    private static Path rules(Path dir, String text) throws IOException {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void listsEveryViolationAndExitsFourWhenARuleFails(@TempDir Path dir) throws IOException {
        Path junit = dir.resolve("check.xml");
        CliRun r = CliRun.run("check", SnapshotFixture.SAMPLE.toString(), "--rules", rules(dir, RULES).toString(),
                "--junit", junit.toString());
        assertEquals(ExitCodes.CHECK_FAILED, r.exitCode(), r.err());
        Golden.assertMatches("check.txt", r.out());
        Golden.assertMatches("check-junit.xml", Files.readString(junit));
        assertEquals("", r.err());
    }

    @Test
    void snapshotsGiveTheSameVerdictAsTheCapture(@TempDir Path dir) throws IOException {
        Path rules = rules(dir, RULES);
        Path run = SnapshotFixture.analyze(dir.resolve("snaps"), "10ms", SnapshotFixture.SAMPLE);
        CliRun fromCapture = CliRun.run("check", SnapshotFixture.SAMPLE.toString(), "--rules", rules.toString());
        CliRun fromSnapshots = CliRun.run("check", run.toString(), "--rules", rules.toString());
        assertEquals(fromCapture, fromSnapshots);
    }

    @Test
    void exitsZeroWhenEveryRulePasses(@TempDir Path dir) throws IOException {
        Path rules = rules(dir, """
                rules:
                  - {name: no_telnet, task: by_dst_port, where: DstPort=23, metric: packets, operator: "==", \
                threshold: 0}
                  - {name: some_udp, task: by_protocol, where: Protocol=udp, aggregate: true, metric: packets, \
                operator: ">", threshold: 1000}
                """);
        CliRun r = CliRun.run("check", SnapshotFixture.SAMPLE.toString(), "--rules", rules.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        Golden.assertMatches("check-pass.txt", r.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{name: r, task: by_src_ip, metric: colour, operator: '<', threshold: 1}"
            + "| rule r: unknown metric 'colour', expected packets, bytes, duration, flows, a distinct count such as "
            + "distinct_DstIP, or for connections orig_packets, orig_bytes, resp_packets, resp_bytes",
        "{name: r, task: by_dst_port, where: DstPort=99999, metric: bytes, operator: '<', threshold: 1}"
            + "| bad --where 'DstPort=99999': bad DstPort '99999', expected 0 to 65535",
        "{name: r, task: by_src_ip, metric: bytes, operator: '=>', threshold: 1}"
            + "| rule r: unknown operator '=>', expected one of > >= < <= == !=",
        "{name: r, task: by_src_ip, metric: bytes, operator: '<', threshold: 1XB}"
            + "| bad threshold of rule r '1XB', expected a size such as 1500, 10KB (1000 bytes each), "
            + "1MiB (1048576) or 1.5GB",
        "{name: r, task: by_src_ip, metric: bytes, operator: '<', threshold: 1, colour: red}"
            + "| unknown rule key 'colour', expected one of aggregate, metric, name, operator, task, threshold, where",
        "{name: r, task: by_mac, metric: bytes, operator: '<', threshold: 1}"
            + "| rule r: no task 'by_mac' in the input; it has by_src_ip, by_dst_ip, by_src_port, by_dst_port, "
            + "by_protocol, by_five_tuple",
        "{name: r, task: by_src_ip, where: DstPort=23, metric: bytes, operator: '<', threshold: 1}"
            + "| rule r: where 'DstPort=23' tests a key field task by_src_ip does not key on [SrcIP]",
    })
    void rejectsABadRuleWithItsFileAndLineAndExitTwo(String rule, String message, @TempDir Path dir)
            throws IOException {
        Path file = rules(dir, "rules:\n  - " + rule + "\n");
        CliRun r = CliRun.run("check", SnapshotFixture.SAMPLE.toString(), "--rules", file.toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertEquals("ns-cli: " + file + ":2: " + message.strip() + "\n", r.err());
    }

    @Test
    void rejectsMalformedRulesFilesWithExitTwo(@TempDir Path dir) throws IOException {
        String sample = SnapshotFixture.SAMPLE.toString();
        CliRun yaml = CliRun.run("check", sample, "--rules", rules(dir, "rules: [unclosed\n").toString());
        assertEquals(ExitCodes.USAGE, yaml.exitCode());
        assertTrue(yaml.err().contains("rules.yaml:2: invalid YAML"), yaml.err());
        CliRun flows = CliRun.run("check", sample, "--rules", rules(dir, "rules:\n  - {name: f, task: by_src_ip, "
                + "metric: flows, operator: '<', threshold: 3}\n").toString());
        assertEquals(ExitCodes.USAGE, flows.exitCode());
        assertTrue(flows.err().contains("metric flows counts keys, so it needs aggregate: true"), flows.err());
        CliRun top = CliRun.run("check", sample, "--rules", rules(dir, "checks: []\n").toString());
        assertEquals(ExitCodes.USAGE, top.exitCode());
        CliRun none = CliRun.run("check", sample, "--rules", dir.resolve("none.yaml").toString());
        assertEquals(ExitCodes.USAGE, none.exitCode());
        assertTrue(none.err().contains("no such rules file"), none.err());
        CliRun missingOption = CliRun.run("check", sample);
        assertEquals(ExitCodes.USAGE, missingOption.exitCode());
    }

    @Test
    void aDamagedOrMissingCaptureIsExitThree(@TempDir Path dir) throws IOException {
        Path cut = dir.resolve("cut.pcap");
        byte[] data = Files.readAllBytes(SnapshotFixture.SAMPLE);
        Files.write(cut, Arrays.copyOf(data, data.length - 5));
        Path rules = rules(dir, RULES);
        CliRun damaged = CliRun.run("check", cut.toString(), "--rules", rules.toString());
        assertEquals(ExitCodes.INPUT, damaged.exitCode(), damaged.err());
        assertTrue(damaged.err().contains(cut.toString()), damaged.err());
        assertEquals("", damaged.out());
        CliRun missing = CliRun.run("check", dir.resolve("nope.pcap").toString(), "--rules", rules.toString());
        assertEquals(ExitCodes.INPUT, missing.exitCode(), missing.err());
    }

    @Test
    void aCorruptSnapshotIsExitThree(@TempDir Path dir) throws IOException {
        Path run = SnapshotFixture.analyze(dir.resolve("snaps"), "0", SnapshotFixture.SAMPLE);
        Path file = run.resolve("2024-03-01T12-00-00.000000929Z/by_protocol/flows.nss");
        byte[] data = Files.readAllBytes(file);
        data[0] = 'X';
        Files.write(file, data);
        CliRun r = CliRun.run("check", run.toString(), "--rules", rules(dir, RULES).toString());
        assertEquals(ExitCodes.INPUT, r.exitCode());
        assertEquals("ns-cli: " + file + ": corrupt snapshot: not a NetSpectra snapshot file (bad magic)\n",
                r.err());
    }

    @Test
    void checksRealCapturesAndTheirSnapshotsAlike(@TempDir Path dir) throws IOException {
        Path a = CliRun.realCaptures().resolve("zeek_mixed-vlan-mpls.pcap");
        Path b = CliRun.realCaptures().resolve("ndpi_ocs.pcap");
        assumeTrue(Files.exists(a) && Files.exists(b), "real captures not present");
        Path rules = rules(dir, """
                rules:
                  - {name: no_telnet, task: by_dst_port, where: DstPort=23, metric: packets, operator: "==", \
                threshold: 0}
                  - {name: tcp_present, task: by_protocol, where: Protocol=tcp, aggregate: true, metric: flows, \
                operator: "==", threshold: 1}
                  - {name: small_hosts, task: by_src_ip, metric: bytes, operator: "<", threshold: 10KiB}
                  - {name: long_span, task: by_protocol, aggregate: true, metric: duration, operator: ">=", \
                threshold: 1s}
                """);
        CliRun capture = CliRun.run("check", a.toString(), b.toString(), "--rules", rules.toString());
        assertEquals(ExitCodes.CHECK_FAILED, capture.exitCode(), capture.err());
        assertTrue(capture.out().startsWith("FAIL  no_telnet"), capture.out());
        assertTrue(capture.out().contains("      DstPort=23: packets 11\n"), capture.out());
        assertTrue(capture.out().contains("FAIL  small_hosts"), capture.out());
        Path runA = SnapshotFixture.analyze(dir.resolve("a"), "1s", a);
        Path runB = SnapshotFixture.analyze(dir.resolve("b"), "1s", b);
        CliRun snaps = CliRun.run("check", runA.toString(), runB.toString(), "--rules", rules.toString());
        assertEquals(capture, snaps);
    }
}
