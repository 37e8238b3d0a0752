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
        int[] idx = new int[rows.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        mergeSort(rows, idx, new int[idx.length], 0, idx.length);
        return n == idx.length ? idx : Arrays.copyOf(idx, n);
    }

    /**
     * Sorts {@code idx[from, to)} in report order: a merge sort on primitive indexes, so ordering millions of rows
     * costs 8 bytes per row (the indexes and one buffer), not a boxed object per row.
     */
    private static void mergeSort(FlowRows rows, int[] idx, int[] buf, int from, int to) {
        if (to - from < 16) {
            for (int i = from + 1; i < to; i++) {
                int v = idx[i];
                int j = i - 1;
                while (j >= from && compare(rows, idx[j], v) > 0) {
                    idx[j + 1] = idx[j];
                    j--;
                }
                idx[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(rows, idx, buf, from, mid);
        mergeSort(rows, idx, buf, mid, to);
        if (compare(rows, idx[mid - 1], idx[mid]) <= 0) {
            return;
        }
        System.arraycopy(idx, from, buf, from, to - from);
        int a = from;
        int b = mid;
        for (int k = from; k < to; k++) {
            if (b >= to || (a < mid && compare(rows, buf[a], buf[b]) <= 0)) {
                idx[k] = buf[a++];
            } else {
                idx[k] = buf[b++];
            }
        }
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
