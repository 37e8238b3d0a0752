package io.netspectra.pipeline;

import io.netspectra.aggregate.KeyLayout;
import io.netspectra.config.AnalyzerConfig;
import io.netspectra.config.TaskSpec;
import io.netspectra.config.TaskType;

import java.util.List;

/**
 * Sizes {@code max_keys_per_task} from the heap when the config says {@code auto}.
 *
 * <p>The worst case it budgets for: every flows task holding the limit at once in six tables' worth of memory (the window
 * being filled, two windows queued for the writer, the one being written and its packed rows, and the run totals;
 * a task derived from another, {@code aggregate.Derivation}, fills no window table but is budgeted the same, which
 * over-estimates safely),
 * each just grown (see {@code aggregate.FlowTable}): a key of width {@code w} words then costs its entry of
 * {@code (w + 4) * 8} bytes with a quarter to spare, plus 4 bytes of index at 3/8 full, per table, times 6. Half of
 * the maximum heap is given to that; the rest is left for batches, the JVM, and the report's rows at the end (when
 * the window tables are gone).
 */
public final class KeyBudget {
    /** The smallest limit {@code auto} gives, whatever the heap: below it early flushes would dominate. */
    public static final long MIN_AUTO = 10_000;
    private static final double HEAP_SHARE = 0.5;
    private static final int TABLES = 6;
    /** A just-grown table's entries array holds up to this many entries per key. */
    private static final double ENTRIES_PER_KEY = 5.0 / 4.0;
    /** A just-doubled index is 3/8 full: this many int slots per key. */
    private static final double INDEX_SLOTS_PER_KEY = 8.0 / 3.0;
    /** Statistic words per entry: packets, bytes, first, last. */
    private static final int STAT_WORDS = 4;

    private KeyBudget() {
    }

    /** Returns the configured limit, or for {@code auto} the limit sized from {@code maxHeapBytes}. */
    public static long maxKeysPerTask(AnalyzerConfig cfg, long maxHeapBytes) {
        if (cfg.maxKeysPerTask() != AnalyzerConfig.AUTO_MAX_KEYS) {
            return cfg.maxKeysPerTask();
        }
        return auto(cfg.tasks(), maxHeapBytes);
    }

    /**
     * Returns the limit {@code auto} gives for these tasks and heap. Only {@link TaskType#FLOWS} tasks count: they are
     * the keyed tables on the striped workers that the limit bounds; connections, heavy-hitters and cardinality tasks
     * hold no such tables (they run on the ordered thread with memory bounded otherwise).
     */
    static long auto(List<TaskSpec> tasks, long maxHeapBytes) {
        double bytesPerKey = 0;
        for (TaskSpec t : tasks) {
            if (t.type() != TaskType.FLOWS) {
                continue;
            }
            double entry = (new KeyLayout(t.keyFields()).width() + STAT_WORDS) * (double) Long.BYTES;
            bytesPerKey += (entry * ENTRIES_PER_KEY + Integer.BYTES * INDEX_SLOTS_PER_KEY) * TABLES;
        }
        long n = (long) (maxHeapBytes * HEAP_SHARE / Math.max(bytesPerKey, 1));
        return Math.max(MIN_AUTO, n);
    }
}
