package io.netspectra.gen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV6CommonPacket;
import org.pcap4j.packet.IllegalPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.factory.PacketFactories;
import org.pcap4j.packet.factory.PacketFactory;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Checks a generated 20,000-packet capture frame by frame: with pcap4j, and with {@link RawFrame}, which recomputes
 * every length and checksum from the bytes. The pcapng capture holds the same records as the pcap one, which
 * {@link #writesTheSameRecordsInPcapngAsInPcap()} asserts, so the frame checks run on the pcap capture.
 */
class GeneratedFramesTest {
    private static final int PACKETS = 20_000;
    private static final PacketFactory<Packet, DataLinkType> PCAP4J =
            PacketFactories.getFactory(Packet.class, DataLinkType.class);
    private static final Map<CaptureFormat, CaptureRecords.Capture> CAPTURES = new EnumMap<>(CaptureFormat.class);
    private static final Map<CaptureFormat, GenSummary> SUMMARIES = new EnumMap<>(CaptureFormat.class);

    /**
     * Checks every frame with pcap4j's static packet factory: no layer is illegal, and every checksum pcap4j can check
     * is valid. pcap4j 1.8.2 takes any IPv6 next header it does not know, GRE (47) and ESP (50) among them, for an
     * extension header and walks on into the payload; ns-cli's convention (ORACLE.md) ends the walk there, so for
     * those frames pcap4j checks only the IPv6 header and {@link RawFrame} the rest.
     */
    @Test
    void writesFramesThatPcap4jParsesWithValidChecksums() throws IOException {
        List<CaptureRecords.Record> records = generate(CaptureFormat.PCAP).records();

        assertEquals(PACKETS, records.size());
        int ipChecked = 0;
        int transportChecked = 0;
        for (int i = 0; i < records.size(); i++) {
            byte[] data = records.get(i).data();
            Packet packet = PCAP4J.newInstance(data, 0, data.length, DataLinkType.EN10MB);
            assertTrue(packet instanceof EthernetPacket, "packet " + i + " is Ethernet");
            IpV4Packet ipv4 = packet.get(IpV4Packet.class);
            IpV6Packet ipv6 = packet.get(IpV6Packet.class);
            RawFrame raw = RawFrame.decode(data);
            boolean tunnel = raw.protocol() == Service.GRE_PROTOCOL || raw.protocol() == Service.ESP_PROTOCOL;
            if (ipv6 != null && tunnel) {
                assertEquals(raw.protocol(), ipv6.getHeader().getNextHeader().value() & 0xff, "next header of " + i);
                continue;
            }
            for (Packet layer = packet; layer != null; layer = layer.getPayload()) {
                assertFalse(layer instanceof IllegalPacket, "packet " + i + " has an illegal layer: " + packet);
            }
            if (ipv4 != null) {
                assertTrue(ipv4.getHeader().hasValidChecksum(false), "IPv4 header checksum of packet " + i);
                ipChecked++;
            }
            InetAddress source = ipv4 != null ? ipv4.getHeader().getSrcAddr()
                    : ipv6 != null ? ipv6.getHeader().getSrcAddr() : null;
            InetAddress destination = ipv4 != null ? ipv4.getHeader().getDstAddr()
                    : ipv6 != null ? ipv6.getHeader().getDstAddr() : null;
            TcpPacket tcp = packet.get(TcpPacket.class);
            UdpPacket udp = packet.get(UdpPacket.class);
            IcmpV4CommonPacket icmp = packet.get(IcmpV4CommonPacket.class);
            IcmpV6CommonPacket icmpv6 = packet.get(IcmpV6CommonPacket.class);
            if (tcp != null) {
                assertTrue(tcp.hasValidChecksum(source, destination, false), "TCP checksum of packet " + i);
                transportChecked++;
            } else if (udp != null && decodedWhole(udp)) {
                assertTrue(udp.hasValidChecksum(source, destination, false), "UDP checksum of packet " + i);
                transportChecked++;
            } else if (icmp != null) {
                assertTrue(icmp.hasValidChecksum(false), "ICMP checksum of packet " + i);
                transportChecked++;
            } else if (icmpv6 != null) {
                assertTrue(icmpv6.hasValidChecksum((Inet6Address) source, (Inet6Address) destination, false),
                        "ICMPv6 checksum of packet " + i);
                transportChecked++;
            }
        }
        assertTrue(ipChecked > PACKETS / 2, "pcap4j decoded IPv4 in " + ipChecked + " packets");
        assertTrue(transportChecked > PACKETS * 6 / 10, "pcap4j checked a transport checksum in " + transportChecked);
    }

    /**
     * Returns true where pcap4j's UDP payload spans the whole datagram. pcap4j decodes the zero payload of a port-53
     * datagram as a 12-byte DNS header, takes the rest for Ethernet padding, and then sums the checksum over the
     * shorter length; {@link RawFrame} checks those datagrams' checksums instead, over every byte.
     */
    private static boolean decodedWhole(UdpPacket udp) {
        int payload = udp.getPayload() == null ? 0 : udp.getPayload().length();
        return payload == udp.getHeader().getLengthAsInt() - TransportHeaders.UDP_HEADER;
    }

    @Test
    void writesConsistentHeadersInARealisticMix() throws IOException {
        CaptureRecords.Capture capture = generate(CaptureFormat.PCAP);

        int ipv4 = 0;
        int ipv6 = 0;
        int tagged = 0;
        int qinq = 0;
        int nonIp = 0;
        long wireBytes = 0;
        for (int i = 0; i < PACKETS; i++) {
            CaptureRecords.Record record = capture.records().get(i);
            assertEquals(record.originalLength(), record.capturedLength(), "nothing cut at the default snaplen");
            RawFrame frame = RawFrame.decode(record.data());
            assertNull(frame.problem(), "packet " + i);
            ipv4 += frame.ipVersion() == 4 ? 1 : 0;
            ipv6 += frame.ipVersion() == 6 ? 1 : 0;
            nonIp += frame.ipVersion() == 0 ? 1 : 0;
            tagged += frame.vlanTags() > 0 ? 1 : 0;
            qinq += frame.vlanTags() == 2 ? 1 : 0;
            wireBytes += record.originalLength();
        }
        assertShare("IPv4", ipv4, 0.66, 0.80);
        assertShare("IPv6", ipv6, 0.20, 0.32);
        assertShare("VLAN-tagged", tagged, 0.08, 0.16);
        assertShare("QinQ", qinq, 0.005, 0.04);
        assertShare("non-IP", nonIp, 0.008, 0.025);
        double meanFrame = (double) wireBytes / PACKETS;
        assertTrue(meanFrame > 540 && meanFrame < 620, "mean frame " + meanFrame);
    }

    @Test
    void writesStrictlyRisingTimestampsAtTheRequestedRate() throws IOException {
        List<CaptureRecords.Record> records = generate(CaptureFormat.PCAP).records();

        long previous = GenSpec.DEFAULT_START_NANOS;
        for (int i = 0; i < records.size(); i++) {
            long nanos = records.get(i).nanos();
            assertTrue(nanos > previous, "timestamp of packet " + i + " rises: " + previous + " then " + nanos);
            previous = nanos;
        }
        double meanGap = (double) (previous - GenSpec.DEFAULT_START_NANOS) / PACKETS;
        assertEquals(1e9 / GenSpec.DEFAULT_RATE, meanGap, 0.03 * 1e9 / GenSpec.DEFAULT_RATE, "mean gap in ns");
    }

    @Test
    void drawsAsManyDistinctFlowsAsZipfPopularityPredictsAndCountsThemExactly() throws IOException {
        CaptureRecords.Capture capture = generate(CaptureFormat.PCAP);
        GenSummary summary = SUMMARIES.get(CaptureFormat.PCAP);

        Set<String> fiveTuples = new HashSet<>();
        Set<String> conversations = new HashSet<>();
        for (CaptureRecords.Record record : capture.records()) {
            RawFrame frame = RawFrame.decode(record.data());
            if (frame.ipVersion() != 0) {
                fiveTuples.add(frame.fiveTuple());
                conversations.add(frame.conversation());
            }
        }
        assertEquals(summary.fiveTuples(), fiveTuples.size(), "directional five-tuples");
        assertEquals(summary.flows(), conversations.size(), "flows (both directions together)");
        double expected = expectedDistinctFlows(spec(CaptureFormat.PCAP));
        assertEquals(expected, conversations.size(), 0.05 * expected, "distinct flows against the Zipf expectation");
    }

    @Test
    void writesTheSameRecordsInPcapngAsInPcap() throws IOException {
        List<CaptureRecords.Record> pcap = generate(CaptureFormat.PCAP).records();
        List<CaptureRecords.Record> pcapng = generate(CaptureFormat.PCAPNG).records();

        assertEquals(pcap.size(), pcapng.size());
        for (int i = 0; i < pcap.size(); i++) {
            assertEquals(pcap.get(i).nanos(), pcapng.get(i).nanos(), "timestamp of packet " + i);
            assertEquals(pcap.get(i).originalLength(), pcapng.get(i).originalLength(), "original length of " + i);
            assertArrayEquals(pcap.get(i).data(), pcapng.get(i).data(), "bytes of packet " + i);
        }
    }

    /** Returns the expected number of pool flows drawn at least once: the sum over ranks of 1 - (1 - q p_k)^n. */
    private static double expectedDistinctFlows(GenSpec spec) {
        double[] weights = new double[spec.flows()];
        double total = 0;
        for (int k = 0; k < weights.length; k++) {
            weights[k] = Math.pow(k + 1, -spec.zipfExponent());
            total += weights[k];
        }
        double ipPackets = spec.packets() * (1 - CaptureGenerator.NON_IP_SHARE);
        double expected = 0;
        for (double weight : weights) {
            expected += 1 - Math.exp(ipPackets * Math.log1p(-weight / total));
        }
        return expected;
    }

    private static void assertShare(String what, int count, double low, double high) {
        double share = (double) count / PACKETS;
        assertTrue(share >= low && share <= high, what + " share " + share + " outside [" + low + ", " + high + "]");
    }

    /** Returns the capture of {@link #spec}, generated once per format for all tests of the class. */
    private static CaptureRecords.Capture generate(CaptureFormat format) throws IOException {
        CaptureRecords.Capture capture = CAPTURES.get(format);
        if (capture == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SUMMARIES.put(format, new CaptureGenerator(spec(format)).write(out));
            capture = CaptureRecords.read(out.toByteArray(), format);
            CAPTURES.put(format, capture);
        }
        return capture;
    }

    private static GenSpec spec(CaptureFormat format) {
        return GenSpec.defaults(PACKETS, 7).withFormat(format);
    }
}
