package io.netspectra.inspect;

import io.netspectra.cli.CliRun;
import io.netspectra.cli.ExitCodes;
import io.netspectra.report.Json;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ns-cli inspect} on real captures, checked against their tshark oracles. */
class InspectCommandTest {
    private static final Pattern IPV6_LINE =
            Pattern.compile("\\d+ \\d+\\.\\d{9} IP6 (\\S+) > (\\S+): proto (\\d+) length \\d+");

    @Test
    void printsThreeFramesOfTcpHandshakeWithOracleTimesAddressesAndPorts() {
        // Oracle five_tuple: 131.155.215.69|137.116.81.94|6|46656|80 (2 packets, 144 bytes, first .924505488, last
        // .052115157) and 137.116.81.94|131.155.215.69|6|80|46656 (1 packet, 76 bytes, at .052027262). Linux SLL,
        // nanosecond pcap.
        CliRun run = CliRun.run("inspect", "--count", "3", real("tcpdump_tcp-handshake-nano.pcap").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(List.of(
                "1 1418145369.924505488 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp length 76",
                "2 1418145370.052027262 IP 137.116.81.94.80 > 131.155.215.69.46656: tcp length 76",
                "3 1418145370.052115157 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp length 68"),
                run.out().lines().toList());
    }

    @Test
    void stopsAfterCountFramesOfVxlanCaptureShowingOuterUdpPorts() {
        // Oracle five_tuple 192.168.22.4|192.168.22.5|17|60887|4789: 2 packets, 252 bytes, first 1639650442.645225,
        // last 1639650442.645316; the file's first frame. VXLAN counts with its outer UDP ports.
        CliRun run = CliRun.run("inspect", "-n", "2", real("ndpi_vxlan.pcap").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        assertEquals(List.of(
                "1 1639650442.645225000 IP 192.168.22.4.60887 > 192.168.22.5.4789: udp length 126",
                "2 1639650442.645316000 IP 192.168.22.4.60887 > 192.168.22.5.4789: udp length 126"),
                run.out().lines().toList());
    }

    @Test
    void showsOuterHeaderOfIcmpErrorNotTheQuotedUdpPorts() {
        // Frame 826 is an ICMP destination unreachable quoting a UDP datagram; the oracle keys it
        // 192.168.2.4|91.253.176.65|1|0|0.
        CliRun run = CliRun.run("inspect", "--count", "826", real("ndpi_whatsapp_login_call.pcap").toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(826, lines.size());
        assertEquals("826 1432582267.983119000 IP 192.168.2.4 > 91.253.176.65: proto 1 length 70", lines.get(825));
    }

    @Test
    @SuppressWarnings("unchecked")
    void printsIpv6AddressesAndProtocolAsTheOracleKeysThem() throws IOException {
        Path capture = real("zeek_communityid-icmp6.pcap");
        Map<String, Object> by = (Map<String, Object>) Json.object(Files.readString(
                capture.resolveSibling("oracle").resolve(capture.getFileName() + ".json"))).get("by");
        CliRun run = CliRun.run("inspect", capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(49, lines.size());
        for (String line : lines) {
            Matcher m = IPV6_LINE.matcher(line);
            assertTrue(m.matches(), line);
            assertTrue(((Map<String, Object>) by.get("src_ip")).containsKey(m.group(1)), line);
            assertTrue(((Map<String, Object>) by.get("dst_ip")).containsKey(m.group(2)), line);
            assertTrue(((Map<String, Object>) by.get("protocol")).containsKey(m.group(3)), line);
        }
    }

    @Test
    void reportsDamageAfterPrintingTheFramesBeforeIt() {
        // The oracle: read_error true after 6 packets (a 4325376-byte caplen).
        CliRun run = CliRun.run("inspect", real("suricata_bug-1450-04.pcap").toString());
        assertEquals(6, run.out().lines().count());
        assertEquals(ExitCodes.INPUT, run.exitCode());
        assertTrue(run.err().contains("damaged at byte"), run.err());
    }

    private static Path real(String name) {
        Path p = CliRun.realCaptures().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "real capture not found: " + p.toAbsolutePath());
        return p;
    }
}
