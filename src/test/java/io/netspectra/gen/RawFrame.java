package io.netspectra.gen;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Decodes a whole (uncut) generated Ethernet frame in the test, independently of the generator: VLAN tags, the
 * outermost IP header, the ports, and whether every length and checksum in it is right, recomputed over the bytes.
 *
 * @param vlanTags      VLAN tags before the EtherType
 * @param ipVersion     4, 6, or 0 for a non-IP frame
 * @param protocol      the IP protocol, -1 for non-IP
 * @param source        the source address, null for non-IP
 * @param destination   the destination address, null for non-IP
 * @param sourcePort    the source port, 0 without TCP or UDP
 * @param destinationPort the destination port, 0 without TCP or UDP
 * @param problem       what is wrong with the frame, or null
 */
record RawFrame(int vlanTags, int ipVersion, int protocol, InetAddress source, InetAddress destination,
        int sourcePort, int destinationPort, String problem) {

    /** Returns the directional five-tuple as the oracle convention writes it. */
    String fiveTuple() {
        return source.getHostAddress() + "|" + destination.getHostAddress() + "|" + protocol + "|" + sourcePort + "|"
                + destinationPort;
    }

    /** Returns the five-tuple with the endpoints in a fixed order, the same for both directions. */
    String conversation() {
        String a = source.getHostAddress() + "|" + sourcePort;
        String b = destination.getHostAddress() + "|" + destinationPort;
        return (a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a) + "|" + protocol;
    }

    static RawFrame decode(byte[] f) {
        int off = 12;
        int tags = 0;
        int type = u16(f, off);
        while (type == 0x8100 || type == 0x88a8) {
            if (tags == 0 && type == 0x88a8 && u16(f, off + 4) != 0x8100) {
                return problem(tags, "QinQ outer tag not followed by 802.1Q");
            }
            tags++;
            off += 4;
            type = u16(f, off);
        }
        off += 2;
        if (f.length < 60) {
            return problem(tags, "frame shorter than 60 bytes: " + f.length);
        }
        if (type == 0x0800) {
            return ipv4(f, off, tags);
        }
        if (type == 0x86dd) {
            return ipv6(f, off, tags);
        }
        if (type == 0x0806) {
            return new RawFrame(tags, 0, -1, null, null, 0, 0, f.length == 60 && off + 28 <= 60 ? null
                    : "ARP frame of " + f.length + " bytes");
        }
        return problem(tags, "unexpected EtherType " + Integer.toHexString(type));
    }

    private static RawFrame ipv4(byte[] f, int off, int tags) {
        if ((f[off] & 0xff) != 0x45) {
            return problem(tags, "IPv4 version/IHL " + Integer.toHexString(f[off] & 0xff));
        }
        int total = u16(f, off + 2);
        if (Math.max(60, off + total) != f.length) {
            return problem(tags, "IPv4 total length " + total + " in a frame of " + f.length);
        }
        if ((sum(0, f, off, 20)) != 0xffff) {
            return problem(tags, "IPv4 header checksum");
        }
        int protocol = f[off + 9] & 0xff;
        int pseudo = sum(protocol + total - 20, f, off + 12, 8);
        return transport(f, off + 20, total - 20, protocol, pseudo, 4, tags,
                address(f, off + 12, 4), address(f, off + 16, 4));
    }

    private static RawFrame ipv6(byte[] f, int off, int tags) {
        if ((f[off] & 0xf0) != 0x60) {
            return problem(tags, "IPv6 version");
        }
        int payload = u16(f, off + 4);
        if (Math.max(60, off + 40 + payload) != f.length) {
            return problem(tags, "IPv6 payload length " + payload + " in a frame of " + f.length);
        }
        int next = f[off + 6] & 0xff;
        int pseudo = sum(next + payload, f, off + 8, 32);
        return transport(f, off + 40, payload, next, pseudo, 6, tags, address(f, off + 8, 16),
                address(f, off + 24, 16));
    }

    private static RawFrame transport(byte[] f, int off, int length, int protocol, int pseudo, int version,
            int tags, InetAddress source, InetAddress destination) {
        int sourcePort = 0;
        int destinationPort = 0;
        String problem = null;
        switch (protocol) {
            case 6 -> {
                sourcePort = u16(f, off);
                destinationPort = u16(f, off + 2);
                problem = (f[off + 12] & 0xff) != 0x50 ? "TCP data offset"
                        : (sum(pseudo, f, off, length)) != 0xffff ? "TCP checksum" : null;
            }
            case 17 -> {
                sourcePort = u16(f, off);
                destinationPort = u16(f, off + 2);
                problem = u16(f, off + 4) != length ? "UDP length"
                        : (sum(pseudo, f, off, length)) != 0xffff ? "UDP checksum" : null;
            }
            case 1 -> problem = (sum(0, f, off, length)) != 0xffff ? "ICMP checksum" : null;
            case 58 -> problem = (sum(pseudo, f, off, length)) != 0xffff ? "ICMPv6 checksum" : null;
            case 47 -> problem = u16(f, off + 2) != 0x0800 || u16(f, off + 6) != length - 4 ? "GRE inner IPv4 length"
                    : (sum(0, f, off + 4, 20)) != 0xffff ? "GRE inner IPv4 checksum" : null;
            case 50 -> problem = length < 8 ? "ESP shorter than its header" : null;
            default -> problem = "unexpected protocol " + protocol;
        }
        return new RawFrame(tags, version, protocol, source, destination, sourcePort, destinationPort, problem);
    }

    private static RawFrame problem(int tags, String problem) {
        return new RawFrame(tags, 0, -1, null, null, 0, 0, problem);
    }

    private static InetAddress address(byte[] f, int off, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(f, off, off + length));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static int u16(byte[] f, int off) {
        return (f[off] & 0xff) << 8 | f[off + 1] & 0xff;
    }

    /**
     * Returns the folded ones' complement sum of {@code initial} and the big-endian words of f[off, off + length),
     * an odd last byte padded with zero; a region holding its own correct checksum sums to 0xffff.
     */
    private static int sum(int initial, byte[] f, int off, int length) {
        long s = initial;
        for (int i = 0; i < length; i += 2) {
            int hi = f[off + i] & 0xff;
            int lo = i + 1 < length ? f[off + i + 1] & 0xff : 0;
            s += hi << 8 | lo;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }
}
