package io.preflight.reports.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which scans {@link HistoryStore#prune} deletes: outside the newest {@code keepLast} of their cluster, and/or
 * recorded strictly before {@code olderThan}. With both, a scan is deleted only when both select it. The newest scan
 * of a cluster (highest id) is never deleted, whatever the rule says.
 *
 * @param keepLast  keep the newest N scans of each cluster (by id, i.e. recording order); 0 when not given
 * @param olderThan delete scans whose {@code scanned_at} is strictly before this instant; null when not given
 */
public record Retention(int keepLast, Instant olderThan) {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([hdw])");

    public Retention {
        if (keepLast < 0) throw new IllegalArgumentException("keepLast must be 0 (not given) or more");
        if (keepLast == 0 && olderThan == null) {
            throw new IllegalArgumentException("a retention needs keepLast, olderThan or both");
        }
    }

    /** Whether the scan at {@code rank} (0 = newest of its cluster) recorded at {@code time} is to be deleted. */
    boolean deletes(int rank, Instant time) {
        if (rank == 0) return false;
        if (keepLast > 0 && rank < keepLast) return false;
        return olderThan == null || time.isBefore(olderThan);
    }

    /**
     * The cutoff instant of {@code --older-than}: an age ({@code 12h}, {@code 90d}, {@code 4w}: hours, days of 24 h,
     * weeks of 7 days, before {@code now}), a plain ISO-8601 date ({@code 2026-01-01}: the start of that day in UTC),
     * or an ISO-8601 date-time with its offset or {@code Z}. Throws {@link IllegalArgumentException} with a one-line
     * message otherwise.
     */
    public static Instant cutoff(String spec, Instant now) {
        String s = spec.strip();
        Matcher m = DURATION.matcher(s.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration age = switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(age);
        }
        try {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            // a date-time, then
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + spec + "' is neither an age (12h, 90d, 4w), a date (2026-01-01,"
                    + " the start of that day in UTC) nor a date-time with its offset (2026-01-01T06:00:00+01:00)");
        }
    }
}
