package io.netspectra.report;

import java.util.Locale;

/**
 * Decimal text of counts and durations, exactly as {@code String.format(Locale.ROOT, "%,d", n)} and
 * {@code String.format(Locale.ROOT, "%.6f", nanos / 1e9)} write them, without {@link java.util.Formatter}: the first
 * numeric conversion of a run sets up the JDK's locale data, about 20-25 ms of every start-up, and the reports of a
 * plain {@code analyze} need nothing else from it (docs/performance.md, fourth pass).
 */
public final class Numerals {
    /** Below this many nanoseconds (11.6 days) a double's text of {@code nanos / 1e9} is the exact decimal. */
    private static final long EXACT_BELOW = 1_000_000_000_000_000L;
    private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L};

    private Numerals() {
    }

    /** Returns {@code n} with a comma between groups of three digits, e.g. {@code -1,234,567}. */
    public static String grouped(long n) {
        String digits = Long.toString(n);
        int start = n < 0 ? 1 : 0;
        int length = digits.length() - start;
        if (length <= 3) {
            return digits;
        }
        StringBuilder sb = new StringBuilder(digits.length() + length / 3);
        sb.append(digits, 0, start);
        int head = length % 3 == 0 ? 3 : length % 3;
        sb.append(digits, start, start + head);
        for (int i = start + head; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    /** Returns a duration as the reports write it: seconds, six decimals and the unit, e.g. {@code 1.500000 s}. */
    public static String duration(long nanos) {
        return seconds(nanos, 6) + " s";
    }

    /**
     * Returns {@code nanos} in seconds with {@code decimals} (0 to 9) digits after the point, rounded half up, as
     * {@code "%.<decimals>f"} of {@code nanos / 1e9} writes it.
     */
    public static String seconds(long nanos, int decimals) {
        if (decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("decimals " + decimals);
        }
        if (nanos <= -EXACT_BELOW || nanos >= EXACT_BELOW) {
            // Past 15 digits a double's shortest text may differ from the exact decimal: let the JDK round it.
            return String.format(Locale.ROOT, "%." + decimals + "f", nanos / 1e9);
        }
        long abs = Math.abs(nanos);
        long unit = POW10[9 - decimals];
        long scaled = abs / unit;
        if ((abs % unit) * 2 >= unit) {
            scaled++;
        }
        StringBuilder sb = new StringBuilder(24);
        if (nanos < 0) {
            sb.append('-');
        }
        sb.append(scaled / POW10[decimals]);
        if (decimals > 0) {
            String fraction = Long.toString(scaled % POW10[decimals]);
            sb.append('.');
            for (int i = fraction.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(fraction);
        }
        return sb.toString();
    }
}
