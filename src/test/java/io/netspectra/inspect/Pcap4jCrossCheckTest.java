package io.netspectra.inspect;

import io.netspectra.capture.CaptureFiles;
import io.netspectra.capture.CaptureReader;
import io.netspectra.capture.Frame;
import io.netspectra.cli.CliRun;
import io.netspectra.decode.DecodedPacket;
import io.netspectra.decode.FrameDecoder;
import io.netspectra.decode.LinkTypes;
import io.netspectra.report.IpText;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.BsdLoopbackPacket;
import org.pcap4j.packet.Dot1qVlanTagPacket;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.FragmentedPacket;
import org.pcap4j.packet.IllegalPacket;
import org.pcap4j.packet.IpPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6ExtFragmentPacket;
import org.pcap4j.packet.IpV6ExtOptionsPacket;
import org.pcap4j.packet.IpV6ExtRoutingPacket;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.LinuxSllPacket;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.UnknownPacket;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-checks the hand decoder ({@link FrameDecoder}) against pcap4j's static packet factory
 * ({@link Pcap4jDecoder}) on every frame of every real capture, and {@link InspectLine} against both.
 *
 * <p>Wherever pcap4j yields an IPv4 or IPv6 packet with both addresses as the outermost IP layer, the hand decoder
 * must say IP with the same addresses and protocol (for IPv6: the next header where pcap4j's extension-header walk
 * ends). Wherever pcap4j yields TCP or UDP directly after that header (and its extension headers), the hand decoder
 * must have the same protocol and ports. Frames for which pcap4j cannot speak are skipped by name, each for a reason
 * listed in {@link Skip}; every other difference fails the test.
 */
class Pcap4jCrossCheckTest {
    private static final int MIN_ADDRESS_COMPARISONS = 60_000;
    private static final int MIN_PORT_COMPARISONS = 15_000;
    private static final int MAX_SHOWN = 25;

    /** The documented reasons to skip (part of) a frame; counted and printed. */
    enum Skip {
        /** pcap4j 1.8.2 has no LINUX_SLL2 (276) data-link type, so {@link Pcap4jDecoder} returns null. */
        PCAP4J_HAS_NO_SLL2,
        /**
         * pcap4j threw on a malformed header and {@link Pcap4jDecoder} returned null: in
         * suricata_ipv6-dos-with-ext-headers-6 an IPv6 hop-by-hop option area whose length is not 8n+6 makes its
         * options parser throw IllegalArgumentException (not IllegalRawDataException, which it would have wrapped).
         */
        PCAP4J_THREW,
        /** pcap4j 1.8.2 has no MPLS decoder: the payload of EtherType 8847/8848 is an UnknownPacket. */
        PCAP4J_HAS_NO_MPLS,
        /** pcap4j decodes only 0x8100 as a VLAN tag; behind 0x88a8 or 0x9100 it sees an UnknownPacket. */
        PCAP4J_HAS_NO_QINQ_TPID,
        /**
         * pcap4j's BSD loopback header maps only the host's AF_INET6 (10 on Linux) to IPv6, so frames written with
         * the BSD/macOS values 24, 28 or 30 (tcpdump_quic_handshake) carry an UnknownPacket.
         */
        PCAP4J_NULL_LINK_IPV6_FAMILY,
        /** Neither decoder finds an IP header (ARP, STP, LLC, ...). */
        NON_IP_IN_BOTH,
        /**
         * pcap4j turns the payload of every fragment into a FragmentedPacket, including IPv4 first fragments (MF set,
         * offset 0) and IPv6 first and atomic fragments, so it has no ports there; ORACLE.md gives those ports.
         */
        PCAP4J_HAS_NO_FIRST_FRAGMENT_PORTS,
        /**
         * pcap4j rejects a TCP or UDP header cut short by the snap length (IllegalPacket); ORACLE.md takes the ports
         * whenever their 4 bytes were captured (zeek_tcp-truncated-header).
         */
        PCAP4J_REJECTS_CUT_TRANSPORT,
        /** Guard: pcap4j showing TCP/UDP in a later fragment; ORACLE.md gives later fragments port 0. */
        PCAP4J_PORTS_OF_LATER_FRAGMENT,
        /**
         * pcap4j stopped at a FragmentedPacket whose Fragment header names another extension header next, so it
         * cannot show the protocol the hand decoder's walk reaches (IPv6 protocol not compared).
         */
        PCAP4J_STOPS_BEFORE_EXTENSION_AFTER_FRAGMENT
    }

    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedPacket hand = new DecodedPacket();
    private final Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
    private final List<String> disagreements = new ArrayList<>();
    private long frames;
    private long addressesCompared;
    private long portsCompared;
    private long inspectLinesCompared;

