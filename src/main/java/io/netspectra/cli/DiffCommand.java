package io.netspectra.cli;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.diff.DiffInputs;
import io.netspectra.diff.DiffReport;
import io.netspectra.diff.DiffResult;
import io.netspectra.diff.Differ;
import io.netspectra.diff.Tolerance;
import io.netspectra.query.Metric;
import io.netspectra.store.AtomicFiles;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static io.netspectra.cli.CodedModels.addStandardHelp;
import static io.netspectra.cli.CodedModels.subcommand;
import static io.netspectra.cli.CodedModels.defaulted;
import static io.netspectra.cli.CodedModels.positional;
import static io.netspectra.cli.CodedModels.positionalValue;
import static io.netspectra.cli.CodedModels.value;
import static io.netspectra.cli.CodedModels.valued;

/**
 * {@code ns-cli diff}: compares a baseline with a current result key by key; exit 4 when they differ. Its model is
 * built in code ({@link CodedModels}; see {@link NsCli} for why): CI jobs run it after every analysis.
 */
final class DiffCommand implements Callable<Integer> {
    static final String NAME = "diff";

    enum Format { table, json }

    private final CommandSpec spec;

    private Path baseline;
    private Path current;
    private String task;
    private String tolerance;
    private String metrics;
    private Format format;
    private Path junit;

    DiffCommand() {
        this.spec = model(this);
    }

    /** Returns the command's picocli model. */
    CommandSpec spec() {
        return spec;
    }

    private static CommandSpec model(DiffCommand command) {
        CommandSpec s = subcommand(command, NAME,
                "Compare two results key by key: keys added, keys removed, metrics changed beyond the tolerance; "
                        + "largest changes first. Exit 0 when equal within the tolerance, 4 when not.",
                "Each side is a snapshot folder (run, window, task folder or storage root; windows summed) or an "
                        + "'analyze --format json' report.");
        s.addPositional(positional(0, Path.class, "BASELINE", "The expected result."));
        s.addPositional(positional(1, Path.class, "CURRENT", "The result to check against it."));
        s.addOption(valued(String.class, "T", "Only this task (default: every task).", "--task"));
        s.addOption(defaulted(String.class, "TOL", "0", "Allowed relative change per metric, |cur-base|/max(base,1): "
                + "5%% or 0.05 (default: ${DEFAULT-VALUE}, any change counts).", "--tolerance"));
        s.addOption(defaulted(String.class, "LIST", "packets,bytes", "Metrics to compare, comma-separated: packets, "
                + "bytes, duration (default: ${DEFAULT-VALUE}).", "--metrics"));
        s.addOption(defaulted(Format.class, "FORMAT", "table",
                "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", "--format"));
        s.addOption(valued(Path.class, "FILE", "Also write a JUnit XML report, one case per task.", "--junit"));
        addStandardHelp(s);
        return s;
    }

    /** Reads the parsed values out of the model. */
    private void bind() {
        baseline = positionalValue(spec, 0);
        current = positionalValue(spec, 1);
        task = value(spec, "--task");
        tolerance = value(spec, "--tolerance");
        metrics = value(spec, "--metrics");
        format = value(spec, "--format");
        junit = value(spec, "--junit");
    }

    @Override
    public Integer call() {
        bind();
        Differ differ = new Differ(Tolerance.parse(tolerance), metricList());
        DiffResult result = differ.compare(DiffInputs.load(baseline), DiffInputs.load(current), task);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == Format.json ? DiffReport.json(result) : DiffReport.table(result));
        out.flush();
        if (junit != null) {
            AtomicFiles.write(junit, DiffReport.junit(result));
        }
        return result.equal() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
    }

    private List<Metric> metricList() {
        List<Metric> out = new ArrayList<>();
        for (String part : metrics.split(",", -1)) {
            Metric m = Metric.byLabel(part);
            if (m == null || m == Metric.FLOWS || m.connectionOnly()) {
                throw new ConfigException("bad --metrics '" + metrics + "': unknown metric '" + part.trim()
                        + "', expected packets, bytes or duration");
            }
            if (!out.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }
}
