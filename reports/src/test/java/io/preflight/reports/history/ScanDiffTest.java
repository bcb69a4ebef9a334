package io.preflight.reports.history;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.preflight.rules.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** New / resolved / still open by rule id and subject, and what {@code --fail-on-new} fails on: exact lists. */
class ScanDiffTest {
    static final ScanSummary A = summary(1);
    static final ScanSummary B = summary(2);

    static ScanSummary summary(long id) {
        return new ScanSummary(id, "c", Instant.EPOCH, "2.0.6", "2.2.1", "NO_GO", "BLOCKER", "t", 0, 0, 0);
    }

    static StoredFinding b(String rule, String subject) {
        return new StoredFinding(rule, subject, Severity.BLOCKER, false);
    }

    static StoredFinding w(String rule, String subject) {
        return new StoredFinding(rule, subject, Severity.WARNING, false);
    }

    static StoredFinding waived(StoredFinding f) {
        return new StoredFinding(f.ruleId(), f.subject(), f.severity(), true);
    }

    @Test
    void splitsByRuleAndSubject() {
        List<StoredFinding> before = List.of(b("NODE-NTP-UNSYNCED", "10.0.2.242"), b("NODE-NTP-UNSYNCED", "10.0.6.64"),
                w("MESOS-UPGRADE-ORDER", "2.0.6 -> 2.2.1"), w("PATH-EOS", "x"));
        List<StoredFinding> after = List.of(w("MESOS-UPGRADE-ORDER", "2.0.6 -> 2.2.1"),
                b("NODE-NTP-UNSYNCED", "10.0.6.64"), b("NODE-NTP-UNSYNCED", "10.0.0.231"), w("APP-PINNED", "/a"),
                b("APP-CONSTRAINT-INVALID", "/a"));
        ScanDiff d = ScanDiff.between(A, before, B, after);
        assertEquals(A, d.from());
        assertEquals(B, d.to());
        assertEquals(List.of(b("APP-CONSTRAINT-INVALID", "/a"), b("NODE-NTP-UNSYNCED", "10.0.0.231"),
                w("APP-PINNED", "/a")), d.newFindings());
        assertEquals(List.of(b("NODE-NTP-UNSYNCED", "10.0.2.242"), w("PATH-EOS", "x")), d.resolved());
        assertEquals(List.of(b("NODE-NTP-UNSYNCED", "10.0.6.64"), w("MESOS-UPGRADE-ORDER", "2.0.6 -> 2.2.1")),
                d.stillOpen());
    }

    @Test
    void stillOpenShowsTheLaterScansStateAndDuplicatesCountOnce() {
        List<StoredFinding> before = List.of(w("X-ONE", "n"), w("X-ONE", "n"));
        List<StoredFinding> after = List.of(waived(b("X-ONE", "n")), b("X-ONE", "n"));
        ScanDiff d = ScanDiff.between(A, before, B, after);
        assertEquals(List.of(), d.newFindings());
        assertEquals(List.of(), d.resolved());
        assertEquals(List.of(b("X-ONE", "n")), d.stillOpen());
    }

    @Test
    void identicalScansHaveNothingNewOrResolved() {
        List<StoredFinding> fs = List.of(b("X-ONE", "n"), w("X-TWO", "m"));
        ScanDiff d = ScanDiff.between(A, fs, B, fs);
        assertEquals(List.of(), d.newFindings());
        assertEquals(List.of(), d.resolved());
        assertEquals(List.of(b("X-ONE", "n"), w("X-TWO", "m")), d.stillOpen());
    }

    @Test
    void newBlockingIsWhatBlocksNowAndDidNotBlockBefore() {
        List<StoredFinding> before = List.of(b("KEPT", "n"), waived(b("WAIVER-EXPIRED", "n")), w("ESCALATED", "n"),
                b("FIXED", "n"));
        List<StoredFinding> now = List.of(b("KEPT", "n"), b("WAIVER-EXPIRED", "n"), b("ESCALATED", "n"),
                b("BRAND-NEW", "n"), waived(b("NEW-BUT-WAIVED", "n")), w("NEW-WARNING", "n"));
        assertEquals(List.of(b("BRAND-NEW", "n"), b("ESCALATED", "n"), b("WAIVER-EXPIRED", "n")),
                ScanDiff.newBlocking(before, now, Severity.BLOCKER));
        // at --fail-on warning the escalated finding blocked before too
        assertEquals(List.of(b("BRAND-NEW", "n"), b("WAIVER-EXPIRED", "n"), w("NEW-WARNING", "n")),
                ScanDiff.newBlocking(before, now, Severity.WARNING));
        assertEquals(List.of(), ScanDiff.newBlocking(now, now, Severity.BLOCKER));
        // no earlier scan: everything that blocks is new
        assertEquals(List.of(b("BRAND-NEW", "n"), b("ESCALATED", "n"), b("KEPT", "n"), b("WAIVER-EXPIRED", "n")),
                ScanDiff.newBlocking(List.of(), now, Severity.BLOCKER));
    }
}
