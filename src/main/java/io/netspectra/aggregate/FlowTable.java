package io.netspectra.aggregate;

import io.netspectra.capture.Frame;

import java.util.Arrays;

/**
 * An open-addressing hash table from packed keys to flow statistics, in one primitive array.
 *
 * <pre>
 * slot s occupies data[s*stride, (s+1)*stride), stride = width + 4:
 *   [0, width)   the packed key (see {@link KeyLayout})
 *   width + 0    packets (0 = empty slot)
 *   width + 1    bytes (wire length)
 *   width + 2    first timestamp (ns; {@link #NO_FIRST} = none seen)
 *   width + 3    last timestamp  (ns; Frame.NO_TIMESTAMP = none seen)
 * </pre>
 *
 * <p>Key and statistics sit side by side so a lookup touches one or two adjacent cache lines (separate key and
 * statistic arrays measured twice the cache misses). Linear probing on the low bits of the hash; the table doubles
 * past 3/4 full. Not thread-safe: a stripe lock or a single owner thread guards it.
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
    private final int stride;
    private long[] data;
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
        this.stride = width + STATS;
        int capacity = Integer.highestOneBit(Math.max(MIN_CAPACITY, expected * 4 / 3 + 1) * 2 - 1);
        allocate(capacity);
    }

    private void allocate(int capacity) {
        data = new long[capacity * stride];
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
        add(key, 0, hash, wireBytes, timestamp);
    }

    /** Counts one packet for the key {@code key[from, from + width)}. */
    public void add(long[] key, int from, long hash, int wireBytes, long timestamp) {
        long first = timestamp == Frame.NO_TIMESTAMP ? NO_FIRST : timestamp;
        merge(key, from, hash, 1, wireBytes, first, timestamp);
    }

    /** Adds a whole flow's statistics for the key {@code key[from, from + width)}. */
    public void merge(long[] key, int from, long hash, long packets, long bytes, long first, long last) {
        int base = find(key, from, hash);
        int s = base + width;
        if (data[s + PACKETS] == 0) {
            System.arraycopy(key, from, data, base, width);
            data[s + PACKETS] = packets;
            data[s + BYTES] = bytes;
            data[s + FIRST] = first;
            data[s + LAST] = last;
            if (++size > resizeAt) {
                grow();
            }
            return;
        }
        data[s + PACKETS] += packets;
        data[s + BYTES] += bytes;
        if (first < data[s + FIRST]) {
            data[s + FIRST] = first;
        }
        if (last > data[s + LAST]) {
            data[s + LAST] = last;
        }
    }

    /** Returns the base index of the slot holding the key, or of the empty slot where it belongs. */
    private int find(long[] key, int from, long hash) {
        int slot = (int) hash & mask;
        while (true) {
            int base = slot * stride;
            if (data[base + width + PACKETS] == 0 || sameKey(base, key, from)) {
                return base;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean sameKey(int base, long[] key, int from) {
        for (int i = 0; i < width; i++) {
            if (data[base + i] != key[from + i]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        long[] old = data;
        int oldCapacity = mask + 1;
        allocate(oldCapacity * 2);
        for (int slot = 0; slot < oldCapacity; slot++) {
            int from = slot * stride;
            if (old[from + width + PACKETS] != 0) {
                int to = find(old, from, KeyLayout.hash(old, from, width));
                System.arraycopy(old, from, data, to, stride);
            }
        }
    }

    /** Appends every flow of this table to {@code rows}. */
    public void copyTo(FlowRows.Builder rows) {
        for (int base = 0; base < data.length; base += stride) {
            if (data[base + width + PACKETS] != 0) {
                rows.add(data, base, data, base + width);
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
            merge(k, from, KeyLayout.hash(k, from, width), st[s + PACKETS], st[s + BYTES], st[s + FIRST],
                    st[s + LAST]);
        }
    }

    /** Empties the table, keeping its capacity for reuse. */
    public void clear() {
        Arrays.fill(data, 0);
        size = 0;
    }

    /** Returns the bytes of heap the table's array takes. */
    public long heapBytes() {
        return 8L * data.length;
    }
}
