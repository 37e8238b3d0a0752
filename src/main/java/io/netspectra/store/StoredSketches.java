package io.netspectra.store;

import io.netspectra.config.TaskSpec;

/**
 * One task's sketches over one window, as written to or read from a {@code sketches.nss} file. The blobs are opaque
 * here ({@code io.netspectra.sketch} reads them): per key of a flows task with {@code distinct:}, one distinct
 * counter; for a cardinality or heavy-hitters task, one entry with an empty key.
 *
 * @param task        the task, with its type and sketch options
 * @param windowStart window start, ns since the epoch
 * @param windowEnd   window end (exclusive), ns since the epoch
 * @param width       longs per key (0 for one whole-window entry)
 * @param keys        {@code blobs.length * width} packed key words
 * @param blobs       one serialized sketch per entry
 */
public record StoredSketches(TaskSpec task, long windowStart, long windowEnd, int width, long[] keys,
                             byte[][] blobs) {
    /** Returns the number of entries. */
    public int size() {
        return blobs.length;
    }
}
