package io.preflight.rules.model;

/**
 * The direct step from current to target, judged against the qualified-path sources.
 *
 * @param kind        {@code SAME}, {@code PATCH}, {@code DOWNGRADE}, {@code NEXT_MINOR} or {@code SKIP_MINOR}
 * @param qualified   one qualified hop
 * @param qualifiedBy which source qualifies it (null when not qualified)
 * @param minorGap    target minor ordinal minus current minor ordinal
 * @param path        the qualified path as text ({@code 1.9.4 -> 1.9.9 -> 1.10.7}), or {@code none}
 */
public record HopAssessment(String from, String to, String kind, boolean qualified, String qualifiedBy,
                            int minorGap, String path) {
    public String subject() {
        return from + " -> " + to;
    }
}
