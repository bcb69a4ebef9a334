package io.preflight.rules;

import java.util.List;

/**
 * DRL that does not compile. {@link #problems()} holds every error as {@code file:line: message} ({@link #located()}
 * the same as records); the exception's message is the first of them (one line, for the CLI).
 */
public class RuleCompileException extends Exception {
    private final List<RuleProblem> located;

    public RuleCompileException(List<RuleProblem> located) {
        super(located.isEmpty() ? "rules do not compile" : located.get(0)
                + (located.size() > 1 ? " (and " + (located.size() - 1) + " more)" : ""));
        this.located = List.copyOf(located);
    }

    /** Every error as {@code file:line: message}. */
    public List<String> problems() {
        return located.stream().map(RuleProblem::toString).toList();
    }

    /** Every error as a record (file, line, message). */
    public List<RuleProblem> located() {
        return located;
    }
}
