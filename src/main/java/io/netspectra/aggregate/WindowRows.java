package io.netspectra.aggregate;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one window's swapped-out tables of every task into rows: each live task's from its own tables, then each
 * derived task's from its source's rows ({@link Derivation}), so no table needs to outlive the call.
 *
 * <p>Keeps, softly (a small heap takes them back rather than fail), each task's previous rows, whose arrays the next
 * window's rows refill, and each derived task's emptied summing table: no fresh multi-megabyte arrays per window.
 * One thread only (the snapshot writer's, or a benchmark's).
 */
public final class WindowRows {
    private final List<StripedAggregator> aggregators;
    /** Per task, the index of the task its rows are derived from, or -1 for a live task. */
    private final int[] sources;
    private final List<SoftReference<FlowRows>> lastRows = new ArrayList<>();
    private final List<SoftReference<FlowTable>> derivedTables = new ArrayList<>();

    /** Creates rows for {@code aggregators}, which must hold every derived task's source. */
    public WindowRows(List<StripedAggregator> aggregators) {
        this.aggregators = List.copyOf(aggregators);
        this.sources = new int[aggregators.size()];
        for (int t = 0; t < sources.length; t++) {
            StripedAggregator source = aggregators.get(t).source();
            sources[t] = source == null ? -1 : this.aggregators.indexOf(source);
            if (source != null && sources[t] < 0) {
                throw new IllegalArgumentException("task " + aggregators.get(t).task().name()
                        + " is derived from task " + source.task().name() + ", which is not among the aggregators");
            }
            lastRows.add(new SoftReference<>(null));
            derivedTables.add(new SoftReference<>(null));
        }
    }

    /**
     * Returns every task's rows of one window, in task order, from {@code tables} (per task, as
     * {@link StripedAggregator#swap} returned them; left as they are, for the caller to recycle). The rows of the
     * previous call must no longer be read: their arrays are refilled.
     */
    public FlowRows[] rows(List<FlowTable[]> tables) {
        FlowRows[] rows = new FlowRows[sources.length];
        for (int t = 0; t < sources.length; t++) {
            if (sources[t] < 0) {
                StripedAggregator a = aggregators.get(t);
                rows[t] = StripedAggregator.rows(a.task(), a.layout().width(), tables.get(t), lastRows.get(t).get());
            }
        }
        for (int t = 0; t < sources.length; t++) {
            if (sources[t] >= 0) {
                rows[t] = derive(t, rows[sources[t]]);
            }
        }
        for (int t = 0; t < sources.length; t++) {
            lastRows.set(t, new SoftReference<>(rows[t]));
        }
        return rows;
    }

    /**
     * Returns derived task {@code t}'s rows from its source's rows of the same window, summed in the table kept from
     * the task's previous window (or a new one sized for the previous window's rows). The table is kept again only
     * once emptied, and only while it is worth reusing ({@link FlowTable#worthReusing}): should the sum fail, the
     * next window starts from a new table.
     */
    private FlowRows derive(int t, FlowRows source) {
        StripedAggregator derived = aggregators.get(t);
        FlowTable table = derivedTables.get(t).get();
        derivedTables.set(t, new SoftReference<>(null));
        FlowRows previous = lastRows.get(t).get();
        if (table == null) {
            table = FlowTable.forKey(derived.layout(), previous == null ? 0 : previous.size());
        }
        FlowRows rows = Derivation.rows(derived, source, table, previous);
        if (table.worthReusing()) {
            table.clear();
            derivedTables.set(t, new SoftReference<>(table));
        }
        return rows;
    }

    /** Drops the kept rows and tables (the run is over, and a heap check must not count them). */
    public void release() {
        lastRows.replaceAll(r -> new SoftReference<>(null));
        derivedTables.replaceAll(r -> new SoftReference<>(null));
    }
}