    @Test
    void handDecoderAgreesWithPcap4jOnEveryFrameOfEveryRealCapture() throws IOException {
        List<Path> captures = CliRun.realCaptureFiles();
        Frame f = new Frame();
        for (Path capture : captures) {
            try (CaptureReader reader = CaptureFiles.open(capture)) {
                long n = 0;
                while (reader.next(f)) {
                    frames++;
                    check(capture.getFileName() + " frame " + ++n, f);
                }
            }
        }
        System.out.printf("pcap4j cross-check: %d frames in %d captures; addresses compared on %d, ports on %d, "
                        + "inspect lines on %d; skipped %s%n", frames, captures.size(), addressesCompared,
                portsCompared, inspectLinesCompared, skipped);
        assertEquals(List.of(), disagreements.subList(0, Math.min(MAX_SHOWN, disagreements.size())),
                disagreements.size() + " disagreements");
        assertTrue(addressesCompared >= MIN_ADDRESS_COMPARISONS, addressesCompared + " address comparisons");
        assertTrue(portsCompared >= MIN_PORT_COMPARISONS, portsCompared + " port comparisons");
        assertEquals(addressesCompared, inspectLinesCompared, "inspect lines compared");
    }

    private void check(String where, Frame f) {
        int outcome = decoder.decode(f.buffer, f.offset, f.capturedLength, f.linkType, hand);
        Packet packet = Pcap4jDecoder.decode(f);
        if (packet == null) {
            skip(f.linkType == LinkTypes.LINUX_SLL2 ? Skip.PCAP4J_HAS_NO_SLL2 : Skip.PCAP4J_THREW);
            return;
        }
        IpPacket ip = packet.get(IpPacket.class);
        if (!(ip instanceof IpV4Packet || ip instanceof IpV6Packet) || ip.getHeader().getSrcAddr() == null
                || ip.getHeader().getDstAddr() == null) {
            if (outcome != FrameDecoder.IP) {
                skip(Skip.NON_IP_IN_BOTH);
                return;
            }
            Skip reason = whyPcap4jFoundNoIp(packet);
            if (reason == null) {
                disagree(where, "hand decoder found IP, pcap4j did not: " + layers(packet));
            } else {
                skip(reason);
            }
            return;
        }
        if (outcome != FrameDecoder.IP) {
            disagree(where, "pcap4j found IP, hand decoder says outcome " + outcome + ": " + layers(packet));
            return;
        }
        boolean v6 = ip instanceof IpV6Packet;
        String handSrc = IpText.of(hand.ipv6, hand.srcHi, hand.srcLo);
        String handDst = IpText.of(hand.ipv6, hand.dstHi, hand.dstLo);
        String pcap4jSrc = text(ip.getHeader().getSrcAddr());
        String pcap4jDst = text(ip.getHeader().getDstAddr());
        if (v6 != hand.ipv6 || !handSrc.equals(pcap4jSrc) || !handDst.equals(pcap4jDst)) {
            disagree(where, "addresses " + handSrc + " > " + handDst + " (hand) vs " + pcap4jSrc + " > " + pcap4jDst);
            return;
        }
        addressesCompared++;

        Walk walk = new Walk(ip);
        int protocol = hand.protocol;
        if (walk.stoppedAtFragmentBeforeExtension()) {
            skip(Skip.PCAP4J_STOPS_BEFORE_EXTENSION_AFTER_FRAGMENT);
            protocol = walk.protocol;
        } else if (walk.protocol != hand.protocol) {
            disagree(where, "protocol " + hand.protocol + " (hand) vs " + walk.protocol + ": " + layers(packet));
            return;
        }

        String ports = comparePorts(where, walk);
        if (ports == null) {
            return;
        }
        String family = v6 ? "IP6 " : "IP ";
        String expected = ports.isEmpty() ? family + handSrc + " > " + handDst + ": proto " + protocol
                : String.format(ports, family + handSrc, handDst);
        String line = InspectLine.summary(packet, f.linkType);
        if (!line.equals(expected)) {
            disagree(where, "inspect line '" + line + "', expected '" + expected + "'");
            return;
        }
        inspectLinesCompared++;
    }

    /**
     * Compares the ports and returns the format of the inspect summary ({@code "%s.<sport> > %s.<dport>: tcp"}), an
     * empty string when the summary shows a protocol instead, or null after a disagreement.
     */
    private String comparePorts(String where, Walk walk) {
        Packet next = walk.next;
        if (next instanceof TcpPacket || next instanceof UdpPacket) {
            boolean tcp = next instanceof TcpPacket;
            int srcPort = tcp ? ((TcpPacket) next).getHeader().getSrcPort().valueAsInt()
                    : ((UdpPacket) next).getHeader().getSrcPort().valueAsInt();
            int dstPort = tcp ? ((TcpPacket) next).getHeader().getDstPort().valueAsInt()
                    : ((UdpPacket) next).getHeader().getDstPort().valueAsInt();
            String format = "%s." + srcPort + " > %s." + dstPort + (tcp ? ": tcp" : ": udp");
            if (walk.laterFragment) {
                skip(Skip.PCAP4J_PORTS_OF_LATER_FRAGMENT);
                return format;
            }
            if (hand.protocol != (tcp ? 6 : 17) || hand.srcPort != srcPort || hand.dstPort != dstPort) {
                disagree(where, "transport " + hand.protocol + " " + hand.srcPort + " > " + hand.dstPort
                        + " (hand) vs " + (tcp ? "tcp " : "udp ") + srcPort + " > " + dstPort);
                return null;
            }
            portsCompared++;
            return format;
        }
        if (hand.srcPort != 0 || hand.dstPort != 0) {
            if (next instanceof FragmentedPacket) {
                skip(Skip.PCAP4J_HAS_NO_FIRST_FRAGMENT_PORTS);
            } else if (next instanceof IllegalPacket) {
                skip(Skip.PCAP4J_REJECTS_CUT_TRANSPORT);
            } else {
                disagree(where, "hand decoder has ports " + hand.srcPort + " > " + hand.dstPort + ", pcap4j has "
                        + (next == null ? "nothing" : next.getClass().getSimpleName()));
                return null;
            }
        }
        return "";
    }

