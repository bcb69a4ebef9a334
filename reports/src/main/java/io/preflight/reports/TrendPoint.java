package io.preflight.reports;

/**
 * One earlier scan of the same cluster, from the scan history: the points of the HTML report's trend chart.
 *
 * @param time ISO-8601 instant of the scan (UTC)
 * @param blockers unwaived blocking findings; likewise {@code warnings} and {@code infos}
 */
public record TrendPoint(long scanId, String time, String verdict, int blockers, int warnings, int infos) {
}
