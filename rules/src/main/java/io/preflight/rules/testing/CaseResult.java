package io.preflight.rules.testing;

import java.util.Set;

/**
 * The outcome of one case: what was expected, what came out (in the case's scope), and the difference.
 *
 * @param error why the rules could not judge the case's facts (a rule threw), or null
 */
public record CaseResult(RuleCase kase, Set<RuleCase.Expected> actual, Set<RuleCase.Expected> missing,
                         Set<RuleCase.Expected> unexpected, String error) {
    public boolean passed() {
        return error == null && missing.isEmpty() && unexpected.isEmpty();
    }
}
