package io.netspectra.diff;

import io.netspectra.NetSpectraException.ConfigException;

import java.math.BigDecimal;

/**
 * How far a metric may move before it counts as changed: a key's metric changed when
 * {@code |current - baseline| / max(baseline, 1) > fraction}. {@code 0} means any change counts.
 *
 * @param text     as the user wrote it, e.g. {@code 5%}
 * @param fraction the relative tolerance, e.g. 0.05
 */
public record Tolerance(String text, double fraction) {

    /** Parses {@code 5%}, {@code 0.5%} or a fraction such as {@code 0.05}. */
    public static Tolerance parse(String text) {
        String t = text.trim();
        try {
            BigDecimal v = t.endsWith("%") ? new BigDecimal(t.substring(0, t.length() - 1).trim()).movePointLeft(2)
                    : new BigDecimal(t);
            if (v.signum() >= 0) {
                return new Tolerance(t, v.doubleValue());
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new ConfigException("bad --tolerance '" + text + "', expected a percentage such as 5% or a fraction "
                + "such as 0.05 (0 or more)");
    }

    /** Returns whether moving from {@code baseline} to {@code current} exceeds the tolerance. */
    public boolean exceeded(long baseline, long current) {
        if (baseline == current) {
            return false;
        }
        double change = Math.abs((double) current - (double) baseline) / Math.max(baseline, 1);
        return change > fraction;
    }
}
