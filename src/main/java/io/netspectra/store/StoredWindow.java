package io.netspectra.store;

import io.netspectra.aggregate.FlowRows;

/**
 * One task's flows over one window, as written to or read from a {@code flows.nss} file.
 *
 * @param windowStart window start, ns since the epoch
 * @param windowEnd   window end (exclusive), ns since the epoch
 * @param rows        the flows, with the task (name and key fields) they belong to
 */
public record StoredWindow(long windowStart, long windowEnd, FlowRows rows) {
}
