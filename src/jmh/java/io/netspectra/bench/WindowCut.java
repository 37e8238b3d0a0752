package io.netspectra.bench;

import io.netspectra.aggregate.Derivation;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.aggregate.WindowRows;

import java.util.ArrayList;
import java.util.List;

/**
 * A window's end as the snapshot writer does it, minus the run totals and the file: every task's tables swapped out,
 * their rows built by the writer's own {@link WindowRows} (live tasks' from their tables, derived tasks' from those,
 * {@link Derivation}), and the tables recycled for the next window. Charges a benchmark that feeds aggregators with
 * the work the derived tasks still cost. One thread only.
 */
final class WindowCut {
    private final List<StripedAggregator> aggregators;
    private final WindowRows rows;

    /** Cuts {@code aggregators}, in task order as {@link Derivation#aggregators} returns them. */
    WindowCut(List<StripedAggregator> aggregators) {
        this.aggregators = List.copyOf(aggregators);
        this.rows = new WindowRows(aggregators);
    }

    /** Ends the window; returns the number of rows over all tasks. */
    long cut() {
        List<FlowTable[]> tables = new ArrayList<>(aggregators.size());
        for (StripedAggregator a : aggregators) {
            tables.add(a.swap());
        }
        long count = 0;
        for (FlowRows r : rows.rows(tables)) {
            count += r.size();
        }
        for (int t = 0; t < tables.size(); t++) {
            aggregators.get(t).recycle(tables.get(t));
        }
        return count;
    }
}
