/**
 * Writes synthetic captures deterministically from a seed: the project's own test and benchmark input.
 *
 * <p>Enters: a {@link io.netspectra.gen.GenSpec} (packet count, seed, format, flow pool, Zipf exponent, start time,
 * rate, snaplen) and an output stream or file. Leaves: a pcap (nanosecond) or pcapng (if_tsresol 9) capture of valid
 * Ethernet frames, byte-identical for identical specs, and a {@link io.netspectra.gen.GenSummary}. One thread: the
 * caller's; a {@link io.netspectra.gen.CaptureGenerator} is not shared between threads.
 */
package io.netspectra.gen;
