package io.netspectra.bins;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.KeyIds;
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
    private KeyIds index;
    private final long[] key;
    private final long[] stat = new long[4];
    private final boolean keepSeries;
    private final boolean keepWindow;
    /** Keys held before the peaks are spilled at a window end; 0 for no limit. */
    private final long maxKeys;
    private PeakSpills spills;
    /** Offsets of the open bin's packets and bytes in a {@link KeyIds} entry, after the key. */
    private final int packetsAt;
    private final int bytesAt;
    private final int stride;
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
    TaskBins(TaskSpec task, boolean keepWindow, boolean keepSeries, long maxKeys) {
        this.task = task;
        this.layout = new KeyLayout(task.keyFields());
        this.index = new KeyIds(layout.width(), 2);
        this.stride = index.stride();
        this.packetsAt = layout.width();
        this.bytesAt = layout.width() + 1;
        this.key = new long[layout.width()];
        this.keepSeries = keepSeries;
        this.keepWindow = keepWindow;
        this.maxKeys = maxKeys;
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
            long[] e = index.words();
            int base = id * stride;
            if (e[base + packetsAt] == 0) {
                if (id >= peakStart.length) {
                    grow(id + 1);
                }
                if (touchedCount == touched.length) {
                    touched = Arrays.copyOf(touched, touched.length * 2);
                }
                touched[touchedCount++] = id;
            }
            e[base + packetsAt]++;
            e[base + bytesAt] += batch.wireLength(i);
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
        long[] e = index.words();
        for (int i = 0; i < touchedCount; i++) {
            int id = touched[i];
            int base = id * stride;
            long packets = e[base + packetsAt];
            long bytes = e[base + bytesAt];
            if (keepWindow) {
                window.add(e, base, start, packets, bytes);
            }
            if (bytes > peakBytes[id] || peakPackets[id] == 0) {
                peakStart[id] = start;
                peakPackets[id] = packets;
                peakBytes[id] = bytes;
            }
        }
        if (keepSeries) {
            for (int id : byBytes(e)) {
                int base = id * stride;
                stat[0] = e[base + packetsAt];
                stat[1] = e[base + bytesAt];
                stat[2] = start;
                stat[3] = start + length;
                series.add(e, base, stat, 0);
            }
        }
        for (int i = 0; i < touchedCount; i++) {
            e[touched[i] * stride + packetsAt] = 0;
            e[touched[i] * stride + bytesAt] = 0;
        }
        touchedCount = 0;
        spillPeaksOverLimit();
    }

    /** Returns the open bin's ids by bytes and packets descending, then key (unsigned), the order reports use. */
    private Integer[] byBytes(long[] e) {
        Integer[] order = new Integer[touchedCount];
        for (int i = 0; i < touchedCount; i++) {
            order[i] = touched[i];
        }
        int w = layout.width();
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(e[b * stride + bytesAt], e[a * stride + bytesAt]);
            if (c == 0) {
                c = Long.compare(e[b * stride + packetsAt], e[a * stride + packetsAt]);
            }
            for (int i = 0; c == 0 && i < w; i++) {
                c = Long.compareUnsigned(e[a * stride + i], e[b * stride + i]);
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

    /**
     * With no bin open, when the task holds more keys than the limit: spills their peaks and starts an empty key index
     * (keys get new ids from the next bin on).
     */
    private void spillPeaksOverLimit() {
        if (maxKeys <= 0 || index.size() <= maxKeys) {
            return;
        }
        if (spills == null) {
            spills = new PeakSpills(layout.width());
        }
        spills.spill(index, peakStart, peakPackets, peakBytes);
        index = new KeyIds(layout.width(), 2);
        peakStart = new long[64];
        peakPackets = new long[64];
        peakBytes = new long[64];
    }

    /** Returns how many times the peaks were spilled. */
    int peakSpills() {
        return spills == null ? 0 : spills.spills();
    }

    /** Returns the run's result; call once, after the last bin is closed. */
    BinnedTask result(long binNanos) {
        int n = index.size();
        Peaks peaks = spills != null
                ? spills.merge(index, peakStart, peakPackets, peakBytes)
                : new Peaks(index, Arrays.copyOf(peakStart, n), Arrays.copyOf(peakPackets, n),
                        Arrays.copyOf(peakBytes, n));
        return new BinnedTask(task, binNanos, peaks, keepSeries ? series.build() : null);
    }

    private void grow(int needed) {
        int n = Math.max(needed, peakStart.length * 2);
        peakStart = Arrays.copyOf(peakStart, n);
        peakPackets = Arrays.copyOf(peakPackets, n);
        peakBytes = Arrays.copyOf(peakBytes, n);
    }
}
