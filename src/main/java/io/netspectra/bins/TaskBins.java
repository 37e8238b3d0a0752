package io.netspectra.bins;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.PacketBatch;

import java.util.Arrays;

/**
 * One task's bins: the counts of the open bin per key, every key's peak bin so far, and the rows of the bins closed
 * in the current window. One owner thread.
 *
 * <p>Peak: the bin with the most bytes; among equal bytes, the earliest (bins close in time order and only a strictly
 * larger one replaces the peak).
 */
final class TaskBins {
    private final TaskSpec task;
    private final KeyLayout layout;
    private final KeyIndex index;
    private final long[] key;
    private final long[] stat = new long[4];
    private final boolean keepSeries;
    private long[] binPackets = new long[64];
    private long[] binBytes = new long[64];
    private long[] peakStart = new long[64];
    private long[] peakPackets = new long[64];
    private long[] peakBytes = new long[64];
    /** Ids with packets in the open bin, in first-seen order. */
    private int[] touched = new int[64];
    private int touchedCount;
    private FlowRows.Builder window;
    private FlowRows.Builder series;

    TaskBins(TaskSpec task, boolean keepSeries) {
        this.task = task;
        this.layout = new KeyLayout(task.keyFields());
        this.index = new KeyIndex(layout.width());
        this.key = new long[layout.width()];
        this.keepSeries = keepSeries;
        this.window = newRows();
        this.series = keepSeries ? newRows() : null;
    }

    TaskSpec task() {
        return task;
    }

    /** Counts records {@code [from, to)} of {@code batch} in the open bin. */
    void add(PacketBatch batch, int from, int to) {
        for (int i = from; i < to; i++) {
            long hash = layout.pack(batch, i, key);
            int id = index.idOf(key, 0, hash);
            if (id >= binPackets.length) {
                grow(id + 1);
            }
            if (binPackets[id] == 0) {
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, touched.length * 2);
                }
                touched[touchedCount++] = id;
            }
            binPackets[id]++;
            binBytes[id] += batch.wireLength(i);
        }
    }

    /** Returns whether the open bin has any packet. */
    boolean binHasPackets() {
        return touchedCount > 0;
    }

    /**
     * Closes the open bin {@code [start, start + length)}: appends its rows (bytes and packets descending, then key) to
     * the window's rows and the series, updates the peaks, and empties the per-bin state.
     */
    void closeBin(long start, long length) {
        Integer[] order = new Integer[touchedCount];
        for (int i = 0; i < touchedCount; i++) {
            order[i] = touched[i];
        }
        long[] words = index.words();
        int w = layout.width();
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(binBytes[b], binBytes[a]);
            if (c == 0) {
                c = Long.compare(binPackets[b], binPackets[a]);
            }
            for (int i = 0; c == 0 && i < w; i++) {
                c = Long.compareUnsigned(words[a * w + i], words[b * w + i]);
            }
            return c;
        });
        for (int id : order) {
            stat[0] = binPackets[id];
            stat[1] = binBytes[id];
            stat[2] = start;
            stat[3] = start + length;
            window.add(words, id * w, stat, 0);
            if (keepSeries) {
                series.add(words, id * w, stat, 0);
            }
            if (binBytes[id] > peakBytes[id] || peakPackets[id] == 0) {
                peakStart[id] = start;
                peakPackets[id] = binPackets[id];
                peakBytes[id] = binBytes[id];
            }
            binPackets[id] = 0;
            binBytes[id] = 0;
        }
        touchedCount = 0;
    }

    /** Returns the rows of the bins closed since the last call, and starts collecting the next window's. */
    FlowRows takeWindow() {
        FlowRows rows = window.build();
        window = newRows();
        return rows;
    }

    /** Returns the run's result; call once, after the last bin is closed. */
    BinnedTask result(long binNanos) {
        int n = index.size();
        Peaks peaks = new Peaks(index, Arrays.copyOf(peakStart, n), Arrays.copyOf(peakPackets, n),
                Arrays.copyOf(peakBytes, n));
        return new BinnedTask(task, binNanos, peaks, keepSeries ? series.build() : null);
    }

    private FlowRows.Builder newRows() {
        return new FlowRows.Builder(task, layout.width(), 16);
    }

    private void grow(int needed) {
        int n = Math.max(needed, binPackets.length * 2);
        binPackets = Arrays.copyOf(binPackets, n);
        binBytes = Arrays.copyOf(binBytes, n);
        peakStart = Arrays.copyOf(peakStart, n);
        peakPackets = Arrays.copyOf(peakPackets, n);
        peakBytes = Arrays.copyOf(peakBytes, n);
    }
}
