package io.netspectra.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Per-second rates of a bin: {@code count / bin length}, exact decimals rounded half-even to 3 fraction digits
 * (trailing zeros dropped), so reports stay deterministic without floating point.
 */
final class BinRates {
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private BinRates() {
    }

    /** Returns packets per second of {@code packets} in a bin of {@code binNanos}. */
    static BigDecimal packetsPerSecond(long packets, long binNanos) {
        return perSecond(BigDecimal.valueOf(packets), binNanos);
    }

    /** Returns bits per second of {@code bytes} (wire length) in a bin of {@code binNanos}. */
    static BigDecimal bitsPerSecond(long bytes, long binNanos) {
        return perSecond(BigDecimal.valueOf(bytes).multiply(BigDecimal.valueOf(8)), binNanos);
    }

    private static BigDecimal perSecond(BigDecimal count, long binNanos) {
        BigDecimal r = count.multiply(NANOS_PER_SECOND).divide(BigDecimal.valueOf(binNanos), 3,
                RoundingMode.HALF_EVEN).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0) : r;
    }

    /** Returns a rate for a table: digits grouped by commas, e.g. {@code 1,234,567.5}. */
    static String grouped(BigDecimal rate) {
        DecimalFormat f = new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(rate);
    }
}
