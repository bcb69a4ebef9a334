package io.preflight.facts;

/**
 * Who leads the Mesos masters, from {@code /master/state}'s {@code leader} field; {@code host} is null when the
 * state names none. Subject is {@code mesos}.
 */
public record MesosLeader(String subject, String source, String host) implements Fact {
}
