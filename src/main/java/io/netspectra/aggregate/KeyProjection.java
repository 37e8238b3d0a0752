package io.netspectra.aggregate;

/**
 * Derives one layout's wide key from the wide key of a layout that {@link KeyLayout#covers covers} it: what
 * {@link KeyLayout#pack} gives for the same record. Used by {@link Derivation} on the snapshot writer's thread.
 *
 * <pre>
 * source: [src hi, src lo]? [dst hi, dst lo]? last
 * target: the address pairs it keys on, copied from the source's words ({@code addressFrom});
 *         last = the source's last &amp; (the target's fields' bits, and the IPv6 bit when it has an address)
 * </pre>
 * The copy is a loop over precomputed word offsets rather than a branch per field, so the one compiled loop that
 * derives an address task serves every address task.
 */
final class KeyProjection {
    private final int[] addressFrom;
    private final int sourceLast;
    private final long lastMask;
    private final int width;

    /** Creates the projection from {@code source}'s keys onto {@code target}'s; {@code source} must cover it. */
    KeyProjection(KeyLayout source, KeyLayout target) {
        if (!source.covers(target)) {
            throw new IllegalArgumentException("a key without all of the target's fields");
        }
        this.addressFrom = target.addressWordsIn(source);
        this.sourceLast = source.width() - 1;
        this.lastMask = target.lastWordMask();
        this.width = target.width();
    }

    /**
     * Writes into {@code key[0, width)} the target key of the source key {@code words[from, from + source width)} and
     * returns its hash ({@link KeyLayout#hash}).
     */
    long project(long[] words, int from, long[] key) {
        int n = addressFrom.length;
        for (int k = 0; k < n; k++) {
            key[k] = words[from + addressFrom[k]];
        }
        key[n] = words[from + sourceLast] & lastMask;
        return KeyLayout.hash(key, 0, width);
    }
}
