package io.netspectra.snapshot;

import io.netspectra.aggregate.FlowTable;

import java.util.List;

/**
 * The tables swapped out of every task at one cut. Ownership passes to the writer thread with it.
 *
 * @param start  window start, ns since the epoch
 * @param end    window end (exclusive), ns since the epoch
 * @param tables per task, in config order: the 256 stripe tables swapped out
 * @param last   whether this is the final cut of the run
 */
public record WindowSnapshot(long start, long end, List<FlowTable[]> tables, boolean last) {
    /** Returns the number of flows in the window summed over tasks. */
    public long flows() {
        long n = 0;
        for (FlowTable[] stripes : tables) {
            for (FlowTable t : stripes) {
                n += t.size();
            }
        }
        return n;
    }
}
