package io.preflight.rules.model;

/**
 * One hop of the qualified path the plan found, with the Mesos versions it moves between.
 *
 * @param index 1-based position on the path
 */
public record PlannedHop(int index, String from, String to, String qualifiedBy, String mesosFrom, String mesosTo,
                         long mesosFromKey, long mesosToKey) {
    public String subject() {
        return from + " -> " + to;
    }
}
