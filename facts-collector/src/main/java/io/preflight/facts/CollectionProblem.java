package io.preflight.facts;

/**
 * A fact that could not be gathered: itself a fact, so that a rule whose input is missing reports the subject as
 * unverified instead of passing.
 *
 * @param what   what was being collected, e.g. {@code ssh-probe}, {@code mesos /flags}, {@code time-sync}
 * @param detail why it failed (never contains a secret)
 */
public record CollectionProblem(String subject, String source, Kind kind, String what, String detail)
        implements Fact {
    /** Classes of collection failure. */
    public enum Kind { UNREACHABLE, TIMEOUT, AUTH, HTTP_ERROR, HOST_KEY, MISSING, PARSE_ERROR, OTHER }
}
