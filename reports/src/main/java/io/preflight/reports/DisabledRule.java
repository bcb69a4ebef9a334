package io.preflight.reports;

/** A rule the site configuration disabled: shown in every report as disabled, never silently absent. */
public record DisabledRule(String id, String reason) {
}
