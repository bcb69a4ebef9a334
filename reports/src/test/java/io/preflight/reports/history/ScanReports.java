package io.preflight.reports.history;

import io.preflight.reports.AppliedWaiver;
import io.preflight.reports.ClusterInventory;
import io.preflight.reports.Report;
import io.preflight.reports.ReportFinding;
import io.preflight.reports.Verdict;
import io.preflight.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reports to record in the history tests: a cluster, a time and findings written as {@code "RULE subject"}. */
final class ScanReports {
    private ScanReports() {
    }

    /** A finding; {@code spec} is {@code "RULE-ID subject"}; severity from the first letter of {@code sev}. */
    static ReportFinding finding(String spec, Severity severity, boolean waived) {
        int sp = spec.indexOf(' ');
        String rule = spec.substring(0, sp);
        String subject = spec.substring(sp + 1);
        return new ReportFinding(rule, severity, subject, rule + " title", "message about " + subject, "fix it",
                "ref", Map.of("subject", subject), waived,
                waived ? new AppliedWaiver(rule, subject, "ops@example.com", "accepted", "2099-01-01T00:00:00Z", false)
                        : null);
    }

    static ReportFinding blocker(String spec) {
        return finding(spec, Severity.BLOCKER, false);
    }

    static ReportFinding warning(String spec) {
        return finding(spec, Severity.WARNING, false);
    }

    static ReportFinding info(String spec) {
        return finding(spec, Severity.INFO, false);
    }

    static Report report(String cluster, String time, List<ReportFinding> findings) {
        boolean nogo = findings.stream().anyMatch(f -> !f.waived() && f.severity().atLeast(Severity.BLOCKER));
        return new Report(Report.SCHEMA_VERSION, nogo ? Verdict.NO_GO : Verdict.GO, cluster, "2.0.6", "2.2.1",
                "--target", List.of("2.0.6", "2.2.1"), List.of(), new Report.Coverage(8, 8),
                new ClusterInventory(Map.of(), Map.of(), Map.of(), Map.of(), null, Map.of(), Map.of(), 0, Map.of()),
                findings, "BLOCKER", time, "preflight test", List.of(), List.of(), List.of(), List.of());
    }

    /** A report with {@code n} blocking findings on distinct subjects. */
    static Report big(String cluster, String time, int n) {
        List<ReportFinding> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) fs.add(blocker("NODE-NTP-UNSYNCED 10.1." + (i / 250) + "." + (i % 250)));
        return report(cluster, time, fs);
    }
}
