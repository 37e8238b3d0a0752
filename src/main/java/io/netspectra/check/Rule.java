package io.netspectra.check;

import io.netspectra.query.Comparison;
import io.netspectra.query.Metric;
import io.netspectra.query.RowFilter;

/**
 * One rule: every key of {@code task} matching {@code where} (or, when {@code aggregate}, their sum) must satisfy
 * {@code metric operator threshold}.
 *
 * @param name          unique within its file; the JUnit test case name
 * @param task          the task whose keys are tested
 * @param where         which keys; {@link RowFilter#ALL} when absent
 * @param metric        packets, bytes, duration or flows
 * @param operator      the comparison that must hold
 * @param threshold     in the metric's unit (bytes, ns, count)
 * @param thresholdText the threshold as written, for messages
 * @param aggregate     test the sum over matching keys instead of each key
 * @param source        {@code file:line} where the rule starts
 */
public record Rule(String name, String task, RowFilter where, Metric metric, Comparison operator, long threshold,
                   String thresholdText, boolean aggregate, String source) {

    /** Returns the condition as text, e.g. {@code bytes <= 1GB}. */
    public String condition() {
        return metric.label() + " " + operator.symbol() + " " + thresholdText;
    }
}
