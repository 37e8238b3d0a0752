package io.netspectra.bins;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.TaskSpec;

/**
 * One flows task's time bins over a whole run.
 *
 * @param task     the task
 * @param binNanos the bin length in ns
 * @param peaks    every key's peak bin
 * @param series   one row per bin and key with packets in it, by bin start, then bytes and packets descending, then
 *                 key ({@code first} = bin start, {@code last} = bin end, exclusive); null when not kept
 */
public record BinnedTask(TaskSpec task, long binNanos, Peaks peaks, FlowRows series) {
}
