package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;

import java.util.Arrays;

/** Orders rows by bytes (descending), then packets (descending), then packed key (ascending, unsigned). */
final class RowOrder {
    private RowOrder() {
    }

    /**
     * Returns row indexes of {@code rows} in report order, at most {@code limit} of them (all when negative). A
     * small limit selects through a bounded heap, so a table report of 10 rows does not sort every key.
     */
    static int[] sorted(FlowRows rows, int limit) {
        int n = limit < 0 ? rows.size() : Math.min(limit, rows.size());
        if (n < rows.size() / 8) {
            return topByHeap(rows, n);
        }
        Integer[] idx = new Integer[rows.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> compare(rows, a, b));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** Returns negative when row {@code a} comes before row {@code b} in report order. */
    static int compare(FlowRows rows, int a, int b) {
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
    }

    /** Keeps the best {@code n} rows in a heap whose root is the worst of them, then sorts those. */
    private static int[] topByHeap(FlowRows rows, int n) {
        int[] heap = new int[n];
        int size = 0;
        for (int r = 0; r < rows.size() && n > 0; r++) {
            if (size < n) {
                heap[size] = r;
                siftUp(rows, heap, size++);
            } else if (compare(rows, r, heap[0]) < 0) {
                heap[0] = r;
                siftDown(rows, heap, size);
            }
        }
        int[] out = new int[size];
        for (int i = size - 1; i >= 0; i--) {
            out[i] = heap[0];
            heap[0] = heap[i];
            siftDown(rows, heap, i);
        }
        return out;
    }

    private static void siftUp(FlowRows rows, int[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (compare(rows, heap[i], heap[parent]) <= 0) {
                return;
            }
            swap(heap, i, parent);
            i = parent;
        }
    }

    private static void siftDown(FlowRows rows, int[] heap, int size) {
        int i = 0;
        while (true) {
            int worst = i;
            int l = 2 * i + 1;
            int r = l + 1;
            if (l < size && compare(rows, heap[l], heap[worst]) > 0) {
                worst = l;
            }
            if (r < size && compare(rows, heap[r], heap[worst]) > 0) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            swap(heap, i, worst);
            i = worst;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
