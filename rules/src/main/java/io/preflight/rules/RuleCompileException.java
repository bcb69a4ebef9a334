package io.preflight.rules;

import java.util.List;

/**
 * DRL that does not compile. {@link #problems()} holds every error as {@code file:line: message}; the exception's
 * message is the first of them (one line, for the CLI).
 */
public class RuleCompileException extends Exception {
    private final List<String> problems;

    public RuleCompileException(List<String> problems) {
        super(problems.isEmpty() ? "rules do not compile" : problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
