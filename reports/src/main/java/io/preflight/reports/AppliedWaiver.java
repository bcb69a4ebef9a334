package io.preflight.reports;

/**
 * The waiver that covers a finding, as the report shows it.
 *
 * @param rule         the waiver entry's rule id
 * @param subject      the waiver entry's subject (exact or glob)
 * @param expires      ISO-8601 date-time the waiver stops applying
 * @param expiringSoon true when it expires within the warning window (14 days)
 */
public record AppliedWaiver(String rule, String subject, String owner, String reason, String expires,
                            boolean expiringSoon) {
    /** One line: owner, reason and expiry. */
    public String summary() {
        return "by " + owner + " until " + expires + (expiringSoon ? " (expires soon)" : "") + ": " + reason;
    }
}
