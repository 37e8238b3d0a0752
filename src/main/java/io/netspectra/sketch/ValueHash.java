package io.netspectra.sketch;

/**
 * The 64-bit hash the sketches take of a value (the packed words of the distinct fields, or of a heavy-hitter key).
 * Part of what a stored sketch means: changing it changes every estimate, so it stays as it is.
 */
final class ValueHash {
    private ValueHash() {
    }

    /** Returns a 64-bit hash of {@code words[from, from + width)}. */
    static long hash(long[] words, int from, int width) {
        long h = 0x9E37_79B9_7F4A_7C15L ^ width;
        for (int i = from; i < from + width; i++) {
            h = (h ^ words[i]) * 0xBF58_476D_1CE4_E5B9L;
            h ^= h >>> 31;
        }
        h *= 0x94D0_49BB_1331_11EBL;
        return h ^ (h >>> 29);
    }

}
