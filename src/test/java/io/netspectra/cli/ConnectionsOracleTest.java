package io.netspectra.cli;

import io.netspectra.report.Json;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TCP and UDP connections of every real capture against tshark's conversation tables, {@code tshark -q -z conv,tcp
 * -z conv,udp} (TShark 4.0.17, IP reassembly off), committed in {@code src/test/resources/conv-oracle/} by its
 * {@code make.sh}, so no tshark is needed here. Connections run with the default timeouts.
 *
 * <p>tshark's conversations ignore timeouts and its A/B sides are not originator/responder, so both sides are matched
 * canonically: per address/port pair, the packets and bytes each endpoint sent, summed over our records of the pair,
 * must equal tshark's (bytes as tshark prints them: exact below 10000, else whole kB, whole MB below 10^10). Where we
 * have several records for a pair that tshark shows once, a timeout or a close split it, and each split must be
 * explained by its end reason: {@code idle} (the next record of the pair starts more than the idle timeout after
 * it), {@code active} (the next record starts more than the active timeout after this one's first packet), or
 * {@code fin}/{@code rst} (the next one starts after it). Captures that go back in time
 * ({@link #NON_MONOTONIC}) get only the reason check, as a late packet moves a record's first time.
 *
 * <p>The only other differences, each limited to where it is explained:
 * <ul>
 *   <li>{@link #TUNNELLED}: tshark also counts the conversations inside a tunnel (IP-in-IP, 6in4, VXLAN, GTP-U, GRE);
 *       ns-cli keys every packet by its outermost IP header, as all its tasks do. Such tshark conversations are
 *       absent from ours entirely (never partly matched).</li>
 *   <li>Later fragments: with reassembly off tshark puts a non-first fragment in no TCP/UDP conversation; ns-cli
 *       keys it like the flow tasks, with ports 0. So ours may have TCP/UDP records with both ports 0 that tshark
 *       lacks.</li>
 *   <li>{@link #BOGUS_TCP}: tshark leaves TCP segments whose header length field is below 20 ("bogus TCP header
 *       length") or whose header was cut short out of every conversation; ns-cli takes the ports whenever their 4
 *       bytes were captured. There our packet counts may exceed tshark's, and pairs tshark lacks may appear.</li>
 *   <li>{@link #ROUTING_HEADER}: with an IPv6 routing header tshark's conversation address is the final destination
 *       from that header; ns-cli uses the IPv6 header's destination. There only the total packets per protocol are
 *       compared.</li>
 * </ul>
 */
class ConnectionsOracleTest {
    private static final long S = 1_000_000_000L;
    private static final long TCP_IDLE = 300 * S;
    private static final long UDP_IDLE = 60 * S;
    private static final long ACTIVE = 300 * S;
    private static final Set<String> TUNNELLED = Set.of("ndpi_4in4tunnel.pcap", "ndpi_6in4tunnel.pcap",
            "ndpi_vxlan.pcap", "ndpi_dtls.pcap", "zeek_tunnels-gre-within-gre.pcap");
    private static final Set<String> BOGUS_TCP = Set.of("ndpi_ip_fragmented_garbage.pcap",
            "zeek_tcp-truncated-header.pcap");
    private static final Set<String> ROUTING_HEADER = Set.of("tcpdump_ipv6-routing-header.pcap");
    private static final Set<String> NON_MONOTONIC = Set.of("ndpi_sites.pcapng", "zeek_ipv6-http-atomic-frag.pcap",
            "suricata_bug-1450-04.pcap");
    private static final Pattern ROW = Pattern.compile("^(\\S+)\\s+<->\\s+(\\S+)\\s+(\\d+)\\s+(\\d+ \\S+)\\s+(\\d+)\\s+"
            + "(\\d+ \\S+)\\s+\\d+\\s+\\d+ \\S+\\s+\\S+\\s+\\S+\\s*$");

    @TempDir
    static Path tmp;

    /** One endpoint of a pair: address text (canonical) and port. */
    private record Endpoint(String address, int port) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint o) {
            int c = address.compareTo(o.address);
            return c != 0 ? c : Integer.compare(port, o.port);
        }
    }

    /** What one endpoint sent: packets and bytes (tshark's bytes as printed, ours exact). */
    private record Sent(long packets, String bytes) {
    }

    /** One of our records. */
    private record Record(Endpoint orig, Endpoint resp, long origPackets, long origBytes, long respPackets,
                          long respBytes, long first, long last, String reason) {
    }

    @TestFactory
    Stream<DynamicTest> connectionsAgreeWithTsharkConversations() throws IOException {
        Path config = tmp.resolve("connections.yaml");
        Files.writeString(config, "aggregator:\n  snapshot_interval: 0\n  tasks:\n    - {name: conns, type: connections}\n");
        List<Path> captures = CliRun.realCaptureFiles();
        assertEquals(46, captures.size(), "number of real captures");
        return captures.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p, config)));
    }

    @SuppressWarnings("unchecked")
    private static void check(Path capture, Path config) throws IOException {
        String name = capture.getFileName().toString();
        Map<String, List<Map<Endpoint, Sent>>> theirs;
        try (var in = ConnectionsOracleTest.class.getResourceAsStream("/conv-oracle/" + name + ".conv")) {
            assertTrue(in != null, "no conv-oracle/" + name + ".conv: run src/test/resources/conv-oracle/make.sh");
            theirs = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        CliRun run = CliRun.run("analyze", "-c", config.toString(), "--format", "json", "--no-snapshots", "-q",
                "--allow-damaged", capture.toString());
        assertEquals(ExitCodes.OK, run.exitCode(), run.err());
        Map<String, Object> report = Json.object(run.out());
        Map<String, List<Record>> ours = new TreeMap<>();
        for (Object c : (List<Object>) report.get("connections")) {
            for (Object o : (List<Object>) ((Map<String, Object>) c).get("rows")) {
                Map<String, Object> row = (Map<String, Object>) o;
                Map<String, Object> key = (Map<String, Object>) row.get("key");
                int proto = ((Number) key.get("Protocol")).intValue();
                if (proto != 6 && proto != 17) {
                    continue;
                }
                Endpoint orig = endpoint((String) key.get("SrcIP"), ((Number) key.get("SrcPort")).intValue());
                Endpoint resp = endpoint((String) key.get("DstIP"), ((Number) key.get("DstPort")).intValue());
                Record r = new Record(orig, resp, num(row, "orig_packets"), num(row, "orig_bytes"),
                        num(row, "resp_packets"), num(row, "resp_bytes"), nanos(row.get("first")),
                        nanos(row.get("last")), (String) row.get("end_reason"));
                ours.computeIfAbsent(pairKey(proto, orig, resp), k -> new ArrayList<>()).add(r);
            }
        }
        if (ROUTING_HEADER.contains(name)) {
            for (String proto : new String[] {"6 ", "17 "}) {
                long t = theirs.entrySet().stream().filter(e -> e.getKey().startsWith(proto))
                        .flatMap(e -> e.getValue().stream()).flatMap(m -> m.values().stream())
                        .mapToLong(Sent::packets).sum();
                long o = ours.entrySet().stream().filter(e -> e.getKey().startsWith(proto))
                        .flatMap(e -> e.getValue().stream()).mapToLong(r -> r.origPackets + r.respPackets).sum();
                assertEquals(t, o, name + ": packets of protocol " + proto);
            }
            return;
        }
        for (var e : theirs.entrySet()) {
            String pair = e.getKey();
            List<Record> mine = ours.get(pair);
            if (mine == null) {
                assertTrue(TUNNELLED.contains(name) || BOGUS_TCP.contains(name), name + ": tshark has " + pair
                        + ", we do not");
                continue;
            }
            for (Endpoint ep : e.getValue().get(0).keySet()) {
                long theirPackets = e.getValue().stream().mapToLong(m -> m.get(ep).packets()).sum();
                long myPackets = mine.stream().mapToLong(r -> r.orig.equals(ep) ? r.origPackets : r.respPackets).sum();
                long myBytes = mine.stream().mapToLong(r -> r.orig.equals(ep) ? r.origBytes : r.respBytes).sum();
                if (BOGUS_TCP.contains(name) && pair.startsWith("6 ")) {
                    assertTrue(myPackets >= theirPackets, name + " " + pair + " " + ep);
                    continue;
                }
                assertEquals(theirPackets, myPackets, name + " " + pair + ": packets sent by " + ep);
                if (e.getValue().size() == 1) {
                    assertEquals(e.getValue().get(0).get(ep).bytes(), tsharkBytes(myBytes),
                            name + " " + pair + ": bytes sent by " + ep + " (" + myBytes + ")");
                }
            }
            if (mine.size() > e.getValue().size()) {
                explainSplits(name, pair, mine, NON_MONOTONIC.contains(name));
            }
        }
        for (var e : ours.entrySet()) {
            if (theirs.containsKey(e.getKey())) {
                continue;
            }
            boolean laterFragments = e.getValue().stream().allMatch(r -> r.orig.port == 0 && r.resp.port == 0);
            assertTrue(laterFragments || (BOGUS_TCP.contains(name) && e.getKey().startsWith("6 ")),
                    name + ": we have " + e.getKey() + ", tshark does not");
        }
    }

    /** Checks that every record of a pair but the last ended for a reason that explains the next record. */
    private static void explainSplits(String name, String pair, List<Record> records, boolean reasonsOnly) {
        List<Record> sorted = new ArrayList<>(records);
        sorted.sort((a, b) -> Long.compare(a.first, b.first));
        long ended = records.stream().filter(r -> !r.reason.equals("end")).count();
        assertTrue(ended >= records.size() - 1, name + " " + pair + ": " + records.size() + " records, " + ended
                + " ended before the end of input");
        if (reasonsOnly) {
            return;
        }
        long idle = pair.startsWith("6 ") ? TCP_IDLE : UDP_IDLE;
        for (int i = 0; i + 1 < sorted.size(); i++) {
            Record r = sorted.get(i);
            Record next = sorted.get(i + 1);
            String what = name + " " + pair + ": record " + i + " (" + r.reason + ")";
            switch (r.reason) {
                case "idle" -> assertTrue(next.first - r.last > idle, what + " followed after " + (next.first - r.last));
                case "active" -> assertTrue(next.first - r.first > ACTIVE, what);
                case "fin", "rst" -> assertTrue(next.first >= r.last, what);
                default -> throw new AssertionError(what + " is not the last record");
            }
        }
    }

    /** Returns tshark's conversations: per "proto A B" (A, B the canonical endpoints), per row, what each sent. */
    private static Map<String, List<Map<Endpoint, Sent>>> parse(String text) {
        Map<String, List<Map<Endpoint, Sent>>> out = new TreeMap<>();
        int proto = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("UDP Conversations")) {
                proto = 17;
            } else if (line.startsWith("TCP Conversations")) {
                proto = 6;
            }
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Endpoint a = endpoint(m.group(1));
            Endpoint b = endpoint(m.group(2));
            // Columns: "<-" is B to A, "->" is A to B.
            Map<Endpoint, Sent> row = Map.of(b, new Sent(Long.parseLong(m.group(3)), m.group(4)),
                    a, new Sent(Long.parseLong(m.group(5)), m.group(6)));
            out.computeIfAbsent(pairKey(proto, a, b), k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    /** Renders bytes as tshark 4.0's conversation table does: integer division by 1000 per SI prefix. */
    private static String tsharkBytes(long bytes) {
        if (bytes < 10_000) {
            return bytes + " bytes";
        }
        if (bytes < 10_000_000) {
            return bytes / 1000 + " kB";
        }
        return bytes / 1_000_000 + " MB";
    }

    private static String pairKey(int proto, Endpoint a, Endpoint b) {
        Endpoint lo = a.compareTo(b) <= 0 ? a : b;
        Endpoint hi = lo == a ? b : a;
        return proto + " " + lo.address + "." + lo.port + " " + hi.address + "." + hi.port;
    }

    private static Endpoint endpoint(String addressColonPort) {
        int colon = addressColonPort.lastIndexOf(':');
        return endpoint(addressColonPort.substring(0, colon), Integer.parseInt(addressColonPort.substring(colon + 1)));
    }

    private static Endpoint endpoint(String address, int port) {
        try {
            return new Endpoint(InetAddress.getByName(address).getHostAddress(), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(address, e);
        }
    }

    private static long num(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).longValue();
    }

    private static long nanos(Object time) {
        String[] parts = ((String) time).split("\\.");
        return Long.parseLong(parts[0]) * S + Long.parseLong(parts[1]);
    }
}
