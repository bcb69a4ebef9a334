package io.preflight.facts;

/**
 * How the operator intends to run the upgrade (from the plan file or the environment the probe saw).
 *
 * @param skipChecks the upgrade is set to skip DC/OS preflight checks ({@code SKIP_CHECKS=true} / {@code --skip-checks})
 * @param origin     where that was seen
 */
public record UpgradeOptions(String subject, String source, boolean skipChecks, String origin) implements Fact {
}
