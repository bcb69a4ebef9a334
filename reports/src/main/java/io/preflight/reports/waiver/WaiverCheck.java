package io.preflight.reports.waiver;

import io.preflight.reports.EvaluatedRule;
import io.preflight.reports.ReportFinding;
import io.preflight.rules.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report-level checks on a waiver file, declared once here as rules declare their metadata in DRL. They are not
 * DRL rules (they judge the waiver file against the finished findings, not facts), so they are not in the rule
 * catalog; {@code preflight rules explain WAIVER-EXPIRED} finds them here. They cannot themselves be waived.
 */
public enum WaiverCheck {
    EXPIRED("WAIVER-EXPIRED", Severity.WARNING, "A waiver has expired",
            "Fix what the waiver covered, or have its owner review it and renew it with a new expiry; remove the"
                    + " entry once the finding is fixed.",
            "docs/waivers.md: Expiry"),
    EXPIRING("WAIVER-EXPIRING", Severity.INFO, "A waiver expires within 14 days",
            "Fix the finding before the waiver expires, or have its owner review and extend it.",
            "docs/waivers.md: Expiry"),
    STALE("WAIVER-STALE", Severity.WARNING, "A waiver matches no finding",
            "Remove the entry if the finding it covered is fixed; otherwise correct its subject (or glob).",
            "docs/waivers.md: Stale waivers"),
    UNKNOWN_RULE("WAIVER-UNKNOWN-RULE", Severity.WARNING, "A waiver names a rule that was not evaluated",
            "Correct the rule id (preflight rules list), load the site pack that defines it with --rules, or remove"
                    + " the entry.",
            "docs/waivers.md: Unknown rule ids");

    /** The pack name these checks report under in the evaluated rules (JUnit, SARIF). */
    public static final String PACK = "waivers";
    /** Waiver entries may not name these ids: a waiver cannot silence the checks on waivers. */
    public static final String PREFIX = "WAIVER-";

    private final String id;
    private final Severity severity;
    private final String title;
    private final String remediation;
    private final String reference;

    WaiverCheck(String id, Severity severity, String title, String remediation, String reference) {
        this.id = id;
        this.severity = severity;
        this.title = title;
        this.remediation = remediation;
        this.reference = reference;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public String remediation() {
        return remediation;
    }

    public String reference() {
        return reference;
    }

    /** The check with this id (case-insensitive), if any. */
    public static Optional<WaiverCheck> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id.toUpperCase(Locale.ROOT))).findFirst();
    }

    /** This check as an evaluated rule of the report. */
    public EvaluatedRule evaluated() {
        return new EvaluatedRule(id, severity, title, reference, PACK);
    }

    /** A finding of this check about one waiver (never itself waived). */
    ReportFinding finding(Waiver w, String message, Map<String, Object> evidence) {
        return new ReportFinding(id, severity, w.label(), title, message, remediation, reference, evidence, false,
                null);
    }
}
