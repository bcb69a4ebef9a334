package io.preflight.reports.history;

import io.preflight.reports.ReportFinding;
import io.preflight.rules.Severity;

/**
 * One finding of a recorded scan, as the history compares them: by rule id and subject.
 */
public record StoredFinding(String ruleId, String subject, Severity severity, boolean waived) {
    public static StoredFinding of(ReportFinding f) {
        return new StoredFinding(f.ruleId(), f.subject(), f.severity(), f.waived());
    }

    /** The identity of a finding across scans. */
    public Key key() {
        return new Key(ruleId, subject);
    }

    /** True when it counts toward a NO-GO at {@code failOn}: unwaived and at least that severe. */
    public boolean blocks(Severity failOn) {
        return !waived && severity.atLeast(failOn);
    }

    /** A finding's identity across scans: rule id and subject. */
    public record Key(String ruleId, String subject) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = ruleId.compareTo(o.ruleId);
            return c != 0 ? c : subject.compareTo(o.subject);
        }
    }
}
