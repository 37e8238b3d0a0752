package io.netspectra.gen;

import java.time.Instant;

/**
 * What the generator writes: identical specs give byte-identical captures.
 *
 * @param packets          the number of packets to write, 0 or more
 * @param seed             the seed every random choice derives from
 * @param format           pcap or pcapng
 * @param flows            the number of distinct flows in the pool, 1 to {@link #MAX_FLOWS}
 * @param zipfExponent     the Zipf exponent of flow popularity, 0 (uniform) to {@link #MAX_ZIPF_EXPONENT}
 * @param startNanos       the first packet's earliest timestamp, nanoseconds since the epoch
 * @param packetsPerSecond the mean packet rate in capture time, above 0 and at most {@link #MAX_RATE}
 * @param snaplen          the longest captured frame; longer frames are cut, their wire length kept
 */
public record GenSpec(long packets, long seed, CaptureFormat format, int flows, double zipfExponent, long startNanos,
        double packetsPerSecond, int snaplen) {

    /** The default size of the flow pool. */
    public static final int DEFAULT_FLOWS = 100_000;
    /** The largest flow pool; flows map one-to-one onto client addresses and ports below this size. */
    public static final int MAX_FLOWS = 1 << 24;
    /** The default Zipf exponent. */
    public static final double DEFAULT_ZIPF_EXPONENT = 1.1;
    /** The largest Zipf exponent accepted. */
    public static final double MAX_ZIPF_EXPONENT = 10.0;
    /** The default start time as users write it. */
    public static final String DEFAULT_START = "2024-03-01T12:00:00Z";
    /** The default start time, {@link #DEFAULT_START} in nanoseconds since the epoch. */
    public static final long DEFAULT_START_NANOS = 1_709_294_400_000_000_000L;
    /** The default rate: a mean gap of 10 microseconds. */
    public static final double DEFAULT_RATE = 100_000.0;
    /** The highest rate accepted: a mean gap of one nanosecond. */
    public static final double MAX_RATE = 1e9;
    /** The default snaplen. */
    public static final int DEFAULT_SNAPLEN = 65_535;
    /** The largest snaplen accepted, libpcap's limit. */
    public static final int MAX_SNAPLEN = 262_144;
    /** The first instant a pcap record cannot hold: its seconds field is 32 bits unsigned. */
    static final double PCAP_END_NANOS = 4_294_967_296e9;

    /** Checks every field and throws IllegalArgumentException naming the first one out of range. */
    public GenSpec {
        if (packets < 0) {
            throw new IllegalArgumentException("packets must be 0 or more, got " + packets);
        }
        if (format == null) {
            throw new IllegalArgumentException("format must be pcap or pcapng, got null");
        }
        if (flows < 1 || flows > MAX_FLOWS) {
            throw new IllegalArgumentException("flows must be 1 to " + MAX_FLOWS + ", got " + flows);
        }
        if (!(zipfExponent >= 0 && zipfExponent <= MAX_ZIPF_EXPONENT)) {
            throw new IllegalArgumentException("zipf exponent must be 0 to " + MAX_ZIPF_EXPONENT + ", got "
                    + zipfExponent);
        }
        if (startNanos < 0) {
            throw new IllegalArgumentException("start must not be before 1970-01-01T00:00:00Z, got "
                    + Instant.ofEpochSecond(0, startNanos));
        }
        if (!(packetsPerSecond > 0 && packetsPerSecond <= MAX_RATE)) {
            throw new IllegalArgumentException("rate must be above 0 and at most " + (long) MAX_RATE
                    + " packets per second, got " + packetsPerSecond);
        }
        if (snaplen < 1 || snaplen > MAX_SNAPLEN) {
            throw new IllegalArgumentException("snaplen must be 1 to " + MAX_SNAPLEN + ", got " + snaplen);
        }
        if (startNanos + packets * ArrivalClock.maxGapNanos(packetsPerSecond) >= PCAP_END_NANOS) {
            throw new IllegalArgumentException("the capture could run past 2106-02-07T06:28:16Z, where pcap's 32-bit"
                    + " seconds end: lower packets, raise the rate or start earlier");
        }
    }

    /** Returns a spec of {@code packets} packets from {@code seed} with every other field at its default. */
    public static GenSpec defaults(long packets, long seed) {
        return new GenSpec(packets, seed, CaptureFormat.PCAP, DEFAULT_FLOWS, DEFAULT_ZIPF_EXPONENT,
                DEFAULT_START_NANOS, DEFAULT_RATE, DEFAULT_SNAPLEN);
    }

    /** Returns this spec with {@code newFormat}. */
    public GenSpec withFormat(CaptureFormat newFormat) {
        return new GenSpec(packets, seed, newFormat, flows, zipfExponent, startNanos, packetsPerSecond, snaplen);
    }

    /** Returns this spec with {@code newSnaplen}. */
    public GenSpec withSnaplen(int newSnaplen) {
        return new GenSpec(packets, seed, format, flows, zipfExponent, startNanos, packetsPerSecond, newSnaplen);
    }

    /** Returns this spec with {@code newSeed}. */
    public GenSpec withSeed(long newSeed) {
        return new GenSpec(packets, newSeed, format, flows, zipfExponent, startNanos, packetsPerSecond, snaplen);
    }
}
