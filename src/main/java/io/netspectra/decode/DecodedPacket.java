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
}
