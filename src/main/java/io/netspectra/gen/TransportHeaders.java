package io.netspectra.gen;

/**
 * Writes the headers that follow IP: TCP (data offset 5, no options), UDP, ICMP and ICMPv6 echo, GRE carrying an
 * inner IPv4 header, and ESP. Checksums cover the header and a zero payload of the stated length, so they are exact.
 *
 * <pre>
 * TCP (20 bytes):
 * +------------------------------+------------------------------+
 * |        Source Port 2         |      Destination Port 2      |
 * |                     Sequence Number 4                       |
 * |                  Acknowledgment Number 4                    |
 * | Offset | Rsvd |    Flags     |           Window 2           |
 * |         Checksum 2           |       Urgent Pointer 2       |
 * +------------------------------+------------------------------+
 *
 * UDP (8 bytes):
 * +------------------------------+------------------------------+
 * |        Source Port 2         |      Destination Port 2      |
 * |           Length 2           |          Checksum 2          |
 * +------------------------------+------------------------------+
 *
 * ICMP and ICMPv6 echo (8 bytes):
 * +--------------+---------------+------------------------------+
 * |    Type 1    |    Code 1     |          Checksum 2          |
 * |        Identifier 2          |       Sequence Number 2      |
 * +------------------------------+------------------------------+
 *
 * GRE (4 bytes, no optional fields), then an inner IPv4 header:
 * +------------------------------+------------------------------+
 * |   Flags and Version 2 (0)    |   Protocol Type 2 (0x0800)   |
 * +------------------------------+------------------------------+
 *
 * ESP (8 bytes), then opaque data:
 * +-------------------------------------------------------------+
 * |               Security Parameters Index 4                   |
 * |                     Sequence Number 4                       |
 * +-------------------------------------------------------------+
 * </pre>
 */
final class TransportHeaders {
    static final int TCP_SOURCE_PORT_OFFSET = 0;
    static final int TCP_DESTINATION_PORT_OFFSET = TCP_SOURCE_PORT_OFFSET + 2;
    static final int TCP_SEQUENCE_OFFSET = TCP_DESTINATION_PORT_OFFSET + 2;
    static final int TCP_ACKNOWLEDGMENT_OFFSET = TCP_SEQUENCE_OFFSET + 4;
    static final int TCP_DATA_OFFSET_OFFSET = TCP_ACKNOWLEDGMENT_OFFSET + 4;
    static final int TCP_FLAGS_OFFSET = TCP_DATA_OFFSET_OFFSET + 1;
    static final int TCP_WINDOW_OFFSET = TCP_FLAGS_OFFSET + 1;
    static final int TCP_CHECKSUM_OFFSET = TCP_WINDOW_OFFSET + 2;
    static final int TCP_URGENT_OFFSET = TCP_CHECKSUM_OFFSET + 2;
    static final int TCP_HEADER = TCP_URGENT_OFFSET + 2;
    static final int TCP_DATA_OFFSET_5 = (TCP_HEADER / 4) << 4;
    static final int TCP_ACK = 0x10;
    static final int TCP_PSH_ACK = 0x18;

    static final int UDP_SOURCE_PORT_OFFSET = 0;
    static final int UDP_DESTINATION_PORT_OFFSET = UDP_SOURCE_PORT_OFFSET + 2;
    static final int UDP_LENGTH_OFFSET = UDP_DESTINATION_PORT_OFFSET + 2;
    static final int UDP_CHECKSUM_OFFSET = UDP_LENGTH_OFFSET + 2;
    static final int UDP_HEADER = UDP_CHECKSUM_OFFSET + 2;

    static final int ICMP_TYPE_OFFSET = 0;
    static final int ICMP_CODE_OFFSET = ICMP_TYPE_OFFSET + 1;
    static final int ICMP_CHECKSUM_OFFSET = ICMP_CODE_OFFSET + 1;
    static final int ICMP_IDENTIFIER_OFFSET = ICMP_CHECKSUM_OFFSET + 2;
    static final int ICMP_SEQUENCE_OFFSET = ICMP_IDENTIFIER_OFFSET + 2;
    static final int ICMP_ECHO_HEADER = ICMP_SEQUENCE_OFFSET + 2;
    static final int ICMP_ECHO_REQUEST = 8;
    static final int ICMP_ECHO_REPLY = 0;
    static final int ICMPV6_ECHO_REQUEST = 128;
    static final int ICMPV6_ECHO_REPLY = 129;

    static final int GRE_FLAGS_VERSION_OFFSET = 0;
    static final int GRE_PROTOCOL_OFFSET = GRE_FLAGS_VERSION_OFFSET + 2;
    static final int GRE_HEADER = GRE_PROTOCOL_OFFSET + 2;
    /** GRE's header and the inner IPv4 header it carries. */
    static final int GRE_WITH_INNER_HEADER = GRE_HEADER + IpHeaders.V4_HEADER;
    /** The inner datagrams' protocol: 253, reserved for experimentation (RFC 3692). */
    static final int GRE_INNER_PROTOCOL = 253;

