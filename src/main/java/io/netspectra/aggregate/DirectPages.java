package io.netspectra.aggregate;

import java.util.Arrays;

/**
 * The storage of a direct {@link FlowTable}: one-word keys of at most {@link FlowTable#DIRECT_MAX_BITS} bits (a port
 * or the protocol alone) need no hashing and no probing, as the key's value is the slot number. Only the statistics
 * are stored, in pages allocated on first use.
 *
 * <pre>
 * page p holds the values [p*64, (p+1)*64); value v's four statistics at page[(v % 64)*4, +4):
 *   packets (0 = no key), bytes, first, last   (as a FlowTable entry's)
 * </pre>
 *
 * <p>A page is 2 KiB: small, so that a short capture's few hundred scattered ephemeral ports take about half the
 * memory 8 KiB pages of 256 values took (300 random ports in 32768-60999: 0.45 MiB against 0.8); a port table in
 * full is 2 MiB either way.
 *
 * <p>Guarded as its table is (a stripe lock or a single owner thread).
 */
final class DirectPages {
    private static final int PAGE_BITS = 6;
    private static final int PAGE_SLOTS = 1 << PAGE_BITS;
    private static final int STATS = FlowTable.STATS;

    /** The key word's shift to its value. */
    private final int shift;
    private final long[][] pages;

    /** Creates empty pages for values below {@code 1 << bits}, held in key words as {@code value << shift}. */
    DirectPages(int shift, int bits) {
        this.shift = shift;
        this.pages = new long[Math.max(1, (1 << bits) >>> PAGE_BITS)][];
    }

    int shift() {
        return shift;
    }

    /** Adds a flow's statistics to value {@code value}; returns 1 when that value had none yet, else 0. */
    int merge(int value, long packets, long bytes, long first, long last) {
        long[] page = pages[value >>> PAGE_BITS];
        if (page == null) {
            page = new long[PAGE_SLOTS * STATS];
            pages[value >>> PAGE_BITS] = page;
        }
        int s = (value & (PAGE_SLOTS - 1)) * STATS;
        if (page[s + FlowTable.PACKETS] == 0) {
            FlowTable.store(page, s, packets, bytes, first, last);
            return 1;
        }
        FlowTable.accumulate(page, s, packets, bytes, first, last);
        return 0;
    }

    /** Appends every value's row, in value order, to {@code rows}. */
    void copyTo(FlowRows.Builder rows) {
        long[] key = new long[1];
        for (int p = 0; p < pages.length; p++) {
            long[] page = pages[p];
            for (int slot = 0; page != null && slot < PAGE_SLOTS; slot++) {
                if (page[slot * STATS + FlowTable.PACKETS] != 0) {
                    key[0] = (long) (p << PAGE_BITS | slot) << shift;
                    rows.add(key, 0, page, slot * STATS);
                }
            }
        }
    }

    /** Empties every page, keeping them. */
    void clear() {
        for (long[] page : pages) {
            if (page != null) {
                Arrays.fill(page, 0);
            }
        }
    }

    long heapBytes() {
        long n = 8L * pages.length;
        for (long[] page : pages) {
            n += page == null ? 0 : 8L * page.length;
        }
        return n;
    }
}
