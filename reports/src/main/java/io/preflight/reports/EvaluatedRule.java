package io.preflight.reports;

import io.preflight.rules.Severity;

/**
 * A rule that was evaluated in this check (whether it fired or not): the test cases of the JUnit report and the
 * rule list of SARIF.
 *
 * @param pack the rule's pack (the folder of its DRL), e.g. {@code path} or a site pack's
 */
public record EvaluatedRule(String id, Severity severity, String title, String reference, String pack) {
}
