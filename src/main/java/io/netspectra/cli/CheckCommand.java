package io.netspectra.cli;

import io.netspectra.NetSpectraException.InputException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.capture.CaptureInput;
import io.netspectra.capture.CaptureInputs;
import io.netspectra.check.CheckReport;
import io.netspectra.check.Checker;
import io.netspectra.check.Rule;
import io.netspectra.check.RuleResult;
import io.netspectra.check.RulesLoader;
import io.netspectra.config.AnalyzerConfig;
import io.netspectra.config.ConfigLoader;
import io.netspectra.config.TaskSpec;
import io.netspectra.sketch.SketchConsumer;
import io.netspectra.sketch.SketchRows;
import io.netspectra.sketch.SketchSums;
import io.netspectra.store.StoredSketches;
import io.netspectra.filter.FrameFilter;
import io.netspectra.pipeline.KeyBudget;
import io.netspectra.pipeline.OrderedConsumer;
import io.netspectra.pipeline.Pipeline;
import io.netspectra.pipeline.RunStats;
import io.netspectra.query.SummedTask;
import io.netspectra.query.WindowSums;
import io.netspectra.snapshot.SnapshotWriterThread;
import io.netspectra.connections.ConnectionRows;
import io.netspectra.store.AtomicFiles;
import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredConnections;
import io.netspectra.store.RunWriter;
import io.netspectra.store.SnapshotFolders;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static io.netspectra.cli.CodedModels.addStandardHelp;
import static io.netspectra.cli.CodedModels.subcommand;
import static io.netspectra.cli.CodedModels.positionalValue;
import static io.netspectra.cli.CodedModels.positionals;
import static io.netspectra.cli.CodedModels.value;
import static io.netspectra.cli.CodedModels.valued;

/**
 * {@code ns-cli check}: tests offline alert rules against captures or snapshots; exit 4 when any rule fails. Its model
 * is built in code ({@link CodedModels}; see {@link NsCli} for why): CI jobs run it after every analysis.
 */
final class CheckCommand implements Callable<Integer> {
    static final String NAME = "check";

    private final NsCli parent;
    private final CommandSpec spec;

    private List<String> inputs;
    private Path rules;
    private Path config;
    private String filter;
    private Path junit;

    /** Creates the command under {@code parent}, whose standard input {@code -} reads. */
    CheckCommand(NsCli parent) {
        this.parent = parent;
        this.spec = model(this);
    }

    /** Returns the command's picocli model. */
    CommandSpec spec() {
        return spec;
    }

    private static CommandSpec model(CheckCommand command) {
        CommandSpec s = subcommand(command, NAME,
                "Test rules against captures (analyzed on the fly, as analyze does, without writing snapshots) or "
                        + "snapshot folders; every violation is listed. Exit 4 when any rule fails.",
                "All inputs are summed per task and key into one dataset (connections tasks: every record is "
                        + "tested).");
        s.addPositional(positionals("INPUT", "Snapshot folders (run, window, task folder or storage root: any folder "
                + "holding flows.nss, connections.nss or sketches.nss files) or captures as analyze takes them: "
                + "files, directories of captures, glob patterns, - for standard input."));
        s.addOption(OptionSpec.builder("--rules").required(true).type(Path.class).paramLabel("RULES.yaml")
                .description("The rules file.").build());
        s.addOption(valued(Path.class, "YAML", "Configuration for capture inputs (default: the built-in "
                + "configs/config.yaml).", "-c", "--config"));
        s.addOption(valued(String.class, "EXPR", "Only frames of capture inputs matching this tcpdump (BPF) filter, "
                + "as for analyze. Needs libpcap.", "-f", "--filter"));
        s.addOption(valued(Path.class, "FILE", "Also write a JUnit XML report, one case per rule.", "--junit"));
        addStandardHelp(s);
        return s;
    }

    /** Reads the parsed values out of the model. */
    private void bind() {
        inputs = positionalValue(spec, 0);
        rules = value(spec, "--rules");
        config = value(spec, "--config");
        filter = value(spec, "--filter");
        junit = value(spec, "--junit");
    }

