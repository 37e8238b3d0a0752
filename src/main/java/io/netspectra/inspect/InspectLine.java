package io.netspectra.inspect;

import io.netspectra.capture.Frame;
import io.netspectra.report.TimeText;
import org.pcap4j.packet.IpPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;

import java.net.InetAddress;

/** Formats one frame as pcap4j decodes it, in the spirit of {@code tcpdump -nr}. */
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
        if (ip == null) {
            return layers(p);
        }
        InetAddress src = ip.getHeader().getSrcAddr();
        InetAddress dst = ip.getHeader().getDstAddr();
        String family = ip instanceof IpV4Packet ? "IP" : "IP6";
        int proto = ip instanceof IpV6Packet v6 ? protocolAfterExtensions(v6)
                : ip.getHeader().getProtocol().value() & 0xFF;
        TcpPacket tcp = ip.get(TcpPacket.class);
        UdpPacket udp = ip.get(UdpPacket.class);
        if (tcp != null) {
            return family + " " + src.getHostAddress() + "." + tcp.getHeader().getSrcPort().valueAsInt() + " > "
                    + dst.getHostAddress() + "." + tcp.getHeader().getDstPort().valueAsInt() + ": tcp";
        }
        if (udp != null) {
            return family + " " + src.getHostAddress() + "." + udp.getHeader().getSrcPort().valueAsInt() + " > "
                    + dst.getHostAddress() + "." + udp.getHeader().getDstPort().valueAsInt() + ": udp";
        }
        return family + " " + src.getHostAddress() + " > " + dst.getHostAddress() + ": proto " + proto;
    }

    private static int protocolAfterExtensions(IpV6Packet v6) {
        return v6.getHeader().getNextHeader().value() & 0xFF;
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
