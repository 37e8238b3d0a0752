package io.netspectra.sketch;

import io.netspectra.NetSpectraException.CorruptSnapshotException;
import io.netspectra.NetSpectraException.InputException;
import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;
import io.netspectra.store.StoredSketches;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums stored sketch windows: per task for {@code show} and {@code check}, per window and task for {@code merge}.
 * Distinct counts are unions (exactly what one window would hold); heavy hitters are frequent-items merges (bounds
 * stay valid). Main thread.
 */
public final class SketchSums {
    private SketchSums() {
    }

    /** Returns an empty stored window of {@code task}. */
    public static StoredSketches empty(TaskSpec task, long start, long end) {
        return task.type() == TaskType.HEAVY_HITTERS
                ? new HeavyHittersState(task, new KeyLayout(task.keyFields()).width()).stored(start, end)
                : new StoredSketches(task, start, end, keyWidth(task), new long[0], new byte[0][]);
    }

    /**
     * Returns each task's windows summed, tasks in order of first appearance; {@code top} limits rows per task (all,
     * or heavy hitters' k, when negative).
     *
     * @throws CorruptSnapshotException when a stored sketch cannot be read
     * @throws InputException when one task name has different options in different windows
     */
    public static List<SketchRows> sum(List<StoredSketches> windows, int top) {
        Map<String, State> tasks = new LinkedHashMap<>();
        for (StoredSketches w : windows) {
            state(tasks, w).merge(w);
        }
        List<SketchRows> out = new ArrayList<>();
        tasks.values().forEach(s -> out.add(s.rows(top)));
        return out;
    }

    /** Returns the windows merged per window start and task (start order, then task name order), for merge. */
    public static List<StoredSketches> mergeWindows(List<StoredSketches> windows) {
        Map<Long, Map<String, State>> byStart = new TreeMap<>();
        Map<Long, Long> ends = new TreeMap<>();
        for (StoredSketches w : windows) {
            Long end = ends.putIfAbsent(w.windowStart(), w.windowEnd());
            if (end != null && end != w.windowEnd()) {
                throw new InputException("sketch windows starting at " + instant(w.windowStart())
                        + " end at " + instant(end) + " and at " + instant(w.windowEnd())
                        + " (different snapshot intervals); cannot merge them");
            }
            state(byStart.computeIfAbsent(w.windowStart(), k -> new TreeMap<>()), w).merge(w);
        }
        List<StoredSketches> out = new ArrayList<>();
        byStart.forEach((start, tasks) -> tasks.values().forEach(s -> out.add(s.stored(start, ends.get(start)))));
        return out;
    }

    private static State state(Map<String, State> tasks, StoredSketches w) {
        State s = tasks.computeIfAbsent(w.task().name(), n -> new State(w.task()));
        if (!s.task.equals(w.task())) {
            throw new InputException("sketch task " + w.task().name() + " has different options in different "
                    + "windows (" + describe(s.task) + " and " + describe(w.task()) + "); cannot sum them");
        }
        return s;
    }

    private static String instant(long nanos) {
        return java.time.Instant.ofEpochSecond(0, nanos).toString();
    }

    private static String describe(TaskSpec t) {
        return t.type().label() + " " + t.keyFields() + " " + t.sketch();
    }

    private static int keyWidth(TaskSpec task) {
        return task.type() == TaskType.FLOWS ? new KeyLayout(task.keyFields()).width() : 0;
    }

    /**
     * One task's summed state. A damaged sketch that still parses can fail later, inside DataSketches, with its own,
     * the memory package's or the JDK's exceptions, or with an internal {@code assert} when assertions are on: all are
     * reported as a corrupt sketch of the window (or task) being read.
     */
    private static final class State {
        private final TaskSpec task;
        private final DistinctState distinct;
        private final HeavyHittersState hitters;

        State(TaskSpec task) {
            this.task = task;
            boolean hh = task.type() == TaskType.HEAVY_HITTERS;
            this.hitters = hh ? new HeavyHittersState(task, new KeyLayout(task.keyFields()).width()) : null;
            this.distinct = hh ? null : new DistinctState(task, keyWidth(task));
        }

        void merge(StoredSketches w) {
            int width = keyWidth(task);
            if (w.width() != width || w.keys().length != w.size() * width) {
                throw corrupt(w, "keys of width " + w.width() + ", expected " + width);
            }
            try {
                if (hitters != null) {
                    hitters.merge(w);
                } else {
                    distinct.merge(w);
                }
            } catch (IllegalArgumentException e) {
                throw corrupt(w, e.getMessage());
            } catch (RuntimeException | AssertionError e) {
                throw corrupt(w, e.toString());
            }
        }

        /** Returns the rows; a state a damaged (but parsable) window left inconsistent is reported as corrupt. */
        SketchRows rows(int top) {
            try {
                return hitters != null ? hitters.rows(top) : distinct.rows(top);
            } catch (RuntimeException | AssertionError e) {
                throw new CorruptSnapshotException("task " + task.name() + ": corrupt sketch: " + e);
            }
        }

        StoredSketches stored(long start, long end) {
            try {
                return hitters != null ? hitters.stored(start, end) : distinct.stored(start, end);
            } catch (RuntimeException | AssertionError e) {
                throw new CorruptSnapshotException("task " + task.name() + ": corrupt sketch: " + e);
            }
        }

        private static CorruptSnapshotException corrupt(StoredSketches w, String what) {
            return new CorruptSnapshotException("task " + w.task().name() + ", window "
                    + instant(w.windowStart()) + ": corrupt sketch: " + what);
        }
    }
}
