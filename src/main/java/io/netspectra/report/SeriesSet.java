package io.netspectra.report;

import io.netspectra.aggregate.FlowRows;

/**
 * One task's time-bin series to render, in render order.
 *
 * @param series   one row per bin and key: packets, bytes, {@code first} = bin start, {@code last} = bin end
 * @param order    indexes into {@code series}, in the order to print them
 * @param binNanos the bin length in ns
 */
public record SeriesSet(FlowRows series, int[] order, long binNanos) {
}
