package io.netspectra.sketch;

import java.util.Arrays;

/** A packed key ({@link io.netspectra.aggregate.KeyLayout} words) as a value, the item of a frequent-items sketch. */
final class PackedKey implements Comparable<PackedKey> {
    private final long[] words;
    private final int hash;

    PackedKey(long[] words) {
        this.words = words;
        this.hash = Long.hashCode(ValueHash.hash(words, 0, words.length));
    }

    /** Returns the words; callers must not change them. */
    long[] words() {
        return words;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedKey k && hash == k.hash && Arrays.equals(words, k.words);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(PackedKey o) {
        return Arrays.compareUnsigned(words, o.words);
    }
}
