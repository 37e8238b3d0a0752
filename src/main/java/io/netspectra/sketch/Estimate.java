package io.netspectra.sketch;

/**
 * A count with its error bounds. Exact counts have {@code lower == estimate == upper}.
 *
 * @param estimate the count, rounded to a whole number
 * @param lower    the lower bound (HyperLogLog: 2 standard deviations, about 95 % confidence; frequent items: a
 *                 guaranteed bound), rounded down
 * @param upper    the upper bound, rounded up
 * @param exact    whether the count is exact (no sketch involved)
 */
public record Estimate(long estimate, long lower, long upper, boolean exact) {
    /** Returns an exact count. */
    public static Estimate exact(long n) {
        return new Estimate(n, n, n, true);
    }
}
