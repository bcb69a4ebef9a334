package io.preflight.reports.history;

import java.util.List;
import java.util.Map;

/**
 * What {@link HistoryStore#prune} deleted (or, on a dry run, would delete).
 *
 * @param deleted every cluster it looked at, sorted by name, with the ids of its deleted scans in ascending order
 *                (an empty list when none)
 * @param dryRun  true when nothing was deleted
 */
public record PruneResult(Map<String, List<Long>> deleted, boolean dryRun) {
    public PruneResult {
        deleted = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(deleted));
    }

    /** Scans deleted in all clusters. */
    public int total() {
        return deleted.values().stream().mapToInt(List::size).sum();
    }
}
