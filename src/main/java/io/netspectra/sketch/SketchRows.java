package io.netspectra.sketch;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskSpec;

import java.util.List;

/**
 * What a sketch reports for one task, in report order (estimate descending, then key): per key of a flows task its
 * distinct count, the one distinct count of a cardinality task, or a heavy-hitters task's top K keys.
 *
 * @param task     the task
 * @param metric   what the estimates count: {@code distinct_<Fields>}, or {@code bytes} / {@code packets} for heavy
 *                 hitters
 * @param keyFields the fields of each row's key (empty for a cardinality task's single row)
 * @param tracked  keys the sketch holds (distinct: keys; heavy hitters: items in the map; cardinality: 1)
 * @param keys     the rows' keys as a {@link FlowRows} (statistics zero), so reports render them like flows
 * @param values   one estimate per row
 * @param bytes    memory the sketch state took, in bytes (serialized or table size)
 * @param total    heavy hitters: the stream's total weight; otherwise 0
 * @param maxError heavy hitters: the sketch's maximum error (a key heavier than it is always reported); otherwise 0
 */
public record SketchRows(TaskSpec task, String metric, List<KeyField> keyFields, long tracked, FlowRows keys,
                         List<Estimate> values, long bytes, long total, long maxError) {
    public SketchRows {
        keyFields = List.copyOf(keyFields);
        values = List.copyOf(values);
    }

    /** Returns the number of rows. */
    public int size() {
        return values.size();
    }
}
