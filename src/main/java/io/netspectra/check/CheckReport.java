package io.netspectra.check;

import io.netspectra.check.RuleResult.Violation;
import io.netspectra.report.JUnitXml;

import java.util.ArrayList;
import java.util.List;

/** Renders rule results as text for people and CI logs, or as JUnit XML (one test case per rule). */
public final class CheckReport {
    private CheckReport() {
    }

    /** Returns a line per rule ({@code PASS}/{@code FAIL}), each violation indented under it, and a verdict line. */
    public static String text(List<RuleResult> results) {
        int nameWidth = results.stream().mapToInt(r -> r.rule().name().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        int failed = 0;
        for (RuleResult r : results) {
            sb.append(r.passed() ? "PASS  " : "FAIL  ").append(r.rule().name())
                    .append(" ".repeat(nameWidth - r.rule().name().length())).append("  ").append(summary(r))
                    .append('\n');
            for (Violation v : r.violations()) {
                sb.append("      ").append(v.key()).append(": ").append(r.rule().metricLabel()).append(' ')
                        .append(r.rule().metric().format(v.value())).append('\n');
            }
            if (!r.passed()) {
                failed++;
            }
        }
        sb.append(failed == 0 ? "all " + results.size() + " rules passed"
                : failed + " of " + results.size() + (results.size() == 1 ? " rule" : " rules") + " failed")
                .append('\n');
        return sb.toString();
    }

    /** Returns e.g. {@code by_src_ip: bytes <= 1GB, 2 of 40 keys violate}. */
    static String summary(RuleResult r) {
        Rule rule = r.rule();
        String scope = rule.task() + (rule.where().toString().isEmpty() ? ""
                : " where " + rule.where());
        String subject = rule.aggregate() ? "aggregate of " + keys(r.tested()) : keys(r.tested()) + " tested";
        String outcome = r.passed() ? subject
                : rule.aggregate() ? subject + " violates" : r.violations().size() + " of " + keys(r.tested())
                        + " violate";
        return scope + ": " + rule.condition() + ", " + outcome;
    }

    private static String keys(int n) {
        return n + (n == 1 ? " key" : " keys");
    }

    /** Returns JUnit XML, one test case per rule; a failing case lists every violation. */
    public static String junit(List<RuleResult> results) {
        List<JUnitXml.Case> cases = new ArrayList<>();
        for (RuleResult r : results) {
            if (r.passed()) {
                cases.add(new JUnitXml.Case(r.rule().name(), null, ""));
                continue;
            }
            StringBuilder detail = new StringBuilder();
            for (Violation v : r.violations()) {
                detail.append(v.key()).append(": ").append(r.rule().metricLabel()).append(' ')
                        .append(r.rule().metric().format(v.value())).append('\n');
            }
            cases.add(new JUnitXml.Case(r.rule().name(), summary(r), detail.toString()));
        }
        return JUnitXml.render("ns-cli check", cases);
    }
}
