package io.netspectra.sketch;

import java.util.Arrays;

/**
 * Numbers packed keys of one width densely from 0 in first-seen order (open addressing, linear probing, load at most
 * 1/2). Single-threaded.
 */
final class KeyIndex {
    private final int width;
    private long[] words;
    private int[] slots;
    private int size;

    KeyIndex(int width) {
        this.width = width;
        this.words = new long[16 * width];
        this.slots = new int[32];
        Arrays.fill(slots, -1);
    }

    /** Returns the id of the key {@code key[from, from + width)}, adding it when new. */
    int idOf(long[] key, int from) {
        long hash = hash(key, from, width);
        int mask = slots.length - 1;
        int i = (int) (hash ^ (hash >>> 32)) & mask;
        while (slots[i] >= 0) {
            if (Arrays.equals(words, slots[i] * width, slots[i] * width + width, key, from, from + width)) {
                return slots[i];
            }
            i = (i + 1) & mask;
        }
        if ((size + 1) * width > words.length) {
            words = Arrays.copyOf(words, words.length * 2);
        }
        System.arraycopy(key, from, words, size * width, width);
        slots[i] = size;
        if (++size * 2 > slots.length) {
            rehash();
        }
        return size - 1;
    }

    /** Returns the number of keys. */
    int size() {
        return size;
    }

    /** Returns the key words, {@code size() * width} of them, in id order. */
    long[] words() {
        return Arrays.copyOf(words, size * width);
    }

    /** Returns the bytes of its tables. */
    long bytes() {
        return 32L + 8L * words.length + 4L * slots.length;
    }

    /** Returns a 64-bit hash of {@code words[from, from + width)}; also the value hash of distinct counts. */
    static long hash(long[] words, int from, int width) {
        long h = 0x9E37_79B9_7F4A_7C15L ^ width;
        for (int i = from; i < from + width; i++) {
            h = (h ^ words[i]) * 0xBF58_476D_1CE4_E5B9L;
            h ^= h >>> 31;
        }
        h *= 0x94D0_49BB_1331_11EBL;
        return h ^ (h >>> 29);
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int id = 0; id < size; id++) {
            long h = hash(words, id * width, width);
            int i = (int) (h ^ (h >>> 32)) & mask;
            while (slots[i] >= 0) {
                i = (i + 1) & mask;
            }
            slots[i] = id;
        }
    }
}
