package io.preflight.rules;

import io.preflight.rules.model.Thresholds;

/**
 * What to judge.
 *
 * @param current            overrides the version read from the masters (null: read it from the facts)
 * @param target             the target DC/OS version (null: the next qualified hop from current)
 * @param targetConfigGiven  an explicit target config.yaml is among the facts
 * @param thresholds         the numbers rules compare against (null: the catalog's defaults)
 * @param requireVersion     report COLLECT-UNVERIFIED when the current version cannot be determined
 *                           (false only for rule test cases that do not exercise the upgrade context)
 * @param policy             disabled rules and severity overrides of the site configuration (null: none)
 */
public record CheckOptions(String current, String target, boolean targetConfigGiven, Thresholds thresholds,
                           boolean requireVersion, RulePolicy policy) {
    public CheckOptions {
        thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
        policy = policy == null ? RulePolicy.none() : policy;
    }

    /** Without a site policy: every rule enabled at its declared severity. */
    public CheckOptions(String current, String target, boolean targetConfigGiven, Thresholds thresholds,
                        boolean requireVersion) {
        this(current, target, targetConfigGiven, thresholds, requireVersion, RulePolicy.none());
    }

    public static CheckOptions target(String target) {
        return new CheckOptions(null, target, false, Thresholds.defaults(), true);
    }
}
