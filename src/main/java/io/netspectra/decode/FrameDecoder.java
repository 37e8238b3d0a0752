package io.netspectra.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes a frame down to its outermost IP header and the transport ports that directly follow it.
 *
 * <pre>
 * Link layers (offset of the EtherType/protocol, size of the header)
 *   Ethernet  dst(6) src(6) type(2)                         type at 12, header 14
 *   SLL       pkttype(2) hatype(2) halen(2) addr(8) proto(2) type at 14, header 16
 *   SLL2      proto(2) rsvd(2) ifindex(4) hatype(2) ...      type at 0,  header 20
 *   NULL      address family (4, writer's byte order)        header 4: 2 = IPv4; 24, 28, 30 = IPv6
 *   RAW, IPV4, IPV6                                         IP header at 0
 * EtherType chain: 8100/88a8/9100 VLAN tag (4 bytes, next type at +2), 8847/8848 MPLS labels (4 bytes each up to
 * bottom of stack, then the IP version nibble), 0800 IPv4, 86dd IPv6, anything else non-IP.
 *
 * IPv4 header                                IPv6 header (40 bytes)
 * +-------+-------+---------------+          +-------+---------------+----------------+
 * |Ver|IHL| TOS   | total length  |  0       |Ver| TC | flow label                     |  0
 * | identification|flags|frag off |  4       | payload length | next hdr | hop limit   |  4
 * | TTL   | proto | checksum      |  8       | source address (16)                     |  8
 * | source address                | 12       | destination address (16)                | 24
 * | destination address           | 16       +-----------------------------------------+
 * +-------------------------------+
 * Extension headers skipped: 0 hop-by-hop, 43 routing, 60 destination options (next(1) len(1): (len+1)*8 bytes),
 * 44 fragment (next(1) rsvd(1) offset(13 bits)+flags(2) id(4): 8 bytes). A fragment with offset != 0 ends the walk:
 * what follows its header is data from the middle of the datagram, so its Next Header is the protocol.
 * TCP and UDP: source port (2), destination port (2) first. TCP flags and ICMP type/code, for connections:
 *
 * TCP header (first 14 bytes)                ICMP / ICMPv6 header (first 2 bytes)
 * +---------------+---------------+          +-------+-------+
 * | src port      | dst port      |  0       | type  | code  |  0
 * | sequence number               |  4       +-------+-------+
 * | acknowledgment number         |  8
 * |off|rsv|flags  |                 12       flags byte (13): CWR ECE URG ACK PSH RST SYN FIN, bit 7 .. bit 0
 * +---------------+
 * Each is read only on a first fragment and only when those bytes were captured; otherwise the flags are 0 and
 * the ICMP type/code is absent.
 * </pre>
 */
public final class FrameDecoder {
    /** The frame reached an IPv4 or IPv6 header; the packet record is filled. */
    public static final int IP = 0;
    /** The frame is valid for its link type but carries no (valid) IP header. */
    public static final int NON_IP = 1;
    /** The frame's link type is not one NetSpectra decodes. */
    public static final int UNSUPPORTED_LINK = 2;

    private static final VarHandle U16 = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final int ETHERNET_TYPE_OFFSET = 12;
    private static final int ETHERNET_HEADER = ETHERNET_TYPE_OFFSET + 2;
    private static final int SLL_TYPE_OFFSET = 14;
    private static final int SLL_HEADER = SLL_TYPE_OFFSET + 2;
    private static final int SLL2_TYPE_OFFSET = 0;
    private static final int SLL2_HEADER = 20;
    private static final int NULL_HEADER = 4;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int ETHERTYPE_MPLS = 0x8847;
    private static final int ETHERTYPE_MPLS_MULTICAST = 0x8848;
    private static final int VLAN_TAG = 4;
    private static final int VLAN_NEXT_TYPE_OFFSET = 2;
    private static final int MPLS_LABEL = 4;
    private static final int MPLS_BOTTOM_OFFSET = 2;

    private static final int AF_INET = 2;
    private static final int AF_INET6_BSD = 24;
    private static final int AF_INET6_FREEBSD = 28;
    private static final int AF_INET6_DARWIN = 30;

    private static final int IPV4_FRAGMENT_OFFSET = 6;
    private static final int IPV4_PROTOCOL_OFFSET = 9;
    private static final int IPV4_SRC_OFFSET = 12;
    private static final int IPV4_DST_OFFSET = IPV4_SRC_OFFSET + 4;
    private static final int IPV4_MIN_HEADER = IPV4_DST_OFFSET + 4;
    private static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1FFF;

    private static final int IPV6_NEXT_HEADER_OFFSET = 6;
    private static final int IPV6_SRC_OFFSET = 8;
    private static final int IPV6_DST_OFFSET = IPV6_SRC_OFFSET + 16;
    private static final int IPV6_HEADER = IPV6_DST_OFFSET + 16;
    private static final int EXT_HOP_BY_HOP = 0;
    private static final int EXT_ROUTING = 43;
    private static final int EXT_FRAGMENT = 44;
    private static final int EXT_DESTINATION = 60;
    private static final int EXT_FRAGMENT_SIZE = 8;
    private static final int EXT_FRAGMENT_OFFSET_FIELD = 2;

    private static final int PROTO_ICMP = 1;
    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int PROTO_ICMPV6 = 58;
    private static final int PORTS_SIZE = 4;
    private static final int TCP_FLAGS_OFFSET = 13;
    private static final int ICMP_TYPE_CODE_SIZE = 2;

    /**
     * Decodes {@code capturedLength} bytes at {@code offset} in {@code b}, of link type {@code linkType}, into
     * {@code out}, and returns {@link #IP}, {@link #NON_IP} or {@link #UNSUPPORTED_LINK}. {@code out} is meaningful
     * only for {@link #IP}. The bytes are read at absolute positions below {@code b}'s limit, whatever its position
     * and byte order (through view handles: one compiled path for direct and heap buffers alike).
     */
    public int decode(ByteBuffer b, int offset, int capturedLength, int linkType, DecodedPacket out) {
        int end = offset + capturedLength;
        switch (linkType) {
            case LinkTypes.ETHERNET:
                if (capturedLength < ETHERNET_HEADER) {
                    return NON_IP;
                }
                return etherType(b, offset + ETHERNET_HEADER, end, u16(b, offset + ETHERNET_TYPE_OFFSET), out);
            case LinkTypes.LINUX_SLL:
                if (capturedLength < SLL_HEADER) {
                    return NON_IP;
                }
                return etherType(b, offset + SLL_HEADER, end, u16(b, offset + SLL_TYPE_OFFSET), out);
            case LinkTypes.LINUX_SLL2:
                if (capturedLength < SLL2_HEADER) {
                    return NON_IP;
                }
                return etherType(b, offset + SLL2_HEADER, end, u16(b, offset + SLL2_TYPE_OFFSET), out);
            case LinkTypes.NULL:
                return nullLink(b, offset, end, out);
            case LinkTypes.RAW:
                return byVersion(b, offset, end, out);
            case LinkTypes.IPV4:
                return ipv4(b, offset, end, out);
            case LinkTypes.IPV6:
                return ipv6(b, offset, end, out);
            default:
                return UNSUPPORTED_LINK;
        }
    }

    /** As {@link #decode(ByteBuffer, int, int, int, DecodedPacket)}, for bytes in an array (tests and tools). */
    public int decode(byte[] b, int offset, int capturedLength, int linkType, DecodedPacket out) {
        return decode(ByteBuffer.wrap(b), offset, capturedLength, linkType, out);
    }

    private int nullLink(ByteBuffer b, int offset, int end, DecodedPacket out) {
        if (end - offset < NULL_HEADER) {
            return NON_IP;
        }
        // The writer's byte order: read as little-endian first; a family above 16 bits means big-endian.
        int word = (int) U32.get(b, offset);
        long family = Integer.reverseBytes(word) & 0xFFFF_FFFFL;
        if (family > 0xFFFF) {
            family = word & 0xFFFF_FFFFL;
        }
        int ip = offset + NULL_HEADER;
        if (family == AF_INET) {
            return ipv4(b, ip, end, out);
        }
        if (family == AF_INET6_BSD || family == AF_INET6_FREEBSD || family == AF_INET6_DARWIN) {
            return ipv6(b, ip, end, out);
        }
        return NON_IP;
    }

    private int etherType(ByteBuffer b, int offset, int end, int type, DecodedPacket out) {
        int p = offset;
        int t = type;
        while (t == ETHERTYPE_VLAN || t == ETHERTYPE_QINQ || t == ETHERTYPE_QINQ_OLD) {
            if (end - p < VLAN_TAG) {
                return NON_IP;
            }
            t = u16(b, p + VLAN_NEXT_TYPE_OFFSET);
            p += VLAN_TAG;
        }
        if (t == ETHERTYPE_IPV4) {
            return ipv4(b, p, end, out);
        }
        if (t == ETHERTYPE_IPV6) {
            return ipv6(b, p, end, out);
        }
        if (t == ETHERTYPE_MPLS || t == ETHERTYPE_MPLS_MULTICAST) {
            boolean bottom = false;
            while (!bottom) {
                if (end - p < MPLS_LABEL) {
                    return NON_IP;
                }
                bottom = (b.get(p + MPLS_BOTTOM_OFFSET) & 1) != 0;
                p += MPLS_LABEL;
            }
            return byVersion(b, p, end, out);
        }
        return NON_IP;
    }

    private int byVersion(ByteBuffer b, int p, int end, DecodedPacket out) {
        if (end - p < 1) {
            return NON_IP;
        }
        int version = (b.get(p) & 0xFF) >>> 4;
        if (version == 4) {
            return ipv4(b, p, end, out);
        }
        if (version == 6) {
            return ipv6(b, p, end, out);
        }
        return NON_IP;
    }

    private int ipv4(ByteBuffer b, int p, int end, DecodedPacket out) {
        if (end - p < IPV4_MIN_HEADER) {
            return NON_IP;
        }
        int versionIhl = b.get(p) & 0xFF;
        int ihl = versionIhl & 0x0F;
        if (versionIhl >>> 4 != 4 || ihl < 5) {
            return NON_IP;
        }
        out.ipv6 = false;
        out.srcHi = 0;
        out.dstHi = 0;
        out.srcLo = (int) U32.get(b, p + IPV4_SRC_OFFSET) & 0xFFFF_FFFFL;
        out.dstLo = (int) U32.get(b, p + IPV4_DST_OFFSET) & 0xFFFF_FFFFL;
        int protocol = b.get(p + IPV4_PROTOCOL_OFFSET) & 0xFF;
        out.protocol = protocol;
        boolean laterFragment = (u16(b, p + IPV4_FRAGMENT_OFFSET) & IPV4_FRAGMENT_OFFSET_MASK) != 0;
        ports(b, p + ihl * 4, end, protocol, laterFragment, out);
        return IP;
    }

    private int ipv6(ByteBuffer b, int p, int end, DecodedPacket out) {
        if (end - p < IPV6_HEADER || (b.get(p) & 0xFF) >>> 4 != 6) {
            return NON_IP;
        }
        out.ipv6 = true;
        out.srcHi = (long) U64.get(b, p + IPV6_SRC_OFFSET);
        out.srcLo = (long) U64.get(b, p + IPV6_SRC_OFFSET + 8);
        out.dstHi = (long) U64.get(b, p + IPV6_DST_OFFSET);
        out.dstLo = (long) U64.get(b, p + IPV6_DST_OFFSET + 8);
        int next = b.get(p + IPV6_NEXT_HEADER_OFFSET) & 0xFF;
        int q = p + IPV6_HEADER;
        boolean laterFragment = false;
        boolean complete = true;
        while (next == EXT_HOP_BY_HOP || next == EXT_ROUTING || next == EXT_DESTINATION || next == EXT_FRAGMENT) {
            int size;
            if (next == EXT_FRAGMENT) {
                if (end - q < EXT_FRAGMENT_SIZE) {
                    complete = false;
                    break;
                }
                laterFragment = (u16(b, q + EXT_FRAGMENT_OFFSET_FIELD) >>> 3) != 0;
                size = EXT_FRAGMENT_SIZE;
            } else {
                if (end - q < 2) {
                    complete = false;
                    break;
                }
                size = ((b.get(q + 1) & 0xFF) + 1) * 8;
            }
            next = b.get(q) & 0xFF;
            q += size;
            if (laterFragment) {
                break;
            }
        }
        out.protocol = next;
        if (complete) {
            ports(b, q, end, next, laterFragment, out);
        } else {
            out.srcPort = 0;
            out.dstPort = 0;
            out.tcpFlags = 0;
            out.icmpTypeCode = DecodedPacket.NO_ICMP;
        }
        return IP;
    }

    private static void ports(ByteBuffer b, int transport, int end, int protocol, boolean laterFragment,
                              DecodedPacket out) {
        int left = end - transport;
        out.tcpFlags = 0;
        out.icmpTypeCode = DecodedPacket.NO_ICMP;
        if ((protocol == PROTO_TCP || protocol == PROTO_UDP) && !laterFragment && left >= PORTS_SIZE) {
            out.srcPort = u16(b, transport);
            out.dstPort = u16(b, transport + 2);
            if (protocol == PROTO_TCP && left > TCP_FLAGS_OFFSET) {
                out.tcpFlags = b.get(transport + TCP_FLAGS_OFFSET) & 0xFF;
            }
        } else {
            out.srcPort = 0;
            out.dstPort = 0;
            if ((protocol == PROTO_ICMP || protocol == PROTO_ICMPV6) && !laterFragment
                    && left >= ICMP_TYPE_CODE_SIZE) {
                out.icmpTypeCode = u16(b, transport);
            }
        }
    }

    private static int u16(ByteBuffer b, int off) {
        return (short) U16.get(b, off) & 0xFFFF;
    }
}
