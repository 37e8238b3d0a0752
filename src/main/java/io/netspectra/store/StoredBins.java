package io.netspectra.store;

import io.netspectra.aggregate.FlowRows;

/**
 * One task's time bins over one window, as written to or read from a {@code bins.nss} file.
 *
 * @param windowStart window start, ns since the epoch
 * @param windowEnd   window end (exclusive), ns since the epoch
 * @param binNanos    bin length in ns (positive); bin starts are multiples of it
 * @param rows        one row per bin and key that had packets in it, ordered by bin start, within a bin in the order
 *                    the keys first appeared in it: {@code first} is the bin start, {@code last} the bin end
 *                    (exclusive)
 */
public record StoredBins(long windowStart, long windowEnd, long binNanos, FlowRows rows) {
}
