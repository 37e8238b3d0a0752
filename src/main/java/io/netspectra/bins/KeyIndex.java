package io.netspectra.bins;

import io.netspectra.aggregate.KeyLayout;

import java.util.Arrays;

/**
 * Gives each distinct packed key a dense id, 0, 1, 2... in order of first sight, so per-key state can live in plain
 * arrays indexed by id. Open addressing with linear probing over an {@code int} table of {@code id + 1} (0 = empty);
 * the key words sit in one {@code long} array, id by id. Not thread-safe: one owner thread.
 */
final class KeyIndex {
    private static final int MIN_SLOTS = 64;

    private final int width;
    private long[] keys;
    private int[] slots;
    private int size;

    KeyIndex(int width) {
        this.width = width;
        this.keys = new long[MIN_SLOTS * width];
        this.slots = new int[MIN_SLOTS * 2];
    }

    int width() {
        return width;
    }

    /** Returns the number of ids given out. */
    int size() {
        return size;
    }

    /** Returns the id of the key {@code key[from, from + width)}, giving it the next id when new. */
    int idOf(long[] key, int from, long hash) {
        int mask = slots.length - 1;
        int slot = (int) hash & mask;
        while (true) {
            int id = slots[slot] - 1;
            if (id < 0) {
                return insert(slot, key, from);
            }
            if (sameKey(id, key, from)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Returns the id of the key, or -1 when it was never seen. */
    int find(long[] key, int from) {
        int mask = slots.length - 1;
        int slot = (int) KeyLayout.hash(key, from, width) & mask;
        while (true) {
            int id = slots[slot] - 1;
            if (id < 0) {
                return -1;
            }
            if (sameKey(id, key, from)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Returns the array holding key {@code id} at {@code [id*width, (id+1)*width)}; valid until the next insert. */
    long[] words() {
        return keys;
    }

    private int insert(int slot, long[] key, int from) {
        int id = size++;
        if (size * width > keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        System.arraycopy(key, from, keys, id * width, width);
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    private boolean sameKey(int id, long[] key, int from) {
        int base = id * width;
        for (int i = 0; i < width; i++) {
            if (keys[base + i] != key[from + i]) {
                return false;
            }
        }
        return true;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        int mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            int slot = (int) KeyLayout.hash(keys, id * width, width) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }
}