    static final int ESP_SPI_OFFSET = 0;
    static final int ESP_SEQUENCE_OFFSET = ESP_SPI_OFFSET + 4;
    static final int ESP_HEADER = ESP_SEQUENCE_OFFSET + 4;

    private TransportHeaders() {
    }

    /** Returns the bytes of header the generator writes after IP for {@code protocol}. */
    static int headerLength(int protocol) {
        return switch (protocol) {
            case Service.TCP -> TCP_HEADER;
            case Service.UDP -> UDP_HEADER;
            case Service.ICMP, Service.ICMPV6 -> ICMP_ECHO_HEADER;
            case Service.GRE_PROTOCOL -> GRE_WITH_INNER_HEADER;
            case Service.ESP_PROTOCOL -> ESP_HEADER;
            default -> throw new IllegalArgumentException("no header for protocol " + protocol);
        };
    }

    /** Writes a TCP header at {@code off}; {@code pseudoSum} is the IP pseudo-header sum for the segment length. */
    static void writeTcp(byte[] b, int off, int sourcePort, int destinationPort, int sequence, int acknowledgment,
            int flags, int window, int pseudoSum) {
        BigEndian.put16(b, off + TCP_SOURCE_PORT_OFFSET, sourcePort);
        BigEndian.put16(b, off + TCP_DESTINATION_PORT_OFFSET, destinationPort);
        BigEndian.put32(b, off + TCP_SEQUENCE_OFFSET, sequence);
        BigEndian.put32(b, off + TCP_ACKNOWLEDGMENT_OFFSET, acknowledgment);
        b[off + TCP_DATA_OFFSET_OFFSET] = (byte) TCP_DATA_OFFSET_5;
        b[off + TCP_FLAGS_OFFSET] = (byte) flags;
        BigEndian.put16(b, off + TCP_WINDOW_OFFSET, window);
        BigEndian.put16(b, off + TCP_CHECKSUM_OFFSET, 0);
        BigEndian.put16(b, off + TCP_URGENT_OFFSET, 0);
        BigEndian.put16(b, off + TCP_CHECKSUM_OFFSET, InternetChecksum.finish(
                InternetChecksum.add(pseudoSum, b, off, TCP_HEADER)));
    }

    /** Writes a UDP header at {@code off} for a datagram of {@code length} bytes, header included. */
    static void writeUdp(byte[] b, int off, int sourcePort, int destinationPort, int length, int pseudoSum) {
        BigEndian.put16(b, off + UDP_SOURCE_PORT_OFFSET, sourcePort);
        BigEndian.put16(b, off + UDP_DESTINATION_PORT_OFFSET, destinationPort);
        BigEndian.put16(b, off + UDP_LENGTH_OFFSET, length);
        BigEndian.put16(b, off + UDP_CHECKSUM_OFFSET, 0);
        int checksum = InternetChecksum.finish(InternetChecksum.add(pseudoSum, b, off, UDP_HEADER));
        BigEndian.put16(b, off + UDP_CHECKSUM_OFFSET, checksum == 0 ? 0xffff : checksum);
    }

    /**
     * Writes an ICMP or ICMPv6 echo header at {@code off}; {@code pseudoSum} is 0 for ICMP and the IPv6 pseudo-header
     * sum for ICMPv6.
     */
    static void writeEcho(byte[] b, int off, int type, int identifier, int sequence, int pseudoSum) {
        b[off + ICMP_TYPE_OFFSET] = (byte) type;
        b[off + ICMP_CODE_OFFSET] = 0;
        BigEndian.put16(b, off + ICMP_CHECKSUM_OFFSET, 0);
        BigEndian.put16(b, off + ICMP_IDENTIFIER_OFFSET, identifier);
        BigEndian.put16(b, off + ICMP_SEQUENCE_OFFSET, sequence);
        BigEndian.put16(b, off + ICMP_CHECKSUM_OFFSET, InternetChecksum.finish(
                InternetChecksum.add(pseudoSum, b, off, ICMP_ECHO_HEADER)));
    }

    /**
     * Writes a GRE header at {@code off} and the inner IPv4 header of a datagram of {@code greLength - GRE_HEADER}
     * bytes between {@code innerSource} and {@code innerDestination}.
     */
    static void writeGre(byte[] b, int off, int greLength, int innerSource, int innerDestination, int innerId) {
        BigEndian.put16(b, off + GRE_FLAGS_VERSION_OFFSET, 0);
        BigEndian.put16(b, off + GRE_PROTOCOL_OFFSET, LinkHeaders.ETHERTYPE_IPV4);
        IpHeaders.writeIpv4(b, off + GRE_HEADER, greLength - GRE_HEADER, innerId, 0, 64, GRE_INNER_PROTOCOL,
                innerSource, innerDestination);
    }

    /** Writes an ESP header at {@code off}. */
    static void writeEsp(byte[] b, int off, int spi, int sequence) {
        BigEndian.put32(b, off + ESP_SPI_OFFSET, spi);
        BigEndian.put32(b, off + ESP_SEQUENCE_OFFSET, sequence);
    }
}
