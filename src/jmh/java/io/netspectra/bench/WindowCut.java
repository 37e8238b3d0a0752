package io.netspectra.bench;

import io.netspectra.aggregate.Derivation;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.StripedAggregator;

import java.util.List;

/**
 * A window's end as the snapshot writer does it, minus the run totals and the file: every task's tables swapped out,
 * the live tasks' rows built from them, the derived tasks' rows derived from those ({@link Derivation}), and the
 * tables recycled for the next window. Charges a benchmark that feeds aggregators with the work the derived tasks
 * still cost.
 */
final class WindowCut {
    private WindowCut() {
    }

    /** Cuts {@code aggregators} (in task order, as {@link Derivation#aggregators} returns them); returns the row count. */
    static long cut(List<StripedAggregator> aggregators) {
        int n = aggregators.size();
        FlowTable[][] tables = new FlowTable[n][];
        FlowRows[] rows = new FlowRows[n];
        for (int t = 0; t < n; t++) {
            tables[t] = aggregators.get(t).swap();
        }
        for (int t = 0; t < n; t++) {
            StripedAggregator a = aggregators.get(t);
            if (a.source() == null) {
                rows[t] = StripedAggregator.rows(a.task(), a.layout().width(), tables[t]);
            }
        }
        long count = 0;
        for (int t = 0; t < n; t++) {
            StripedAggregator a = aggregators.get(t);
            if (a.source() != null) {
                FlowRows source = rows[aggregators.indexOf(a.source())];
                rows[t] = Derivation.rows(a, source, Derivation.table(a, source.size()), null);
            }
            count += rows[t].size();
        }
        for (int t = 0; t < n; t++) {
            aggregators.get(t).recycle(tables[t]);
        }
        return count;
    }
}
