package io.netspectra.aggregate;

import java.util.Arrays;

/**
 * Gives each distinct packed key (see {@link KeyLayout}) a dense id, 0, 1, 2... in order of first sight, so per-key
 * state can live in plain arrays or lists indexed by id, or inline beside the key. Open addressing with linear probing over an {@code int} table of {@code id + 1} (0 = empty).
 * Entry {@code id} occupies {@code entries[id*stride, (id+1)*stride)}: the key's {@code width} words, then
 * {@code stride - width} words of the owner's per-key state, so a lookup and its update touch one place (measured:
 * separate per-key arrays cost a cache miss each). Not thread-safe: one owner thread.
 */
public final class KeyIds {
    private static final int MIN_SLOTS = 64;

    private final int width;
    private final int stride;
    private long[] keys;
    private int[] slots;
    private int size;

    /** Creates an empty index for keys of {@code width} words, with no state beside them. */
    public KeyIds(int width) {
        this(width, 0);
    }

    /** Creates an empty index for keys of {@code width} words, each with {@code state} words of state after it. */
    public KeyIds(int width, int state) {
        this.width = width;
        this.stride = width + state;
        this.keys = new long[MIN_SLOTS * stride];
        this.slots = new int[MIN_SLOTS * 2];
    }

    public int width() {
        return width;
    }

    /** Returns the longs per entry: the key's width plus the state words. */
    public int stride() {
        return stride;
    }

    /** Returns the number of ids given out. */
    public int size() {
        return size;
    }

    /** Returns the id of the key {@code key[from, from + width)}, giving it the next id when new. */
    public int idOf(long[] key, int from) {
        return idOf(key, from, KeyLayout.hash(key, from, width));
    }

    /** As {@link #idOf(long[], int)}, with the key's {@link KeyLayout#hash} already computed. */
    public int idOf(long[] key, int from, long hash) {
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
    public int find(long[] key, int from) {
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

    /**
     * Returns the array holding entry {@code id} at {@code [id*stride, (id+1)*stride)} (key first); valid until the
     * next insert.
     */
    public long[] words() {
        return keys;
    }

    /** Returns a copy of every id's key words (no state), {@code size() * width} of them, in id order. */
    public long[] copyWords() {
        long[] out = new long[size * width];
        for (int id = 0; id < size; id++) {
            System.arraycopy(keys, id * stride, out, id * width, width);
        }
        return out;
    }

    /** Returns the bytes of heap its arrays take. */
    public long heapBytes() {
        return 8L * keys.length + 4L * slots.length;
    }

    private int insert(int slot, long[] key, int from) {
        int id = size++;
        if (size * stride > keys.length) {
            keys = Arrays.copyOf(keys, keys.length * 2);
        }
        System.arraycopy(key, from, keys, id * stride, width);
        slots[slot] = id + 1;
        if (size * 2 > slots.length) {
            rehash(slots.length * 2);
        }
        return id;
    }

    private boolean sameKey(int id, long[] key, int from) {
        int base = id * stride;
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
            int slot = (int) KeyLayout.hash(keys, id * stride, width) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }
}
