package io.netspectra.gen;

/**
 * Gives packet timestamps: exponential (Poisson) gaps around the mean {@code 1e9 / rate} nanoseconds, each at least
 * one nanosecond, so timestamps rise strictly. A gap is capped at {@link #MAX_GAP_IN_MEANS} means so that a spec can
 * bound its last timestamp in advance. Uses {@link StrictMath}, whose results are fixed on every JVM.
 */
final class ArrivalClock {
    /** The longest gap, in mean gaps; an exponential draw exceeds it with probability e^-16, about 1e-7. */
    static final double MAX_GAP_IN_MEANS = 16.0;

    private final double meanMinusOne;
    private long nanos;

    ArrivalClock(long startNanos, double packetsPerSecond) {
        this.meanMinusOne = 1e9 / packetsPerSecond - 1.0;
        this.nanos = startNanos;
    }

    /** Advances by one gap drawn from {@code rng} and returns the new timestamp in nanoseconds since the epoch. */
    long next(SplitMix64 rng) {
        double exponential = Math.min(-StrictMath.log1p(-rng.nextDouble()), MAX_GAP_IN_MEANS);
        nanos += 1 + (long) (exponential * meanMinusOne);
        return nanos;
    }

    /** Returns the longest gap, in nanoseconds, at {@code packetsPerSecond}. */
    static double maxGapNanos(double packetsPerSecond) {
        return 1 + MAX_GAP_IN_MEANS * (1e9 / packetsPerSecond);
    }
}
