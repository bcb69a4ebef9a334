package io.preflight.facts;

/** Marathon's {@code /v2/info} and {@code /v2/leader}; {@code leader} is null when there is none (404). */
public record MarathonInfo(String subject, String source, String version, String leader) implements Fact {
}
