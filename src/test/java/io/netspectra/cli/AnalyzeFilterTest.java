package io.netspectra.cli;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.filter.FrameFilter;
import io.netspectra.report.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --filter}: the frames a tcpdump expression passes are those tcpdump passes, on real captures of every link
 * type NetSpectra decodes; rejected frames count only as {@code filtered_out}; bad expressions are exit 2. Skipped,
 * with the reason printed, where libpcap or tcpdump (4.99+, for {@code --count}) is missing.
 */
class AnalyzeFilterTest {
    /** Captures covering link types 1 (with VLAN, QinQ, MPLS; pcap and pcapng), 113, 276, 0, 101, 228 and 229. */
    private static final List<String> CAPTURES = List.of("zeek_mixed-vlan-mpls.pcap", "zeek_vlan-qinqinq.pcap",
            "ndpi_sites.pcapng", "ndpi_vxlan.pcap", "ndpi_KakaoTalk_chat.pcap", "suricata_decode-sll2-01.pcap",
            "ndpi_opc-ua.pcap", "ndpi_ocs.pcap", "suricata_dnp3-flood.pcap", "tcpdump_ipv6_mobility_1.pcap");
    private static final List<String> EXPRESSIONS = List.of("tcp", "udp port 53", "ip6", "vlan",
            "host 192.168.22.4", "not arp", "greater 200", "less 100", "ip and len >= 100");
    private static final Pattern COUNT = Pattern.compile("(?m)^(\\d+) packets?$");

    @TestFactory
    Stream<DynamicTest> filteredFramesAgreeWithTcpdumpOnRealCaptures() {
        assumeLibpcap();
        assumeTcpdumpCounts();
        Path dir = CliRun.realCaptures();
        Assumptions.assumeTrue(Files.isDirectory(dir), "real captures not found at " + dir.toAbsolutePath());
        List<DynamicTest> tests = new ArrayList<>();
        for (String capture : CAPTURES) {
            for (String expr : EXPRESSIONS) {
                tests.add(DynamicTest.dynamicTest(capture + " [" + expr + "]",
                        () -> agreesWithTcpdump(dir.resolve(capture), expr)));
            }
        }
        return tests.stream();
    }

    @Test
    @SuppressWarnings("unchecked")
    void rejectedFramesCountOnlyAsFilteredOut() {
        assumeLibpcap();
        Path capture = CliRun.realCaptures().resolve("ndpi_sites.pcapng");
        Assumptions.assumeTrue(Files.isRegularFile(capture), "real capture not found: " + capture);
        CliRun all = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", capture.toString());
        CliRun run = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", "-f", "tcp", capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, Object> report = Json.object(run.out());
        Map<String, Object> acc = (Map<String, Object>) report.get("accounting");
        Map<String, Object> skipped = (Map<String, Object>) acc.get("skipped");
        long read = number(acc.get("read"));
        long filteredOut = number(acc.get("filtered_out"));
        long aggregated = number(acc.get("aggregated"));
        assertEquals(number(((Map<String, Object>) Json.object(all.out()).get("accounting")).get("read")), read,
                "read does not depend on the filter");
        assertTrue(filteredOut > 0 && aggregated > 0, acc.toString());
        assertEquals(read, aggregated + number(skipped.get("non_ip")) + number(skipped.get("undecodable_link_type"))
                + filteredOut, "read = aggregated + skipped + filtered_out");
        Map<String, Object> totals = (Map<String, Object>) report.get("totals");
        assertEquals(read - filteredOut, number(totals.get("packets")), "totals count only frames that passed");
        for (Map<String, Object> task : (List<Map<String, Object>>) report.get("tasks")) {
            long rows = ((List<Map<String, Object>>) task.get("rows")).stream()
                    .mapToLong(r -> number(r.get("packets"))).sum();
            assertEquals(aggregated, rows, "aggregated = rows of task " + task.get("name"));
        }
        Map<String, Object> protocols = (Map<String, Object>) ((List<Object>) report.get("tasks")).get(4);
        for (Map<String, Object> row : (List<Map<String, Object>>) protocols.get("rows")) {
            assertEquals(6L, number(((Map<String, Object>) row.get("key")).get("Protocol")), "only TCP passes");
        }
        CliRun table = CliRun.run("analyze", "--no-snapshots", "-q", "-f", "tcp", capture.toString());
        assertTrue(table.out().contains(String.format(java.util.Locale.ROOT, " + filtered out %,d packets%n",
                filteredOut)), table.out());
    }

