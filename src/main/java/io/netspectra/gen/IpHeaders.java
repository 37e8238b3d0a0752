package io.netspectra.gen;

/**
 * Writes IPv4 headers (IHL 5, no options, with the header checksum) and IPv6 headers (no extension headers), and
 * gives the pseudo-header sums that TCP, UDP and ICMPv6 checksums start from.
 *
 * <pre>
 * IPv4 (20 bytes):
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------+-------+---------------+-------------------------------+
 * |Version|  IHL  |   DSCP/ECN    |         Total Length          |
 * +-------+-------+---------------+-----+-------------------------+
 * |        Identification         |Flags|     Fragment Offset     |
 * +---------------+---------------+-----+-------------------------+
 * |      TTL      |   Protocol    |        Header Checksum        |
 * +---------------+---------------+-------------------------------+
 * |                        Source Address                         |
 * |                     Destination Address                       |
 * +---------------------------------------------------------------+
 *
 * IPv6 (40 bytes):
 * +-------+---------------+---------------------------------------+
 * |Version| Traffic Class |              Flow Label               |
 * +-------+---------------+-------+---------------+---------------+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-------------------------------+---------------+---------------+
 * |                    Source Address (16 bytes)                  |
 * |                 Destination Address (16 bytes)                |
 * +---------------------------------------------------------------+
 * </pre>
 */
final class IpHeaders {
    static final int V4_VERSION_IHL_OFFSET = 0;
    static final int V4_TOS_OFFSET = V4_VERSION_IHL_OFFSET + 1;
    static final int V4_TOTAL_LENGTH_OFFSET = V4_TOS_OFFSET + 1;
    static final int V4_ID_OFFSET = V4_TOTAL_LENGTH_OFFSET + 2;
    static final int V4_FLAGS_FRAGMENT_OFFSET = V4_ID_OFFSET + 2;
    static final int V4_TTL_OFFSET = V4_FLAGS_FRAGMENT_OFFSET + 2;
    static final int V4_PROTOCOL_OFFSET = V4_TTL_OFFSET + 1;
    static final int V4_CHECKSUM_OFFSET = V4_PROTOCOL_OFFSET + 1;
    static final int V4_SOURCE_OFFSET = V4_CHECKSUM_OFFSET + 2;
    static final int V4_DESTINATION_OFFSET = V4_SOURCE_OFFSET + 4;
    static final int V4_HEADER = V4_DESTINATION_OFFSET + 4;
    static final int V4_VERSION_IHL = 0x45;
    static final int V4_DONT_FRAGMENT = 0x4000;

    static final int V6_VERSION_CLASS_LABEL_OFFSET = 0;
    static final int V6_PAYLOAD_LENGTH_OFFSET = V6_VERSION_CLASS_LABEL_OFFSET + 4;
    static final int V6_NEXT_HEADER_OFFSET = V6_PAYLOAD_LENGTH_OFFSET + 2;
    static final int V6_HOP_LIMIT_OFFSET = V6_NEXT_HEADER_OFFSET + 1;
    static final int V6_SOURCE_OFFSET = V6_HOP_LIMIT_OFFSET + 1;
    static final int V6_DESTINATION_OFFSET = V6_SOURCE_OFFSET + 16;
    static final int V6_HEADER = V6_DESTINATION_OFFSET + 16;

    private IpHeaders() {
    }

    /**
     * Writes an IPv4 header at {@code off} for a datagram of {@code totalLength} bytes, header included, fills in its
     * checksum and returns the offset of the payload.
     */
    static int writeIpv4(byte[] b, int off, int totalLength, int id, int flags, int ttl, int protocol, int source,
            int destination) {
        b[off + V4_VERSION_IHL_OFFSET] = V4_VERSION_IHL;
        b[off + V4_TOS_OFFSET] = 0;
        BigEndian.put16(b, off + V4_TOTAL_LENGTH_OFFSET, totalLength);
        BigEndian.put16(b, off + V4_ID_OFFSET, id);
        BigEndian.put16(b, off + V4_FLAGS_FRAGMENT_OFFSET, flags);
        b[off + V4_TTL_OFFSET] = (byte) ttl;
        b[off + V4_PROTOCOL_OFFSET] = (byte) protocol;
        BigEndian.put16(b, off + V4_CHECKSUM_OFFSET, 0);
        BigEndian.put32(b, off + V4_SOURCE_OFFSET, source);
        BigEndian.put32(b, off + V4_DESTINATION_OFFSET, destination);
        int checksum = InternetChecksum.finish(InternetChecksum.add(0, b, off, V4_HEADER));
        BigEndian.put16(b, off + V4_CHECKSUM_OFFSET, checksum);
        return off + V4_HEADER;
    }

    /** Writes an IPv6 header at {@code off} and returns the offset of the payload. */
    static int writeIpv6(byte[] b, int off, int payloadLength, int flowLabel, int hopLimit, int nextHeader,
            byte[] source, byte[] destination) {
        BigEndian.put32(b, off + V6_VERSION_CLASS_LABEL_OFFSET, 6 << 28 | flowLabel & 0xfffff);
        BigEndian.put16(b, off + V6_PAYLOAD_LENGTH_OFFSET, payloadLength);
        b[off + V6_NEXT_HEADER_OFFSET] = (byte) nextHeader;
        b[off + V6_HOP_LIMIT_OFFSET] = (byte) hopLimit;
        System.arraycopy(source, 0, b, off + V6_SOURCE_OFFSET, 16);
        System.arraycopy(destination, 0, b, off + V6_DESTINATION_OFFSET, 16);
        return off + V6_HEADER;
    }

    /** Returns the unfolded pseudo-header sum of the IPv4 header at {@code off} for an upper layer of that length. */
    static int ipv4PseudoSum(byte[] b, int off, int protocol, int upperLength) {
        return InternetChecksum.add(protocol + upperLength, b, off + V4_SOURCE_OFFSET, 8);
    }

    /** Returns the unfolded pseudo-header sum of the IPv6 header at {@code off} for an upper layer of that length. */
    static int ipv6PseudoSum(byte[] b, int off, int nextHeader, int upperLength) {
        return InternetChecksum.add(nextHeader + upperLength, b, off + V6_SOURCE_OFFSET, 32);
    }
}
