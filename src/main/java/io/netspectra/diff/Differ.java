package io.netspectra.diff;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.NetSpectraException.InputException;
import io.netspectra.diff.DiffResult.Change;
import io.netspectra.diff.DiffResult.Kind;
import io.netspectra.diff.DiffResult.Presence;
import io.netspectra.diff.DiffResult.TaskDiff;
import io.netspectra.query.Metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares two results key by key: keys only in the current result are added, keys only in the baseline removed,
 * keys in both changed when any compared metric moved beyond the tolerance. Differences are ordered largest first:
 * by the absolute change of each compared metric in the order given, then by key text.
 */
public final class Differ {
    private final Tolerance tolerance;
    private final List<Metric> metrics;

    public Differ(Tolerance tolerance, List<Metric> metrics) {
        this.tolerance = tolerance;
        this.metrics = List.copyOf(metrics);
    }

    /** Compares every task, or only {@code task} when it is not null. */
    public DiffResult compare(List<KeyedCounts> baseline, List<KeyedCounts> current, String task) {
        Map<String, KeyedCounts> base = byName(baseline, task);
        Map<String, KeyedCounts> cur = byName(current, task);
        if (task != null && base.isEmpty() && cur.isEmpty()) {
            throw new ConfigException("no task '" + task + "' on either side of the diff");
        }
        List<TaskDiff> out = new ArrayList<>();
        for (KeyedCounts b : base.values()) {
            KeyedCounts c = cur.get(b.name());
            if (c == null) {
                out.add(new TaskDiff(b.name(), b.keyFields(), Presence.removed, b.rows().size(), 0, List.of()));
            } else {
                if (!b.keyFields().equals(c.keyFields())) {
                    throw new InputException("task " + b.name() + " keys on " + labels(b) + " in the baseline but on "
                            + labels(c) + " in the current result; they cannot be compared");
                }
                out.add(new TaskDiff(b.name(), b.keyFields(), Presence.both, b.rows().size(), c.rows().size(),
                        changes(b, c)));
            }
        }
        for (KeyedCounts c : cur.values()) {
            if (!base.containsKey(c.name())) {
                out.add(new TaskDiff(c.name(), c.keyFields(), Presence.added, 0, c.rows().size(), List.of()));
            }
        }
        return new DiffResult(tolerance, metrics, out);
    }

    private List<Change> changes(KeyedCounts base, KeyedCounts cur) {
        long[] zero = new long[Metric.values().length];
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, KeyedCounts.Row> e : base.rows().entrySet()) {
            KeyedCounts.Row c = cur.rows().get(e.getKey());
            KeyedCounts.Row b = e.getValue();
            if (c == null) {
                out.add(new Change(Kind.removed, e.getKey(), b.values(), b.metrics(), zero));
            } else if (changed(b, c)) {
                out.add(new Change(Kind.changed, e.getKey(), b.values(), b.metrics(), c.metrics()));
            }
        }
        for (Map.Entry<String, KeyedCounts.Row> e : cur.rows().entrySet()) {
            if (!base.rows().containsKey(e.getKey())) {
                out.add(new Change(Kind.added, e.getKey(), e.getValue().values(), zero, e.getValue().metrics()));
            }
        }
        Comparator<Change> order = null;
        for (Metric m : metrics) {
            Comparator<Change> byM = Comparator.comparingLong(ch -> -Math.abs(ch.current(m) - ch.baseline(m)));
            order = order == null ? byM : order.thenComparing(byM);
        }
        order = order.thenComparing(Change::key);
        out.sort(order);
        return out;
    }

    private boolean changed(KeyedCounts.Row b, KeyedCounts.Row c) {
        for (Metric m : metrics) {
            if (tolerance.exceeded(b.get(m), c.get(m))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, KeyedCounts> byName(List<KeyedCounts> side, String task) {
        Map<String, KeyedCounts> m = new LinkedHashMap<>();
        for (KeyedCounts k : side) {
            if (task == null || k.name().equals(task)) {
                m.put(k.name(), k);
            }
        }
        return m;
    }

    private static String labels(KeyedCounts k) {
        return String.join(",", k.keyFields().stream().map(f -> f.label()).toList());
    }
}
