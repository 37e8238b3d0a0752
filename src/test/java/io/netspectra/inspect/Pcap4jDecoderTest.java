package io.netspectra.inspect;

import io.netspectra.decode.FrameBytes;
import io.netspectra.decode.LinkTypes;
import org.junit.jupiter.api.Test;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.IpV6Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Pcap4jDecoder} routing by link type, and the {@link InspectLine} text built from its packets. */
class Pcap4jDecoderTest {
    private static final String V4_SRC = "192.0.2.10";
    private static final String V4_DST = "198.51.100.20";
    private static final String V6_SRC = "2001:db8::1";
    private static final String V6_DST = "2001:db8:0:1::ff";

    @Test
    void hands101RawFramesToTheIpFactoryByVersionNibble() {
        Packet v4 = Pcap4jDecoder.decode(new FrameBytes().ipv4(6, V4_SRC, V4_DST).tcp(1, 2).build(), LinkTypes.RAW);
        Packet v6 = Pcap4jDecoder.decode(new FrameBytes().ipv6(17, V6_SRC, V6_DST).udp(3, 4).build(), LinkTypes.RAW);
        assertTrue(v4 instanceof IpV4Packet, String.valueOf(v4));
        assertNotNull(v4.get(TcpPacket.class));
        assertTrue(v6 instanceof IpV6Packet, String.valueOf(v6));
        assertNotNull(v6.get(UdpPacket.class));
    }

    @Test
    void decodesIpv4AndIpv6LinkTypesAsRawIp() {
        assertTrue(Pcap4jDecoder.decode(new FrameBytes().ipv4(6, V4_SRC, V4_DST).tcp(1, 2).build(),
                LinkTypes.IPV4) instanceof IpV4Packet);
        assertTrue(Pcap4jDecoder.decode(new FrameBytes().ipv6(6, V6_SRC, V6_DST).tcp(1, 2).build(),
                LinkTypes.IPV6) instanceof IpV6Packet);
    }

    @Test
    void returnsNullForSll2UnknownLinkTypesAndEmptyRawFrames() {
        byte[] sll2 = new FrameBytes().sll2(0x0800).ipv4(6, V4_SRC, V4_DST).tcp(1, 2).build();
        assertNull(Pcap4jDecoder.decode(sll2, LinkTypes.LINUX_SLL2));
        assertNull(Pcap4jDecoder.decode(sll2, 105));
        assertNull(Pcap4jDecoder.decode(new byte[0], LinkTypes.RAW));
        assertEquals("link type 276 (not decoded by pcap4j)", InspectLine.summary(null, LinkTypes.LINUX_SLL2));
    }

    @Test
    void summarizesEthernetSllAndNullFramesWithPorts() {
        byte[] eth = new FrameBytes().ethernet(0x8100).vlanTag(5, 0x0800).ipv4(6, V4_SRC, V4_DST).tcp(51234, 443)
                .build();
        byte[] sll = new FrameBytes().sll(0x86DD).ipv6(17, V6_SRC, V6_DST).udp(5353, 53).build();
        byte[] loop = new FrameBytes().u32le(2).ipv4(17, V4_SRC, V4_DST).udp(1900, 1900).build();
        assertEquals("IP 192.0.2.10.51234 > 198.51.100.20.443: tcp", summary(eth, LinkTypes.ETHERNET));
        assertEquals("IP6 2001:db8::1.5353 > 2001:db8:0:1::ff.53: udp", summary(sll, LinkTypes.LINUX_SLL));
        assertEquals("IP 192.0.2.10.1900 > 198.51.100.20.1900: udp", summary(loop, LinkTypes.NULL));
    }

    @Test
    void summarizesPortsAfterIpv6ExtensionHeaders() {
        byte[] f = new FrameBytes().ethernet(0x86DD).ipv6(0, V6_SRC, V6_DST).extension(60, 0).extension(6, 1)
                .tcp(1025, 25).build();
        assertEquals("IP6 2001:db8::1.1025 > 2001:db8:0:1::ff.25: tcp", summary(f, LinkTypes.ETHERNET));
    }

    @Test
    void summarizesProtocolReachedAfterIpv6ExtensionHeaders() {
        byte[] f = new FrameBytes().ethernet(0x86DD).ipv6(0, V6_SRC, V6_DST).extension(58, 0)
                .u8(128).u8(0).u16(0).u16(1).u16(1).build();
        assertEquals("IP6 2001:db8::1 > 2001:db8:0:1::ff: proto 58", summary(f, LinkTypes.ETHERNET));
    }

    @Test
    void summarizesIcmpErrorByItsOuterHeaderNotTheQuotedUdp() {
        // ICMP port unreachable (type 3, code 3) quoting the UDP datagram that caused it.
        byte[] f = new FrameBytes().ethernet(0x0800).ipv4(1, V4_DST, V4_SRC).u8(3).u8(3).u16(0).u32(0)
                .ipv4(17, V4_SRC, V4_DST).udp(40000, 53).build();
        assertEquals("IP 198.51.100.20 > 192.0.2.10: proto 1", summary(f, LinkTypes.ETHERNET));
    }

    @Test
    void summarizesTunnelByItsOuterHeader() {
        byte[] f = new FrameBytes().ethernet(0x0800).ipv4(41, V4_SRC, V4_DST).ipv6(6, V6_SRC, V6_DST).tcp(80, 8080)
                .build();
        assertEquals("IP 192.0.2.10 > 198.51.100.20: proto 41", summary(f, LinkTypes.ETHERNET));
    }

    @Test
    void namesTheLayersOfANonIpFrame() {
        byte[] arp = new FrameBytes().ethernet(0x0806).u16(1).u16(0x0800).u8(6).u8(4).u16(1)
                .bytes(FrameBytes.MAC_SRC).bytes(FrameBytes.address(V4_SRC, 4))
                .zeros(6).bytes(FrameBytes.address(V4_DST, 4)).build();
        assertEquals("Ethernet/Arp", summary(arp, LinkTypes.ETHERNET));
    }

    private static String summary(byte[] frame, int linkType) {
        return InspectLine.summary(Pcap4jDecoder.decode(frame, linkType), linkType);
    }
}