    /** Pcap4j's layers after the IP header: the extension headers ORACLE.md skips, then the next layer. */
    private static final class Walk {
        final Packet next;
        final int protocol;
        final boolean laterFragment;
        private final boolean fragmentThenExtension;

        Walk(IpPacket ip) {
            int proto;
            boolean later = false;
            boolean fragmentThenExt = false;
            if (ip instanceof IpV4Packet v4) {
                proto = v4.getHeader().getProtocol().value() & 0xFF;
                later = v4.getHeader().getFragmentOffset() != 0;
            } else {
                proto = ((IpV6Packet) ip).getHeader().getNextHeader().value() & 0xFF;
            }
            Packet q = ip.getPayload();
            while (true) {
                if (q instanceof IpV6ExtOptionsPacket o) {
                    proto = o.getHeader().getNextHeader().value() & 0xFF;
                } else if (q instanceof IpV6ExtRoutingPacket r) {
                    proto = r.getHeader().getNextHeader().value() & 0xFF;
                } else if (q instanceof IpV6ExtFragmentPacket fr) {
                    proto = fr.getHeader().getNextHeader().value() & 0xFF;
                    later |= fr.getHeader().getFragmentOffset() != 0;
                    fragmentThenExt = fr.getPayload() instanceof FragmentedPacket
                            && (proto == 0 || proto == 43 || proto == 44 || proto == 60);
                } else {
                    break;
                }
                q = q.getPayload();
            }
            this.next = q;
            this.protocol = proto;
            this.laterFragment = later;
            this.fragmentThenExtension = fragmentThenExt;
        }

        boolean stoppedAtFragmentBeforeExtension() {
            return fragmentThenExtension;
        }
    }

    /** Returns the documented reason why pcap4j found no IP header where the hand decoder did, or null. */
    private static Skip whyPcap4jFoundNoIp(Packet packet) {
        Packet last = packet;
        while (last.getPayload() != null && !(last.getPayload() instanceof UnknownPacket)) {
            last = last.getPayload();
        }
        if (last.getPayload() == null) {
            return null;
        }
        int etherType = -1;
        if (last instanceof EthernetPacket e) {
            etherType = e.getHeader().getType().value() & 0xFFFF;
        } else if (last instanceof Dot1qVlanTagPacket v) {
            etherType = v.getHeader().getType().value() & 0xFFFF;
        } else if (last instanceof LinuxSllPacket s) {
            etherType = s.getHeader().getProtocol().value() & 0xFFFF;
        } else if (last instanceof BsdLoopbackPacket b) {
            int family = b.getHeader().getProtocolFamily().value();
            int swapped = Integer.reverseBytes(family);
            return isBsdIpv6(family) || isBsdIpv6(swapped) ? Skip.PCAP4J_NULL_LINK_IPV6_FAMILY : null;
        }
        if (etherType == 0x8847 || etherType == 0x8848) {
            return Skip.PCAP4J_HAS_NO_MPLS;
        }
        if (etherType == 0x88A8 || etherType == 0x9100) {
            return Skip.PCAP4J_HAS_NO_QINQ_TPID;
        }
        return null;
    }

    private static boolean isBsdIpv6(int family) {
        return family == 24 || family == 28 || family == 30;
    }

    private void skip(Skip reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    private void disagree(String where, String what) {
        disagreements.add(where + ": " + what);
    }

    private static String text(InetAddress a) {
        ByteBuffer b = ByteBuffer.wrap(a.getAddress());
        return b.capacity() == 4 ? IpText.ipv4(b.getInt() & 0xFFFF_FFFFL) : IpText.ipv6(b.getLong(), b.getLong());
    }

    private static String layers(Packet p) {
        StringBuilder sb = new StringBuilder();
        for (Packet q = p; q != null; q = q.getPayload()) {
            sb.append(sb.length() == 0 ? "" : "/").append(q.getClass().getSimpleName().replace("Packet", ""));
        }
        return sb.toString();
    }
}
