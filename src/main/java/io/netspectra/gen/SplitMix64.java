package io.netspectra.gen;

/**
 * Steele, Lea and Flood's SplitMix64: a fast 64-bit generator whose output is fixed by its seed on every JVM.
 * The generator owns the algorithm rather than relying on {@link java.util.SplittableRandom}, whose sequence the JDK
 * does not promise to keep. Not thread-safe.
 */
final class SplitMix64 {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    /** Returns the next 64 random bits. */
    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix(state);
    }

    /** Returns a double uniform in [0, 1) with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /** Returns an int uniform in [0, bound) for a bound of 1 or more (Lemire's multiply-shift, bias below 2^-32). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Returns SplitMix64's finalizer of {@code z}: a bijection of 64-bit values that scatters every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Returns the top 53 bits of {@code bits} as a double in [0, 1). */
    static double unit(long bits) {
        return (bits >>> 11) * DOUBLE_UNIT;
    }
}
