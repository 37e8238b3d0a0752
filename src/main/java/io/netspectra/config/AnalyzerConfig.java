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
 * @param workers               worker threads; 0 means one fewer than the available processors (at least 1)
 * @param tasks                 the keyed aggregations, in configured order, names distinct
 * @param binNanos              time bin length of the flows tasks' series ({@code bin:}); 0 means no bins
 * @param maxKeysPerTask        the most keys one task may hold in a window before the window is flushed early;
 *                              {@link #AUTO_MAX_KEYS} sizes it from the heap at run time
 */
public record AnalyzerConfig(String source, long snapshotIntervalNanos, Clock clock, Path storageRoot, int workers,
                             List<TaskSpec> tasks, long binNanos, long maxKeysPerTask) {
    /** {@link #maxKeysPerTask} value meaning: sized from the heap when the run starts. */
    public static final long AUTO_MAX_KEYS = 0;

    public AnalyzerConfig {
        tasks = List.copyOf(tasks);
        if (maxKeysPerTask < 0) {
            throw new IllegalArgumentException("max keys per task " + maxKeysPerTask);
        }
    }

    /** A configuration without time bins whose key limit is sized from the heap. */
    public AnalyzerConfig(String source, long snapshotIntervalNanos, Clock clock, Path storageRoot, int workers,
                          List<TaskSpec> tasks) {
        this(source, snapshotIntervalNanos, clock, storageRoot, workers, tasks, 0, AUTO_MAX_KEYS);
    }

    /** A configuration whose key limit is sized from the heap. */
    public AnalyzerConfig(String source, long snapshotIntervalNanos, Clock clock, Path storageRoot, int workers,
                          List<TaskSpec> tasks, long binNanos) {
        this(source, snapshotIntervalNanos, clock, storageRoot, workers, tasks, binNanos, AUTO_MAX_KEYS);
    }

    /** Returns a copy with another key limit ({@link #AUTO_MAX_KEYS}: sized from the heap). */
    public AnalyzerConfig withMaxKeysPerTask(long n) {
        return new AnalyzerConfig(source, snapshotIntervalNanos, clock, storageRoot, workers, tasks, binNanos, n);
    }

    /** Returns a copy with another time bin length (0: no bins). */
    public AnalyzerConfig withBin(long nanos) {
        return new AnalyzerConfig(source, snapshotIntervalNanos, clock, storageRoot, workers, tasks, nanos,
                maxKeysPerTask);
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
        return new AnalyzerConfig(source, nanos, clock, storageRoot, workers, tasks, binNanos, maxKeysPerTask);
    }

    /** Returns a copy with another storage root. */
    public AnalyzerConfig withStorageRoot(Path root) {
        return new AnalyzerConfig(source, snapshotIntervalNanos, clock, root, workers, tasks, binNanos, maxKeysPerTask);
    }

    /** Returns a copy with another worker count. */
    public AnalyzerConfig withWorkers(int n) {
        return new AnalyzerConfig(source, snapshotIntervalNanos, clock, storageRoot, n, tasks, binNanos, maxKeysPerTask);
    }

    /**
     * Returns the worker count to start: the configured one, or when it is 0 one fewer than the available processors
     * (at least 1), leaving a core to the serial reader thread. On 2 cores 1 worker took 4-7% less wall time and CPU
     * than 2 on the 10M-packet benchmark (10 alternated runs; docs/performance.md).
     */
    public int effectiveWorkers() {
        return workers > 0 ? workers : automaticWorkers(Runtime.getRuntime().availableProcessors());
    }

    /** Returns the workers {@code num_workers: 0} starts on {@code processors} processors. */
    static int automaticWorkers(int processors) {
        return Math.max(1, processors - 1);
    }
}
