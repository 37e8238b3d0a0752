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
 * @param sketchMetric  a sketch's distinct count such as {@code distinct_DstIP} (then {@code metric} is
 *                      {@link Metric#FLOWS}, a plain count), or null
 */
public record Rule(String name, String task, RowFilter where, Metric metric, Comparison operator, long threshold,
                   String thresholdText, boolean aggregate, String source, String sketchMetric) {

    /** A rule on a flows metric (or a heavy hitter's bytes or packets). */
    public Rule(String name, String task, RowFilter where, Metric metric, Comparison operator, long threshold,
                String thresholdText, boolean aggregate, String source) {
        this(name, task, where, metric, operator, threshold, thresholdText, aggregate, source, null);
    }

    /** Returns the metric's name as written in rules: {@code bytes}, {@code distinct_DstIP}... */
    public String metricLabel() {
        return sketchMetric != null ? sketchMetric : metric.label();
    }

    /** Returns the condition as text, e.g. {@code bytes <= 1GB}. */
    public String condition() {
        return metricLabel() + " " + operator.symbol() + " " + thresholdText;
    }
}
