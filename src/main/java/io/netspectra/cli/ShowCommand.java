package io.netspectra.cli;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.NetSpectraException.InputException;
import io.netspectra.config.KeyField;
import io.netspectra.query.Instants;
import io.netspectra.query.RowFilter;
import io.netspectra.query.SortOrder;
import io.netspectra.query.StoredSeries;
import io.netspectra.query.SummedTask;
import io.netspectra.query.WindowSums;
import io.netspectra.connections.ConnectionCollector;
import io.netspectra.connections.ConnectionRows;
import io.netspectra.report.ConnectionSet;
import io.netspectra.report.BinsReport;
import io.netspectra.report.RowSet;
import io.netspectra.report.RowsReport;
import io.netspectra.report.SeriesSet;
import io.netspectra.report.SketchReport;
import io.netspectra.sketch.SketchRows;
import io.netspectra.sketch.SketchSums;
import io.netspectra.store.BinsCodec;
import io.netspectra.store.BinsFiles;
import io.netspectra.store.SnapshotFolders;
import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredBins;
import io.netspectra.store.StoredConnections;
import io.netspectra.store.StoredSketches;
import io.netspectra.store.StoredWindow;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static io.netspectra.cli.CodedModels.addStandardHelp;
import static io.netspectra.cli.CodedModels.subcommand;
import static io.netspectra.cli.CodedModels.defaulted;
import static io.netspectra.cli.CodedModels.flag;
import static io.netspectra.cli.CodedModels.isSet;
import static io.netspectra.cli.CodedModels.positional;
import static io.netspectra.cli.CodedModels.positionalValue;
import static io.netspectra.cli.CodedModels.value;
import static io.netspectra.cli.CodedModels.valued;

/**
 * {@code ns-cli show}: reads stored snapshots back, sums the selected windows per key, filters, sorts, prints. Its
 * model is built in code ({@link CodedModels}; see {@link NsCli} for why): scripts run it after every analysis.
 */
final class ShowCommand implements Callable<Integer> {
    static final String NAME = "show";

    enum Format { table, csv, json, ndjson }

    private final CommandSpec spec;

    private Path snapshots;
    private String task;
    private String from;
    private String to;
    private SortOrder sort;
    private Integer top;
    private String where;
    private boolean bins;
    private Format format;

    ShowCommand() {
        this.spec = model(this);
    }

    /** Returns the command's picocli model. */
    CommandSpec spec() {
        return spec;
    }

    private static CommandSpec model(ShowCommand command) {
        CommandSpec s = subcommand(command, NAME,
                "Print stored snapshots: the selected windows summed per key, filtered, sorted.",
                "SNAPSHOTS is a run folder, a window folder, a task folder, or a storage root (its latest run).",
                "Sketches (distinct counts, cardinality, heavy hitters) are summed over the same windows and printed "
                        + "after the flows with estimate and bounds; --where and --sort apply to flows only.");
        s.addPositional(positional(0, Path.class, "SNAPSHOTS", "Run, window or task folder, or storage root."));
        s.addOption(valued(String.class, "T", "Only this task (default: every task).", "--task"));
        s.addOption(valued(String.class, "TIME", "Only windows ending after TIME: epoch seconds (1709294400.5) or "
                + "ISO-8601 (2024-03-01T12:00:00Z).", "--from"));
        s.addOption(valued(String.class, "TIME", "Only windows starting before TIME (same syntax).", "--to"));
        s.addOption(defaulted(SortOrder.class, "ORDER", "bytes",
                "Row order: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", "--sort"));
        s.addOption(valued(Integer.class, "N", "At most N rows per task (default: all).", "--top"));
        s.addOption(valued(String.class, "EXPR", "Only keys matching EXPR, e.g. 'DstPort=443', "
                + "'SrcIP=10.0.0.0/8,bytes>=1MB', 'Protocol=udp and packets>100'.", "--where"));
        s.addOption(flag("Print the time bins (runs analyzed with --bin): one row per bin and key with packets, "
                + "bytes, packets/s, bits/s; --from/--to select bins, --where tests key fields and the bin's packets "
                + "and bytes, the default order is by bin start.", "--bins"));
        s.addOption(defaulted(Format.class, "FORMAT", "table",
                "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", "--format"));
        addStandardHelp(s);
        return s;
    }

    /** Reads the parsed values out of the model. */
    private void bind() {
        snapshots = positionalValue(spec, 0);
        task = value(spec, "--task");
        from = value(spec, "--from");
        to = value(spec, "--to");
        sort = value(spec, "--sort");
        top = value(spec, "--top");
        where = value(spec, "--where");
        bins = isSet(spec, "--bins");
        format = value(spec, "--format");
    }

