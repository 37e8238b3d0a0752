package io.netspectra.diff;

import io.netspectra.config.KeyField;
import io.netspectra.query.Metric;

import java.util.List;

/**
 * The outcome of comparing a baseline with a current result.
 *
 * @param tolerance the tolerance applied
 * @param metrics   the metrics compared, in the user's order
 * @param tasks     per task (baseline order, then tasks only in current)
 */
public record DiffResult(Tolerance tolerance, List<Metric> metrics, List<TaskDiff> tasks) {

    /** Returns whether both sides are equal within the tolerance: no task or key added, removed or changed. */
    public boolean equal() {
        return tasks.stream().allMatch(TaskDiff::equal);
    }

    /** Where a task was found. */
    public enum Presence { both, added, removed }

    /** What happened to a key. */
    public enum Kind { added, removed, changed }

    /**
     * One task's differences, largest first.
     *
     * @param baselineKeys keys in the baseline (0 when the task is added)
     * @param currentKeys  keys in the current result (0 when the task is removed)
     */
    public record TaskDiff(String name, List<KeyField> keyFields, Presence presence, int baselineKeys,
                           int currentKeys, List<Change> changes) {
        public boolean equal() {
            return presence == Presence.both && changes.isEmpty();
        }

        public long count(Kind kind) {
            return changes.stream().filter(c -> c.kind() == kind).count();
        }
    }

    /**
     * One key that differs; {@code baseline} and {@code current} are indexed by {@link Metric#ordinal()} (zeros on
     * the side that lacks the key).
     */
    public record Change(Kind kind, String key, List<String> values, long[] baseline, long[] current) {
        public long baseline(Metric m) {
            return baseline[m.ordinal()];
        }

        public long current(Metric m) {
            return current[m.ordinal()];
        }
    }
}
