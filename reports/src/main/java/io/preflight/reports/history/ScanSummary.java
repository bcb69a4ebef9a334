package io.preflight.reports.history;

import java.time.Instant;

/**
 * One recorded scan, without its findings.
 *
 * @param id       assigned by the database (unique in the store, increasing in recording order)
 * @param time     when the scan ran (the report's {@code generatedAt})
 * @param blockers unwaived blocking findings; likewise {@code warnings} and {@code infos}
 */
public record ScanSummary(long id, String cluster, Instant time, String current, String target, String verdict,
                          String failOn, String tool, int blockers, int warnings, int infos) {
}
