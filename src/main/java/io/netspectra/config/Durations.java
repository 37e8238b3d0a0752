package io.netspectra.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations such as {@code 30s}, {@code 500ms}, {@code 5m}, {@code 1h30m} or {@code 0} to nanoseconds. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+)(ns|us|ms|s|m|h|d)");

    private Durations() {
    }

    /** Returns the duration in nanoseconds, or -1 when {@code text} is not a duration. */
    public static long parseNanos(String text) {
        String t = text.trim();
        if (t.equals("0")) {
            return 0;
        }
        if (t.isEmpty()) {
            return -1;
        }
        Matcher m = PART.matcher(t);
        long total = 0;
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                return -1;
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
                total = Math.addExact(total, Math.multiplyExact(n, unitNanos(m.group(2))));
            } catch (ArithmeticException | NumberFormatException e) {
                return -1;
            }
            at = m.end();
        }
        return total;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> 86_400_000_000_000L;
        };
    }

    /** Formats nanoseconds back to the shortest exact text, e.g. {@code 30s}, {@code 1500ms}, {@code 0}. */
    public static String format(long nanos) {
        if (nanos == 0) {
            return "0";
        }
        String[] units = {"h", "m", "s", "ms", "us", "ns"};
        long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        for (int i = 0; i < units.length; i++) {
            if (nanos % sizes[i] == 0) {
                return (nanos / sizes[i]) + units[i];
            }
        }
        return nanos + "ns";
    }
}
