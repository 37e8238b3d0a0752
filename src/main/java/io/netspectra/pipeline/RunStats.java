package io.netspectra.pipeline;

import io.netspectra.aggregate.FlowRows;

import java.util.List;

/**
 * The outcome of one pipeline run.
 *
 * @param inputs  per input, in reading order
 * @param totals  counters over all inputs, of the frames the filter passed (all frames without a filter)
 * @param filteredOut frames read but rejected by {@code --filter}: read = totals.packets + filteredOut
 * @param tasks   per task, in config order: all windows summed
 * @param windows windows cut
 * @param latePackets  packets whose timestamp fell before their window's start (the capture went back in time);
 *                     they count in the current window. Depends on the interval, so it is in the manifest, not the
 *                     report.
 * @param elapsedNanos wall time of the run
 * @param partial      whether reading stopped early on request (a signal), so the inputs were not read to the end
 * @param earlyFlushes windows cut short by {@code max_keys_per_task}, in order; they depend on the limit, so they
 *                     are in the manifest, not the report
 */
public record RunStats(List<InputStats> inputs, Totals totals, long filteredOut, List<FlowRows> tasks, int windows,
                       long latePackets, long elapsedNanos, boolean partial, List<EarlyFlush> earlyFlushes) {
    public RunStats {
        inputs = List.copyOf(inputs);
        tasks = List.copyOf(tasks);
        earlyFlushes = List.copyOf(earlyFlushes);
    }

    /** Returns whether any input was damaged. */
    public boolean anyDamaged() {
        return inputs.stream().anyMatch(InputStats::damaged);
    }

    /** Returns whether any input could not be opened. */
    public boolean anyUnopened() {
        return inputs.stream().anyMatch(InputStats::unopened);
    }

    /** Returns every frame read: those counted in the totals and those the filter rejected. */
    public long read() {
        return totals.packets() + filteredOut;
    }
}
