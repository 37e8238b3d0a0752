package io.netspectra.cli;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.aggregate.StripedAggregator;
import io.netspectra.bins.BinnedTask;
import io.netspectra.bins.TimeBins;
import io.netspectra.capture.CaptureInput;
import io.netspectra.capture.CaptureInputs;
import io.netspectra.config.AnalyzerConfig;
import io.netspectra.config.ConfigLoader;
import io.netspectra.config.Durations;
import io.netspectra.config.TaskType;
import io.netspectra.connections.ConnectionSummary;
import io.netspectra.filter.FrameFilter;
import io.netspectra.pipeline.KeyBudget;
import io.netspectra.pipeline.OrderedConsumer;
import io.netspectra.pipeline.Pipeline;
import io.netspectra.pipeline.RunStats;
import io.netspectra.report.BinsReport;
import io.netspectra.report.ConnectionsReport;
import io.netspectra.report.JsonReport;
import io.netspectra.report.Manifest;
import io.netspectra.report.Numerals;
import io.netspectra.report.RowSet;
import io.netspectra.report.RowsReport;
import io.netspectra.report.SeriesSet;
import io.netspectra.report.SketchReport;
import io.netspectra.report.TableReport;
import io.netspectra.sketch.SketchConsumer;
import io.netspectra.sketch.SketchRows;
import io.netspectra.snapshot.SnapshotWriterThread;
import io.netspectra.store.RunWriter;
import io.netspectra.store.SnapshotHeader;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static io.netspectra.cli.CodedModels.addStandardHelp;
import static io.netspectra.cli.CodedModels.subcommand;
import static io.netspectra.cli.CodedModels.defaulted;
import static io.netspectra.cli.CodedModels.flag;
import static io.netspectra.cli.CodedModels.isSet;
import static io.netspectra.cli.CodedModels.positionalValue;
import static io.netspectra.cli.CodedModels.positionals;
import static io.netspectra.cli.CodedModels.value;
import static io.netspectra.cli.CodedModels.valued;

/**
 * {@code ns-cli analyze}: reads captures, aggregates per configured key, writes snapshots, prints a report.
 *
 * <p>Its picocli model is built here in code ({@link #model}), not read from annotations (see {@link NsCli}): the
 * command every run of the tool starts with. The parsed values are read back from the model into fields by
 * {@link #bind()} as the command starts.
 */
final class AnalyzeCommand implements Callable<Integer> {
    static final String NAME = "analyze";

    enum Format { table, json, csv, ndjson }

    private final NsCli parent;
    private final CommandSpec spec;

    private List<String> inputs;
    private boolean perFile;
    private Path config;
    private String filter;
    private Path output;
    private boolean noSnapshots;
    private Integer workers;
    private String interval;
    private String maxKeys;
    private String bin;
    private Format format;
    private Integer top;
    private boolean allowDamaged;
    private boolean quiet;

    /** Creates the command under {@code parent}, whose standard input {@code -} reads. */
    AnalyzeCommand(NsCli parent) {
        this.parent = parent;
        this.spec = model(this);
    }

    /** Returns the command's picocli model. */
    CommandSpec spec() {
        return spec;
    }

