package io.preflight.facts;

/**
 * An OS or Docker change the operator plans for a node in the same maintenance as the DC/OS upgrade (from the
 * upgrade plan file).
 *
 * @param layer {@code os} or {@code docker}
 */
public record PlannedPlatformChange(String subject, String source, String layer, String from, String to)
        implements Fact {
}
