package io.netspectra.diff;

import io.netspectra.aggregate.FlowRows;
import io.netspectra.config.KeyField;
import io.netspectra.query.Metric;
import io.netspectra.report.KeyText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's metrics per key, in a form both sides of a diff share whatever they were read from: keys as text
 * ({@code SrcIP=10.0.0.1 DstPort=443}, addresses in RFC 5952 form) and packets, bytes, duration per key.
 *
 * @param name      the task name
 * @param keyFields the task's key fields, in configured order
 * @param rows      per canonical key text, its field values and metrics
 */
public record KeyedCounts(String name, List<KeyField> keyFields, Map<String, Row> rows) {

    /** One key: its field values as text (in key-field order) and its metrics indexed by {@link Metric#ordinal()}. */
    public record Row(List<String> values, long[] metrics) {
        public long get(Metric m) {
            return metrics[m.ordinal()];
        }
    }

    /** Returns the counts of rows summed from snapshots. */
    public static KeyedCounts of(FlowRows rows) {
        Map<String, Row> m = new LinkedHashMap<>();
        List<KeyField> fields = rows.task().keyFields();
        for (int r = 0; r < rows.size(); r++) {
            String[] values = new String[fields.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = KeyText.text(rows, r, fields.get(i));
            }
            long[] metrics = new long[Metric.values().length];
            for (Metric metric : Metric.values()) {
                metrics[metric.ordinal()] = metric.of(rows, r);
            }
            m.put(keyText(fields, List.of(values)), new Row(List.of(values), metrics));
        }
        return new KeyedCounts(rows.task().name(), fields, m);
    }

    /** Returns {@code SrcIP=10.0.0.1 DstPort=443} for the values of {@code fields}. */
    public static String keyText(List<KeyField> fields, List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(fields.get(i).label()).append('=').append(values.get(i));
        }
        return sb.toString();
    }
}
