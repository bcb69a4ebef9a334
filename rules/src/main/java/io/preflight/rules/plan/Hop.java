package io.preflight.rules.plan;

/**
 * One step between two DC/OS releases.
 *
 * @param qualifiedBy the source that qualifies it, or null when it is not a qualified hop
 */
public record Hop(String from, String to, String qualifiedBy) {
    public boolean qualified() {
        return qualifiedBy != null;
    }
}
