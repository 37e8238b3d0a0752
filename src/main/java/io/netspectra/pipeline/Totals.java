package io.netspectra.pipeline;

/**
 * Counters over all inputs. {@code packets = ipPackets + nonIpPackets + undecodablePackets}, likewise for bytes.
 *
 * @param first               the smallest timestamp seen (ns), or {@code Frame.NO_TIMESTAMP} when none
 * @param last                the largest timestamp seen (ns), or {@code Frame.NO_TIMESTAMP} when none
 * @param undecodablePackets  frames of link types NetSpectra does not decode
 */
public record Totals(long packets, long bytes, long ipPackets, long ipBytes, long ipv4Packets, long ipv6Packets,
                     long nonIpPackets, long nonIpBytes, long undecodablePackets, long undecodableBytes,
                     long first, long last) {
}
