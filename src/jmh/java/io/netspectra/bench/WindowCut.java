package io.netspectra.bench;

import io.netspectra.aggregate.Derivation;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.StripedAggregator;

import java.util.List;

/**
 * A window's end as the snapshot writer does it, minus the run totals and the file: every task's tables swapped out,
 * the live tasks' rows built from them, the derived tasks' rows derived from those ({@link Derivation}), and the
 * tables recycled for the next window. As the writer, it refills the previous window's row arrays and keeps each
 * derived task's summing table. Charges a benchmark that feeds aggregators with the work the derived tasks still
 * cost. One thread only.
 */
final class WindowCut {
    private final List<StripedAggregator> aggregators;
    private final FlowRows[] rows;
    private final FlowTable[] derivedTables;

    /** Cuts {@code aggregators}, in task order as {@link Derivation#aggregators} returns them. */
    WindowCut(List<StripedAggregator> aggregators) {
        this.aggregators = List.copyOf(aggregators);
        this.rows = new FlowRows[aggregators.size()];
        this.derivedTables = new FlowTable[aggregators.size()];
    }

    /** Ends the window; returns the number of rows over all tasks. */
    long cut() {
        int n = aggregators.size();
        FlowTable[][] tables = new FlowTable[n][];
        for (int t = 0; t < n; t++) {
            tables[t] = aggregators.get(t).swap();
        }
        for (int t = 0; t < n; t++) {
            StripedAggregator a = aggregators.get(t);
            if (a.source() == null) {
                rows[t] = StripedAggregator.rows(a.task(), a.layout().width(), tables[t], rows[t]);
            }
        }
        long count = 0;
        for (int t = 0; t < n; t++) {
            StripedAggregator a = aggregators.get(t);
            if (a.source() != null) {
                FlowRows source = rows[aggregators.indexOf(a.source())];
                if (derivedTables[t] == null) {
                    derivedTables[t] = Derivation.table(a, source.size());
                }
                rows[t] = Derivation.rows(a, source, derivedTables[t], rows[t]);
                derivedTables[t].clear();
            }
            count += rows[t].size();
        }
        for (int t = 0; t < n; t++) {
            aggregators.get(t).recycle(tables[t]);
        }
        return count;
    }
}
