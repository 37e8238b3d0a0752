package io.netspectra.gen;

import java.util.Arrays;

/**
 * Builds one frame at a time in a single reusable buffer: Ethernet (tagged or not), IP, the transport header and a
 * zero payload, padded with zeros to the 60-byte Ethernet minimum. Allocates nothing per frame.
 *
 * <p>Only header bytes are ever written; the buffer is zero elsewhere. Each build clears the header bytes the
 * previous frame left beyond the new headers, so payloads stay zero without clearing whole frames.
 */
final class FrameBuilder {
    /** The largest IP datagram the generator writes, the Ethernet MTU. */
    static final int MTU = 1500;
    /** The shortest Ethernet frame without FCS; shorter frames are padded to it. */
    static final int MIN_FRAME = 60;
    /** The longest frame: QinQ-tagged with a full MTU. */
    static final int MAX_FRAME = LinkHeaders.MAX_HEADER + MTU;

    private static final int GRE_INNER_NET = 0xac100000;

    private final byte[] frame = new byte[MAX_FRAME];
    private int dirtyEnd;

    /** Returns the buffer holding the frame last built. */
    byte[] frame() {
        return frame;
    }

    /** Returns the payload that fills the MTU for {@code flow}: the largest payload its packets carry. */
    static int fullPayload(Flow flow) {
        int ipHeader = flow.ipv6 ? IpHeaders.V6_HEADER : IpHeaders.V4_HEADER;
        return MTU - ipHeader - TransportHeaders.headerLength(flow.protocol);
    }

    /**
     * Builds a packet of {@code flow} carrying {@code payload} zero bytes, sent by the server where {@code fromServer}
     * is true, and returns the frame's length. {@code nanos} (the packet's timestamp) drives sequence numbers and
     * IPv4 identifiers.
     */
    int buildFlowPacket(Flow flow, boolean fromServer, int payload, long nanos) {
        int etherType = flow.ipv6 ? LinkHeaders.ETHERTYPE_IPV6 : LinkHeaders.ETHERTYPE_IPV4;
        long sourceMac = fromServer ? flow.serverMac : flow.clientMac;
        long destinationMac = fromServer ? flow.clientMac : flow.serverMac;
        int ipOff = LinkHeaders.writeEthernet(frame, destinationMac, sourceMac, flow.vlanTags, flow.outerVlanId,
                flow.innerVlanId, etherType);
        int upperLength = TransportHeaders.headerLength(flow.protocol) + payload;
        int ttl = fromServer ? flow.serverTtl : flow.clientTtl;
        int ticks = (int) (nanos >>> 4);
        int upperOff;
        int pseudoSum;
        if (flow.ipv6) {
            upperOff = IpHeaders.writeIpv6(frame, ipOff, upperLength, flow.flowLabel, ttl, flow.protocol,
                    fromServer ? flow.serverIpv6 : flow.clientIpv6, fromServer ? flow.clientIpv6 : flow.serverIpv6);
            pseudoSum = IpHeaders.ipv6PseudoSum(frame, ipOff, flow.protocol, upperLength);
        } else {
            int flags = flow.protocol == Service.TCP ? IpHeaders.V4_DONT_FRAGMENT : 0;
            upperOff = IpHeaders.writeIpv4(frame, ipOff, IpHeaders.V4_HEADER + upperLength,
                    (flow.sessionId + ticks) & 0xffff, flags, ttl, flow.protocol,
                    fromServer ? flow.serverIpv4 : flow.clientIpv4, fromServer ? flow.clientIpv4 : flow.serverIpv4);
            pseudoSum = IpHeaders.ipv4PseudoSum(frame, ipOff, flow.protocol, upperLength);
        }
        writeTransport(flow, fromServer, upperOff, upperLength, pseudoSum, ticks);
        return finish(upperOff + TransportHeaders.headerLength(flow.protocol), upperOff + upperLength);
    }

    /** Builds an untagged ARP request (broadcast) or reply and returns the frame's length. */
    int buildArp(boolean request, long senderMac, int senderIp, long targetMac, int targetIp) {
        int off = LinkHeaders.writeEthernet(frame, request ? LinkHeaders.BROADCAST_MAC : targetMac, senderMac, 0, 0, 0,
                LinkHeaders.ETHERTYPE_ARP);
        int end = LinkHeaders.writeArp(frame, off, request ? LinkHeaders.ARP_REQUEST : LinkHeaders.ARP_REPLY,
                senderMac, senderIp, request ? 0 : targetMac, targetIp);
        return finish(end, end);
    }

    private void writeTransport(Flow flow, boolean fromServer, int off, int length, int pseudoSum, int ticks) {
        int sourcePort = fromServer ? flow.serverPort : flow.clientPort;
        int destinationPort = fromServer ? flow.clientPort : flow.serverPort;
        switch (flow.protocol) {
            case Service.TCP -> {
                int sequence = (fromServer ? flow.serverIsn : flow.clientIsn) + ticks;
                int acknowledgment = (fromServer ? flow.clientIsn : flow.serverIsn) + ticks;
                int flags = length > TransportHeaders.TCP_HEADER ? TransportHeaders.TCP_PSH_ACK
                        : TransportHeaders.TCP_ACK;
                int window = 8192 + (flow.sessionId >>> (fromServer ? 16 : 2) & 0x3fff);
                TransportHeaders.writeTcp(frame, off, sourcePort, destinationPort, sequence, acknowledgment, flags,
                        window, pseudoSum);
            }
            case Service.UDP -> TransportHeaders.writeUdp(frame, off, sourcePort, destinationPort, length, pseudoSum);
            case Service.ICMP -> TransportHeaders.writeEcho(frame, off,
                    fromServer ? TransportHeaders.ICMP_ECHO_REPLY : TransportHeaders.ICMP_ECHO_REQUEST,
                    flow.sessionId & 0xffff, (ticks >>> 16) & 0xffff, 0);
            case Service.ICMPV6 -> TransportHeaders.writeEcho(frame, off,
                    fromServer ? TransportHeaders.ICMPV6_ECHO_REPLY : TransportHeaders.ICMPV6_ECHO_REQUEST,
                    flow.sessionId & 0xffff, (ticks >>> 16) & 0xffff, pseudoSum);
            case Service.GRE_PROTOCOL -> {
                int a = GRE_INNER_NET | (flow.sessionId & 0xffff);
                int b = GRE_INNER_NET | (flow.sessionId >>> 16);
                TransportHeaders.writeGre(frame, off, length, fromServer ? b : a, fromServer ? a : b, ticks & 0xffff);
            }
            case Service.ESP_PROTOCOL -> TransportHeaders.writeEsp(frame, off,
                    (fromServer ? flow.serverIsn : flow.sessionId) | 0x100, 1 + (ticks >>> 10 & 0x7fffffff));
            default -> throw new IllegalStateException("no writer for protocol " + flow.protocol);
        }
    }

    /** Zeros what earlier frames left in [headerEnd, dirtyEnd) and returns the padded length of a frame. */
    private int finish(int headerEnd, int end) {
        if (dirtyEnd > headerEnd) {
            Arrays.fill(frame, headerEnd, dirtyEnd, (byte) 0);
        }
        dirtyEnd = headerEnd;
        return Math.max(end, MIN_FRAME);
    }
}
