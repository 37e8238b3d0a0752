package io.netspectra.sketch;

import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.SketchSpec;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;
import io.netspectra.decode.PacketBatch;
import io.netspectra.store.StoredSketches;

/**
 * One task's sketches while a capture is read: the current window's state and the run total. Fed on the ordered
 * thread only.
 *
 * <p>Distinct counts (flows with {@code distinct:}, cardinality) add each window into the total when it is cut: their
 * state depends only on the values seen, so the total equals one state fed everything. Heavy hitters feed the total
 * directly, record by record in read order, so it does not depend on where windows were cut.
 */
final class LiveSketch {
    private final TaskSpec task;
    private final KeyLayout keyLayout;
    private final KeyLayout valueLayout;
    private final int keyWidth;
    private final long[] key;
    private final long[] value;
    private DistinctState distinct;
    private DistinctState distinctTotal;
    private HeavyHittersState hitters;
    private HeavyHittersState hittersTotal;
    private long peakHeapBytes;

    LiveSketch(TaskSpec task) {
        this.task = task;
        this.keyLayout = new KeyLayout(task.keyFields());
        switch (task.type()) {
            case FLOWS -> {
                valueLayout = new KeyLayout(task.sketch().distinct());
                keyWidth = keyLayout.width();
            }
            case CARDINALITY -> {
                valueLayout = keyLayout;
                keyWidth = 0;
            }
            case HEAVY_HITTERS -> {
                valueLayout = null;
                keyWidth = 0;
            }
            default -> throw new IllegalArgumentException("task " + task.name() + " has no sketch");
        }
        key = new long[keyLayout.width()];
        value = valueLayout == null ? null : new long[valueLayout.width()];
        reset();
        if (task.type() == TaskType.HEAVY_HITTERS) {
            hittersTotal = new HeavyHittersState(task, keyLayout.width());
        } else {
            distinctTotal = new DistinctState(task, keyWidth);
        }
    }

    TaskSpec task() {
        return task;
    }

    /** Feeds records {@code [0, batch.size())}. */
    void accept(PacketBatch batch) {
        int n = batch.size();
        if (hitters != null) {
            boolean bytes = task.sketch().weight() == SketchSpec.Weight.BYTES;
            for (int i = 0; i < n; i++) {
                long weight = bytes ? batch.wireLength(i) : 1;
                if (weight <= 0) {
                    continue;
                }
                long[] k = new long[keyLayout.width()];
                keyLayout.pack(batch, i, k);
                PackedKey item = new PackedKey(k);
                hitters.add(item, weight);
                hittersTotal.add(item, weight);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            if (keyWidth > 0) {
                keyLayout.pack(batch, i, key);
            }
            valueLayout.pack(batch, i, value);
            distinct.add(key, ValueHash.hash(value, 0, value.length));
        }
    }

    /** Returns the window's state (null when nothing was fed), folds it into the total and starts a new window. */
    StoredSketches cut(long start, long end) {
        StoredSketches stored = null;
        if (hitters != null) {
            peakHeapBytes = Math.max(peakHeapBytes, hitters.bytes() + hittersTotal.bytes());
            if (!hitters.isEmpty()) {
                stored = hitters.stored(start, end);
            }
        } else {
            peakHeapBytes = Math.max(peakHeapBytes, distinct.heapBytes() + distinctTotal.heapBytes());
            if (!distinct.isEmpty()) {
                stored = distinct.stored(start, end);
                distinctTotal.merge(distinct);
            }
        }
        reset();
        return stored;
    }

    /** Returns the run total in report order; {@code top} limits rows (all, or heavy hitters' k, when negative). */
    SketchRows total(int top) {
        return hittersTotal != null ? hittersTotal.rows(top) : distinctTotal.rows(top);
    }

    /** Returns the largest heap size of window plus total seen at a cut, in bytes (roughly: tables and sketches). */
    long peakHeapBytes() {
        return peakHeapBytes;
    }

    private void reset() {
        if (task.type() == TaskType.HEAVY_HITTERS) {
            hitters = new HeavyHittersState(task, keyLayout.width());
        } else {
            distinct = new DistinctState(task, keyWidth);
        }
    }
}
