package io.preflight.reports;

import java.util.List;

/**
 * One finished, immutable report: every renderer renders this and nothing else. Its JSON form is the contract of
 * PRODUCT.md ({@code schemaVersion} bumps on any incompatible change).
 *
 * @param failOn       the lowest severity that makes the verdict NO_GO
 * @param targetOrigin {@code --target} or {@code next qualified hop}
 * @param notes        statements about how the judgement was made (assumptions, inputs not supplied)
 * @param rules        every rule evaluated (fired or not)
 * @param disabled     rules the site configuration disabled, with the reason
 * @param trend        earlier scans of this cluster from the history store, oldest first (empty without history)
 */
public record Report(int schemaVersion, Verdict verdict, String cluster, String current, String target,
                     String targetOrigin, List<String> path, List<PathHop> hops, Coverage coverage,
                     ClusterInventory inventory, List<ReportFinding> findings, String failOn, String generatedAt,
                     String tool, List<String> notes, List<EvaluatedRule> rules, List<DisabledRule> disabled,
                     List<TrendPoint> trend) {
    public static final int SCHEMA_VERSION = 1;

    public Report {
        path = List.copyOf(path);
        hops = List.copyOf(hops);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        rules = List.copyOf(rules);
        disabled = List.copyOf(disabled);
        trend = List.copyOf(trend);
    }

    /** This report with the given trend points (from the scan history). */
    public Report withTrend(List<TrendPoint> points) {
        return new Report(schemaVersion, verdict, cluster, current, target, targetOrigin, path, hops, coverage,
                inventory, findings, failOn, generatedAt, tool, notes, rules, disabled, points);
    }

    /** This report with {@code more} notes after its own (e.g. how {@code --fail-on-new} judged the exit code). */
    public Report withNotes(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new Report(schemaVersion, verdict, cluster, current, target, targetOrigin, path, hops, coverage,
                inventory, findings, failOn, generatedAt, tool, all, rules, disabled, trend);
    }

    /** This report with the given disabled rules (from the site configuration). */
    public Report withDisabled(List<DisabledRule> rules) {
        return new Report(schemaVersion, verdict, cluster, current, target, targetOrigin, path, hops, coverage,
                inventory, findings, failOn, generatedAt, tool, notes, this.rules, rules, trend);
    }

    /** Nodes expected by the cluster versus nodes that reported facts. */
    public record Coverage(int nodesExpected, int nodesReported) {
    }
}
