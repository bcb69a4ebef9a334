package io.preflight.rules.testing;

import java.util.List;

/**
 * The outcome of one pack's cases.
 *
 * @param problems          what fails the pack besides its cases (no cases at all; a case for a rule the pack does
 *                          not define)
 * @param withoutFiringCase rules of the pack that no case expects to fire (reported, not failed)
 * @param withoutMissingDataCase rules none of whose cases expects COLLECT-UNVERIFIED: nothing shows they report a
 *                          missing input instead of passing silently (reported, not failed)
 */
public record PackResult(CasePack pack, List<CaseResult> results, List<String> problems,
                         List<String> withoutFiringCase, List<String> withoutMissingDataCase) {
    public PackResult {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
        withoutFiringCase = List.copyOf(withoutFiringCase);
        withoutMissingDataCase = List.copyOf(withoutMissingDataCase);
    }

    public boolean passed() {
        return problems.isEmpty() && results.stream().allMatch(CaseResult::passed);
    }

    public long failedCases() {
        return results.stream().filter(r -> !r.passed()).count();
    }
}
