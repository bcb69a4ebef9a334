package io.preflight.rules.testing;

import java.util.Set;

/** The outcome of one case: what was expected, what came out (in the case's scope), and the difference. */
public record CaseResult(RuleCase kase, Set<RuleCase.Expected> actual, Set<RuleCase.Expected> missing,
                         Set<RuleCase.Expected> unexpected) {
    public boolean passed() {
        return missing.isEmpty() && unexpected.isEmpty();
    }
}
