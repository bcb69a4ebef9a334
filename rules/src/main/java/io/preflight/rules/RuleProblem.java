package io.preflight.rules;

import java.util.Comparator;

/**
 * One problem in a rule pack's files, as a rule author reads it: {@code file:line: message} ({@code file: message}
 * when no line applies, e.g. a missing file). Ordered by file, then line.
 *
 * @param line 1-based; 0 when no line applies
 */
public record RuleProblem(String file, int line, String message) implements Comparable<RuleProblem> {
    private static final Comparator<RuleProblem> ORDER = Comparator.comparing(RuleProblem::file)
            .thenComparingInt(RuleProblem::line).thenComparing(RuleProblem::message);

    @Override
    public int compareTo(RuleProblem o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
