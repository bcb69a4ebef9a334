package io.preflight.reports.waiver;

import io.preflight.reports.ReportFinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The waivers of one waiver file, in file order, and how they apply to a check's findings. Immutable and
 * thread-safe.
 *
 * <p>Application ({@link #apply}), at one instant {@code now}:
 * <ul>
 *   <li>a finding is waived by the first entry, in file order, that matches its rule id and subject and has not
 *       expired; it stays in the report, marked with the waiver, and no longer counts toward the verdict;</li>
 *   <li>each entry then yields at most one report-level finding, the first that holds of: expired
 *       ({@code WAIVER-EXPIRED}), matches no finding and names a rule that was not evaluated
 *       ({@code WAIVER-UNKNOWN-RULE}), matches no finding ({@code WAIVER-STALE}), expires within 14 days
 *       ({@code WAIVER-EXPIRING}).</li>
 * </ul>
 *
 * @param source the file the waivers were read from; null for {@link #NONE} (no {@code --waivers})
 */
public record Waivers(String source, List<Waiver> entries) {
    /** No waiver file given: nothing is waived and no waiver check runs. */
    public static final Waivers NONE = new Waivers(null, List.of());

    public Waivers {
        entries = List.copyOf(entries);
    }

    /** True when a waiver file was given (even an empty one): the waiver checks ran. */
    public boolean given() {
        return source != null;
    }

    /**
     * The findings with waivers applied, and the report-level findings about the waivers.
     *
     * @param findings       the check's findings, none waived yet
     * @param evaluatedRules the ids of every rule evaluated in this check (to tell an unknown rule id)
     */
    public Applied apply(List<ReportFinding> findings, Set<String> evaluatedRules, Instant now) {
        int[] matches = new int[entries.size()];
        List<ReportFinding> out = new ArrayList<>(findings.size());
        int waived = 0;
        for (ReportFinding f : findings) {
            Waiver chosen = null;
            for (int i = 0; i < entries.size(); i++) {
                Waiver w = entries.get(i);
                if (!w.matches(f.ruleId(), f.subject())) continue;
                matches[i]++;
                if (chosen == null && !w.expiredAt(now)) chosen = w;
            }
            if (chosen != null) waived++;
            out.add(chosen == null ? f : f.withWaiver(chosen.applied(now)));
        }
        List<ReportFinding> notices = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ReportFinding n = notice(entries.get(i), matches[i], evaluatedRules, now);
            if (n != null) notices.add(n);
        }
        return new Applied(out, notices, waived);
    }

    private static ReportFinding notice(Waiver w, int matches, Set<String> evaluatedRules, Instant now) {
        String by = "waiver by " + w.owner();
        String reason = " (reason: " + w.reason() + ")";
        if (w.expiredAt(now)) {
            String effect = matches == 0 ? "it matches no finding"
                    : matches == 1 ? "the finding it matches counts toward the verdict again"
                    : "the " + matches + " findings it matches count toward the verdict again";
            return WaiverCheck.EXPIRED.finding(w, by + " expired " + w.expiresAt() + "; " + effect + reason,
                    evidence(w, matches));
        }
        if (matches == 0 && !evaluatedRules.contains(w.rule())) {
            return WaiverCheck.UNKNOWN_RULE.finding(w, by + " names " + w.rule() + ", which no rule evaluated in"
                    + " this check has: a typo, a retired rule, a site pack not loaded with --rules, or a rule the site"
                    + " configuration disabled" + reason, evidence(w, matches));
        }
        if (matches == 0) {
            return WaiverCheck.STALE.finding(w, by + " matches no finding of " + w.rule() + " (subject '"
                    + w.subject().text() + "'): the finding may be fixed" + reason, evidence(w, matches));
        }
        if (w.expiringSoonAt(now)) {
            return WaiverCheck.EXPIRING.finding(w, by + " expires " + w.expiresAt() + ", " + in(now, w.expiresAt())
                    + "; it covers " + matches + (matches == 1 ? " finding" : " findings") + reason,
                    evidence(w, matches));
        }
        return null;
    }

    /** {@code in 3 days}, {@code in 1 day}, {@code in less than a day}. */
    static String in(Instant now, Instant then) {
        long days = Duration.between(now, then).toDays();
        return days == 0 ? "in less than a day" : "in " + days + (days == 1 ? " day" : " days");
    }

    private static Map<String, Object> evidence(Waiver w, int matches) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("waiver", w.origin());
        m.put("owner", w.owner());
        m.put("expires", w.expiresAt().toString());
        m.put("matches", matches);
        return Collections.unmodifiableMap(m);
    }

    /**
     * @param findings the check's findings, the waived ones marked, in the order given
     * @param notices  the report-level findings about the waivers, in file order
     * @param waived   how many findings a waiver covers
     */
    public record Applied(List<ReportFinding> findings, List<ReportFinding> notices, int waived) {
        public Applied {
            findings = List.copyOf(findings);
            notices = List.copyOf(notices);
        }
    }
}
