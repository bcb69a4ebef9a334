package io.preflight.rules;

import io.preflight.rules.model.Thresholds;

/**
 * What to judge.
 *
 * @param current            overrides the version read from the masters (null: read it from the facts)
 * @param target             the target DC/OS version (null: the next qualified hop from current)
 * @param targetConfigGiven  an explicit target config.yaml is among the facts
 * @param requireVersion     report COLLECT-UNVERIFIED when the current version cannot be determined
 *                           (false only for rule test cases that do not exercise the upgrade context)
 */
public record CheckOptions(String current, String target, boolean targetConfigGiven, Thresholds thresholds,
                           boolean requireVersion) {
    public CheckOptions {
        thresholds = thresholds == null ? Thresholds.defaults() : thresholds;
    }

    public static CheckOptions target(String target) {
        return new CheckOptions(null, target, false, Thresholds.defaults(), true);
    }
}
