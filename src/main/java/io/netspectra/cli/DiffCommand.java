package io.netspectra.cli;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.diff.DiffInputs;
import io.netspectra.diff.DiffReport;
import io.netspectra.diff.DiffResult;
import io.netspectra.diff.Differ;
import io.netspectra.diff.Tolerance;
import io.netspectra.query.Metric;
import io.netspectra.store.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ns-cli diff}: compares a baseline with a current result key by key; exit 4 when they differ. */
@Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compare two results key by key: keys added, keys removed, metrics changed beyond the "
                + "tolerance; largest changes first. Exit 0 when equal within the tolerance, 4 when not.",
            "Each side is a snapshot folder (run, window, task folder or storage root; windows summed) or an "
                + "'analyze --format json' report."})
final class DiffCommand implements Callable<Integer> {
    enum Format { table, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASELINE", description = "The expected result.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "The result to check against it.")
    Path current;

    @Option(names = "--task", paramLabel = "T", description = "Only this task (default: every task).")
    String task;

    @Option(names = "--tolerance", paramLabel = "TOL", defaultValue = "0",
            description = "Allowed relative change per metric, |cur-base|/max(base,1): 5%% or 0.05 "
                    + "(default: ${DEFAULT-VALUE}, any change counts).")
    String tolerance;

    @Option(names = "--metrics", paramLabel = "LIST", defaultValue = "packets,bytes",
            description = "Metrics to compare, comma-separated: packets, bytes, duration (default: ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report, one case per task.")
    Path junit;

    @Override
    public Integer call() {
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
