package io.netspectra.sketch;

import io.netspectra.aggregate.KeyIds;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.KeyField;
import io.netspectra.config.SketchSpec;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;
import io.netspectra.store.StoredSketches;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Distinct counts per key: for a flows task with {@code distinct:}, keyed by the task's key; for a cardinality task,
 * one count under the empty key (width 0). Single-threaded.
 */
final class DistinctState {
    private final TaskSpec task;
    private final int width;
    private final KeyIds index;
    private final List<DistinctCounter> counters = new ArrayList<>();

    DistinctState(TaskSpec task, int width) {
        this.task = task;
        this.width = width;
        this.index = new KeyIds(width);
    }

    /** Counts the value with hash {@code valueHash} for the key {@code key[0, width)}. */
    void add(long[] key, long valueHash) {
        counter(key, 0).add(valueHash);
    }

    /** Adds every count of {@code other} (same task and width). */
    void merge(DistinctState other) {
        long[] words = other.index.words();
        for (int id = 0; id < other.counters.size(); id++) {
            counter(words, id * width).merge(other.counters.get(id));
        }
    }

    /**
     * Adds a stored window's counts.
     *
     * @throws IllegalArgumentException when a stored counter is unreadable
     */
    void merge(StoredSketches s) {
        for (int i = 0; i < s.size(); i++) {
            DistinctCounter c = DistinctCounter.fromBytes(s.blobs()[i], task.sketch().exactLimit(),
                    task.sketch().lgK());
            counter(s.keys(), i * width).merge(c);
        }
    }

    /** Returns whether no value was counted. */
    boolean isEmpty() {
        return counters.isEmpty();
    }

    /** Returns the state as a stored window. */
    StoredSketches stored(long start, long end) {
        byte[][] blobs = new byte[counters.size()][];
        for (int i = 0; i < blobs.length; i++) {
            blobs[i] = counters.get(i).toBytes();
        }
        return new StoredSketches(task, start, end, width, index.copyWords(), blobs);
    }

    /** Returns the size of the stored state: keys and every counter's stored form. */
    long bytes() {
        long b = 8L * width * counters.size();
        for (DistinctCounter c : counters) {
            b += c.bytes();
        }
        return b;
    }

    /** Returns the live state's heap size, roughly: the key index and every counter's tables. */
    long heapBytes() {
        long b = index.heapBytes();
        for (DistinctCounter c : counters) {
            b += 32 + c.heapBytes();
        }
        return b;
    }

    /** Returns the counts in report order; {@code top} limits the rows (all when negative). */
    SketchRows rows(int top) {
        int n = counters.size();
        Estimate[] est = new Estimate[n];
        for (int i = 0; i < n; i++) {
            est[i] = counters.get(i).estimate();
        }
        long[] words = index.words();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(est[b].estimate(), est[a].estimate());
            return c != 0 ? c : Arrays.compareUnsigned(words, a * width, a * width + width, words, b * width,
                    b * width + width);
        });
        int rows = top < 0 ? n : Math.min(top, n);
        long[] keys = new long[rows * width];
        List<Estimate> values = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(words, order[r] * width, keys, r * width, width);
            values.add(est[order[r]]);
        }
        boolean whole = task.type() == TaskType.CARDINALITY;
        if (whole && rows == 0) {
            rows = 1;
            values.add(Estimate.exact(0));
        }
        List<KeyField> keyFields = whole ? List.of() : task.keyFields();
        String metric = whole ? SketchSpec.distinctMetric(task.keyFields()) : task.sketch().distinctMetric();
        FlowRows keyRows = new FlowRows(task, width, rows, keys, new long[rows * 4]);
        return new SketchRows(task, metric, keyFields, whole ? 1 : n, keyRows, values, bytes(), 0, 0);
    }

    private DistinctCounter counter(long[] key, int from) {
        int id = index.idOf(key, from);
        if (id == counters.size()) {
            counters.add(new DistinctCounter(task.sketch().exactLimit(), task.sketch().lgK()));
        }
        return counters.get(id);
    }
}
