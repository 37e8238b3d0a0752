package io.netspectra.aggregate;

import io.netspectra.config.TaskSpec;

import java.util.Arrays;

/**
 * The flows of one task over one window (or the whole input), packed: row r's key is
 * {@code keys[r*width, (r+1)*width)} and its statistics {@code stats[r*4, r*4+4)} (packets, bytes, first, last, as in
 * {@link FlowTable}). Immutable by convention once built; it crosses from the snapshotter to the writer and report.
 * {@code directions} is null for flows; rows that stand for connections carry {@code directions[r*4, r*4+4)}:
 * originator packets, originator bytes, responder packets, responder bytes.
 */
public record FlowRows(TaskSpec task, int width, int size, long[] keys, long[] stats, long[] directions) {

    /** Flow rows (no per-direction counts). */
    public FlowRows(TaskSpec task, int width, int size, long[] keys, long[] stats) {
        this(task, width, size, keys, stats, null);
    }

    /** Returns per-direction count {@code i} (0 originator packets, 1 bytes, 2 responder packets, 3 bytes), or 0. */
    public long direction(int row, int i) {
        return directions == null ? 0 : directions[row * 4 + i];
    }

    public long packets(int row) {
        return stats[row * FlowTable.STATS + FlowTable.PACKETS];
    }

    public long bytes(int row) {
        return stats[row * FlowTable.STATS + FlowTable.BYTES];
    }

    /** Returns the earliest timestamp, or {@link FlowTable#NO_FIRST} when the flow's packets carried none. */
    public long first(int row) {
        return stats[row * FlowTable.STATS + FlowTable.FIRST];
    }

    /** Returns the latest timestamp, or {@code Frame.NO_TIMESTAMP} when the flow's packets carried none. */
    public long last(int row) {
        return stats[row * FlowTable.STATS + FlowTable.LAST];
    }

    /** Returns the key's last word (ports, protocol, family; see {@link KeyLayout}). */
    public long lastWord(int row) {
        return keys[row * width + width - 1];
    }

    public long keyWord(int row, int word) {
        return keys[row * width + word];
    }

    /** Returns the sum of packets over all rows. */
    public long totalPackets() {
        long n = 0;
        for (int r = 0; r < size; r++) {
            n += packets(r);
        }
        return n;
    }

    /** Returns the sum of bytes over all rows. */
    public long totalBytes() {
        long n = 0;
        for (int r = 0; r < size; r++) {
            n += bytes(r);
        }
        return n;
    }

    /** Builds rows in arrival order. */
    public static final class Builder {
        private final TaskSpec task;
        private final int width;
        private long[] keys;
        private long[] stats;
        private int size;

        private final boolean reused;

        public Builder(TaskSpec task, int width, int expected) {
            this(task, width, expected, null);
        }

        /**
         * Creates a builder that fills the arrays of {@code reuse} (rows of the same width) when they hold
         * {@code expected} rows: the rows built then share those arrays, which may be longer than the rows need, and
         * {@code reuse} must no longer be read. For one thread's rows that never escape it (the snapshot writer's
         * window rows); null allocates as usual.
         */
        public Builder(TaskSpec task, int width, int expected, FlowRows reuse) {
            this.task = task;
            this.width = width;
            int n = Math.max(1, expected);
            this.reused = reuse != null && reuse.width == width && reuse.keys.length >= n * width
                    && reuse.stats.length >= n * FlowTable.STATS;
            this.keys = reused ? reuse.keys : new long[n * width];
            this.stats = reused ? reuse.stats : new long[n * FlowTable.STATS];
        }

        public void add(long[] keyWords, int keyFrom, long[] statWords, int statFrom) {
            if ((size + 1) * width > keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
                stats = Arrays.copyOf(stats, stats.length * 2);
            }
            System.arraycopy(keyWords, keyFrom, keys, size * width, width);
            System.arraycopy(statWords, statFrom, stats, size * FlowTable.STATS, FlowTable.STATS);
            size++;
        }

        /** Returns the rows; call once. Arrays filled exactly, as when {@code expected} was the count, are not copied. */
        public FlowRows build() {
            if (reused) {
                return new FlowRows(task, width, size, keys, stats);
            }
            return new FlowRows(task, width, size, exactly(keys, size * width), exactly(stats, size * FlowTable.STATS));
        }

        private static long[] exactly(long[] words, int n) {
            return words.length == n ? words : Arrays.copyOf(words, n);
        }
    }
}
