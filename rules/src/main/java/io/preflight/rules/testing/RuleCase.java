package io.preflight.rules.testing;

import io.preflight.rules.model.Thresholds;
import java.util.List;
import java.util.Set;

/**
 * One test case of a rule pack: facts in, the exact set of {@code (rule id, subject)} pairs out.
 *
 * @param file     the case file (for messages)
 * @param rule     the rule the case exercises
 * @param exact    compare against every finding; otherwise only findings of {@code rule}, of COLLECT-UNVERIFIED
 *                 and of any rule id named in {@code expect}
 * @param current  the running version to judge from (null: no upgrade context unless the facts give one)
 * @param line     the line of the case in {@code file} (for messages; 0 when unknown)
 */
public record RuleCase(String file, String rule, String name, String current, String target,
                       boolean targetConfig, Thresholds thresholds, List<Object> facts, Set<Expected> expect,
                       boolean exact, int line) {

    /** {@code file:line}, for messages. */
    public String where() {
        return line > 0 ? file + ":" + line : file;
    }

    /** An expected finding. */
    public record Expected(String id, String subject) implements Comparable<Expected> {
        @Override
        public int compareTo(Expected o) {
            int c = id.compareTo(o.id);
            return c != 0 ? c : subject.compareTo(o.subject);
        }

        @Override
        public String toString() {
            return id + " " + subject;
        }
    }
}
