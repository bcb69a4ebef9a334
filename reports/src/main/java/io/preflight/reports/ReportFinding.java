package io.preflight.reports;

import io.preflight.rules.Finding;
import io.preflight.rules.Severity;
import java.util.Map;

/**
 * A finding as reported: the rule's finding plus whether a waiver covers it (waived findings are shown but do not
 * count toward the verdict).
 *
 * @param waiver the waiver that applies, or null
 */
public record ReportFinding(String ruleId, Severity severity, String subject, String title, String message,
                            String remediation, String reference, Map<String, Object> evidence, boolean waived,
                            AppliedWaiver waiver) {
    public static ReportFinding of(Finding f) {
        return new ReportFinding(f.ruleId(), f.severity(), f.subject(), f.title(), f.message(), f.remediation(),
                f.reference(), f.evidence(), false, null);
    }

    /** This finding waived by {@code w}. */
    public ReportFinding withWaiver(AppliedWaiver w) {
        return new ReportFinding(ruleId, severity, subject, title, message, remediation, reference, evidence, true, w);
    }
}