    /** Builds the model of {@code command}: its description, then its parameters and options in --help order. */
    private static CommandSpec model(AnalyzeCommand command) {
        CommandSpec s = subcommand(command, NAME,
                "Read captures (pcap, pcapng; plain, gzip, zstd, xz or bzip2), aggregate packets, bytes, first/last "
                        + "time and duration per key for every configured task, write snapshots, print a report.",
                "All inputs form one dataset: files are read in the order of their first timestamp, and files that "
                        + "overlap in time are merged frame by frame by timestamp.",
                "Tasks may also count distinct values per key (distinct:), distinct keys (type: cardinality) or the "
                        + "top K keys (type: heavy_hitters), with error bounds; see the README's Sketches section.",
                "SIGINT/SIGTERM: the current window is finished, the run is marked partial, the report of what was "
                        + "read is printed, exit 130/143.");
        s.addPositional(positionals("INPUT", "A capture file; a directory (every capture below it, by magic number; "
                + "other files are skipped); a glob pattern such as 'dir/*.pcap*' (expanded here when the shell did "
                + "not); or - for standard input."));
        s.addOption(flag("One report and one snapshot run per capture instead of one dataset (json: a JSON array of "
                + "reports; ndjson: one report per line; table: one section per file; not with csv).", "--per-file"));
        s.addOption(valued(Path.class, "YAML", "Configuration file (default: the built-in configs/config.yaml).",
                "-c", "--config"));
        s.addOption(valued(String.class, "EXPR", "Only frames matching this tcpdump (BPF) filter, e.g. 'tcp port "
                + "443'; the others count only as filtered_out. Needs libpcap.", "-f", "--filter"));
        s.addOption(valued(Path.class, "DIR", "Folder to write snapshot runs under (overrides storage_root_path).",
                "-o", "--output"));
        s.addOption(flag("Do not write snapshots; only print the report.", "--no-snapshots"));
        s.addOption(valued(Integer.class, "N", "Worker threads (overrides num_workers; default: available processors "
                + "minus one, at least 1).", "-w", "--workers"));
        s.addOption(valued(String.class, "DURATION", "Window length, e.g. 30s, 1m, 500ms; 0 = one window (overrides "
                + "snapshot_interval).", "--snapshot-interval"));
        s.addOption(valued(String.class, "N", "Most keys one task holds per window before the window is flushed "
                + "early, or auto (sized from the heap; overrides max_keys_per_task).", "--max-keys"));
        s.addOption(valued(String.class, "DURATION", "Time bins per key, e.g. 1s, 100ms, 1m: each row gets its peak "
                + "bin (most bytes); json adds the series, csv and ndjson print series rows instead of flow rows. 0 = "
                + "off (overrides bin).", "--bin"));
        s.addOption(defaulted(Format.class, "FORMAT", "table",
                "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", "--format"));
        s.addOption(valued(Integer.class, "N", "Rows per task: top N keys by bytes (default: 10 for table, every key "
                + "otherwise).", "--top"));
        s.addOption(flag("Exit 0 even when an input is damaged (its packets before the damage still count).",
                "--allow-damaged"));
        s.addOption(flag("No progress line and no final summary on stderr.", "-q", "--quiet"));
        addStandardHelp(s);
        return s;
    }

    /** Reads the parsed values out of the model. */
    private void bind() {
        inputs = positionalValue(spec, 0);
        perFile = isSet(spec, "--per-file");
        config = value(spec, "--config");
        filter = value(spec, "--filter");
        output = value(spec, "--output");
        noSnapshots = isSet(spec, "--no-snapshots");
        workers = value(spec, "--workers");
        interval = value(spec, "--snapshot-interval");
        maxKeys = value(spec, "--max-keys");
        bin = value(spec, "--bin");
        format = value(spec, "--format");
        top = value(spec, "--top");
        allowDamaged = isSet(spec, "--allow-damaged");
        quiet = isSet(spec, "--quiet");
    }

    /** The time bins of the dataset being reported (null without bins); set by analyze, read by print. */
    private List<BinnedTask> datasetBins;
    /** Reports whose printing has begun (several with --per-file). */
    private int printed;

