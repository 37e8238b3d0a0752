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
 *
 * <p>A <em>direct</em> table ({@link #direct}) holds one-word keys of at most {@link #DIRECT_MAX_BITS} bits (a port
 * or the protocol alone) with no hashing and no probing: the key's value is the slot number, and only the
 * statistics are stored, in pages of {@link #PAGE_SLOTS} slots allocated on first use.
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
    /** The widest key value a direct table indexes. */
    public static final int DIRECT_MAX_BITS = 16;
    private static final int PAGE_BITS = 8;
    private static final int PAGE_SLOTS = 1 << PAGE_BITS;

    private final int width;
    private final int stride;
    /** Null until the first key arrives (see the constructor). */
    private long[] data;
    private final int initialCapacity;
    private int mask;
    private int size;
    private int resizeAt;
    /** Direct tables: the key word's shift to its value; -1 for a hashed table. */
    private final int directShift;
    /** Direct tables: page p holds slots [p*PAGE_SLOTS, (p+1)*PAGE_SLOTS), STATS longs each; null until used. */
    private final long[][] pages;

    /** Creates an empty table for keys of {@code width} longs. */
    public FlowTable(int width) {
        this(width, MIN_CAPACITY);
    }

    /** Creates an empty table for keys of {@code width} longs sized for about {@code expected} keys. */
    public FlowTable(int width, int expected) {
        this.width = width;
        this.stride = width + STATS;
        this.directShift = -1;
        this.pages = null;
        // Allocated on the first add, not here: a cut creates every stripe's next table while workers wait for it,
        // so a large presized array is better zeroed by the worker that first needs it, outside the cut.
        this.initialCapacity = Integer.highestOneBit(Math.max(MIN_CAPACITY, expected * 4 / 3 + 1) * 2 - 1);
    }

    private FlowTable(int shift, int bits, boolean direct) {
        this.width = 1;
        this.stride = STATS;
        this.initialCapacity = 0;
        this.directShift = shift;
        this.pages = new long[Math.max(1, (1 << bits) >>> PAGE_BITS)][];
    }

    /**
     * Creates an empty direct table for one-word keys whose value is {@code (key >>> shift)}, below
     * {@code 1 << bits}, every other bit of the key being 0.
     */
    public static FlowTable direct(int shift, int bits) {
        if (bits < 1 || bits > DIRECT_MAX_BITS || shift < 0 || shift + bits > 63) {
            throw new IllegalArgumentException("direct table of " + bits + " bits at shift " + shift);
        }
        return new FlowTable(shift, bits, true);
    }

    /** Returns whether this is a direct table. */
    public boolean isDirect() {
        return directShift >= 0;
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
        if (directShift >= 0) {
            mergeDirect((int) (key[from] >>> directShift), packets, bytes, first, last);
            return;
        }
        if (data == null) {
            allocate(initialCapacity);
        }
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

    /**
     * Adds a whole flow's statistics for the key whose value is {@code index} (direct tables only: the key word is
     * {@code index << shift}).
     */
    public void mergeDirect(int index, long packets, long bytes, long first, long last) {
        long[] page = pages[index >>> PAGE_BITS];
        if (page == null) {
            page = newPage(index >>> PAGE_BITS);
        }
        int s = (index & (PAGE_SLOTS - 1)) * STATS;
        if (page[s + PACKETS] == 0) {
            size++;
            page[s + PACKETS] = packets;
            page[s + BYTES] = bytes;
            page[s + FIRST] = first;
            page[s + LAST] = last;
            return;
        }
        page[s + PACKETS] += packets;
        page[s + BYTES] += bytes;
        if (first < page[s + FIRST]) {
            page[s + FIRST] = first;
        }
        if (last > page[s + LAST]) {
            page[s + LAST] = last;
        }
    }

    private long[] newPage(int p) {
        long[] page = new long[PAGE_SLOTS * STATS];
        pages[p] = page;
        return page;
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
        if (directShift >= 0) {
            long[] key = new long[1];
            for (int p = 0; p < pages.length; p++) {
                long[] page = pages[p];
                for (int slot = 0; page != null && slot < PAGE_SLOTS; slot++) {
                    if (page[slot * STATS + PACKETS] != 0) {
                        key[0] = (long) (p << PAGE_BITS | slot) << directShift;
                        rows.add(key, 0, page, slot * STATS);
                    }
                }
            }
            return;
        }
        if (data == null) {
            return;
        }
        for (int base = 0; base < data.length; base += stride) {
            if (data[base + width + PACKETS] != 0) {
                rows.add(data, base, data, base + width);
            }
        }
    }

    /** Appends every flow of this table, whose keys are in IPv4 form, to {@code rows} with keys widened by {@code layout}. */
    public void copyWidenedTo(FlowRows.Builder rows, KeyLayout layout) {
        if (data == null) {
            return;
        }
        long[] wide = new long[layout.width()];
        for (int base = 0; base < data.length; base += stride) {
            if (data[base + width + PACKETS] != 0) {
                layout.widen(data, base, wide, 0);
                rows.add(wide, 0, data, base + width);
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

    /**
     * Returns whether the table is worth emptying for another window rather than dropping: a direct table always
     * (its pages are small), a hashed one when it holds at least 1/8 of its capacity, so a window of few keys after a
     * large one does not keep clearing large arrays.
     */
    public boolean worthReusing() {
        if (directShift >= 0) {
            return true;
        }
        return data != null && size >= (mask + 1) / 8;
    }

    /** Empties the table, keeping its capacity for reuse. */
    public void clear() {
        if (directShift >= 0) {
            for (long[] page : pages) {
                if (page != null) {
                    Arrays.fill(page, 0);
                }
            }
        } else if (data != null) {
            Arrays.fill(data, 0);
        }
        size = 0;
    }

    /** Returns the bytes of heap the table's arrays take. */
    public long heapBytes() {
        if (directShift >= 0) {
            long n = 8L * pages.length;
            for (long[] page : pages) {
                n += page == null ? 0 : 8L * page.length;
            }
            return n;
        }
        return data == null ? 0 : 8L * data.length;
    }
}
