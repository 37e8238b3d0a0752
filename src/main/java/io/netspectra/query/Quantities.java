package io.netspectra.query;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.config.Durations;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the numbers of expressions and rules: counts ({@code 100}), byte sizes with decimal (SI) or binary (IEC)
 * suffixes ({@code 1KB} = 1000, {@code 1KiB} = 1024, up to {@code PB}/{@code PiB}; case-insensitive; a fraction
 * such as {@code 1.5MB} is allowed and rounded down), and durations ({@code 500ms}, {@code 5s}, {@code 1m30s}).
 */
public final class Quantities {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMGTP]I?)?B?",
            Pattern.CASE_INSENSITIVE);

    private Quantities() {
    }

    /** Returns a non-negative integer count, or throws a message naming {@code what}. */
    public static long count(String what, String text) {
        try {
            long n = Long.parseLong(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ConfigException("bad " + what + " '" + text + "', expected a whole number such as 100");
    }

    /** Returns a byte size: {@code 1500}, {@code 1KB} (1000), {@code 1KiB} (1024), {@code 1.5GB}. */
    public static long bytes(String what, String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw new ConfigException("bad " + what + " '" + text + "', expected a size such as 1500, 10KB (1000 "
                    + "bytes each), 1MiB (1048576) or 1.5GB");
        }
        String unit = m.group(2) == null ? "" : m.group(2).toUpperCase(Locale.ROOT);
        long multiplier = 1;
        if (!unit.isEmpty()) {
            int power = "KMGTP".indexOf(unit.charAt(0)) + 1;
            long base = unit.endsWith("I") ? 1024 : 1000;
            for (int i = 0; i < power; i++) {
                multiplier *= base;
            }
        }
        BigDecimal v = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier));
        try {
            return v.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw new ConfigException("bad " + what + " '" + text + "': too large");
        }
    }

    /** Returns a duration in ns: {@code 0}, {@code 500ms}, {@code 5s}, {@code 1m30s}. */
    public static long nanos(String what, String text) {
        long n = Durations.parseNanos(text.trim());
        if (n < 0) {
            throw new ConfigException("bad " + what + " '" + text + "', expected a duration such as 500ms, 5s, 1m");
        }
        return n;
    }
}