    @Test
    void badExpressionIsOneLineNamingItAndLibpcapsMessageWithExit2() {
        assumeLibpcap();
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", "--filter", "tcp porrt 80", "-");
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("ns-cli: bad --filter 'tcp porrt 80': can't parse filter expression: syntax error\n",
                run.err());
        assertEquals("", run.out());
    }

    @Test
    void expressionTheLinkTypeCannotTakeIsExit2NamingTheLinkType() {
        assumeLibpcap();
        Path capture = CliRun.realCaptures().resolve("zeek_linux_dlt_sll2.pcap");
        Assumptions.assumeTrue(Files.isRegularFile(capture), "real capture not found: " + capture);
        CliRun run = CliRun.run("analyze", "--no-snapshots", "-q", "-f", "vlan", capture.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode());
        assertEquals("ns-cli: --filter 'vlan' cannot be applied to frames of link type 276 (Linux cooked v2): "
                + "no VLAN support for Linux cooked v2\n", run.err());
    }

    @Test
    void checkAppliesTheFilterToCaptureInputs() throws IOException {
        assumeLibpcap();
        Path capture = CliRun.realCaptures().resolve("ndpi_sites.pcapng");
        Assumptions.assumeTrue(Files.isRegularFile(capture), "real capture not found: " + capture);
        Path rules = Files.createTempFile("rules", ".yaml");
        try {
            Files.writeString(rules, "rules:\n  - {name: only_tcp, task: by_protocol, where: Protocol!=tcp, "
                    + "aggregate: true, metric: packets, operator: \"==\", threshold: 0}\n");
            assertEquals(ExitCodes.CHECK_FAILED, CliRun.run("check", capture.toString(), "--rules",
                    rules.toString()).exitCode());
            CliRun run = CliRun.run("check", capture.toString(), "--rules", rules.toString(), "-f", "tcp");
            assertEquals(ExitCodes.OK, run.exitCode(), run.out() + run.err());
        } finally {
            Files.delete(rules);
        }
    }

    private static void agreesWithTcpdump(Path capture, String expr) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("tcpdump", "-r", capture.toString(), "--count", expr)
                .redirectErrorStream(true).start();
        String tcpdump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tcpdump timed out");
        CliRun run = CliRun.run("analyze", "--format", "json", "--no-snapshots", "-q", "-f", expr,
                capture.toString());
        Matcher m = COUNT.matcher(tcpdump);
        if (p.exitValue() != 0 || !m.find()) {
            assertEquals(ExitCodes.USAGE, run.exitCode(), "tcpdump refused the expression (" + tcpdump.strip()
                    + "), so must ns-cli: " + run.out() + run.err());
            assertTrue(run.err().startsWith("ns-cli: ") && run.err().contains("'" + expr + "'")
                    && run.err().indexOf('\n') == run.err().length() - 1, run.err());
            return;
        }
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> acc = (Map<String, Object>) Json.object(run.out()).get("accounting");
        long passed = number(acc.get("read")) - number(acc.get("filtered_out"));
        assertEquals(Long.parseLong(m.group(1)), passed, "frames passed: tcpdump vs ns-cli");
    }

    private static void assumeLibpcap() {
        try {
            FrameFilter.compile("tcp");
        } catch (ConfigException e) {
            System.err.println("AnalyzeFilterTest skipped: " + e.getMessage());
            Assumptions.abort("skipped: " + e.getMessage());
        }
    }

    private static void assumeTcpdumpCounts() {
        try {
            Process p = new ProcessBuilder("tcpdump", "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("tcpdump version (\\d+)\\.(\\d+)").matcher(v);
            boolean counts = m.find() && (Integer.parseInt(m.group(1)) > 4
                    || (Integer.parseInt(m.group(1)) == 4 && Integer.parseInt(m.group(2)) >= 99));
            if (!counts) {
                System.err.println("AnalyzeFilterTest: tcpdump comparison skipped: " + v.strip()
                        + " has no --count (needs 4.99)");
            }
            Assumptions.assumeTrue(counts, "skipped: tcpdump " + v.strip() + " has no --count (needs 4.99)");
        } catch (IOException e) {
            System.err.println("AnalyzeFilterTest: tcpdump comparison skipped: tcpdump not installed");
            Assumptions.abort("skipped: tcpdump not installed (apt-get install tcpdump): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Assumptions.abort("interrupted");
        }
    }

    private static long number(Object o) {
        return ((Number) o).longValue();
    }
}
