package io.netspectra.bins;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.TaskSpec;
import io.netspectra.decode.PacketBatch;
import io.netspectra.store.BinsCodec;

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
    private final boolean keepWindow;
    private long[] binPackets = new long[64];
    private long[] binBytes = new long[64];
    private long[] peakStart = new long[64];
    private long[] peakPackets = new long[64];
    private long[] peakBytes = new long[64];
    /** Ids with packets in the open bin, in first-seen order. */
    private int[] touched = new int[64];
    private int touchedCount;
    /** The current window's closed bins, already in the {@code bins.nss} encoding; null when not written. */
    private BinsCodec.Rows window;
    private FlowRows.Builder series;

    /**
     * @param keepWindow whether each window's rows are collected for its {@code bins.nss}
     * @param keepSeries whether the whole series is kept for the report
     */
    TaskBins(TaskSpec task, boolean keepWindow, boolean keepSeries) {
        this.task = task;
        this.layout = new KeyLayout(task.keyFields());
        this.index = new KeyIndex(layout.width());
        this.key = new long[layout.width()];
        this.keepSeries = keepSeries;
        this.keepWindow = keepWindow;
        this.window = keepWindow ? new BinsCodec.Rows(layout.width()) : null;
        this.series = keepSeries ? new FlowRows.Builder(task, layout.width(), 16) : null;
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
     * Closes the open bin {@code [start, start + length)}: appends its rows to the window's rows in the order their keys
     * first appeared in the bin (no sort: the cheap, deterministic read order) and, when the series is kept, to the
     * series ordered by bytes and packets descending, then key; updates the peaks and empties the per-bin state.
     */
    void closeBin(long start, long length) {
        long[] words = index.words();
        int w = layout.width();
        for (int i = 0; i < touchedCount; i++) {
            int id = touched[i];
            if (keepWindow) {
                window.add(words, id * w, start, binPackets[id], binBytes[id]);
            }
            if (binBytes[id] > peakBytes[id] || peakPackets[id] == 0) {
                peakStart[id] = start;
                peakPackets[id] = binPackets[id];
                peakBytes[id] = binBytes[id];
            }
        }
        if (keepSeries) {
            for (int id : byBytes(words, w)) {
                series.add(words, id * w, stats(id, start, length), 0);
            }
        }
        for (int i = 0; i < touchedCount; i++) {
            binPackets[touched[i]] = 0;
            binBytes[touched[i]] = 0;
        }
        touchedCount = 0;
    }

    private long[] stats(int id, long start, long length) {
        stat[0] = binPackets[id];
        stat[1] = binBytes[id];
        stat[2] = start;
        stat[3] = start + length;
        return stat;
    }

    /** Returns the open bin's ids by bytes and packets descending, then key (unsigned), the order reports use. */
    private Integer[] byBytes(long[] words, int w) {
        Integer[] order = new Integer[touchedCount];
        for (int i = 0; i < touchedCount; i++) {
            order[i] = touched[i];
        }
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
        return order;
    }

    /**
     * Returns the rows of the bins closed since the last call (null when windows are not kept), and starts collecting
     * the next window's.
     */
    BinsCodec.Rows takeWindow() {
        BinsCodec.Rows rows = window;
        window = keepWindow ? new BinsCodec.Rows(layout.width()) : null;
        return rows;
    }

    /** Returns the run's result; call once, after the last bin is closed. */
    BinnedTask result(long binNanos) {
        int n = index.size();
        Peaks peaks = new Peaks(index, Arrays.copyOf(peakStart, n), Arrays.copyOf(peakPackets, n),
                Arrays.copyOf(peakBytes, n));
        return new BinnedTask(task, binNanos, peaks, keepSeries ? series.build() : null);
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
