package io.netspectra.check;

import io.netspectra.NetSpectraException.ConfigException;
import io.netspectra.config.KeyField;
import io.netspectra.config.TaskType;
import io.netspectra.report.KeyText;
import io.netspectra.sketch.Estimate;
import io.netspectra.sketch.SketchRows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tests a rule against a sketch: per row, its estimate. A {@code distinct_<Fields>} rule names a flows task with that
 * {@code distinct:} or a cardinality task of those key fields; a {@code bytes} or {@code packets} rule on a
 * heavy-hitters task tests its top K keys' estimated weights.
 */
final class SketchRules {
    private SketchRules() {
    }

    static RuleResult check(Rule rule, Map<String, SketchRows> sketches, Set<String> flowTasks) {
        SketchRows s = sketches.get(rule.task());
        if (s == null) {
            Set<String> names = new TreeSet<>(sketches.keySet());
            throw new ConfigException(rule.source() + ": rule " + rule.name() + ": " + rule.metricLabel()
                    + " needs a sketch, and task '" + rule.task() + "' has none in the input"
                    + (flowTasks.contains(rule.task()) ? " (add distinct: to it)" : "")
                    + "; tasks with sketches: " + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
        if (!s.metric().equals(rule.metricLabel())) {
            throw new ConfigException(rule.source() + ": rule " + rule.name() + ": task " + rule.task() + " ("
                    + s.task().type().label() + ") reports " + s.metric() + ", not " + rule.metricLabel());
        }
        if (rule.aggregate()) {
            throw new ConfigException(rule.source() + ": rule " + rule.name() + ": task " + rule.task() + " is a "
                    + "sketch; its rules are tested per row, without aggregate: true");
        }
        if (!rule.where().appliesTo(s.keys().task()) || (s.task().type() == TaskType.CARDINALITY
                && !rule.where().keyFields().isEmpty())) {
            throw new ConfigException(rule.source() + ": rule " + rule.name() + ": where '" + rule.where()
                    + "' tests a key field the rows of task " + rule.task() + " do not have");
        }
        int tested = 0;
        List<RuleResult.Violation> violations = new ArrayList<>();
        for (int r = 0; r < s.size(); r++) {
            if (!s.keyFields().isEmpty() && !rule.where().test(s.keys(), r)) {
                continue;
            }
            tested++;
            Estimate e = s.values().get(r);
            if (!rule.operator().test(e.estimate(), rule.threshold())) {
                violations.add(new RuleResult.Violation(keyText(s, r) + bounds(e), e.estimate()));
            }
        }
        violations.sort(Comparator.comparingLong((RuleResult.Violation v) -> -Math.abs(v.value() - rule.threshold()))
                .thenComparing(RuleResult.Violation::key));
        return new RuleResult(rule, tested, violations);
    }

    private static String bounds(Estimate e) {
        return e.exact() ? " (exact)" : " (estimate; bounds " + e.lower() + ".." + e.upper() + ")";
    }

    private static String keyText(SketchRows s, int r) {
        if (s.keyFields().isEmpty()) {
            return "all keys";
        }
        StringBuilder sb = new StringBuilder();
        for (KeyField f : s.keyFields()) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(f.label()).append('=').append(KeyText.text(s.keys(), r, f));
        }
        return sb.toString();
    }
}
