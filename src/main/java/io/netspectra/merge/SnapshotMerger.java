package io.netspectra.merge;

import io.netspectra.NetSpectraException.InputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.config.TaskSpec;
import io.netspectra.connections.ConnectionRows;
import io.netspectra.report.JsonWriter;
import io.netspectra.report.TimeText;
import io.netspectra.store.RunWriter;
import io.netspectra.store.SnapshotHeader;
import io.netspectra.store.StoredConnections;
import io.netspectra.store.StoredWindow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges snapshot sets per window, task and key: packets and bytes are summed, first is the minimum, last the
 * maximum. Windows are identified by their start; two windows with the same start must have the same end (the same
 * interval), otherwise they cannot share a folder and the merge fails. Output windows come in start order, tasks in
 * name order.
 *
 * <p>Guarantees: the merge is associative and commutative (sums, minima and maxima are), so an archive can be
 * analyzed file by file or machine by machine and merged in any grouping.
 */
public final class SnapshotMerger {
    private SnapshotMerger() {
    }

    /** Returns the merged windows of all {@code sets}. */
    public static List<StoredWindow> merge(List<List<StoredWindow>> sets) {
        List<StoredWindow> all = new ArrayList<>();
        sets.forEach(all::addAll);
        all.sort(Comparator.comparingLong(StoredWindow::windowStart));
        Map<Long, Window> windows = new TreeMap<>();
        for (StoredWindow w : all) {
            Window acc = windows.computeIfAbsent(w.windowStart(), k -> new Window(w.windowEnd()));
            if (acc.end != w.windowEnd()) {
                throw new InputException("windows starting at " + TimeText.format(w.windowStart()) + " end at "
                        + TimeText.format(acc.end) + " and at " + TimeText.format(w.windowEnd())
                        + " (different snapshot intervals); cannot merge them");
            }
            acc.add(w.rows());
        }
        List<StoredWindow> out = new ArrayList<>();
        windows.forEach((start, w) -> w.tasks.forEach((name, t) -> {
            FlowRows.Builder b = new FlowRows.Builder(t.spec, t.table.width(), t.table.size());
            t.table.copyTo(b);
            out.add(new StoredWindow(start, w.end, b.build()));
        }));
        return out;
    }

    /**
     * Returns the connections of all {@code sets} merged per window start and task: the records of each, together,
     * in canonical order (records are not summed: each is one connection). Associative and commutative like
     * {@link #merge}.
     *
     * @throws InputException when windows with one start have different ends, or one task has different timeouts
     */
    public static List<StoredConnections> mergeConnections(List<List<StoredConnections>> sets) {
        Map<Long, Map<String, List<StoredConnections>>> byWindow = new TreeMap<>();
        for (List<StoredConnections> set : sets) {
            for (StoredConnections c : set) {
                byWindow.computeIfAbsent(c.windowStart(), k -> new TreeMap<>())
                        .computeIfAbsent(c.rows().task().name(), k -> new ArrayList<>()).add(c);
            }
        }
        List<StoredConnections> out = new ArrayList<>();
        byWindow.forEach((start, tasks) -> tasks.forEach((name, parts) -> {
            StoredConnections first = parts.get(0);
            List<ConnectionRows> rows = new ArrayList<>();
            for (StoredConnections c : parts) {
                if (c.windowEnd() != first.windowEnd()) {
                    throw new InputException("windows starting at " + TimeText.format(start) + " end at "
                            + TimeText.format(first.windowEnd()) + " and at " + TimeText.format(c.windowEnd())
                            + " (different snapshot intervals); cannot merge them");
                }
                if (!c.rows().task().equals(first.rows().task())) {
                    throw new InputException("connections task " + name + " has different timeouts in different "
                            + "inputs; cannot merge them");
                }
                rows.add(c.rows());
            }
            out.add(new StoredConnections(start, first.windowEnd(),
                    ConnectionRows.concat(first.rows().task(), rows).canonical()));
        }));
        return out;
    }

    /**
     * Writes {@code merged} (from {@link #merge}) as a run, with a manifest naming the {@code sources} and the task
     * order of their configs ({@code taskOrder}, so {@code show} lists tasks as the sources did).
     */
    public static void write(List<StoredWindow> merged, List<String> sources, List<String> taskOrder, RunWriter out,
                             String toolVersion) {
        Long current = null;
        for (StoredWindow w : merged) {
            if (current != null && current != w.windowStart()) {
                out.windowDone();
            }
            current = w.windowStart();
            out.writeTaskWindow(w.windowStart(), w.windowEnd(), w.rows());
        }
        if (current != null) {
            out.windowDone();
        }
        out.writeManifest(manifest(merged, sources, taskOrder, out, toolVersion));
    }

    private static String manifest(List<StoredWindow> merged, List<String> sources, List<String> taskOrder,
                                   RunWriter out, String toolVersion) {
        StringBuilder sb = new StringBuilder();
        JsonWriter j = new JsonWriter(sb, true);
        j.beginObject();
        j.field("format", "netspectra-merge-manifest/1");
        j.field("run_id", out.runDir().getFileName().toString());
        j.field("tool_version", toolVersion);
        j.field("snapshot_format_version", SnapshotHeader.FORMAT_VERSION);
        j.name("sources").beginArray();
        for (String s : sources) {
            j.value(s);
        }
        j.endArray();
        j.name("config").beginObject().name("tasks").beginArray();
        for (String t : taskOrder) {
            j.beginObject().field("name", t).endObject();
        }
        j.endArray().endObject();
        j.field("windows_written", out.windowsWritten());
        Map<String, Long> flows = new TreeMap<>();
        for (StoredWindow w : merged) {
            flows.merge(w.rows().task().name(), (long) w.rows().size(), Long::sum);
        }
        j.name("flows").beginObject();
        flows.forEach(j::field);
        j.endObject();
        j.endObject();
        return sb.append('\n').toString();
    }

    private static final class Window {
        final long end;
        final Map<String, Task> tasks = new TreeMap<>();

        Window(long end) {
            this.end = end;
        }

        void add(FlowRows rows) {
            Task t = tasks.computeIfAbsent(rows.task().name(), k -> new Task(rows.task(), rows.width()));
            if (!t.spec.equals(rows.task()) || t.table.width() != rows.width()) {
                throw new InputException("task " + rows.task().name() + " keys on " + t.spec.keyFields()
                        + " in one input and on " + rows.task().keyFields() + " in another; cannot merge them");
            }
            t.table.mergeAll(rows);
        }
    }

    private static final class Task {
        final TaskSpec spec;
        final FlowTable table;

        Task(TaskSpec spec, int width) {
            this.spec = spec;
            this.table = new FlowTable(width);
        }
    }
}
