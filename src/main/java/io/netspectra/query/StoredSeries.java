package io.netspectra.query;

import io.netspectra.NetSpectraException.InputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.TaskSpec;
import io.netspectra.store.StoredBins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins stored bins of consecutive windows into one series per task, keeping the bins that overlap
 * {@code [from, to)} (bins are never split). Rows keep their stored order, which is time order when the windows come
 * in start order.
 */
public final class StoredSeries {
    /**
     * One task's series.
     *
     * @param rows     one row per bin and key ({@code first} = bin start, {@code last} = bin end)
     * @param binNanos the bin length in ns
     */
    public record Task(FlowRows rows, long binNanos) {
    }

    private StoredSeries() {
    }

    /**
     * Returns each task's series, tasks in first-met order; {@code task} null means every task.
     *
     * @throws InputException when one task has different key fields or bin lengths in different windows
     */
    public static List<Task> join(List<StoredBins> windows, String task, long from, long to) {
        Map<String, Acc> byTask = new LinkedHashMap<>();
        for (StoredBins w : windows) {
            FlowRows rows = w.rows();
            TaskSpec spec = rows.task();
            if (task != null && !spec.name().equals(task)) {
                continue;
            }
            Acc acc = byTask.computeIfAbsent(spec.name(), k -> new Acc(spec, rows.width(), w.binNanos()));
            if (!acc.spec.equals(spec) || acc.binNanos != w.binNanos()) {
                throw new InputException("task " + spec.name() + " has bins of " + acc.binNanos + " ns over "
                        + acc.spec.keyFields() + " in one window and " + w.binNanos() + " ns over "
                        + spec.keyFields() + " in another; cannot join them");
            }
            for (int r = 0; r < rows.size(); r++) {
                if (rows.last(r) > from && rows.first(r) < to) {
                    acc.rows.add(rows.keys(), r * rows.width(), rows.stats(), r * 4);
                }
            }
        }
        List<Task> out = new ArrayList<>();
        for (Acc acc : byTask.values()) {
            out.add(new Task(acc.rows.build(), acc.binNanos));
        }
        return out;
    }

    private static final class Acc {
        final TaskSpec spec;
        final long binNanos;
        final FlowRows.Builder rows;

        Acc(TaskSpec spec, int width, long binNanos) {
            this.spec = spec;
            this.binNanos = binNanos;
            this.rows = new FlowRows.Builder(spec, width, 64);
        }
    }
}
