package io.preflight.reports;

import java.util.List;

/**
 * One finished, immutable report: every renderer renders this and nothing else. Its JSON form is the contract of
 * PRODUCT.md ({@code schemaVersion} bumps on any incompatible change).
 *
 * @param failOn       the lowest severity that makes the verdict NO_GO
 * @param targetOrigin {@code --target} or {@code next qualified hop}
 * @param notes        statements about how the judgement was made (assumptions, inputs not supplied)
 */
public record Report(int schemaVersion, Verdict verdict, String cluster, String current, String target,
                     String targetOrigin, List<String> path, List<PathHop> hops, Coverage coverage,
                     ClusterInventory inventory, List<ReportFinding> findings, String failOn, String generatedAt,
                     String tool, List<String> notes) {
    public static final int SCHEMA_VERSION = 1;

    public Report {
        path = List.copyOf(path);
        hops = List.copyOf(hops);
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /** Nodes expected by the cluster versus nodes that reported facts. */
    public record Coverage(int nodesExpected, int nodesReported) {
    }
}
