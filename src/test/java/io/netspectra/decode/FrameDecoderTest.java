package io.netspectra.decode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of {@link FrameDecoder} against the conventions of {@code shared/testdata/real/ORACLE.md}. */
class FrameDecoderTest {
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int ICMP = 1;
    private static final int IPV4_TYPE = 0x0800;
    private static final int IPV6_TYPE = 0x86DD;
    private static final String V4_SRC = "192.0.2.10";
    private static final String V4_DST = "198.51.100.20";
    private static final String V6_SRC = "2001:db8::1";
    private static final String V6_DST = "2001:db8:0:1::ff";

    private final FrameDecoder decoder = new FrameDecoder();
    private final DecodedPacket p = new DecodedPacket();

    // ----- Ethernet, IPv4, transport -------------------------------------------------------------------------------

    @Test
    void decodesEthernetIpv4TcpPorts() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(51234, 443).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, TCP, 51234, 443);
    }

    @Test
    void decodesEthernetIpv4UdpPorts() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(UDP, V4_SRC, V4_DST).udp(5353, 53).zeros(12).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, UDP, 5353, 53);
    }

    @Test
    void givesIcmpPortZero() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(ICMP, V4_SRC, V4_DST).icmpEcho().build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, ICMP, 0, 0);
    }

    // ----- TCP flags and ICMP type/code (for connections) ------------------------------------------------------------

    @Test
    void extractsTcpFlagsByte() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(51234, 443, 0x11).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertEquals(0x11, p.tcpFlags);
        assertEquals(DecodedPacket.NO_ICMP, p.icmpTypeCode);
        byte[] v6 = new FrameBytes().ethernet(IPV6_TYPE).ipv6(TCP, V6_SRC, V6_DST).tcp(1, 2, 0xFF).build();
        assertEquals(FrameDecoder.IP, decode(v6, LinkTypes.ETHERNET));
        assertEquals(0xFF, p.tcpFlags);
    }

    @Test
    void givesTcpFlagsZeroWhenTheFlagsByteWasNotCaptured() {
        // Ethernet 14 + IPv4 20 + 13 TCP bytes: the flags byte (offset 13) is just past the end.
        byte[] whole = new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(1, 2, 0x12).build();
        assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(whole, 14 + 20 + 13), LinkTypes.ETHERNET));
        assertEquals(0, p.tcpFlags);
        assertEquals(2, p.dstPort);
        assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(whole, 14 + 20 + 14), LinkTypes.ETHERNET));
        assertEquals(0x12, p.tcpFlags);
    }

    @Test
    void givesNoTcpFlagsOnLaterFragments() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(5, 185, TCP, V4_SRC, V4_DST).tcp(1, 2, 0x02).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertEquals(0, p.tcpFlags);
        assertEquals(0, p.srcPort);
    }

    @Test
    void extractsIcmpAndIcmpv6TypeAndCode() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(ICMP, V4_SRC, V4_DST).icmp(3, 13).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertEquals(3 << 8 | 13, p.icmpTypeCode);
        assertEquals(0, p.tcpFlags);
        byte[] v6 = new FrameBytes().ethernet(IPV6_TYPE).ipv6(60, V6_SRC, V6_DST).extension(58, 0).icmp(128, 0)
                .build();
        assertEquals(FrameDecoder.IP, decode(v6, LinkTypes.ETHERNET));
        assertEquals(128 << 8, p.icmpTypeCode);
        // One byte of ICMP captured: type and code are absent.
        assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(f, 14 + 20 + 1), LinkTypes.ETHERNET));
        assertEquals(DecodedPacket.NO_ICMP, p.icmpTypeCode);
        // A later fragment's first bytes are data, not an ICMP header.
        byte[] later = new FrameBytes().ethernet(IPV4_TYPE).ipv4(5, 10, ICMP, V4_SRC, V4_DST).icmp(8, 0).build();
        assertEquals(FrameDecoder.IP, decode(later, LinkTypes.ETHERNET));
        assertEquals(DecodedPacket.NO_ICMP, p.icmpTypeCode);
    }

    @Test
    void batchKeepsTcpFlagsAndIcmpTypeCode() {
        PacketBatch batch = new PacketBatch(4);
        decode(new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(1, 2, 0x14).build(),
                LinkTypes.ETHERNET);
        batch.add(p, 1, 60);
        decode(new FrameBytes().ethernet(IPV4_TYPE).ipv4(ICMP, V4_SRC, V4_DST).icmp(0, 0).build(), LinkTypes.ETHERNET);
        batch.add(p, 2, 60);
        decode(new FrameBytes().ethernet(IPV4_TYPE).ipv4(ICMP, V4_SRC, V4_DST).icmp(255, 255).build(),
                LinkTypes.ETHERNET);
        batch.add(p, 3, 60);
        assertEquals(0x14, batch.tcpFlags(0));
        assertEquals(DecodedPacket.NO_ICMP, batch.icmpTypeCode(0));
        assertEquals(0, batch.tcpFlags(1));
        assertEquals(0, batch.icmpTypeCode(1));
        assertEquals(0xFFFF, batch.icmpTypeCode(2));
    }

    @Test
    void givesSctpPortZeroAlthoughItHasPorts() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(132, V4_SRC, V4_DST).u16(2905).u16(2905).zeros(8)
                .build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, 132, 0, 0);
    }

    @Test
    void takesPortsAfterIpv4Options() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(7, 0, TCP, V4_SRC, V4_DST).tcp(1111, 2222).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, TCP, 1111, 2222);
    }

    @Test
    void reportsOuterHeaderOfTunnelOnly() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(41, V4_SRC, V4_DST).ipv6(TCP, V6_SRC, V6_DST)
                .tcp(80, 8080).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, 41, 0, 0);
    }

    @Test
    void resetsPortsWhenTheNextFrameHasNone() {
        decode(new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(1, 2).build(), LinkTypes.ETHERNET);
        decode(new FrameBytes().ethernet(IPV4_TYPE).ipv4(ICMP, V4_DST, V4_SRC).icmpEcho().build(),
                LinkTypes.ETHERNET);
        assertIpv4(V4_DST, V4_SRC, ICMP, 0, 0);
    }

    @Test
    void decodesAtOffsetAndReadsNothingPastCapturedLength() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(1234, 80).build();
        byte[] buffer = new byte[f.length + 100];
        Arrays.fill(buffer, (byte) 0x5A);
        System.arraycopy(f, 0, buffer, 37, f.length);
        assertEquals(FrameDecoder.IP, decoder.decode(buffer, 37, f.length, LinkTypes.ETHERNET, p));
        assertIpv4(V4_SRC, V4_DST, TCP, 1234, 80);
        // The same frame cut before its ports: the bytes that follow in the buffer must not be read as ports.
        assertEquals(FrameDecoder.IP, decoder.decode(buffer, 37, 14 + 20 + 3, LinkTypes.ETHERNET, p));
        assertIpv4(V4_SRC, V4_DST, TCP, 0, 0);
    }

    // ----- VLAN and MPLS -------------------------------------------------------------------------------------------

    @Test
    void decodesVlanTaggedIpv4Tcp() {
        byte[] f = new FrameBytes().ethernet(0x8100).vlanTag(5, IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(40000, 22)
                .build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, TCP, 40000, 22);
    }

    @Test
    void decodesQinQTaggedIpv6Udp() {
        byte[] f = new FrameBytes().ethernet(0x88A8).vlanTag(100, 0x8100).vlanTag(200, IPV6_TYPE)
                .ipv6(UDP, V6_SRC, V6_DST).udp(546, 547).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, UDP, 546, 547);
    }

    @Test
    void decodesTripleTaggedIpv4Udp() {
        byte[] f = new FrameBytes().ethernet(0x9100).vlanTag(1, 0x88A8).vlanTag(2, 0x8100).vlanTag(3, IPV4_TYPE)
                .ipv4(UDP, V4_SRC, V4_DST).udp(1000, 2000).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, UDP, 1000, 2000);
    }

    @Test
    void treatsVlanTagCutShortAsNonIp() {
        byte[] f = new FrameBytes().ethernet(0x8100).vlanTag(5, IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).build(14 + 3);
        assertEquals(FrameDecoder.NON_IP, decode(f, LinkTypes.ETHERNET));
    }

    @Test
    void treatsVlanTaggedArpAsNonIp() {
        byte[] f = new FrameBytes().ethernet(0x8100).vlanTag(5, 0x0806).zeros(28).build();
        assertEquals(FrameDecoder.NON_IP, decode(f, LinkTypes.ETHERNET));
    }

    @Test
    void decodesMplsOneLabelThenIpv4() {
        byte[] f = new FrameBytes().ethernet(0x8847).mplsLabel(16, true).ipv4(TCP, V4_SRC, V4_DST).tcp(179, 50000)
                .build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, TCP, 179, 50000);
    }

    @Test
    void decodesMplsTwoLabelsThenIpv6() {
        byte[] f = new FrameBytes().ethernet(0x8847).mplsLabel(1000, false).mplsLabel(2000, true)
                .ipv6(UDP, V6_SRC, V6_DST).udp(4789, 4789).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, UDP, 4789, 4789);
    }

    @Test
    void decodesMulticastMplsBehindVlanTag() {
        byte[] f = new FrameBytes().ethernet(0x8100).vlanTag(7, 0x8848).mplsLabel(3, false).mplsLabel(4, true)
                .ipv4(UDP, V4_SRC, V4_DST).udp(7, 9).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, UDP, 7, 9);
    }

    @Test
    void treatsMplsPayloadWithOtherVersionNibbleAsNonIp() {
        // A pseudowire control word (first nibble 0) followed by an Ethernet frame.
        byte[] f = new FrameBytes().ethernet(0x8847).mplsLabel(16, true).u32(0).ethernet(IPV4_TYPE)
                .ipv4(TCP, V4_SRC, V4_DST).tcp(1, 2).build();
        assertEquals(FrameDecoder.NON_IP, decode(f, LinkTypes.ETHERNET));
    }

    @Test
    void treatsMplsStackWithoutBottomOfStackAsNonIp() {
        byte[] f = new FrameBytes().ethernet(0x8847).mplsLabel(16, false).mplsLabel(17, false).build();
        assertEquals(FrameDecoder.NON_IP, decode(f, LinkTypes.ETHERNET));
    }

    @Test
    void treatsArpAsNonIp() {
        byte[] f = new FrameBytes().ethernet(0x0806).u16(1).u16(IPV4_TYPE).u8(6).u8(4).u16(1).zeros(20).build();
        assertEquals(FrameDecoder.NON_IP, decode(f, LinkTypes.ETHERNET));
    }

    @Test
    void treatsLlcLengthFieldAsNonIp() {
        // 802.3 length 0x26 then an STP LLC header; also LLC/SNAP carrying IPv4 stays non-IP by convention.
        byte[] stp = new FrameBytes().ethernet(0x0026).u8(0x42).u8(0x42).u8(0x03).zeros(35).build();
        byte[] snap = new FrameBytes().ethernet(0x0030).u8(0xAA).u8(0xAA).u8(0x03).u8(0).u16(0).u16(IPV4_TYPE)
                .ipv4(TCP, V4_SRC, V4_DST).tcp(1, 2).build();
        assertEquals(FrameDecoder.NON_IP, decode(stp, LinkTypes.ETHERNET));
        assertEquals(FrameDecoder.NON_IP, decode(snap, LinkTypes.ETHERNET));
    }

    @Test
    void treatsEthernetShorterThanItsHeaderAsNonIp() {
        for (int n = 0; n < 14; n++) {
            assertEquals(FrameDecoder.NON_IP, decode(new byte[n], LinkTypes.ETHERNET), "length " + n);
        }
    }

    // ----- Other link types ----------------------------------------------------------------------------------------

    @Test
    void decodesLinuxSllIpv4Tcp() {
        byte[] f = new FrameBytes().sll(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(33000, 8080).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.LINUX_SLL));
        assertIpv4(V4_SRC, V4_DST, TCP, 33000, 8080);
    }

    @Test
    void decodesLinuxSllVlanTaggedIpv6() {
        byte[] f = new FrameBytes().sll(0x8100).vlanTag(9, IPV6_TYPE).ipv6(UDP, V6_SRC, V6_DST).udp(1, 2).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.LINUX_SLL));
        assertIpv6(V6_SRC, V6_DST, UDP, 1, 2);
    }

    @Test
    void decodesLinuxSll2Ipv6Udp() {
        byte[] f = new FrameBytes().sll2(IPV6_TYPE).ipv6(UDP, V6_SRC, V6_DST).udp(53, 41000).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.LINUX_SLL2));
        assertIpv6(V6_SRC, V6_DST, UDP, 53, 41000);
    }

    @Test
    void treatsLinuxCookedHeadersCutShortOrArpAsNonIp() {
        byte[] sll = new FrameBytes().sll(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).build();
        byte[] sll2 = new FrameBytes().sll2(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).build();
        assertAll(
                () -> assertEquals(FrameDecoder.NON_IP, decode(Arrays.copyOf(sll, 15), LinkTypes.LINUX_SLL)),
                () -> assertEquals(FrameDecoder.NON_IP, decode(Arrays.copyOf(sll2, 19), LinkTypes.LINUX_SLL2)),
                () -> assertEquals(FrameDecoder.NON_IP,
                        decode(new FrameBytes().sll2(0x0806).zeros(28).build(), LinkTypes.LINUX_SLL2)));
    }

    @ParameterizedTest(name = "family {0}, {1}")
    @CsvSource({"2, little", "2, big", "24, little", "24, big", "28, little", "28, big", "30, little", "30, big"})
    void decodesNullLinkFamilyWrittenInEitherByteOrder(int family, String order) {
        FrameBytes fb = new FrameBytes();
        if (order.equals("little")) {
            fb.u32le(family);
        } else {
            fb.u32(family);
        }
        byte[] f = family == 2 ? fb.ipv4(UDP, V4_SRC, V4_DST).udp(1900, 1900).build()
                : fb.ipv6(UDP, V6_SRC, V6_DST).udp(1900, 1900).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.NULL));
        if (family == 2) {
            assertIpv4(V4_SRC, V4_DST, UDP, 1900, 1900);
        } else {
            assertIpv6(V6_SRC, V6_DST, UDP, 1900, 1900);
        }
    }

    @ParameterizedTest(name = "family {0}")
    @ValueSource(ints = {0, 1, 7, 10, 23, 0x1000})
    void treatsNullLinkWithUnknownFamilyAsNonIp(int family) {
        byte[] le = new FrameBytes().u32le(family).ipv4(UDP, V4_SRC, V4_DST).udp(1, 2).build();
        byte[] be = new FrameBytes().u32(family).ipv6(UDP, V6_SRC, V6_DST).udp(1, 2).build();
        assertEquals(FrameDecoder.NON_IP, decode(le, LinkTypes.NULL));
        assertEquals(FrameDecoder.NON_IP, decode(be, LinkTypes.NULL));
    }

    @Test
    void treatsNullLinkShorterThanFamilyAsNonIp() {
        assertEquals(FrameDecoder.NON_IP, decode(new byte[] {2, 0, 0}, LinkTypes.NULL));
    }

    @Test
    void decodesRawIpv4AndIpv6ByVersionNibble() {
        byte[] v4 = new FrameBytes().ipv4(TCP, V4_SRC, V4_DST).tcp(5, 6).build();
        byte[] v6 = new FrameBytes().ipv6(TCP, V6_SRC, V6_DST).tcp(7, 8).build();
        assertEquals(FrameDecoder.IP, decode(v4, LinkTypes.RAW));
        assertIpv4(V4_SRC, V4_DST, TCP, 5, 6);
        assertEquals(FrameDecoder.IP, decode(v6, LinkTypes.RAW));
        assertIpv6(V6_SRC, V6_DST, TCP, 7, 8);
    }

    @Test
    void treatsRawFrameWithOtherVersionOrNoBytesAsNonIp() {
        byte[] v5 = new FrameBytes().ipv4(TCP, V4_SRC, V4_DST).build();
        v5[0] = 0x55;
        assertEquals(FrameDecoder.NON_IP, decode(v5, LinkTypes.RAW));
        assertEquals(FrameDecoder.NON_IP, decode(new byte[0], LinkTypes.RAW));
    }

    @Test
    void decodesIpv4AndIpv6LinkTypes() {
        byte[] v4 = new FrameBytes().ipv4(UDP, V4_SRC, V4_DST).udp(20000, 20000).build();
        byte[] v6 = new FrameBytes().ipv6(TCP, V6_SRC, V6_DST).tcp(443, 60000).build();
        assertEquals(FrameDecoder.IP, decode(v4, LinkTypes.IPV4));
        assertIpv4(V4_SRC, V4_DST, UDP, 20000, 20000);
        assertEquals(FrameDecoder.IP, decode(v6, LinkTypes.IPV6));
        assertIpv6(V6_SRC, V6_DST, TCP, 443, 60000);
    }

    @Test
    void treatsVersionThatDisagreesWithLinkTypeAsNonIp() {
        byte[] v4 = new FrameBytes().ipv4(UDP, V4_SRC, V4_DST).udp(1, 2).build();
        byte[] v6 = new FrameBytes().ipv6(TCP, V6_SRC, V6_DST).tcp(3, 4).build();
        assertAll(
                () -> assertEquals(FrameDecoder.NON_IP, decode(v6, LinkTypes.IPV4)),
                () -> assertEquals(FrameDecoder.NON_IP, decode(v4, LinkTypes.IPV6)),
                () -> assertEquals(FrameDecoder.NON_IP,
                        decode(new FrameBytes().ethernet(IPV4_TYPE).bytes(v6).build(), LinkTypes.ETHERNET)),
                () -> assertEquals(FrameDecoder.NON_IP,
                        decode(new FrameBytes().ethernet(IPV6_TYPE).bytes(v4).zeros(20).build(),
                                LinkTypes.ETHERNET)));
    }

    @ParameterizedTest(name = "link type {0}")
    @ValueSource(ints = {9, 105, 127, 147, 274, -1, 65535})
    void reportsUnknownLinkTypeAsUnsupported(int linkType) {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(1, 2).build();
        assertEquals(FrameDecoder.UNSUPPORTED_LINK, decode(f, linkType));
        assertEquals(FrameDecoder.UNSUPPORTED_LINK, decode(new byte[0], linkType));
        assertFalse(LinkTypes.isSupported(linkType));
    }

    // ----- IPv4 validity, fragments, snaplen -----------------------------------------------------------------------

    @ParameterizedTest(name = "IHL {0}")
    @ValueSource(ints = {0, 1, 4})
    void treatsIpv4WithIhlBelowFiveAsNonIp(int ihl) {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(1, 2).build();
        f[14] = (byte) (0x40 | ihl);
        assertEquals(FrameDecoder.NON_IP, decode(f, LinkTypes.ETHERNET));
    }

    @Test
    void treatsIpv4ShorterThanTwentyBytesAsNonIp() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(1, 2).build();
        for (int ipBytes = 0; ipBytes < 20; ipBytes++) {
            assertEquals(FrameDecoder.NON_IP, decode(Arrays.copyOf(f, 14 + ipBytes), LinkTypes.ETHERNET),
                    ipBytes + " IPv4 bytes");
        }
        assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(f, 14 + 20), LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, TCP, 0, 0);
    }

    @Test
    void givesLaterIpv4FragmentPortZero() {
        // Offset 185 (1480 bytes), MF clear; the payload starts with bytes that would look like ports.
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(5, 185, UDP, V4_SRC, V4_DST).u16(1234).u16(53).zeros(8)
                .build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, UDP, 0, 0);
        byte[] middle = new FrameBytes().ethernet(IPV4_TYPE).ipv4(5, 0x2000 | 1, TCP, V4_SRC, V4_DST).tcp(9, 9)
                .build();
        assertEquals(FrameDecoder.IP, decode(middle, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, TCP, 0, 0);
    }

    @Test
    void keepsPortsOfFirstIpv4FragmentAndOfDontFragmentPackets() {
        byte[] first = new FrameBytes().ethernet(IPV4_TYPE).ipv4(5, 0x2000, UDP, V4_SRC, V4_DST).udp(5000, 53)
                .zeros(100).build();
        assertEquals(FrameDecoder.IP, decode(first, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, UDP, 5000, 53);
        byte[] df = new FrameBytes().ethernet(IPV4_TYPE).ipv4(5, 0x4000, TCP, V4_SRC, V4_DST).tcp(6000, 80).build();
        assertEquals(FrameDecoder.IP, decode(df, LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, TCP, 6000, 80);
    }

    @Test
    void givesPortZeroWhenSnaplenCutsInsideThePorts() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(4321, 8443).build();
        int transport = 14 + 20;
        for (int cut = 0; cut < 4; cut++) {
            assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(f, transport + cut), LinkTypes.ETHERNET));
            assertIpv4(V4_SRC, V4_DST, TCP, 0, 0);
        }
        assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(f, transport + 4), LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, TCP, 4321, 8443);
    }

    @Test
    void givesPortZeroWhenIpv4OptionsAreNotCaptured() {
        byte[] f = new FrameBytes().ethernet(IPV4_TYPE).ipv4(15, 0, UDP, V4_SRC, V4_DST).udp(1, 2).build();
        assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(f, 14 + 40), LinkTypes.ETHERNET));
        assertIpv4(V4_SRC, V4_DST, UDP, 0, 0);
    }

    // ----- IPv6 extension headers ----------------------------------------------------------------------------------

    @Test
    void walksHopByHopRoutingAndDestinationOptionsBeforeTcp() {
        byte[] f = new FrameBytes().ethernet(IPV6_TYPE).ipv6(0, V6_SRC, V6_DST).extension(43, 0).extension(60, 2)
                .extension(TCP, 1).tcp(1025, 25).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, TCP, 1025, 25);
    }

    @Test
    void keepsPortsOfAtomicAndFirstIpv6Fragments() {
        byte[] atomic = new FrameBytes().ethernet(IPV6_TYPE).ipv6(44, V6_SRC, V6_DST).fragment(TCP, 0, false)
                .tcp(80, 49152).build();
        assertEquals(FrameDecoder.IP, decode(atomic, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, TCP, 80, 49152);
        byte[] first = new FrameBytes().ethernet(IPV6_TYPE).ipv6(44, V6_SRC, V6_DST).fragment(UDP, 0, true)
                .udp(53, 3333).zeros(64).build();
        assertEquals(FrameDecoder.IP, decode(first, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, UDP, 53, 3333);
    }

    @Test
    void givesLaterIpv6FragmentPortZero() {
        byte[] later = new FrameBytes().ethernet(IPV6_TYPE).ipv6(0, V6_SRC, V6_DST).extension(44, 0)
                .fragment(UDP, 1, false).u16(53).u16(3333).zeros(20).build();
        assertEquals(FrameDecoder.IP, decode(later, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, UDP, 0, 0);
        byte[] highOffset = new FrameBytes().ethernet(IPV6_TYPE).ipv6(44, V6_SRC, V6_DST).fragment(TCP, 0x1FFF, true)
                .tcp(1, 2).build();
        assertEquals(FrameDecoder.IP, decode(highOffset, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, TCP, 0, 0);
    }

    @Test
    void endsExtensionWalkAtLaterIpv6FragmentWhosePayloadIsData() {
        // The fragmentable part began with a destination options header, so every fragment's header names 60; in a
        // later fragment the bytes after it are mid-datagram data (here shaped like an options header naming TCP).
        byte[] later = new FrameBytes().ethernet(IPV6_TYPE).ipv6(44, V6_SRC, V6_DST).fragment(60, 100, true)
                .extension(TCP, 0).tcp(1, 2).build();
        assertEquals(FrameDecoder.IP, decode(later, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, 60, 0, 0);
        // In the first fragment the same header is real and the walk goes on through it.
        byte[] first = new FrameBytes().ethernet(IPV6_TYPE).ipv6(44, V6_SRC, V6_DST).fragment(60, 0, true)
                .extension(TCP, 0).tcp(1, 2).build();
        assertEquals(FrameDecoder.IP, decode(first, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, TCP, 1, 2);
    }

    @ParameterizedTest(name = "next header {0}")
    @ValueSource(ints = {51, 50, 59, 135, 58})
    void endsExtensionWalkAtAhEspNoNextHeaderMobilityAndIcmpv6(int endOfWalk) {
        // The bytes after the ending header are shaped like a TCP header; they must not be taken for one.
        byte[] f = new FrameBytes().ethernet(IPV6_TYPE).ipv6(0, V6_SRC, V6_DST).extension(endOfWalk, 0)
                .u8(TCP).u8(4).zeros(22).tcp(1, 2).build();
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, endOfWalk, 0, 0);
    }

    @Test
    void reportsExtensionHeaderValueWhenTheChainIsCutShort() {
        byte[] hopByHop = new FrameBytes().ethernet(IPV6_TYPE).ipv6(0, V6_SRC, V6_DST).extension(TCP, 0).tcp(1, 2)
                .build();
        for (int extBytes = 0; extBytes < 2; extBytes++) {
            assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(hopByHop, 54 + extBytes), LinkTypes.ETHERNET));
            assertIpv6(V6_SRC, V6_DST, 0, 0, 0);
        }
        byte[] frag = new FrameBytes().ethernet(IPV6_TYPE).ipv6(44, V6_SRC, V6_DST).fragment(UDP, 0, false)
                .udp(1, 2).build();
        assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(frag, 54 + 7), LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, 44, 0, 0);
        // A header whose length runs past the capture, followed (by its own claim) by another extension header.
        byte[] overlong = new FrameBytes().ethernet(IPV6_TYPE).ipv6(60, V6_SRC, V6_DST).extension(43, 30).build();
        assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(overlong, 54 + 16), LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, 43, 0, 0);
    }

    @Test
    void givesPortZeroWhenTheExtensionChainEndsBeforeThePorts() {
        byte[] f = new FrameBytes().ethernet(IPV6_TYPE).ipv6(60, V6_SRC, V6_DST).extension(UDP, 0).udp(1, 2).build();
        assertEquals(FrameDecoder.IP, decode(Arrays.copyOf(f, 54 + 8 + 3), LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, UDP, 0, 0);
    }

    @Test
    void treatsIpv6ShorterThanFortyBytesAsNonIp() {
        byte[] f = new FrameBytes().ethernet(IPV6_TYPE).ipv6(59, V6_SRC, V6_DST).build();
        for (int ipBytes = 0; ipBytes < 40; ipBytes++) {
            assertEquals(FrameDecoder.NON_IP, decode(Arrays.copyOf(f, 14 + ipBytes), LinkTypes.ETHERNET),
                    ipBytes + " IPv6 bytes");
        }
        assertEquals(FrameDecoder.IP, decode(f, LinkTypes.ETHERNET));
        assertIpv6(V6_SRC, V6_DST, 59, 0, 0);
    }

    // ----- Robustness ----------------------------------------------------------------------------------------------

    @Test
    void decodesEveryTruncationOfVlanIpv6TcpWithoutThrowing() {
        byte[] full = new FrameBytes().ethernet(0x8100).vlanTag(42, IPV6_TYPE).ipv6(0, V6_SRC, V6_DST)
                .extension(44, 0).fragment(TCP, 0, false).tcp(2000, 3000).bytes(new byte[] {1, 2, 3}).build();
        int ipStart = 14 + 4;
        int transport = ipStart + 40 + 8 + 8;
        for (int n = 0; n <= full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            int outcome = decode(cut, LinkTypes.ETHERNET);
            if (n < ipStart + 40) {
                assertEquals(FrameDecoder.NON_IP, outcome, "length " + n);
                continue;
            }
            assertEquals(FrameDecoder.IP, outcome, "length " + n);
            int protocol = n < ipStart + 40 + 2 ? 0 : n < ipStart + 48 + 8 ? 44 : TCP;
            boolean ports = n >= transport + 4;
            assertIpv6(V6_SRC, V6_DST, protocol, ports ? 2000 : 0, ports ? 3000 : 0);
        }
    }

    @Test
    void decodesRandomBytesOnEverySupportedLinkTypeWithoutThrowing() {
        SplittableRandom random = new SplittableRandom(20240611L);
        byte[][] seeds = {
                new FrameBytes().ethernet(0x8100).vlanTag(1, 0x8847).mplsLabel(1, true).ipv6(0, V6_SRC, V6_DST)
                        .extension(60, 1).extension(44, 0).fragment(UDP, 0, false).udp(1, 2).build(),
                new FrameBytes().ipv6(0, V6_SRC, V6_DST).extension(43, 0).extension(60, 0).tcp(1, 2).build(),
                new FrameBytes().u32le(30).ipv6(60, V6_SRC, V6_DST).extension(TCP, 0).tcp(1, 2).build()};
        for (int i = 0; i < 20_000; i++) {
            byte[] f = cutAndFlipped(seeds[i % seeds.length], random, 3);
            int outcome = decode(f, SUPPORTED_LINK_TYPES[random.nextInt(SUPPORTED_LINK_TYPES.length)]);
            assertTrue(outcome == FrameDecoder.IP || outcome == FrameDecoder.NON_IP);
        }
    }

    @Test
    void decodesTheSameFromAnArrayADirectBufferAndALittleEndianBufferWithAPosition() {
        SplittableRandom random = new SplittableRandom(20261205L);
        byte[][] seeds = {
                new FrameBytes().ethernet(IPV4_TYPE).ipv4(TCP, V4_SRC, V4_DST).tcp(51234, 443, 0x12).build(),
                new FrameBytes().ethernet(0x8100).vlanTag(1, 0x8847).mplsLabel(1, true).ipv6(0, V6_SRC, V6_DST)
                        .extension(60, 1).extension(44, 0).fragment(UDP, 0, false).udp(1, 2).build(),
                new FrameBytes().u32le(30).ipv6(60, V6_SRC, V6_DST).extension(TCP, 0).tcp(1, 2).build(),
                new FrameBytes().ipv4(ICMP, V4_DST, V4_SRC).icmpEcho().build()};
        int ip = 0;
        DecodedPacket fromArray = new DecodedPacket();
        DecodedPacket fromDirect = new DecodedPacket();
        DecodedPacket fromLittleEndian = new DecodedPacket();
        for (int i = 0; i < 5_000; i++) {
            byte[] f = cutAndFlipped(seeds[i % seeds.length], random, 2);
            int linkType = SUPPORTED_LINK_TYPES[random.nextInt(SUPPORTED_LINK_TYPES.length)];
            int at = random.nextInt(0, 64);
            // The frame at an offset, then bytes that must not be read: its captured length ends it.
            ByteBuffer direct = ByteBuffer.allocateDirect(at + f.length + 16);
            direct.put(at, f);
            ByteBuffer little = ByteBuffer.allocate(at + f.length + 16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            little.put(at, f).position(at / 2);
            for (int g = at + f.length; g < direct.capacity(); g++) {
                direct.put(g, (byte) 0x5A);
                little.put(g, (byte) 0x5A);
            }
            int outcome = decoder.decode(f, 0, f.length, linkType, fromArray);
            assertEquals(outcome, decoder.decode(direct, at, f.length, linkType, fromDirect), "outcome, frame " + i);
            assertEquals(outcome, decoder.decode(little, at, f.length, linkType, fromLittleEndian),
                    "outcome, frame " + i);
            if (outcome == FrameDecoder.IP) {
                ip++;
                assertEquals(fields(fromArray), fields(fromDirect), "direct buffer, frame " + i);
                assertEquals(fields(fromArray), fields(fromLittleEndian), "little-endian buffer, frame " + i);
            }
        }
        assertTrue(ip > 400, "IP frames compared: " + ip);
    }

    private static List<Long> fields(DecodedPacket d) {
        return List.of(d.ipv6 ? 1L : 0L, d.srcHi, d.srcLo, d.dstHi, d.dstLo, (long) d.protocol, (long) d.srcPort,
                (long) d.dstPort, (long) d.tcpFlags, (long) d.icmpTypeCode);
    }

    // ----- helpers -------------------------------------------------------------------------------------------------

    private static final int[] SUPPORTED_LINK_TYPES = {LinkTypes.NULL, LinkTypes.ETHERNET, LinkTypes.RAW,
        LinkTypes.LINUX_SLL, LinkTypes.IPV4, LinkTypes.IPV6, LinkTypes.LINUX_SLL2};

    /** Returns {@code seed} cut to a random length below 100 bytes, with up to {@code flips} bytes set at random. */
    private static byte[] cutAndFlipped(byte[] seed, SplittableRandom random, int flips) {
        byte[] f = Arrays.copyOf(seed, random.nextInt(0, 100));
        for (int k = random.nextInt(0, flips + 1); k > 0 && f.length > 0; k--) {
            f[random.nextInt(f.length)] = (byte) random.nextInt(256);
        }
        return f;
    }

    private int decode(byte[] frame, int linkType) {
        return decoder.decode(frame, 0, frame.length, linkType, p);
    }

    private void assertIpv4(String src, String dst, int protocol, int srcPort, int dstPort) {
        assertAll(
                () -> assertFalse(p.ipv6, "ipv6"),
                () -> assertEquals(0, p.srcHi, "srcHi"),
                () -> assertEquals(0, p.dstHi, "dstHi"),
                () -> assertEquals(ByteBuffer.wrap(FrameBytes.address(src, 4)).getInt() & 0xFFFF_FFFFL, p.srcLo, "src"),
                () -> assertEquals(ByteBuffer.wrap(FrameBytes.address(dst, 4)).getInt() & 0xFFFF_FFFFL, p.dstLo, "dst"),
                () -> assertEquals(protocol, p.protocol, "protocol"),
                () -> assertEquals(srcPort, p.srcPort, "srcPort"),
                () -> assertEquals(dstPort, p.dstPort, "dstPort"));
    }

    private void assertIpv6(String src, String dst, int protocol, int srcPort, int dstPort) {
        ByteBuffer s = ByteBuffer.wrap(FrameBytes.address(src, 16));
        ByteBuffer d = ByteBuffer.wrap(FrameBytes.address(dst, 16));
        long srcHi = s.getLong();
        long srcLo = s.getLong();
        long dstHi = d.getLong();
        long dstLo = d.getLong();
        assertAll(
                () -> assertTrue(p.ipv6, "ipv6"),
                () -> assertEquals(srcHi, p.srcHi, "srcHi"),
                () -> assertEquals(srcLo, p.srcLo, "srcLo"),
                () -> assertEquals(dstHi, p.dstHi, "dstHi"),
                () -> assertEquals(dstLo, p.dstLo, "dstLo"),
                () -> assertEquals(protocol, p.protocol, "protocol"),
                () -> assertEquals(srcPort, p.srcPort, "srcPort"),
                () -> assertEquals(dstPort, p.dstPort, "dstPort"));
    }
}
