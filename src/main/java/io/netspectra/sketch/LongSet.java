package io.netspectra.sketch;

/** An open-addressing set of longs (linear probing, load at most 1/2); zero is kept aside. */
final class LongSet {
    private long[] slots = new long[8];
    private int size;
    private boolean hasZero;

    /** Adds {@code v}; returns whether it was new. */
    boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        int mask = slots.length - 1;
        int i = (int) mix(v) & mask;
        while (slots[i] != 0) {
            if (slots[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = v;
        if (++size * 2 > slots.length) {
            grow();
        }
        return true;
    }

    /** Returns the number of values. */
    int size() {
        return size + (hasZero ? 1 : 0);
    }

    /** Returns the values, ascending. */
    long[] sorted() {
        long[] out = new long[size()];
        int n = 0;
        if (hasZero) {
            out[n++] = 0;
        }
        for (long v : slots) {
            if (v != 0) {
                out[n++] = v;
            }
        }
        java.util.Arrays.sort(out);
        return out;
    }

    /** Returns the bytes of its table. */
    long bytes() {
        return 16L + 8L * slots.length;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long v : old) {
            if (v != 0) {
                add(v);
            }
        }
    }

    private static long mix(long v) {
        long h = v * 0x9E37_79B9_7F4A_7C15L;
        return h ^ (h >>> 32);
    }
}
