package io.netspectra.query;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The orders {@code show --sort} offers. Each breaks ties as the analyze report sorts: bytes descending, packets
 * descending, then packed key ascending (unsigned), so every order is total and output is deterministic.
 */
public enum SortOrder {
    /** Bytes, descending (the analyze report's order). */
    bytes,
    /** Packets, descending. */
    packets,
    /** Duration, descending. */
    duration,
    /** First time seen, ascending (flows without timestamps last). */
    first,
    /** Packed key, ascending: addresses then ports and protocol, numerically. */
    key;

    /** Returns the row indexes of {@code rows} in this order, at most {@code limit} (all when negative). */
    public int[] sorted(FlowRows rows, int limit) {
        Integer[] idx = new Integer[rows.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, comparator(rows));
        int n = limit < 0 ? idx.length : Math.min(limit, idx.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    private Comparator<Integer> comparator(FlowRows rows) {
        Comparator<Integer> byKey = (a, b) -> compareKeys(rows, a, b);
        Comparator<Integer> report = Comparator.<Integer>comparingLong(r -> -rows.bytes(r))
                .thenComparingLong(r -> -rows.packets(r)).thenComparing(byKey);
        return switch (this) {
            case bytes -> report;
            case packets -> Comparator.<Integer>comparingLong(r -> -rows.packets(r)).thenComparing(report);
            case duration -> Comparator.<Integer>comparingLong(r -> -Metric.DURATION.of(rows, r))
                    .thenComparing(report);
            case first -> Comparator.<Integer>comparingLong(r -> rows.first(r) == FlowTable.NO_FIRST
                    ? Long.MAX_VALUE : rows.first(r)).thenComparing(report);
            case key -> byKey;
        };
    }

    private static int compareKeys(FlowRows rows, int a, int b) {
        for (int w = 0; w < rows.width(); w++) {
            int c = Long.compareUnsigned(rows.keyWord(a, w), rows.keyWord(b, w));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
