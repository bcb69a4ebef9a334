package io.preflight.rules.knowledge;

/**
 * A version-specific ordering requirement or prerequisite for a Mesos upgrade from {@code fromMinor} to
 * {@code toMinor} (e.g. {@code 0.11} to {@code 0.12}: agents before masters).
 *
 * @param ordering the note states a requirement an operator must act on (not just the generic
 *                 "masters, then agents")
 */
public record UpgradeOrderNote(String fromMinor, String toMinor, String procedure, String note, boolean ordering,
                               String source) {
    /** {@link Version#key()} of {@code toMinor.0}. */
    public long toKey() {
        return Version.keyOf(toMinor);
    }
}
