package io.netspectra.connections;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Community ID v1 (corelight/community-id-spec), seed 0: {@code "1:" + base64(SHA-1(seed(2) saddr daddr proto(1)
 * pad(1) [sport(2) dport(2)]))}, every field in network byte order, the endpoints ordered so that both directions
 * give the same ID (smaller address first; equal addresses: smaller port first). ICMP and ICMPv6 use the type and
 * code as ports: request/reply types map to their counterpart (so both directions match), other types are one-way
 * (type, code) and never reordered. Ports are hashed for TCP, UDP, SCTP, ICMP and ICMPv6 only.
 */
public final class CommunityId {
    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMPV6 = 58;
    private static final int SCTP = 132;
    /** ICMP types with a counterpart, as pairs (type, counterpart); from the spec's reference implementation. */
    private static final int[][] ICMP_V4_PAIRS = {{8, 0}, {0, 8}, {13, 14}, {14, 13}, {15, 16}, {16, 15},
        {10, 9}, {17, 18}, {18, 17}};
    private static final int[][] ICMP_V6_PAIRS = {{128, 129}, {129, 128}, {133, 134}, {134, 133}, {135, 136},
        {136, 135}, {130, 131}, {131, 130}, {139, 140}, {140, 139}, {144, 145}, {145, 144}};

    private CommunityId() {
    }

    /**
     * Returns the ID of a connection whose originator sent from {@code (srcHi, srcLo, srcPort)}. For ICMP and ICMPv6
     * the ports are ignored and {@code icmpTypeCode} ({@code type << 8 | code}, negative when unknown: then type and
     * code 0) gives them.
     */
    public static String of(boolean ipv6, long srcHi, long srcLo, long dstHi, long dstLo, int protocol, int srcPort,
                            int dstPort, int icmpTypeCode) {
        if (protocol == ICMP || protocol == ICMPV6) {
            int type = icmpTypeCode < 0 ? 0 : icmpTypeCode >>> 8;
            int code = icmpTypeCode < 0 ? 0 : icmpTypeCode & 0xFF;
            int counterpart = counterpart(protocol == ICMPV6 ? ICMP_V6_PAIRS : ICMP_V4_PAIRS, type);
            if (counterpart < 0) {
                return hash(ipv6, srcHi, srcLo, dstHi, dstLo, protocol, type, code, true, true);
            }
            return hash(ipv6, srcHi, srcLo, dstHi, dstLo, protocol, type, counterpart, true, false);
        }
        boolean ports = protocol == TCP || protocol == UDP || protocol == SCTP;
        return hash(ipv6, srcHi, srcLo, dstHi, dstLo, protocol, ports ? srcPort : 0, ports ? dstPort : 0, ports,
                false);
    }

    /**
     * Returns the ID of the given tuple as the spec hashes it: {@code hasPorts} false for protocols without ports,
     * {@code oneWay} true to keep the given order (one-way ICMP).
     */
    public static String hash(boolean ipv6, long srcHi, long srcLo, long dstHi, long dstLo, int protocol,
                              int srcPort, int dstPort, boolean hasPorts, boolean oneWay) {
        boolean swap = false;
        if (!oneWay) {
            int c = ipv6 ? compare(srcHi, srcLo, dstHi, dstLo) : Long.compareUnsigned(srcLo, dstLo);
            swap = c > 0 || (c == 0 && hasPorts && srcPort > dstPort);
        }
        ByteBuffer b = ByteBuffer.allocate(2 + 32 + 2 + 4);
        b.putShort((short) 0);
        if (swap) {
            address(b, ipv6, dstHi, dstLo);
            address(b, ipv6, srcHi, srcLo);
        } else {
            address(b, ipv6, srcHi, srcLo);
            address(b, ipv6, dstHi, dstLo);
        }
        b.put((byte) protocol);
        b.put((byte) 0);
        if (hasPorts) {
            b.putShort((short) (swap ? dstPort : srcPort));
            b.putShort((short) (swap ? srcPort : dstPort));
        }
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        sha1.update(b.array(), 0, b.position());
        return "1:" + Base64.getEncoder().encodeToString(sha1.digest());
    }

    private static void address(ByteBuffer b, boolean ipv6, long hi, long lo) {
        if (ipv6) {
            b.putLong(hi);
            b.putLong(lo);
        } else {
            b.putInt((int) lo);
        }
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    private static int counterpart(int[][] pairs, int type) {
        for (int[] p : pairs) {
            if (p[0] == type) {
                return p[1];
            }
        }
        return -1;
    }
}
