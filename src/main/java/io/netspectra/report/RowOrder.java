package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;

import java.util.Arrays;

/** Orders rows by bytes (descending), then packets (descending), then packed key (ascending, unsigned). */
final class RowOrder {
    private RowOrder() {
    }

    /** Returns row indexes of {@code rows} in report order, at most {@code limit} of them (all when negative). */
    static int[] sorted(FlowRows rows, int limit) {
        Integer[] idx = new Integer[rows.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Long.compare(rows.bytes(b), rows.bytes(a));
            if (c != 0) {
                return c;
            }
            c = Long.compare(rows.packets(b), rows.packets(a));
            if (c != 0) {
                return c;
            }
            for (int w = 0; w < rows.width(); w++) {
                c = Long.compareUnsigned(rows.keyWord(a, w), rows.keyWord(b, w));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        int n = limit < 0 ? idx.length : Math.min(limit, idx.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