    @Override
    public Integer call() {
        bind();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Rule> ruleList = RulesLoader.load(rules);
        List<String> captures = new ArrayList<>();
        List<Path> snapshots = new ArrayList<>();
        for (String arg : inputs) {
            Path p = arg.equals(CaptureInput.STDIN) ? null : Path.of(arg);
            if (p != null && isSnapshots(p)) {
                snapshots.add(p);
            } else {
                captures.add(arg);
            }
        }
        if (filter != null && captures.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--filter applies to capture inputs; every INPUT here is a snapshot folder");
        }
        Map<String, FlowTable> tables = new LinkedHashMap<>();
        Map<String, TaskSpec> specs = new LinkedHashMap<>();
        Map<String, List<ConnectionRows>> connections = new LinkedHashMap<>();
        Map<String, SketchRows> sketches = new LinkedHashMap<>();
        if (!captures.isEmpty()) {
            AnalyzerConfig cfg = ConfigLoader.load(config);
            ConnectionTasks connectionTasks = new ConnectionTasks(cfg, null, -1);
            SketchConsumer sketched = new SketchConsumer(cfg.tasks(), null);
            RunStats run = analyze(cfg, captures, connectionTasks, sketched, err);
            if (run.anyUnopened() || run.anyDamaged()) {
                return ExitCodes.INPUT;
            }
            run.tasks().forEach(rows -> add(tables, specs, rows));
            connectionTasks.summaries().forEach(c -> connections.computeIfAbsent(c.task().name(),
                    k -> new ArrayList<>()).add(c.rows()));
            sketched.results(-1).forEach(r -> sketches.put(r.task().name(), r));
        }
        List<StoredSketches> storedSketches = new ArrayList<>();
        for (Path p : snapshots) {
            Path resolved = SnapshotFolders.resolve(p);
            for (SummedTask t : WindowSums.sum(new SnapshotReader().readAll(resolved), null,
                    WindowSums.UNBOUNDED_FROM, WindowSums.UNBOUNDED_TO)) {
                add(tables, specs, t.rows());
            }
            for (StoredConnections c : new SnapshotReader().readAllConnections(resolved)) {
                connections.computeIfAbsent(c.rows().task().name(), k -> new ArrayList<>()).add(c.rows());
            }
            storedSketches.addAll(new SnapshotReader().readAllSketches(resolved));
        }
        for (SketchRows r : SketchSums.sum(storedSketches, -1)) {
            if (sketches.put(r.task().name(), r) != null) {
                throw new InputException("task " + r.task().name() + " has sketches in both captures and snapshots; "
                        + "check them separately");
            }
        }
        Map<String, FlowRows> tasks = new LinkedHashMap<>();
        tables.forEach((name, table) -> {
            FlowRows.Builder b = new FlowRows.Builder(specs.get(name), table.width(), table.size());
            table.copyTo(b);
            tasks.put(name, b.build());
        });
        connections.forEach((name, parts) -> {
            if (tasks.containsKey(name)) {
                throw new InputException("task " + name + " is a flows task in one input and a connections task in "
                        + "another; cannot combine them");
            }
            // Connections are records, not sums: every input's records are tested.
            tasks.put(name, ConnectionRows.concat(parts.get(0).task(), parts).asFlowRows());
        });
        List<RuleResult> results = Checker.check(ruleList, tasks, sketches);
        out.print(CheckReport.text(results));
        out.flush();
        if (junit != null) {
            AtomicFiles.write(junit, CheckReport.junit(results));
        }
        return results.stream().allMatch(RuleResult::passed) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    /** Returns whether {@code p} names stored snapshots: a flows, connections or sketches file, or a folder with one. */
    private static boolean isSnapshots(Path p) {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.walk(p)) {
                return s.anyMatch(f -> f.getFileName().toString().equals(RunWriter.FLOWS_FILE)
                        || f.getFileName().toString().equals(RunWriter.CONNECTIONS_FILE)
                        || f.getFileName().toString().equals(RunWriter.SKETCHES_FILE));
            } catch (IOException | UncheckedIOException e) {
                throw new InputException(p + ": cannot list: " + e.getMessage(), e);
            }
        }
        return p.getFileName() != null && (p.getFileName().toString().equals(RunWriter.FLOWS_FILE)
                || p.getFileName().toString().equals(RunWriter.CONNECTIONS_FILE)
                || p.getFileName().toString().equals(RunWriter.SKETCHES_FILE));
    }

    private RunStats analyze(AnalyzerConfig cfg, List<String> captures, ConnectionTasks connectionTasks,
                             SketchConsumer sketches, PrintWriter err) {
        FrameFilter frameFilter = filter == null ? null : FrameFilter.compile(filter);
        List<StripedAggregator> aggregators = ConnectionTasks.flowAggregators(cfg);
        long maxKeys = KeyBudget.maxKeysPerTask(cfg, Runtime.getRuntime().maxMemory());
        SnapshotWriterThread writer = new SnapshotWriterThread(aggregators, null, maxKeys);
        List<OrderedConsumer> ordered = new ArrayList<>(connectionTasks.consumers());
        if (sketches.active()) {
            ordered.add(sketches);
        }
        Pipeline pipeline = new Pipeline(new Pipeline.Settings(cfg.effectiveWorkers(), cfg.snapshotIntervalNanos(),
                cfg.clock(), maxKeys), aggregators, ordered, writer,
                line -> err.println("ns-cli: " + line), frameFilter);
        return pipeline.run(CaptureInputs.resolve(captures, parent.stdin()));
    }

    private static void add(Map<String, FlowTable> tables, Map<String, TaskSpec> specs, FlowRows rows) {
        TaskSpec known = specs.putIfAbsent(rows.task().name(), rows.task());
        if (known != null && !known.equals(rows.task())) {
            throw new InputException("task " + known.name() + " keys on different fields in different inputs; "
                    + "cannot sum them");
        }
        tables.computeIfAbsent(rows.task().name(), k -> new FlowTable(rows.width())).mergeAll(rows);
    }
}
