package io.preflight.rules.knowledge;

/**
 * A change to a Mesos flag in a Mesos release (from the upgrade notes).
 *
 * @param mesosVersion the release that made the change, e.g. {@code 1.11.0}
 * @param component    {@code master}, {@code agent} or {@code both}
 * @param change       {@code REMOVED}, {@code DEPRECATED} or {@code RENAMED}
 * @param flag         the flag name affected (the old name for a rename)
 * @param value        non-null when only this value of the flag changed (e.g. {@code isolation=cgroups/cpu})
 * @param replacement  what to use instead (the new name for a rename), may be null
 */
public record MesosFlagChange(String mesosVersion, String component, String change, String flag, String value,
                              String replacement, String note, String source) {
    public long versionKey() {
        return Version.keyOf(mesosVersion);
    }

    /** True when this change concerns the given component ({@code master}/{@code agent}). */
    public boolean appliesTo(String c) {
        return "both".equals(component) || component.equals(c);
    }
}
