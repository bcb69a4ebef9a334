package io.preflight.rules.site;

import io.preflight.rules.RuleProblem;
import java.util.List;

/**
 * Site packs or a site configuration that cannot be used. {@link #problems()} holds every problem found, each one
 * line {@code file:line: message}; the exception's message is the first of them.
 */
public class SiteRulesException extends Exception {
    private final List<RuleProblem> problems;

    public SiteRulesException(List<RuleProblem> problems) {
        super(problems.isEmpty() ? "site rules cannot be used" : problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    /** Every problem, one {@code file:line: message} per line. */
    public List<String> lines() {
        return problems.stream().map(RuleProblem::toString).toList();
    }
}
