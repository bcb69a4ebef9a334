package io.preflight.facts;

/** The Mesos version a master or agent runs ({@code /version}, or the agent's registration). */
public record MesosVersion(String subject, String source, String component, String version) implements Fact {
}
