package io.netspectra.decode;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds test frames byte by byte, outermost header first. Length fields (IPv4 total length, IPv6 payload length,
 * UDP length) are patched by {@link #build()} to run from their header to the end of the frame, so pcap4j accepts
 * the frames too. Public because the inspect tests build their frames with it as well.
 */
public final class FrameBytes {
    public static final byte[] MAC_DST = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
    public static final byte[] MAC_SRC = {0x66, 0x77, (byte) 0x88, (byte) 0x99, (byte) 0xAA, (byte) 0xBB};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** Offsets of the IPv4 headers, IPv6 payloads and UDP headers whose length fields {@link #build()} patches. */
    private final List<Integer> ipv4Starts = new ArrayList<>();
    private final List<Integer> ipv6PayloadStarts = new ArrayList<>();
    private final List<Integer> udpStarts = new ArrayList<>();

    public FrameBytes u8(int v) {
        out.write(v);
        return this;
    }

    public FrameBytes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    public FrameBytes u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    public FrameBytes u32le(long v) {
        return u8((int) v).u8((int) (v >>> 8)).u8((int) (v >>> 16)).u8((int) (v >>> 24));
    }

    public FrameBytes bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public FrameBytes zeros(int n) {
        return bytes(new byte[n]);
    }

    /** Ethernet II: destination, source, EtherType (or 802.3 length). */
    public FrameBytes ethernet(int etherType) {
        return bytes(MAC_DST).bytes(MAC_SRC).u16(etherType);
    }

    /** One VLAN tag after a VLAN EtherType: TCI, then the next EtherType. */
    public FrameBytes vlanTag(int vlanId, int nextType) {
        return u16(vlanId & 0x0FFF).u16(nextType);
    }

    /** One MPLS label stack entry: label (20 bits), TC (3), bottom of stack (1), TTL (8). */
    public FrameBytes mplsLabel(int label, boolean bottom) {
        return u32(((long) label << 12) | (bottom ? 0x100 : 0) | 64);
    }

    /** Linux cooked capture v1 (16 bytes): packet type, ARPHRD, address length, address (8), protocol. */
    public FrameBytes sll(int protocol) {
        return u16(0).u16(1).u16(6).bytes(MAC_SRC).u16(0).u16(protocol);
    }

    /** Linux cooked capture v2 (20 bytes): protocol, reserved, ifindex, ARPHRD, packet type, address length/value. */
    public FrameBytes sll2(int protocol) {
        return u16(protocol).u16(0).u32(2).u16(1).u8(0).u8(6).bytes(MAC_SRC).u16(0);
    }

    /** IPv4 header without options (IHL 5), don't-fragment clear. */
    public FrameBytes ipv4(int protocol, String src, String dst) {
        return ipv4(5, 0, protocol, src, dst);
    }

    /**
     * IPv4 header with {@code ihl} 32-bit words ({@code ihl - 5} of them zero options) and the 16-bit flags/fragment
     * offset field {@code flagsAndOffset} (MF is 0x2000, the offset counts 8-byte units).
     */
    public FrameBytes ipv4(int ihl, int flagsAndOffset, int protocol, String src, String dst) {
        ipv4Starts.add(out.size());
        u8(0x40 | (ihl & 0x0F)).u8(0).u16(0).u16(0x1234).u16(flagsAndOffset).u8(64).u8(protocol).u16(0);
        bytes(address(src, 4)).bytes(address(dst, 4));
        return zeros(Math.max(0, ihl - 5) * 4);
    }

    /** IPv6 fixed header (40 bytes). */
    public FrameBytes ipv6(int nextHeader, String src, String dst) {
        u32(0x6000_0000L).u16(0).u8(nextHeader).u8(64);
        bytes(address(src, 16)).bytes(address(dst, 16));
        ipv6PayloadStarts.add(out.size());
        return this;
    }

    /** A hop-by-hop, routing or destination options header of {@code (lengthUnits + 1) * 8} bytes. */
    public FrameBytes extension(int nextHeader, int lengthUnits) {
        return u8(nextHeader).u8(lengthUnits).zeros((lengthUnits + 1) * 8 - 2);
    }

    /** An IPv6 fragment header (8 bytes); {@code offsetUnits} counts 8-byte units. */
    public FrameBytes fragment(int nextHeader, int offsetUnits, boolean more) {
        return u8(nextHeader).u8(0).u16(offsetUnits << 3 | (more ? 1 : 0)).u32(0xCAFEL);
    }

    /** A 20-byte TCP header (SYN). */
    public FrameBytes tcp(int srcPort, int dstPort) {
        return u16(srcPort).u16(dstPort).u32(1000).u32(0).u8(5 << 4).u8(0x02).u16(65535).u16(0).u16(0);
    }

    /** A 20-byte TCP header with the flags byte {@code flags} (CWR ECE URG ACK PSH RST SYN FIN, bit 7 to 0). */
    public FrameBytes tcp(int srcPort, int dstPort, int flags) {
        return u16(srcPort).u16(dstPort).u32(1000).u32(0).u8(5 << 4).u8(flags).u16(65535).u16(0).u16(0);
    }

    /** An ICMP or ICMPv6 header of 8 bytes: type, code, checksum 0, then 4 zero bytes. */
    public FrameBytes icmp(int type, int code) {
        return u8(type).u8(code).u16(0).u32(0);
    }

    /** An 8-byte UDP header; its length is patched at build time. */
    public FrameBytes udp(int srcPort, int dstPort) {
        udpStarts.add(out.size());
        return u16(srcPort).u16(dstPort).u16(0).u16(0);
    }

    /** An ICMP echo request header (8 bytes). */
    public FrameBytes icmpEcho() {
        return u8(8).u8(0).u16(0).u16(1).u16(1);
    }

    /** Returns the frame with the length fields patched. */
    public byte[] build() {
        byte[] b = out.toByteArray();
        for (int start : ipv4Starts) {
            put16(b, start + 2, b.length - start);
        }
        for (int payload : ipv6PayloadStarts) {
            put16(b, payload - 36, b.length - payload);
        }
        for (int start : udpStarts) {
            put16(b, start + 4, b.length - start);
        }
        return b;
    }

    /** Returns the first {@code n} bytes of the built frame (a snaplen-cut capture of it). */
    public byte[] build(int n) {
        return Arrays.copyOf(build(), n);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    /** Returns the bytes of a literal address (no name lookup happens for literals). */
    public static byte[] address(String literal, int size) {
        try {
            byte[] a = InetAddress.getByName(literal).getAddress();
            if (a.length != size) {
                throw new IllegalArgumentException(literal + " is not a " + size + "-byte address");
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
