package io.netspectra.check;

import java.util.List;

/**
 * The outcome of one rule.
 *
 * @param rule       the rule
 * @param tested     how many keys matched the rule's {@code where} (and were tested, unless aggregate)
 * @param violations every key (or the aggregate) that broke the rule, worst first
 */
public record RuleResult(Rule rule, int tested, List<Violation> violations) {

    public boolean passed() {
        return violations.isEmpty();
    }

    /**
     * A key that broke a rule.
     *
     * @param key   {@code SrcIP=10.0.0.1}, or {@code aggregate of N keys}
     * @param value the metric's value
     */
    public record Violation(String key, long value) {
    }
}
