package io.netspectra.aggregate;

import io.netspectra.capture.Frame;

import java.util.Arrays;

/**
 * An open-addressing hash table from packed keys to flow statistics, in primitive arrays.
 *
 * <pre>
 * keys : slot s holds words [s*width, (s+1)*width)
 * stats: slot s holds       [s*4]   packets (0 = empty slot)
 *                           [s*4+1] bytes (wire length)
 *                           [s*4+2] first timestamp (ns; Long.MAX_VALUE = none seen)
 *                           [s*4+3] last timestamp  (ns; Frame.NO_TIMESTAMP = none seen)
 * </pre>
 *
 * <p>Linear probing on the low bits of the hash; the table doubles past 3/4 full. Not thread-safe: a stripe lock or
 * a single owner thread guards it.
 */
public final class FlowTable {
    static final int STATS = 4;
    static final int PACKETS = 0;
    static final int BYTES = 1;
    static final int FIRST = 2;
    static final int LAST = 3;
    /** The first timestamp of a flow whose packets carried none. */
    public static final long NO_FIRST = Long.MAX_VALUE;
    private static final int MIN_CAPACITY = 16;

    private final int width;
    private long[] keys;
    private long[] stats;
    private int mask;
    private int size;
    private int resizeAt;

    /** Creates an empty table for keys of {@code width} longs. */
    public FlowTable(int width) {
        this(width, MIN_CAPACITY);
    }

    /** Creates an empty table for keys of {@code width} longs sized for about {@code expected} keys. */
    public FlowTable(int width, int expected) {
        this.width = width;
        int capacity = Integer.highestOneBit(Math.max(MIN_CAPACITY, expected * 4 / 3 + 1) * 2 - 1);
        allocate(capacity);
    }

    private void allocate(int capacity) {
        keys = new long[capacity * width];
        stats = new long[capacity * STATS];
        mask = capacity - 1;
        resizeAt = capacity / 4 * 3;
    }

    public int width() {
        return width;
    }

    public int size() {
        return size;
    }

    /** Counts one packet of {@code wireBytes} at {@code timestamp} (or {@link Frame#NO_TIMESTAMP}) for the key. */
    public void add(long[] key, long hash, int wireBytes, long timestamp) {
        long first = timestamp == Frame.NO_TIMESTAMP ? NO_FIRST : timestamp;
        merge(key, 0, hash, 1, wireBytes, first, timestamp);
    }

    /** Adds a whole flow's statistics for the key {@code key[from, from + width)}. */
    public void merge(long[] key, int from, long hash, long packets, long bytes, long first, long last) {
        int slot = find(key, from, hash);
        int s = slot * STATS;
        if (stats[s + PACKETS] == 0) {
            System.arraycopy(key, from, keys, slot * width, width);
            stats[s + FIRST] = NO_FIRST;
            stats[s + LAST] = Frame.NO_TIMESTAMP;
            if (++size > resizeAt) {
                stats[s + PACKETS] = packets;
                stats[s + BYTES] = bytes;
                stats[s + FIRST] = first;
                stats[s + LAST] = last;
                grow();
                return;
            }
        }
        stats[s + PACKETS] += packets;
        stats[s + BYTES] += bytes;
        if (first < stats[s + FIRST]) {
            stats[s + FIRST] = first;
        }
        if (last > stats[s + LAST]) {
            stats[s + LAST] = last;
        }
    }

    /** Returns the slot holding the key, or the empty slot where it belongs. */
    private int find(long[] key, int from, long hash) {
        int slot = (int) hash & mask;
        while (true) {
            if (stats[slot * STATS + PACKETS] == 0 || sameKey(slot, key, from)) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean sameKey(int slot, long[] key, int from) {
        int base = slot * width;
        for (int i = 0; i < width; i++) {
            if (keys[base + i] != key[from + i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldStats = stats;
        int oldCapacity = mask + 1;
        allocate(oldCapacity * 2);
        for (int slot = 0; slot < oldCapacity; slot++) {
            int s = slot * STATS;
            if (oldStats[s + PACKETS] != 0) {
                int to = find(oldKeys, slot * width, hash(oldKeys, slot * width));
                System.arraycopy(oldKeys, slot * width, keys, to * width, width);
                System.arraycopy(oldStats, s, stats, to * STATS, STATS);
            }
        }
    }

    private long hash(long[] words, int from) {
        return KeyLayout.hash(words, from, width);
    }

    /** Appends every flow of this table to {@code rows}. */
    public void copyTo(FlowRows.Builder rows) {
        for (int slot = 0; slot <= mask; slot++) {
            int s = slot * STATS;
            if (stats[s + PACKETS] != 0) {
                rows.add(keys, slot * width, stats, s);
            }
        }
    }

    /** Adds every row of {@code rows} into this table. */
    public void mergeAll(FlowRows rows) {
        long[] k = rows.keys();
        long[] st = rows.stats();
        for (int r = 0; r < rows.size(); r++) {
            int from = r * width;
            int s = r * STATS;
            merge(k, from, hash(k, from), st[s + PACKETS], st[s + BYTES], st[s + FIRST], st[s + LAST]);
        }
    }

    /** Empties the table, keeping its capacity for reuse. */
    public void clear() {
        Arrays.fill(stats, 0);
        size = 0;
    }

    /** Returns the bytes of heap the table's arrays take. */
    public long heapBytes() {
        return 8L * (keys.length + stats.length);
    }
}
