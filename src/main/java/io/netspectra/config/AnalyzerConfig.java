package io.netspectra.config;

import java.nio.file.Path;
import java.util.List;

/**
 * A validated analyzer configuration.
 *
 * @param source                where it came from (a path, or the built-in default), for the manifest
 * @param snapshotIntervalNanos window length in nanoseconds; 0 means one window for the whole input
 * @param clock                 what drives windows
 * @param storageRoot           the folder runs are written under
 * @param workers               worker threads; 0 means the number of available processors
 * @param tasks                 the keyed aggregations, in configured order, names distinct
 * @param binNanos              time bin length of the flows tasks' series ({@code bin:}); 0 means no bins
 */
public record AnalyzerConfig(String source, long snapshotIntervalNanos, Clock clock, Path storageRoot, int workers,
                             List<TaskSpec> tasks, long binNanos) {
    public AnalyzerConfig {
        tasks = List.copyOf(tasks);
    }

    /** A configuration without time bins. */
    public AnalyzerConfig(String source, long snapshotIntervalNanos, Clock clock, Path storageRoot, int workers,
                          List<TaskSpec> tasks) {
        this(source, snapshotIntervalNanos, clock, storageRoot, workers, tasks, 0);
    }

    /** Returns a copy with another time bin length (0: no bins). */
    public AnalyzerConfig withBin(long nanos) {
        return new AnalyzerConfig(source, snapshotIntervalNanos, clock, storageRoot, workers, tasks, nanos);
    }

    /**
     * Returns why the time bin does not fit the windows, or null when it does (or is off). A bin must never straddle
     * a window, so the snapshot interval must be 0 or a multiple of the bin; wall-clock windows fall anywhere in
     * packet time, so they allow bins only with one window (interval 0). The message reads after "bin '1s': ".
     */
    public String binProblem() {
        if (binNanos <= 0) {
            return null;
        }
        if (snapshotIntervalNanos > 0 && clock == Clock.WALL) {
            return "with clock wall, bins need snapshot_interval 0 (wall-clock windows do not fall on bin boundaries)";
        }
        if (snapshotIntervalNanos > 0 && snapshotIntervalNanos % binNanos != 0) {
            return "snapshot interval " + Durations.format(snapshotIntervalNanos) + " is not a multiple of it, so "
                    + "bins would straddle windows; use a bin that divides the interval, or interval 0";
        }
        return null;
    }

    /** Returns a copy with another snapshot interval. */
    public AnalyzerConfig withSnapshotInterval(long nanos) {
        return new AnalyzerConfig(source, nanos, clock, storageRoot, workers, tasks, binNanos);
    }

    /** Returns a copy with another storage root. */
    public AnalyzerConfig withStorageRoot(Path root) {
        return new AnalyzerConfig(source, snapshotIntervalNanos, clock, root, workers, tasks, binNanos);
    }

    /** Returns a copy with another worker count. */
    public AnalyzerConfig withWorkers(int n) {
        return new AnalyzerConfig(source, snapshotIntervalNanos, clock, storageRoot, n, tasks, binNanos);
    }

    /** Returns the worker count to start: the configured one, or the available processors when it is 0. */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
