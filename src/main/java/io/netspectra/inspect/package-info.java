/**
 * Frames decoded by pcap4j's static packet factory, for {@code ns-cli inspect} and as an independent cross-check of
 * the hand decoder. Never on the analysis hot path (pcap4j builds an object graph per frame).
 *
 * <p>Enters: a {@link io.netspectra.capture.Frame}. Leaves: a pcap4j {@code Packet}, or a one-line text like
 * {@code tcpdump -nr}. Main thread only.
 */
package io.netspectra.inspect;
