package io.netspectra.query;

import io.netspectra.NetSpectraException.InputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.config.TaskSpec;
import io.netspectra.store.StoredWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums stored windows per task and key. A window is selected when it overlaps {@code [from, to)}; windows are never
 * split, so a selection covers whole windows. Tasks come out in the order they are first met (the readers' path
 * order, so by window then task name).
 */
public final class WindowSums {
    /** No lower or upper time bound. */
    public static final long UNBOUNDED_FROM = Long.MIN_VALUE;
    public static final long UNBOUNDED_TO = Long.MAX_VALUE;

    private WindowSums() {
    }

    /**
     * Returns each task's sum over the windows overlapping {@code [from, to)}; {@code task} null means every task.
     *
     * @throws InputException when one task name appears with different key fields
     */
    public static List<SummedTask> sum(List<StoredWindow> windows, String task, long from, long to) {
        Map<String, Acc> byTask = new LinkedHashMap<>();
        for (StoredWindow w : windows) {
            TaskSpec spec = w.rows().task();
            if (task != null && !spec.name().equals(task)) {
                continue;
            }
            if (w.windowEnd() <= from || w.windowStart() >= to) {
                continue;
            }
            Acc acc = byTask.computeIfAbsent(spec.name(), k -> new Acc(spec, w.rows().width()));
            if (!acc.spec.equals(spec) || acc.table.width() != w.rows().width()) {
                throw new InputException("task " + spec.name() + " has key fields " + spec.keyFields()
                        + " in one window and " + acc.spec.keyFields() + " in another; cannot sum them");
            }
            acc.table.mergeAll(w.rows());
            acc.start = Math.min(acc.start, w.windowStart());
            acc.end = Math.max(acc.end, w.windowEnd());
            acc.windows++;
        }
        List<SummedTask> out = new ArrayList<>();
        for (Acc acc : byTask.values()) {
            FlowRows.Builder b = new FlowRows.Builder(acc.spec, acc.table.width(), acc.table.size());
            acc.table.copyTo(b);
            out.add(new SummedTask(b.build(), acc.start, acc.end, acc.windows));
        }
        return out;
    }

    /**
     * Returns {@code tasks} reordered: names listed in {@code order} first, in that order (the run's configured order),
     * then the others in their current order.
     */
    public static List<SummedTask> ordered(List<SummedTask> tasks, List<String> order) {
        List<SummedTask> out = new ArrayList<>(tasks);
        out.sort(Comparator.comparingInt(t -> {
            int i = order.indexOf(t.rows().task().name());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return out;
    }

    /** Returns the names of the tasks present in {@code windows}, in first-met order. */
    public static List<String> taskNames(List<StoredWindow> windows) {
        List<String> names = new ArrayList<>();
        for (StoredWindow w : windows) {
            if (!names.contains(w.rows().task().name())) {
                names.add(w.rows().task().name());
            }
        }
        return names;
    }

    private static final class Acc {
        final TaskSpec spec;
        final FlowTable table;
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        int windows;

        Acc(TaskSpec spec, int width) {
            this.spec = spec;
            this.table = new FlowTable(width);
        }
    }
}
