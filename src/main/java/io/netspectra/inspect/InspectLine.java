package io.netspectra.inspect;

import io.netspectra.capture.Frame;
import io.netspectra.report.IpText;
import io.netspectra.report.TimeText;
import org.pcap4j.packet.IpPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6ExtFragmentPacket;
import org.pcap4j.packet.IpV6ExtOptionsPacket;
import org.pcap4j.packet.IpV6ExtRoutingPacket;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * Formats one frame as pcap4j decodes it, in the spirit of {@code tcpdump -nr}. Like the analyzer (ORACLE.md), it
 * shows the outermost IP header and the layer directly after it and its IPv6 extension headers, never a header quoted
 * inside an ICMP error or carried in a tunnel. Addresses are written as the reports write them (RFC 5952 for IPv6).
 */
public final class InspectLine {
    private InspectLine() {
    }

    /** Returns {@code "<n> <time> <summary> length <wire>"} for frame number {@code n} (from 1). */
    public static String format(long n, Frame f) {
        String time = f.timestampNanos == Frame.NO_TIMESTAMP ? "-" : TimeText.format(f.timestampNanos);
        Packet p = Pcap4jDecoder.decode(f);
        return n + " " + time + " " + summary(p, f.linkType) + " length " + f.wireLength;
    }

    static String summary(Packet p, int linkType) {
        if (p == null) {
            return "link type " + linkType + " (not decoded by pcap4j)";
        }
        IpPacket ip = p.get(IpPacket.class);
        if (ip == null || ip.getHeader().getSrcAddr() == null || ip.getHeader().getDstAddr() == null) {
            return layers(p);
        }
        String src = address(ip.getHeader().getSrcAddr());
        String dst = address(ip.getHeader().getDstAddr());
        String family = ip instanceof IpV4Packet ? "IP" : "IP6";
        Packet transport = afterExtensions(ip);
        if (transport instanceof TcpPacket tcp) {
            return family + " " + src + "." + tcp.getHeader().getSrcPort().valueAsInt() + " > "
                    + dst + "." + tcp.getHeader().getDstPort().valueAsInt() + ": tcp";
        }
        if (transport instanceof UdpPacket udp) {
            return family + " " + src + "." + udp.getHeader().getSrcPort().valueAsInt() + " > "
                    + dst + "." + udp.getHeader().getDstPort().valueAsInt() + ": udp";
        }
        return family + " " + src + " > " + dst + ": proto " + protocolAfterExtensions(ip);
    }

    /**
     * Returns the layer directly after the IP header and the IPv6 extension headers the analyzer skips (hop-by-hop,
     * routing, fragment, destination options), or null when pcap4j decoded nothing there.
     */
    static Packet afterExtensions(IpPacket ip) {
        Packet q = ip.getPayload();
        while (q instanceof IpV6ExtOptionsPacket || q instanceof IpV6ExtRoutingPacket
                || q instanceof IpV6ExtFragmentPacket) {
            q = q.getPayload();
        }
        return q;
    }

    /** Returns the IPv4 Protocol, or the IPv6 Next Header of the last extension header that pcap4j decoded. */
    static int protocolAfterExtensions(IpPacket ip) {
        if (ip instanceof IpV4Packet v4) {
            return v4.getHeader().getProtocol().value() & 0xFF;
        }
        int next = ((IpV6Packet) ip).getHeader().getNextHeader().value() & 0xFF;
        for (Packet q = ip.getPayload(); q != null; q = q.getPayload()) {
            if (q instanceof IpV6ExtOptionsPacket o) {
                next = o.getHeader().getNextHeader().value() & 0xFF;
            } else if (q instanceof IpV6ExtRoutingPacket r) {
                next = r.getHeader().getNextHeader().value() & 0xFF;
            } else if (q instanceof IpV6ExtFragmentPacket f) {
                next = f.getHeader().getNextHeader().value() & 0xFF;
            } else {
                break;
            }
        }
        return next;
    }

    private static String address(InetAddress a) {
        ByteBuffer b = ByteBuffer.wrap(a.getAddress());
        return b.capacity() == 4 ? IpText.ipv4(b.getInt() & 0xFFFF_FFFFL) : IpText.ipv6(b.getLong(), b.getLong());
    }

    private static String layers(Packet p) {
        StringBuilder sb = new StringBuilder();
        for (Packet q = p; q != null; q = q.getPayload()) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(q.getClass().getSimpleName().replace("Packet", ""));
        }
        return sb.toString();
    }
}
