package io.netspectra.decode;

/**
 * The five-tuple of the frame decoded last; reused for every frame, valid until the next decode. IPv4 addresses sit
 * in the low 32 bits of {@code srcLo}/{@code dstLo} with the high words zero; IPv6 addresses fill both words, most
 * significant first.
 */
public final class DecodedPacket {
    /** True for IPv6, false for IPv4. */
    public boolean ipv6;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    /** IPv4 Protocol, or the IPv6 Next Header reached after the skipped extension headers. */
    public int protocol;
    /** TCP/UDP source port of a first fragment whose ports were captured; otherwise 0. */
    public int srcPort;
    /** TCP/UDP destination port, under the same conditions as {@link #srcPort}; otherwise 0. */
    public int dstPort;
    /**
     * TCP flags byte (CWR ECE URG ACK PSH RST SYN FIN, bit 7 to bit 0) of a first fragment whose 14 header bytes up
     * to it were captured; otherwise 0.
     */
    public int tcpFlags;
    /** ICMP or ICMPv6 {@code type << 8 | code} of a first fragment that captured them; otherwise {@link #NO_ICMP}. */
    public int icmpTypeCode = NO_ICMP;

    /** {@link #icmpTypeCode} of a packet that is not ICMP or whose type and code were not captured. */
    public static final int NO_ICMP = -1;
}