    @Override
    public Integer call() {
        bind();
        if (top != null && top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more, got " + top);
        }
        long fromNanos = from == null ? WindowSums.UNBOUNDED_FROM : Instants.parseNanos("--from", from);
        long toNanos = to == null ? WindowSums.UNBOUNDED_TO : Instants.parseNanos("--to", to);
        RowFilter filter = RowFilter.parse(where);
        Path resolved = SnapshotFolders.resolve(snapshots);
        if (bins) {
            return showBins(resolved, filter, fromNanos, toNanos);
        }
        SnapshotReader reader = new SnapshotReader();
        List<StoredWindow> windows = reader.readAll(resolved);
        List<StoredConnections> stored = reader.readAllConnections(resolved);
        List<StoredSketches> storedSketches = reader.readAllSketches(resolved);
        List<String> names = new ArrayList<>(WindowSums.taskNames(windows));
        for (StoredConnections c : stored) {
            if (!names.contains(c.rows().task().name())) {
                names.add(c.rows().task().name());
            }
        }
        storedSketches.stream().map(w -> w.task().name()).distinct().filter(n -> !names.contains(n))
                .forEach(names::add);
        if (task != null && !names.contains(task)) {
            throw new ConfigException("no task '" + task + "' in " + snapshots + "; it has "
                    + String.join(", ", names));
        }
        List<SketchRows> sketches = SketchSums.sum(storedSketches.stream()
                .filter(w -> task == null || w.task().name().equals(task))
                .filter(w -> w.windowEnd() > fromNanos && w.windowStart() < toNanos).toList(), top == null ? -1 : top);
        List<String> order = SnapshotFolders.configuredTaskOrder(resolved);
        sketches = sketches.stream().sorted(java.util.Comparator.comparingInt((SketchRows r) -> order.contains(
                r.task().name()) ? order.indexOf(r.task().name()) : order.size()).thenComparing(r -> r.task().name()))
                .toList();
        List<RowSet> sets = new ArrayList<>();
        boolean anyApplies = false;
        for (SummedTask t : WindowSums.ordered(WindowSums.sum(windows, task, fromNanos, toNanos),
                SnapshotFolders.configuredTaskOrder(resolved))) {
            if (!filter.appliesTo(t.rows().task())) {
                continue;
            }
            anyApplies = true;
            var rows = filter.select(t.rows());
            sets.add(RowSet.windowed(rows, sort.sorted(rows, top == null ? -1 : top), t.windowStart(),
                    t.windowEnd(), t.windows()));
        }
        List<ConnectionSet> connections = new ArrayList<>();
        for (String name : connectionTaskNames(stored, order)) {
            if (task != null && !task.equals(name)) {
                continue;
            }
            ConnectionSet set = connections(stored, name, filter, fromNanos, toNanos);
            if (set != null) {
                anyApplies = true;
                connections.add(set);
            }
        }
        if (!anyApplies && (!filter.keyFields().isEmpty() || filter.testsConnectionMetrics())
                && (!windows.isEmpty() || !stored.isEmpty())) {
            throw new ConfigException("--where '" + filter + "' tests " + filter.keyFields().stream()
                    .map(KeyField::label).toList() + ", which " + (task == null ? "no task keys on" : "task " + task
                    + " does not key on"));
        }
        PrintWriter out = spec.commandLine().getOut();
        // json, ndjson and csv go out a chunk at a time, never whole in memory (see RowsReport.writeJson).
        switch (format) {
            case table -> out.print(RowsReport.table(sets, connections, sort.name()) + SketchReport.table(sketches));
            case csv -> SketchReport.writeCsv(out, sets, connections, sketches);
            case json -> RowsReport.writeJson(out, sets, connections, sketches);
            case ndjson -> {
                RowsReport.writeNdjson(out, sets, connections);
                SketchReport.writeNdjson(out, sketches);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Returns the connections tasks in {@code stored}: configured order first, then first-met order. */
    private static List<String> connectionTaskNames(List<StoredConnections> stored, List<String> order) {
        List<String> names = new ArrayList<>();
        for (StoredConnections c : stored) {
            if (!names.contains(c.rows().task().name())) {
                names.add(c.rows().task().name());
            }
        }
        names.sort(java.util.Comparator.comparingInt(n -> {
            int i = order.indexOf(n);
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return names;
    }

    /**
     * Returns task {@code name}'s connections stored in windows overlapping {@code [from, to)} that match the filter,
     * in the chosen order; null when the filter does not apply to connections.
     */
    private ConnectionSet connections(List<StoredConnections> stored, String name, RowFilter filter, long from,
                                      long to) {
        List<ConnectionRows> parts = new ArrayList<>();
        List<long[]> bounds = new ArrayList<>();
        io.netspectra.config.TaskSpec spec = null;
        for (StoredConnections c : stored) {
            if (!c.rows().task().name().equals(name) || c.windowEnd() <= from || c.windowStart() >= to) {
                continue;
            }
            spec = spec == null ? c.rows().task() : spec;
            parts.add(c.rows());
            for (int r = 0; r < c.rows().size(); r++) {
                bounds.add(new long[] {c.windowStart(), c.windowEnd()});
            }
        }
        if (spec == null) {
            for (StoredConnections c : stored) {
                if (c.rows().task().name().equals(name)) {
                    spec = c.rows().task();
                    break;
                }
            }
        }
        if (!filter.appliesTo(spec)) {
            return null;
        }
        ConnectionRows concatenated = ConnectionRows.concat(spec, parts);
        // Canonical order first (stable sorts then break ties as the analyze report does), window bounds alongside.
        int[] canonical = ConnectionRows.canonicalOrder(concatenated);
        ConnectionRows all = concatenated.select(canonical);
        List<long[]> sortedBounds = new ArrayList<>();
        for (int i : canonical) {
            sortedBounds.add(bounds.get(i));
        }
        bounds = sortedBounds;
        var view = all.asFlowRows();
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < all.size(); r++) {
            if (filter.test(view, r)) {
                keep.add(r);
            }
        }
        ConnectionRows rows = all.select(keep.stream().mapToInt(Integer::intValue).toArray());
        long[] starts = new long[rows.size()];
        long[] ends = new long[rows.size()];
        for (int i = 0; i < keep.size(); i++) {
            starts[i] = bounds.get(keep.get(i))[0];
            ends[i] = bounds.get(keep.get(i))[1];
        }
        ConnectionCollector collector = new ConnectionCollector(spec, -1);
        collector.add(rows);
        int[] order = sort.sorted(rows.asFlowRows(), top == null ? -1 : top);
        return new ConnectionSet(collector.summary(), order, starts, ends);
    }

    /** Prints the stored time bins of the selected tasks, filtered and ordered (default: by bin start). */
    private int showBins(Path resolved, RowFilter filter, long fromNanos, long toNanos) {
        List<StoredBins> stored = new BinsFiles().readAll(resolved);
        if (stored.isEmpty()) {
            throw new InputException(snapshots + ": no time bins (" + BinsCodec.FILE_NAME
                    + ") found; analyze with --bin to write them");
        }
        List<StoredSeries.Task> tasks = StoredSeries.join(stored, null, WindowSums.UNBOUNDED_FROM,
                WindowSums.UNBOUNDED_TO);
        List<String> names = tasks.stream().map(t -> t.rows().task().name()).toList();
        if (task != null && !names.contains(task)) {
            throw new ConfigException("no binned task '" + task + "' in " + snapshots + "; it has "
                    + String.join(", ", names));
        }
        List<String> configured = SnapshotFolders.configuredTaskOrder(resolved);
        List<StoredSeries.Task> selected = new ArrayList<>(StoredSeries.join(stored, task, fromNanos, toNanos));
        selected.sort(java.util.Comparator.comparingInt(t -> {
            int i = configured.indexOf(t.rows().task().name());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        SortOrder order = spec.commandLine().getParseResult().hasMatchedOption("--sort") ? sort : SortOrder.first;
        List<SeriesSet> sets = new ArrayList<>();
        for (StoredSeries.Task t : selected) {
            if (!filter.appliesTo(t.rows().task())) {
                continue;
            }
            var rows = filter.select(t.rows());
            sets.add(new SeriesSet(rows, order.sorted(rows, top == null ? -1 : top), t.binNanos()));
        }
        if (sets.isEmpty() && !filter.keyFields().isEmpty()) {
            throw new ConfigException("--where '" + filter + "' tests " + filter.keyFields().stream()
                    .map(KeyField::label).toList() + ", which " + (task == null ? "no binned task keys on"
                    : "task " + task + " does not key on"));
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case table -> out.print(BinsReport.table(sets));
            case csv -> BinsReport.writeCsv(out, sets);
            case json -> BinsReport.writeJson(out, sets);
            case ndjson -> BinsReport.writeNdjson(out, sets);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
