package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows of one task to render, in render order.
 *
 * @param rows        the task's flows
 * @param order       indexes into {@code rows}, in the order to print them (possibly fewer than all)
 * @param windowed    whether the rows come from stored windows; then the bounds below are printed
 * @param windowStart the first summed window's start, ns since the epoch
 * @param windowEnd   the last summed window's end (exclusive), ns since the epoch
 * @param windows     how many windows were summed
 */
public record RowSet(FlowRows rows, int[] order, boolean windowed, long windowStart, long windowEnd, int windows) {

    /** Returns a run's tasks in report order (bytes, packets, key), {@code top} rows each (all when negative). */
    public static List<RowSet> reportOrder(List<FlowRows> tasks, int top) {
        List<RowSet> out = new ArrayList<>();
        for (FlowRows rows : tasks) {
            out.add(new RowSet(rows, RowOrder.sorted(rows, top), false, 0, 0, 0));
        }
        return out;
    }

    /** Returns rows from stored windows in the given order. */
    public static RowSet windowed(FlowRows rows, int[] order, long windowStart, long windowEnd, int windows) {
        return new RowSet(rows, order, true, windowStart, windowEnd, windows);
    }
}