    @Override
    public Integer call() {
        bind();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AnalyzerConfig cfg = effectiveConfig();
        if (top != null && top < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be 0 or more, got " + top);
        }
        if (perFile && format == Format.csv) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--per-file needs --format table, json or ndjson (csv rows do not name their input)");
        }
        if (cfg.binNanos() > 0 && format == Format.csv
                && cfg.tasks().stream().anyMatch(t -> t.type() == TaskType.CONNECTIONS)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "time bins in CSV have columns of their "
                    + "own, without room for connections tasks' rows: use --format json or ndjson, or no bins");
        }
        FrameFilter frameFilter = filter == null ? null : FrameFilter.compile(filter);
        List<CaptureInput> captures = CaptureInputs.resolve(inputs, parent.stdin());
        List<List<CaptureInput>> runs = perFile ? captures.stream().map(List::of).toList() : List.of(captures);
        int code = ExitCodes.OK;
        boolean complete = false;
        try (StopSignals signals = StopSignals.install()) {
            for (List<CaptureInput> dataset : runs) {
                Analyzed analyzed = analyze(cfg, dataset, frameFilter, signals, err);
                RunStats run = analyzed.run();
                print(out, analyzed, perFile && format == Format.table ? dataset.get(0).name() : null);
                if (run.anyUnopened() || (run.anyDamaged() && !allowDamaged)) {
                    code = ExitCodes.INPUT;
                }
                if (signals.received()) {
                    code = signals.exitCode();
                    break;
                }
            }
            complete = true;
        } finally {
            endReports(out, complete);
        }
        return code;
    }

    /** One dataset's counts, its connections tasks' results and its sketched tasks' consumer. */
    private record Analyzed(RunStats run, List<ConnectionSummary> connections, SketchConsumer sketches) {
    }

    /** Reads one dataset, writes its snapshot run and manifest, and returns what was counted. */
    private Analyzed analyze(AnalyzerConfig cfg, List<CaptureInput> dataset, FrameFilter frameFilter,
                             StopSignals signals, PrintWriter err) {
        RunWriter runWriter = noSnapshots ? null : RunWriter.create(cfg.storageRoot(), Instant.now());
        List<StripedAggregator> aggregators = ConnectionTasks.flowAggregators(cfg);
        ConnectionTasks connections = new ConnectionTasks(cfg, runWriter, rowLimit());
        SketchConsumer sketches = new SketchConsumer(cfg.tasks(), runWriter);
        long maxKeys = KeyBudget.maxKeysPerTask(cfg, Runtime.getRuntime().maxMemory());
        SnapshotWriterThread writer = new SnapshotWriterThread(aggregators, runWriter, maxKeys);
        List<OrderedConsumer> ordered = new ArrayList<>();
        TimeBins bins = cfg.binNanos() > 0
                ? new TimeBins(cfg.binNanos(), cfg.tasks(), runWriter, format != Format.table, maxKeys) : null;
        if (bins != null) {
            ordered.add(bins);
        }
        ordered.addAll(connections.consumers());
        if (sketches.active()) {
            ordered.add(sketches);
        }
        Pipeline pipeline = new Pipeline(new Pipeline.Settings(cfg.effectiveWorkers(), cfg.snapshotIntervalNanos(),
                cfg.clock(), maxKeys), aggregators, ordered, writer, line -> err.println("ns-cli: " + line),
                frameFilter);
        signals.onStop(pipeline::requestStop);
        RunStats run;
        try (Progress ignored = Progress.start(!quiet, err, pipeline::progressPackets, pipeline::progressBytes)) {
            run = pipeline.run(dataset);
        }
        List<ConnectionSummary> summaries = connections.summaries();
        datasetBins = bins == null ? null : bins.results();
        if (runWriter != null) {
            runWriter.writeManifest(Manifest.render(runWriter.runDir().getFileName().toString(), toolVersion(),
                    SnapshotHeader.FORMAT_VERSION, cfg, run, runWriter.windowsWritten(), maxKeys, writer.spills(),
                    summaries));
        }
        if (!quiet) {
            // Numerals, not printf: java.util.Formatter's first number costs ~20 ms of locale set-up.
            double seconds = run.elapsedNanos() / 1e9;
            err.println("ns-cli: " + Numerals.grouped(run.read()) + " packets in "
                    + Numerals.seconds(run.elapsedNanos(), 2) + " s ("
                    + Numerals.grouped(Math.round(run.read() / Math.max(seconds, 1e-9))) + " packets/s)"
                    + (frameFilter == null ? "" : "; " + Numerals.grouped(run.filteredOut()) + " filtered out")
                    + (runWriter == null ? "" : "; snapshots in " + runWriter.runDir())
                    + (run.partial() ? "; interrupted: partial" : ""));
        }
        return new Analyzed(run, summaries, sketches);
    }

    /** Returns the rows per task the report prints: --top, else 10 for table and all otherwise (-1). */
    private int rowLimit() {
        return top != null ? top : format == Format.table ? 10 : -1;
    }

    /**
     * Prints one dataset's report in the chosen format ({@code section} heads a per-file table) as it is rendered:
     * json, ndjson and csv go out a chunk at a time, never whole in memory (as one string a report of millions of
     * keys would need many times the heap its rows take), and {@code --per-file} over thousands of captures holds
     * one report at a time. Per file: the elements of one JSON array for json, one report after another otherwise (a
     * blank line between table sections). Everything that can fail before the first character is done first; a
     * failure while the report is printed leaves it cut short (the exit status says so).
     */
    private void print(PrintWriter out, Analyzed analyzed, String section) {
        RunStats run = analyzed.run();
        int limit = top == null ? -1 : top;
        var conns = ConnectionTasks.reportSets(analyzed.connections(), rowLimit());
        List<SketchRows> sketches = analyzed.sketches().results(rowLimit());
        // Only the row formats of one dataset need every task's rows ordered here; json and table order their own.
        boolean rowFormat = !perFile && (format == Format.csv || format == Format.ndjson);
        List<RowSet> sets = rowFormat ? RowSet.reportOrder(run.tasks(), limit) : List.of();
        int index = printed++;
        if (datasetBins != null && rowFormat) {
            List<SeriesSet> series = new ArrayList<>();
            for (RowSet set : sets) {
                BinnedTask t = BinsReport.forTask(datasetBins, set.rows().task().name());
                if (t != null) {
                    series.add(BinsReport.forRows(t, set.rows(), set.order()));
                }
            }
            if (format == Format.csv) {
                BinsReport.writeCsv(out, series);
            } else {
                BinsReport.writeNdjson(out, series);
                ConnectionsReport.writeNdjson(out, conns);
                SketchReport.writeNdjson(out, sketches);
            }
            out.flush();
            return;
        }
        switch (format) {
            case json -> {
                if (perFile) {
                    out.print(index == 0 ? "[" : ",");
                }
                JsonReport.write(out, !perFile, run, datasetBins, limit, true, conns, sketches);
            }
            case ndjson -> {
                if (perFile) {
                    JsonReport.write(out, true, run, datasetBins, limit, false, conns, sketches);
                } else {
                    RowsReport.writeNdjson(out, sets, conns);
                    SketchReport.writeNdjson(out, sketches);
                }
            }
            case csv -> SketchReport.writeCsv(out, sets, conns, sketches);
            case table -> {
                String head = (perFile && index > 0 ? "\n" : "") + (section == null ? "" : "== " + section + " ==\n");
                out.print(head + TableReport.render(run, top == null ? 10 : top, datasetBins, conns)
                        + SketchReport.table(sketches));
            }
        }
        out.flush();
    }

    /**
     * Ends the reports {@link #print} printed: closes the JSON array of {@code --per-file} json, also when a later
     * capture failed ({@code complete} false), so that the array is closed (its last element is whole unless the
     * failure came while it was printed); nothing is printed for a run that failed before its first report.
     */
    private void endReports(PrintWriter out, boolean complete) {
        if (perFile && format == Format.json && (printed > 0 || complete)) {
            out.print(printed == 0 ? "[]\n" : "]\n");
        }
        out.flush();
    }

    private AnalyzerConfig effectiveConfig() {
        AnalyzerConfig cfg = ConfigLoader.load(config);
        if (interval != null) {
            long nanos = Durations.parseNanos(interval);
            if (nanos < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "bad --snapshot-interval '" + interval
                        + "', expected e.g. 30s, 500ms, 5m, 1h or 0");
            }
            cfg = cfg.withSnapshotInterval(nanos);
        }
        if (output != null) {
            cfg = cfg.withStorageRoot(output);
        }
        if (workers != null) {
            if (workers < 1 || workers > 1024) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be 1 to 1024, got "
                        + workers);
            }
            cfg = cfg.withWorkers(workers);
        }
        if (maxKeys != null) {
            long n = ConfigLoader.parseMaxKeys(maxKeys);
            if (n < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "bad --max-keys '" + maxKeys
                        + "', expected auto or a whole number from 1 to " + ConfigLoader.MAX_KEYS_LIMIT);
            }
            cfg = cfg.withMaxKeysPerTask(n);
        }
        return withBin(cfg);
    }

    /** Applies {@code --bin}, and checks the bin against the windows once every override is in. */
    private AnalyzerConfig withBin(AnalyzerConfig cfg) {
        if (bin != null) {
            long nanos = Durations.parseNanos(bin);
            if (nanos < 0) {
                throw new ConfigException("bad --bin '" + bin + "', expected e.g. 1s, 100ms, 1m or 0 (no bins)");
            }
            cfg = cfg.withBin(nanos);
        }
        String problem = cfg.binProblem();
        if (problem != null) {
            throw new ConfigException((bin != null ? "--bin '" + bin + "'" : "bin " + Durations.format(cfg.binNanos())
                    + " (from " + cfg.source() + ")") + ": " + problem);
        }
        return cfg;
    }

    static String toolVersion() {
        String v = AnalyzeCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
