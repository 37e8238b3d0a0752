package io.netspectra.gen;

/**
 * What a generator run wrote, counted as it wrote.
 *
 * @param packets      packets written
 * @param wireBytes    the sum of the packets' original (wire) lengths, Ethernet header included, no FCS
 * @param fileBytes    bytes of the capture file, headers included
 * @param flows        distinct flows of the pool with at least one packet
 * @param fiveTuples   distinct directional five-tuples (source, destination, protocol, ports; ports 0 where the
 *                     protocol has none): each flow adds one per direction seen
 * @param ipv4Packets  packets whose outermost IP header is IPv4
 * @param ipv6Packets  packets whose outermost IP header is IPv6
 * @param vlanPackets  packets with one or more VLAN tags
 * @param nonIpPackets packets without IP (ARP)
 * @param firstNanos   the first packet's timestamp, nanoseconds since the epoch; the start time if no packets
 * @param lastNanos    the last packet's timestamp; the start time if no packets
 */
public record GenSummary(long packets, long wireBytes, long fileBytes, long flows, long fiveTuples,
        long ipv4Packets, long ipv6Packets, long vlanPackets, long nonIpPackets, long firstNanos, long lastNanos) {

    /** Returns the mean wire length of a packet in bytes, 0 if there are no packets. */
    public double meanFrameBytes() {
        return packets == 0 ? 0 : (double) wireBytes / packets;
    }
}
