package io.netspectra.aggregate;

import io.netspectra.NetSpectraException;
import io.netspectra.capture.Frame;

import java.util.Arrays;

/**
 * A hash table from packed keys to flow statistics, in primitive arrays: the entries densely in insertion order, in
 * pages of {@link #PAGE_ENTRIES}, and an open-addressing index of int references to them.
 *
 * <pre>
 * pages: entry e occupies pages[e / P][(e % P)*stride, (e % P + 1)*stride), P = PAGE_ENTRIES, stride = width + 4,
 *        for e in [0, size()); a table of at most P entries has one page, which grows until it holds P
 *   [0, width)   the packed key (see {@link KeyLayout})
 *   width + 0    packets
 *   width + 1    bytes (wire length)
 *   width + 2    first timestamp (ns; {@link #NO_FIRST} = none seen)
 *   width + 3    last timestamp  (ns; Frame.NO_TIMESTAMP = none seen)
 *
 * index: int[capacity], capacity = 2^k, linear probing on the hash's low k bits:
 *   0                                empty slot
 *   hash bits [k, 32) | (e + 1)      entry e, tagged with hash bits the slot number does not already fix
 * </pre>
 *
 * <p>Memory: an entry takes its stride alone (48 bytes for an IPv4 five-tuple in compact form) and the index 4 bytes a
 * slot at 3/8 to 3/4 full. A table's first page doubles up to {@link #PAGE_ENTRIES} entries; past that the table adds
 * whole pages and never copies an entry again. So a key costs about {@code 8 * stride + 4 * 8/3} bytes, 58.7 for that
 * five-tuple, plus at most one page of room per table (a sixteenth more from 16 pages up; an open-addressing table of
 * whole slots took 64 to 128). Growing so also keeps a table's growth from allocating several times its final size in
 * copies: a run's totals, grown by a quarter in one array, allocated five times theirs; the first page's copies add up
 * to at most one page. A lookup reads the index and, only when the tag matches, the one entry: unequal keys in the
 * probe sequence are skipped by tag (a false match is 1 in 2^(32-k)), not by reading their entries. Growing the index
 * re-reads the entries in order and never moves them. Not thread-safe: a stripe lock or a single owner thread guards
 * it.
 *
 * <p>A <em>direct</em> table ({@link #direct(int, int)}) holds one-word keys of at most {@link #DIRECT_MAX_BITS} bits
 * (a port or the protocol alone) with no hashing and no probing, in {@link DirectPages}.
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
    private static final int MIN_ENTRIES = 8;
    /** The most keys of any hashed table: an index of 2^30 slots at most 3/4 full. */
    public static final int MAX_ENTRIES = (1 << 30) / 4 * 3;
    private static final int MAX_INDEX = 1 << 30;
    /** log2 of {@link #PAGE_ENTRIES}. */
    private static final int PAGE_BITS = 10;
    /**
     * Entries per page: 72 KiB for the widest key. Small enough that a table's last, partly used page wastes little
     * (a task has 256 to 512 stripe tables), large enough that a table of millions of keys has few pages.
     */
    static final int PAGE_ENTRIES = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_ENTRIES - 1;
    /** The widest key value a direct table indexes. */
    public static final int DIRECT_MAX_BITS = 16;

    private final int width;
    private final int stride;
    /**
     * A hashed table's arrays until its first key: one empty slot and no room, so the first lookup misses at slot 0
     * and the insert allocates (the hot lookup tests no null, so its compiled code has no branch that only a new
     * table takes).
     */
    private static final int[] NO_INDEX = new int[1];
    private static final long[][] NO_PAGES = {new long[0]};

    /** The entries, densely, by page; {@link #NO_PAGES} until the first key arrives (see the constructor). */
    private long[][] pages;
    /** The entries the pages have room for. */
    private int room;
    /** The index; {@link #NO_INDEX} until the first key arrives. */
    private int[] index;
    /**
     * The keys the first allocation sizes the index for ({@link #indexCapacity}); the first page holds as many, up to
     * {@link #PAGE_ENTRIES} (later pages come as keys do).
     */
    private final int initialEntries;
    /** {@code index.length - 1}: the slot bits of a hash, and the entry-reference bits of an index value. */
    private int mask;
    private int size;
    private int resizeAt;
    /** A direct table's storage; null for a hashed table. */
    private final DirectPages direct;
    /** What {@link #touch} read, summed; see there. */
    private long touched;

    /** Creates an empty table for keys of {@code width} longs. */
    public FlowTable(int width) {
        this(width, MIN_ENTRIES);
    }

    /** Creates an empty table for keys of {@code width} longs sized for about {@code expected} keys. */
    public FlowTable(int width, int expected) {
        this.width = width;
        this.stride = width + STATS;
        this.direct = null;
        // Allocated on the first add, not here: a cut creates every stripe's next table while workers wait for it,
        // so a large presized array is better zeroed by the worker that first needs it, outside the cut.
        this.initialEntries = Math.min(Math.max(MIN_ENTRIES, expected), MAX_ENTRIES);
        this.pages = NO_PAGES;
        this.index = NO_INDEX;
    }

    private FlowTable(DirectPages pages) {
        this.width = 1;
        this.stride = STATS;
        this.initialEntries = 0;
        this.direct = pages;
    }

    /**
     * Creates an empty direct table for one-word keys whose value is {@code (key >>> shift)}, below
     * {@code 1 << bits}, every other bit of the key being 0.
     */
    public static FlowTable direct(int shift, int bits) {
        if (bits < 1 || bits > DIRECT_MAX_BITS || shift < 0 || shift + bits > 63) {
            throw new IllegalArgumentException("direct table of " + bits + " bits at shift " + shift);
        }
        return new FlowTable(new DirectPages(shift, bits));
    }

    /**
     * Returns an empty table for {@code layout}'s keys in their wide form: a direct table for a port or the protocol
     * alone, else a hashed one sized for about {@code expected} keys.
     */
    public static FlowTable forKey(KeyLayout layout, int expected) {
        return layout.isDirect() ? direct(layout.directShift(), layout.directBits())
                : new FlowTable(layout.width(), expected);
    }

    /** Returns whether this is a direct table. */
    public boolean isDirect() {
        return direct != null;
    }

    /** Returns the index slots for {@code keys} keys: a power of two that holds them at most 3/4 full. */
    private static int indexCapacity(int keys) {
        long slots = Math.max(MIN_CAPACITY, keys * 4L / 3 + 1);
        return (int) Math.min(MAX_INDEX, Long.highestOneBit(slots * 2 - 1));
    }

    /** Makes {@code slots} (empty, a power of two long) the index. */
    private void install(int[] slots) {
        index = slots;
        mask = slots.length - 1;
        resizeAt = slots.length / 4 * 3;
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

    /**
     * Adds a whole flow's statistics for the key {@code key[from, from + width)}, whose {@code hash} is
     * {@link KeyLayout#hash} of those words (growing the index derives it again from the stored key).
     */
    public void merge(long[] key, int from, long hash, long packets, long bytes, long first, long last) {
        if (direct != null) {
            mergeDirect((int) (key[from] >>> direct.shift()), packets, bytes, first, last);
            return;
        }
        mergeHashed(key, from, hash, packets, bytes, first, last);
    }

    /**
     * As {@link #merge}, for a hashed table only: the workers' path, which never meets a direct table, so its compiled
     * code is not thrown away when another thread first merges into one.
     */
    void mergeHashed(long[] key, int from, long hash, long packets, long bytes, long first, long last) {
        int tag = (int) hash & ~mask;
        int slot = (int) hash & mask;
        while (true) {
            int ref = index[slot];
            if (ref == 0) {
                insert(slot, hash, key, from, packets, bytes, first, last);
                return;
            }
            if ((ref & ~mask) == tag) {
                int e = (ref & mask) - 1;
                long[] page = pages[e >>> PAGE_BITS];
                int base = (e & PAGE_MASK) * stride;
                if (sameKey(page, base, key, from)) {
                    accumulate(page, base + width, packets, bytes, first, last);
                    return;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Reads, and changes nothing else, the index slot each key of {@code hashes[order[from, to)]} probes first and the
     * entry that slot points to. The reads of different keys do not wait for each other, so the processor overlaps
     * their cache misses; the merges that follow then find their first probe in the cache rather than waiting for
     * each miss in turn. A hashed table only.
     */
    void touch(long[] hashes, int[] order, int from, int to) {
        if (size == 0) {
            return;
        }
        int[] slots = index;
        int m = mask;
        long[][] entries = pages;
        long seen = 0;
        for (int j = from; j < to; j++) {
            int ref = slots[(int) hashes[order[j]] & m];
            int e = (ref & m) - 1;
            e &= ~(e >> 31);   // an empty slot: entry 0, a harmless read
            seen += entries[e >>> PAGE_BITS][(e & PAGE_MASK) * stride];
        }
        touched += seen;   // kept, so the reads are not optimized away; never used otherwise
    }

    /** Appends a new entry and points the empty index {@code slot} (for {@code hash}) at it. */
    private void insert(int slot, long hash, long[] key, int from, long packets, long bytes, long first, long last) {
        if (size == room) {
            if (index == NO_INDEX) {
                allocateFirst();
                slot = (int) hash & mask;
            } else {
                growEntries();
            }
        }
        long[] page = pages[size >>> PAGE_BITS];
        int base = (size & PAGE_MASK) * stride;
        System.arraycopy(key, from, page, base, width);
        store(page, base + width, packets, bytes, first, last);
        index[slot] = ((int) hash & ~mask) | (size + 1);
        if (++size > resizeAt) {
            growIndex();
        }
    }

    /**
     * Adds a whole flow's statistics for the key whose value is {@code value} (direct tables only: the key word is
     * {@code value << shift}).
     */
    public void mergeDirect(int value, long packets, long bytes, long first, long last) {
        size += direct.merge(value, packets, bytes, first, last);
    }

    /** Sets the four statistics at {@code a[s, s + STATS)} to a new key's. */
    static void store(long[] a, int s, long packets, long bytes, long first, long last) {
        a[s + PACKETS] = packets;
        a[s + BYTES] = bytes;
        a[s + FIRST] = first;
        a[s + LAST] = last;
    }

    /** Adds a flow's statistics into the four at {@code a[s, s + STATS)}: sums, earliest first, latest last. */
    static void accumulate(long[] a, int s, long packets, long bytes, long first, long last) {
        // Math.min and max rather than branches: no branch for the compiler to leave out until time first runs
        // backwards (whose first taking would throw the compiled code away).
        a[s + PACKETS] += packets;
        a[s + BYTES] += bytes;
        a[s + FIRST] = Math.min(a[s + FIRST], first);
        a[s + LAST] = Math.max(a[s + LAST], last);
    }

    private boolean sameKey(long[] page, int base, long[] key, int from) {
        for (int i = 0; i < width; i++) {
            if (page[base + i] != key[from + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Allocates the first page and the index for {@link #initialEntries} keys, on the first insert. Both are allocated
     * before either is installed: should one allocation fail, the table keeps its sentinels (and {@link #NO_INDEX} and
     * {@link #NO_PAGES}, shared by every new table, are never written).
     */
    private void allocateFirst() {
        int first = Math.min(initialEntries, PAGE_ENTRIES);
        long[][] firstPages = {new long[first * stride]};
        int[] slots = new int[indexCapacity(initialEntries)];
        pages = firstPages;
        room = first;
        install(slots);
    }

    /**
     * Makes room for one more entry, up to {@link #MAX_ENTRIES}: the first page doubles until it holds
     * {@link #PAGE_ENTRIES}; then a new page is added.
     */
    private void growEntries() {
        if (size >= MAX_ENTRIES) {
            throw new NetSpectraException("a flow table of " + width + "-word keys is full at " + size
                    + " keys, the most one table holds");
        }
        if (room < PAGE_ENTRIES) {
            int grown = Math.min(PAGE_ENTRIES, Math.max(MIN_ENTRIES, 2 * room));
            pages[0] = Arrays.copyOf(pages[0], grown * stride);
            room = grown;
            return;
        }
        int full = room >>> PAGE_BITS;
        if (full == pages.length) {
            pages = Arrays.copyOf(pages, full * 2);
        }
        pages[full] = new long[PAGE_ENTRIES * stride];
        room += PAGE_ENTRIES;
    }

    /** Doubles the index and re-points it at every entry, reading the entries in order. */
    private void growIndex() {
        if (mask + 1 >= MAX_INDEX) {
            // Unreachable while MAX_ENTRIES stays at 3/4 of MAX_INDEX: the entries run out first.
            throw new NetSpectraException("a flow table's index is full at " + size + " keys");
        }
        install(new int[(mask + 1) * 2]);
        for (int e = 0; e < size; e++) {
            long hash = KeyLayout.hash(pages[e >>> PAGE_BITS], (e & PAGE_MASK) * stride, width);
            int slot = (int) hash & mask;
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = ((int) hash & ~mask) | (e + 1);
        }
    }

    /** Appends every flow of this table to {@code rows}. */
    public void copyTo(FlowRows.Builder rows) {
        if (direct != null) {
            direct.copyTo(rows);
            return;
        }
        for (int e = 0; e < size; e++) {
            long[] page = pages[e >>> PAGE_BITS];
            int base = (e & PAGE_MASK) * stride;
            rows.add(page, base, page, base + width);
        }
    }

    /**
     * Appends every flow of this table, whose keys are in IPv4 form, to {@code rows} with keys widened by
     * {@code layout}.
     */
    public void copyWidenedTo(FlowRows.Builder rows, KeyLayout layout) {
        long[] wide = new long[layout.width()];
        for (int e = 0; e < size; e++) {
            long[] page = pages[e >>> PAGE_BITS];
            int base = (e & PAGE_MASK) * stride;
            layout.widen(page, base, wide, 0);
            rows.add(wide, 0, page, base + width);
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
     * large one does not keep clearing large arrays, or when it never had a key (nothing to clear; a derived task's
     * tables, and stripes a window left empty).
     */
    public boolean worthReusing() {
        if (direct != null) {
            return true;
        }
        return index == NO_INDEX || size >= (mask + 1) / 8;
    }

    /** Empties the table, keeping its capacity for reuse. */
    public void clear() {
        if (direct != null) {
            direct.clear();
        } else if (index != NO_INDEX) {
            // The entries past size are never read, so only the index needs emptying.
            Arrays.fill(index, 0);
        }
        size = 0;
    }

    /** Returns the bytes of heap the table's arrays take. */
    public long heapBytes() {
        if (direct != null) {
            return direct.heapBytes();
        }
        if (index == NO_INDEX) {
            return 0;
        }
        long bytes = 4L * index.length;
        for (long[] page : pages) {
            bytes += page == null ? 0 : 8L * page.length;
        }
        return bytes;
    }
}
