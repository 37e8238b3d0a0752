/**
 * Offline alert rules: the checks CI runs on a result.
 *
 * <p>Enters: a rules file (YAML, read by {@link io.netspectra.check.RulesLoader}) and each task's flows summed over
 * the whole input. Leaves: one {@link io.netspectra.check.RuleResult} per rule with every violation, rendered as text
 * or JUnit XML. Runs on the main thread.
 */
package io.netspectra.check;
