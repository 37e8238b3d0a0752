package io.netspectra.report;

import io.netspectra.connections.ConnectionSummary;

/**
 * The connections of one connections task to render, in render order.
 *
 * @param summary      the task's counts and rows
 * @param order        indexes into {@code summary.rows()}, in the order to print them (possibly fewer than all)
 * @param windowStarts for rows read back from snapshots, the start of the window each row was stored in (indexed
 *                     like the rows); null in an analyze report
 * @param windowEnds   likewise the window ends
 */
public record ConnectionSet(ConnectionSummary summary, int[] order, long[] windowStarts, long[] windowEnds) {

    /** Returns whether rows carry the window they were stored in. */
    public boolean windowed() {
        return windowStarts != null;
    }
}
