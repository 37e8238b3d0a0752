package io.netspectra.config;

import java.util.List;

/**
 * A task's sketch options ({@code distinct:}, {@code exact_limit:}, {@code lg_k:}, {@code k:}, {@code weight:}),
 * already validated against the task's type.
 *
 * @param distinct   flows tasks: the fields whose distinct values are counted per key; empty for none
 * @param exactLimit distinct and cardinality counts stay exact up to this many values, then switch to HyperLogLog
 * @param lgK        log2 of the sketch size: HyperLogLog's register count, or the frequent-items map size
 * @param k          heavy_hitters: how many top keys to report
 * @param weight     heavy_hitters: what a key's frequency counts
 */
public record SketchSpec(List<KeyField> distinct, int exactLimit, int lgK, int k, Weight weight) {
    /** Default {@link #exactLimit}. */
    public static final int DEFAULT_EXACT_LIMIT = 1000;
    /** Default {@link #lgK} for HyperLogLog (distinct, cardinality): 4,096 registers, about 1.6 % standard error. */
    public static final int DEFAULT_HLL_LG_K = 12;
    /** Default {@link #lgK} for frequent items (heavy_hitters): a map of 1,024 counters. */
    public static final int DEFAULT_ITEMS_LG_K = 10;
    /** Default {@link #k}. */
    public static final int DEFAULT_K = 10;
    /** The options of a task without any: no distinct counts, defaults elsewhere. */
    public static final SketchSpec NONE = new SketchSpec(List.of(), DEFAULT_EXACT_LIMIT, DEFAULT_HLL_LG_K, DEFAULT_K,
            Weight.BYTES);

    /** What a heavy hitter's frequency counts. */
    public enum Weight {
        PACKETS("packets"), BYTES("bytes");

        private final String label;

        Weight(String label) {
            this.label = label;
        }

        /** Returns the name used in configs and reports. */
        public String label() {
            return label;
        }
    }

    public SketchSpec {
        distinct = List.copyOf(distinct);
    }

    /** Returns the defaults for a task of {@code type}. */
    public static SketchSpec defaults(TaskType type) {
        return type == TaskType.HEAVY_HITTERS
                ? new SketchSpec(List.of(), DEFAULT_EXACT_LIMIT, DEFAULT_ITEMS_LG_K, DEFAULT_K, Weight.BYTES) : NONE;
    }

    /** Returns the metric name of the distinct count, e.g. {@code distinct_DstIP} or {@code distinct_DstIP_DstPort}. */
    public String distinctMetric() {
        return distinctMetric(distinct);
    }

    /** Returns the metric name of a distinct count of {@code fields}, e.g. {@code distinct_DstIP_DstPort}. */
    public static String distinctMetric(List<KeyField> fields) {
        StringBuilder sb = new StringBuilder("distinct");
        for (KeyField f : fields) {
            sb.append('_').append(f.label());
        }
        return sb.toString();
    }
}
