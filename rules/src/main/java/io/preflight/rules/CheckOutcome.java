package io.preflight.rules;

import io.preflight.rules.plan.Hop;
import java.util.List;

/**
 * The judgement of one cluster: the versions judged, the qualified path, and every finding (sorted: severity,
 * rule id, subject). Immutable.
 *
 * @param current      the version the cluster runs (null when unknown)
 * @param target       the target judged
 * @param targetOrigin {@code --target} or {@code next qualified hop}
 * @param path         the qualified hops from current to target (empty when none exists)
 * @param raw          the findings as the rules reported them, before merging (for the rule-case runner)
 * @param rules        every rule id that was evaluated (the primary rules of the shipped and site engines), in
 *                     engine order
 */
public record CheckOutcome(String current, String target, String targetOrigin, List<Hop> path,
                           List<Finding> findings, List<Finding> raw, List<RuleMeta> rules) {
    public CheckOutcome {
        path = List.copyOf(path);
        findings = List.copyOf(findings);
        raw = List.copyOf(raw);
        rules = List.copyOf(rules);
    }

    /** The versions along the path, current first; just {@code [current, target]} when no path exists. */
    public List<String> pathVersions() {
        if (path.isEmpty()) {
            return current == null ? List.of() : current.equals(target) || target == null ? List.of(current)
                    : List.of(current, target);
        }
        List<String> v = new java.util.ArrayList<>();
        v.add(path.get(0).from());
        for (Hop h : path) v.add(h.to());
        return List.copyOf(v);
    }
}
