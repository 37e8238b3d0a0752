package io.netspectra.cli;

import io.netspectra.merge.SnapshotMerger;
import io.netspectra.store.RunWriter;
import io.netspectra.sketch.SketchSums;
import io.netspectra.store.SnapshotFolders;
import io.netspectra.store.SnapshotReader;
import io.netspectra.store.StoredConnections;
import io.netspectra.store.StoredSketches;
import io.netspectra.store.StoredWindow;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ns-cli merge}: merges snapshot sets per window, task and key into a new run folder. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merge snapshot sets per window, task and key (packets and bytes summed, first the minimum, "
                + "last the maximum) into a new run folder under OUT, so that captures analyzed file by file or "
                + "machine by machine can be combined. Sketches are merged too: distinct counts as unions, heavy "
                + "hitters as frequent-items merges.",
            "Prints the new run folder on stdout."})
final class MergeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SNAPSHOTS",
            description = "Snapshot folders: run, window or task folders, or storage roots (their latest run).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "Storage root to create the merged run folder in.")
    Path output;

    @Override
    public Integer call() {
        List<List<StoredWindow>> sets = new ArrayList<>();
        List<List<StoredConnections>> connections = new ArrayList<>();
        List<StoredSketches> sketches = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> taskOrder = new ArrayList<>();
        for (Path p : inputs) {
            Path resolved = SnapshotFolders.resolve(p);
            sets.add(new SnapshotReader().readAll(resolved));
            connections.add(new SnapshotReader().readAllConnections(resolved));
            sketches.addAll(new SnapshotReader().readAllSketches(resolved));
            sources.add(resolved.toString());
            for (String t : SnapshotFolders.configuredTaskOrder(resolved)) {
                if (!taskOrder.contains(t)) {
                    taskOrder.add(t);
                }
            }
        }
        List<StoredWindow> merged = SnapshotMerger.merge(sets);
        var mergedConnections = SnapshotMerger.mergeConnections(connections);
        List<StoredSketches> mergedSketches = SketchSums.mergeWindows(sketches);
        RunWriter writer = RunWriter.create(output, Instant.now());
        for (var c : mergedConnections) {
            writer.writeConnections(c.windowStart(), c.windowEnd(), c.rows());
        }
        mergedSketches.forEach(writer::writeSketches);
        SnapshotMerger.write(merged, sources, taskOrder, writer, AnalyzeCommand.toolVersion());
        spec.commandLine().getOut().println(writer.runDir());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
