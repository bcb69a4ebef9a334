package io.preflight.reports.waiver;

import io.preflight.reports.AppliedWaiver;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * One waiver entry: the operator accepts, in writing, the finding of {@code rule} on the subjects {@code subject}
 * matches, until {@code expiresAt}. Immutable.
 *
 * <p>The time-zone rule (docs/waivers.md): {@code expires} is ISO-8601, either a plain date or a date-time with an
 * explicit offset. A plain date {@code 2026-12-01} means the waiver holds through the end of that day in UTC: it
 * stops at {@code 2026-12-02T00:00:00Z}. A date-time {@code 2026-12-01T18:00:00+01:00} (or {@code ...Z}) stops at that
 * instant. A date-time without an offset is refused: its instant would depend on the time zone of whichever machine
 * runs the gate. A waiver applies while {@code now < expiresAt}.
 *
 * @param rule      the rule id, exact
 * @param subject   the subject, exact or a glob
 * @param expiresAt the instant the waiver stops applying (exclusive)
 * @param origin    where the entry is written, {@code file:line}
 */
public record Waiver(String rule, SubjectGlob subject, String owner, String reason, Instant expiresAt,
                     String origin) {
    /** A waiver expiring within this window still applies, but is flagged. */
    public static final Duration EXPIRING_WINDOW = Duration.ofDays(14);

    public Waiver {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** True when this waiver covers the finding {@code (ruleId, findingSubject)}, expired or not. */
    public boolean matches(String ruleId, String findingSubject) {
        return rule.equals(ruleId) && subject.matches(findingSubject);
    }

    /** True once {@code now} has reached the expiry instant. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** True while it still applies but expires within {@link #EXPIRING_WINDOW} of {@code now} (edge included). */
    public boolean expiringSoonAt(Instant now) {
        return !expiredAt(now) && !expiresAt.isAfter(now.plus(EXPIRING_WINDOW));
    }

    /** The waiver as a report shows it on the findings it covers. */
    public AppliedWaiver applied(Instant now) {
        return new AppliedWaiver(rule, subject.text(), owner, reason, expiresAt.toString(), expiringSoonAt(now));
    }

    /** {@code RULE SUBJECT}: how the report-level waiver findings name this waiver. */
    public String label() {
        return rule + " " + subject.text();
    }

    /**
     * Parses {@code expires} by the time-zone rule above.
     *
     * @throws IllegalArgumentException with a one-line message when it is not a date or a date-time with an offset
     */
    public static Instant expiresAt(String expires) {
        String s = expires.strip();
        try {
            return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException notADate) {
            // next form
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException notOffset) {
            // next form
        }
        try {
            LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            throw new IllegalArgumentException("expires '" + expires + "' has no time zone: add Z or an offset such"
                    + " as +01:00 (a plain date means through the end of that day, UTC)");
        } catch (DateTimeParseException notLocal) {
            throw new IllegalArgumentException("expires '" + expires + "' is not an ISO-8601 date (2026-12-01) or"
                    + " date-time with an offset (2026-12-01T18:00:00Z, 2026-12-01T18:00:00+01:00)");
        }
    }
}
