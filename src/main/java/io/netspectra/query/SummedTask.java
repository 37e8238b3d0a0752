package io.netspectra.query;

import io.netspectra.aggregate.FlowRows;

/**
 * One task's flows summed over the selected windows.
 *
 * @param rows        the flows per key (packets and bytes summed, first the minimum, last the maximum)
 * @param windowStart the earliest selected window's start, ns since the epoch
 * @param windowEnd   the latest selected window's end (exclusive), ns since the epoch
 * @param windows     how many windows were summed
 */
public record SummedTask(FlowRows rows, long windowStart, long windowEnd, int windows) {
}
