package io.netspectra.check;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.aggregate.FlowRows;
import io.netspectra.sketch.SketchRows;
import io.netspectra.aggregate.FlowTable;
import io.netspectra.check.RuleResult.Violation;
import io.netspectra.config.KeyField;
import io.netspectra.query.Metric;
import io.netspectra.report.KeyText;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tests rules against each task's flows summed over the whole input. Per key, a rule holds when
 * {@code metric operator threshold}; with {@code aggregate: true} the metric is summed over the matching keys first
 * (flows counts them; duration spans the earliest first to the latest last).
 */
public final class Checker {
    private Checker() {
    }

    /**
     * Returns one result per rule, in rule order.
     *
     * @param tasks the input's flows per task name
     * @throws ConfigException when a rule names a task the input lacks, or tests a key field its task lacks
     */
    public static List<RuleResult> check(List<Rule> rules, Map<String, FlowRows> tasks) {
        return check(rules, tasks, Map.of());
    }

    /**
     * Returns one result per rule, in rule order. A rule on a {@code distinct_<Field>} metric, or on a heavy-hitters
     * or cardinality task, tests the sketch's estimate per row (see {@link SketchRules}).
     *
     * @param tasks    the input's flows per task name
     * @param sketches the input's sketch results per task name (all rows)
     * @throws ConfigException when a rule names a task the input lacks, or tests a key field its task lacks
     */
    public static List<RuleResult> check(List<Rule> rules, Map<String, FlowRows> tasks,
                                         Map<String, SketchRows> sketches) {
        List<RuleResult> out = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.sketchMetric() != null || (!tasks.containsKey(rule.task())
                    && sketches.containsKey(rule.task()))) {
                // Only flows tasks can take distinct: (connections tasks are in tasks too, as records).
                Set<String> flowTasks = new TreeSet<>();
                tasks.forEach((name, rows) -> {
                    if (rows.directions() == null) {
                        flowTasks.add(name);
                    }
                });
                out.add(SketchRules.check(rule, sketches, flowTasks));
                continue;
            }
            FlowRows rows = tasks.get(rule.task());
            if (rows == null) {
                throw new ConfigException(rule.source() + ": rule " + rule.name() + ": no task '" + rule.task()
                        + "' in the input; it has " + String.join(", ", tasks.keySet()));
            }
            if (rule.metric().connectionOnly() && rows.directions() == null) {
                throw new ConfigException(rule.source() + ": rule " + rule.name() + ": metric " + rule.metric().label()
                        + " needs a connections task; " + rule.task() + " is not one");
            }
            if (!rule.where().appliesTo(rows.task())) {
                throw new ConfigException(rule.source() + ": rule " + rule.name() + ": where '" + rule.where()
                        + "' tests a key field task " + rule.task() + " does not key on " + rows.task().keyFields()
                        .stream().map(KeyField::label).toList());
            }
            out.add(rule.aggregate() ? aggregate(rule, rows) : perKey(rule, rows));
        }
        return out;
    }

    private static RuleResult perKey(Rule rule, FlowRows rows) {
        int tested = 0;
        List<Violation> violations = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (!rule.where().test(rows, r)) {
                continue;
            }
            tested++;
            long v = rule.metric().of(rows, r);
            if (!rule.operator().test(v, rule.threshold())) {
                violations.add(new Violation(keyText(rows, r), v));
            }
        }
        violations.sort(Comparator.comparingLong((Violation v) -> -Math.abs(v.value() - rule.threshold()))
                .thenComparing(Violation::key));
        return new RuleResult(rule, tested, violations);
    }

    private static RuleResult aggregate(Rule rule, FlowRows rows) {
        int tested = 0;
        long sum = 0;
        long first = FlowTable.NO_FIRST;
        long last = Long.MIN_VALUE;
        for (int r = 0; r < rows.size(); r++) {
            if (!rule.where().test(rows, r)) {
                continue;
            }
            tested++;
            switch (rule.metric()) {
                case PACKETS -> sum += rows.packets(r);
                case BYTES -> sum += rows.bytes(r);
                case FLOWS -> sum++;
                case ORIG_PACKETS, ORIG_BYTES, RESP_PACKETS, RESP_BYTES -> sum += rule.metric().of(rows, r);
                case DURATION -> {
                    if (rows.first(r) != FlowTable.NO_FIRST) {
                        first = Math.min(first, rows.first(r));
                        last = Math.max(last, rows.last(r));
                    }
                }
            }
        }
        long value = rule.metric() == Metric.DURATION ? (first == FlowTable.NO_FIRST ? 0 : last - first) : sum;
        List<Violation> violations = rule.operator().test(value, rule.threshold()) ? List.of()
                : List.of(new Violation("aggregate of " + tested + (tested == 1 ? " key" : " keys"), value));
        return new RuleResult(rule, tested, violations);
    }

    private static String keyText(FlowRows rows, int r) {
        StringBuilder sb = new StringBuilder();
        for (KeyField f : rows.task().keyFields()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(f.label()).append('=').append(KeyText.text(rows, r, f));
        }
        return sb.toString();
    }
}
