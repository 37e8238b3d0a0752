package io.netspectra.query;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.report.TimeText;

import java.util.Locale;

/** A number measured per key: what {@code --where}, {@code --sort}, rules and diffs compare. */
public enum Metric {
    PACKETS,
    BYTES,
    /** {@code last - first} in ns; 0 for a flow without timestamps. */
    DURATION,
    /** The number of keys: 1 per key, the count of matching keys for an aggregate. */
    FLOWS,
    /** Connections only: packets the originator sent. */
    ORIG_PACKETS,
    /** Connections only: bytes the originator sent. */
    ORIG_BYTES,
    /** Connections only: packets the responder sent. */
    RESP_PACKETS,
    /** Connections only: bytes the responder sent. */
    RESP_BYTES;

    /** Returns whether only connection tasks have this metric. */
    public boolean connectionOnly() {
        return ordinal() >= ORIG_PACKETS.ordinal();
    }

    /** Returns the lowercase name used on the command line and in rules. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the metric named {@code text} (case-insensitive), or null. */
    public static Metric byLabel(String text) {
        for (Metric m : values()) {
            if (m.label().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        return null;
    }

    /** Returns the metric's value for row {@code r}. */
    public long of(FlowRows rows, int r) {
        return switch (this) {
            case PACKETS -> rows.packets(r);
            case BYTES -> rows.bytes(r);
            case DURATION -> rows.first(r) == FlowTable.NO_FIRST ? 0 : rows.last(r) - rows.first(r);
            case FLOWS -> 1;
            case ORIG_PACKETS -> rows.direction(r, 0);
            case ORIG_BYTES -> rows.direction(r, 1);
            case RESP_PACKETS -> rows.direction(r, 2);
            case RESP_BYTES -> rows.direction(r, 3);
        };
    }

    /** Parses a threshold for this metric: a size for bytes, a duration for duration, else a count. */
    public long parse(String what, String text) {
        return switch (this) {
            case BYTES, ORIG_BYTES, RESP_BYTES -> Quantities.bytes(what, text);
            case DURATION -> Quantities.nanos(what, text);
            default -> Quantities.count(what, text);
        };
    }

    /** Renders a value of this metric: durations as {@code "<seconds>.<9 digits>"}, others as integers. */
    public String format(long value) {
        return this == DURATION ? TimeText.format(value) : Long.toString(value);
    }
}
