package io.netspectra.bench;

/**
 * A packed key (see {@code aggregate.KeyLayout}) as a JDK map key: up to five words, unused words zero. It is what the
 * baselines allocate per packet where {@code FlowTable} stores keys inline in a primitive array.
 */
record FlowKey(long w0, long w1, long w2, long w3, long w4) {
    /** Returns the key {@code words[from, from + width)}, padded with zeros. */
    static FlowKey of(long[] words, int from, int width) {
        return new FlowKey(words[from], width > 1 ? words[from + 1] : 0, width > 2 ? words[from + 2] : 0,
                width > 3 ? words[from + 3] : 0, width > 4 ? words[from + 4] : 0);
    }

    /** Returns fresh statistics: packets, bytes, first and last timestamp. */
    static long[] newStats() {
        return new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE};
    }

    /** Counts one packet into {@code stats}, as {@code FlowTable.add} does. */
    static void count(long[] stats, int wireBytes, long timestamp) {
        stats[0]++;
        stats[1] += wireBytes;
        if (timestamp < stats[2]) {
            stats[2] = timestamp;
        }
        if (timestamp > stats[3]) {
            stats[3] = timestamp;
        }
    }
}
