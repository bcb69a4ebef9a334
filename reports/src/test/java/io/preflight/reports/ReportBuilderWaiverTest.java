package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.reports.waiver.WaiverFile;
import io.preflight.reports.waiver.Waivers;
import io.preflight.rules.CheckOutcome;
import io.preflight.rules.Finding;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Waivers applied while the report is built, at an injected instant: a waived finding stays and stops counting; an
 * expired waiver stops applying by itself and is reported; a soon-expiring one applies and is flagged; one that
 * matches nothing is stale; one naming a rule no pack has is reported as such.
 */
class ReportBuilderWaiverTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    static final List<RuleMeta> RULES = List.of(
            rule("NODE-NTP-UNSYNCED", Severity.BLOCKER), rule("COLLECT-UNVERIFIED", Severity.BLOCKER),
            rule("MASTER-MISSING", Severity.BLOCKER), rule("PATH-EOS", Severity.WARNING),
            rule("MESOS-FLAG-DCOS-SET", Severity.INFO));

    static final List<Finding> FINDINGS = List.of(
            finding("NODE-NTP-UNSYNCED", Severity.BLOCKER, "10.0.2.242"),
            finding("NODE-NTP-UNSYNCED", Severity.BLOCKER, "10.0.6.64"),
            finding("MESOS-FLAG-DCOS-SET", Severity.INFO, "MESOS_DOCKER_STOP_TIMEOUT"));

    static RuleMeta rule(String id, Severity s) {
        return new RuleMeta(id, id, id.toLowerCase(), s, "fix " + id, "ref " + id, null, "pack");
    }

    static Finding finding(String id, Severity s, String subject) {
        return new Finding(id, s, subject, "title " + id, "msg " + subject, "fix " + id, "ref " + id,
                Map.of("k", "v"), "pack/" + id);
    }

    static Report build(List<Finding> findings, Waivers waivers, Severity failOn, Instant now) {
        CheckOutcome outcome = new CheckOutcome("2.0.6", "2.2.1", "--target", List.of(), findings, findings, RULES);
        return ReportBuilder.build("c", List.of(), outcome, Map.of(), failOn, List.of(), "t", waivers, now);
    }

    static Waivers waivers(String yaml) throws Exception {
        return WaiverFile.parse("w.yaml", "waivers:\n" + yaml);
    }

    static String entry(String rule, String subject, String expires) {
        return "  - rule: " + rule + "\n    subject: '" + subject + "'\n    owner: sre@example.com\n"
                + "    reason: CHG-1\n    expires: '" + expires + "'\n";
    }

    /** {@code RULE SUBJECT waived} per finding, in report order. */
    static List<String> rows(Report r) {
        return r.findings().stream().map(f -> f.ruleId() + " " + f.severity() + " " + f.subject()
                + (f.waived() ? " waived" : "")).toList();
    }

    @Test
    void withoutWaiversNothingChanges() {
        Report r = build(FINDINGS, Waivers.NONE, Severity.BLOCKER, NOW);
        assertEquals(Verdict.NO_GO, r.verdict());
        assertEquals(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64",
                "MESOS-FLAG-DCOS-SET INFO MESOS_DOCKER_STOP_TIMEOUT"), rows(r));
        assertEquals(List.of(), r.notes());
        assertEquals(5, r.rules().size());
    }

    @Test
    void waivingEveryBlockerFlipsTheVerdictAndKeepsTheFindingsMarked() throws Exception {
        Waivers ws = waivers(entry("NODE-NTP-UNSYNCED", "10.0.2.242", "2026-12-31")
                + entry("NODE-NTP-UNSYNCED", "10.0.6.6?", "2027-01-15T00:00:00+01:00"));
        Report r = build(FINDINGS, ws, Severity.BLOCKER, NOW);
        assertEquals(Verdict.GO, r.verdict());
        assertEquals(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242 waived", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64 waived",
                "MESOS-FLAG-DCOS-SET INFO MESOS_DOCKER_STOP_TIMEOUT"), rows(r));
        assertEquals(new AppliedWaiver("NODE-NTP-UNSYNCED", "10.0.2.242", "sre@example.com", "CHG-1",
                "2027-01-01T00:00:00Z", false), r.findings().get(0).waiver());
        assertEquals(new AppliedWaiver("NODE-NTP-UNSYNCED", "10.0.6.6?", "sre@example.com", "CHG-1",
                "2027-01-14T23:00:00Z", false), r.findings().get(1).waiver());
        assertNull(r.findings().get(2).waiver());
        assertEquals(List.of("waivers from w.yaml: 2 entries, 2 findings waived (shown, not counted toward the"
                + " verdict)"), r.notes());
        assertEquals(List.of("NODE-NTP-UNSYNCED", "COLLECT-UNVERIFIED", "MASTER-MISSING", "PATH-EOS",
                "MESOS-FLAG-DCOS-SET", "WAIVER-EXPIRED", "WAIVER-EXPIRING", "WAIVER-STALE", "WAIVER-UNKNOWN-RULE"),
                r.rules().stream().map(EvaluatedRule::id).toList());
        assertEquals(new EvaluatedRule("WAIVER-STALE", Severity.WARNING, "A waiver matches no finding",
                "docs/waivers.md: Stale waivers", "waivers"), r.rules().get(7));
        assertEquals(Map.of(Severity.INFO, 1L), ReportBuilder.counts(r));
    }

    @Test
    void waivingOneOfTwoBlockersKeepsNoGo() throws Exception {
        Report r = build(FINDINGS, waivers(entry("NODE-NTP-UNSYNCED", "10.0.2.242", "2026-12-31")), Severity.BLOCKER,
                NOW);
        assertEquals(Verdict.NO_GO, r.verdict());
        assertEquals(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242 waived", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64",
                "MESOS-FLAG-DCOS-SET INFO MESOS_DOCKER_STOP_TIMEOUT"), rows(r));
    }

    @Test
    void anExpiredWaiverStopsApplyingAndIsAWarningNamingIt() throws Exception {
        Waivers ws = waivers(entry("NODE-NTP-UNSYNCED", "10.0.*", "2026-11-21"));
        Report r = build(FINDINGS, ws, Severity.BLOCKER, NOW);
        assertEquals(Verdict.NO_GO, r.verdict());
        assertEquals(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64",
                "WAIVER-EXPIRED WARNING NODE-NTP-UNSYNCED 10.0.*", "MESOS-FLAG-DCOS-SET INFO MESOS_DOCKER_STOP_TIMEOUT"),
                rows(r));
        ReportFinding expired = r.findings().get(2);
        assertEquals("waiver by sre@example.com expired 2026-11-22T00:00:00Z; the 2 findings it matches count toward"
                + " the verdict again (reason: CHG-1)", expired.message());
        assertEquals("A waiver has expired", expired.title());
        assertEquals("docs/waivers.md: Expiry", expired.reference());
        assertTrue(expired.remediation().startsWith("Fix what the waiver covered, or have its owner review it"),
                expired.remediation());
        assertEquals(Map.of("waiver", "w.yaml:2", "owner", "sre@example.com", "expires", "2026-11-22T00:00:00Z",
                "matches", 2), expired.evidence());
        assertEquals(List.of("waiver", "owner", "expires", "matches"), List.copyOf(expired.evidence().keySet()));
        assertFalse(expired.waived());
    }

    @Test
    void expiryAroundTheBoundaryFlipsTheVerdict() throws Exception {
        Waivers ws = waivers(entry("NODE-NTP-UNSYNCED", "*", "2026-11-22"));
        // yesterday and today (to the last second of the day, UTC) the waiver holds; from tomorrow it is expired
        assertEquals(Verdict.GO, build(FINDINGS, ws, Severity.BLOCKER, Instant.parse("2026-11-21T09:00:00Z")).verdict());
        assertEquals(Verdict.GO, build(FINDINGS, ws, Severity.BLOCKER, Instant.parse("2026-11-22T23:59:59Z")).verdict());
        Report tomorrow = build(FINDINGS, ws, Severity.BLOCKER, Instant.parse("2026-11-23T00:00:00Z"));
        assertEquals(Verdict.NO_GO, tomorrow.verdict());
        assertEquals(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64",
                "WAIVER-EXPIRED WARNING NODE-NTP-UNSYNCED *", "MESOS-FLAG-DCOS-SET INFO MESOS_DOCKER_STOP_TIMEOUT"),
                rows(tomorrow));
        // an offset in another zone: 23:30 in New York is 04:30 the next day in UTC
        Waivers ny = waivers(entry("NODE-NTP-UNSYNCED", "*", "2026-11-22T23:30:00-05:00"));
        assertEquals(Verdict.GO, build(FINDINGS, ny, Severity.BLOCKER, Instant.parse("2026-11-23T04:29:59Z")).verdict());
        assertEquals(Verdict.NO_GO, build(FINDINGS, ny, Severity.BLOCKER, Instant.parse("2026-11-23T04:30:00Z")).verdict());
    }

    @Test
    void aWaiverExpiringWithinFourteenDaysAppliesAndIsFlagged() throws Exception {
        Waivers ws = waivers(entry("NODE-NTP-UNSYNCED", "10.0.*", "2026-12-01T18:00:00+01:00"));
        Report r = build(FINDINGS, ws, Severity.BLOCKER, NOW);
        assertEquals(Verdict.GO, r.verdict());
        assertEquals(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242 waived", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64 waived",
                "MESOS-FLAG-DCOS-SET INFO MESOS_DOCKER_STOP_TIMEOUT",
                "WAIVER-EXPIRING INFO NODE-NTP-UNSYNCED 10.0.*"), rows(r));
        assertEquals(new AppliedWaiver("NODE-NTP-UNSYNCED", "10.0.*", "sre@example.com", "CHG-1",
                "2026-12-01T17:00:00Z", true), r.findings().get(0).waiver());
        assertEquals("waiver by sre@example.com expires 2026-12-01T17:00:00Z, in 9 days; it covers 2 findings"
                + " (reason: CHG-1)", r.findings().get(3).message());
        // fifteen days ahead it is not flagged, and no INFO is added
        Report early = build(FINDINGS, ws, Severity.BLOCKER, Instant.parse("2026-11-16T16:59:59Z"));
        assertFalse(early.findings().get(0).waiver().expiringSoon());
        assertEquals(3, early.findings().size());
    }

    @Test
    void aWaiverThatMatchesNothingIsStaleAndFailsOnlyAtWarning() throws Exception {
        Waivers ws = waivers(entry("MASTER-MISSING", "10.0.6.70", "2026-12-31"));
        Report r = build(FINDINGS, ws, Severity.BLOCKER, NOW);
        assertEquals(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64",
                "WAIVER-STALE WARNING MASTER-MISSING 10.0.6.70", "MESOS-FLAG-DCOS-SET INFO MESOS_DOCKER_STOP_TIMEOUT"),
                rows(r));
        assertEquals("waiver by sre@example.com matches no finding of MASTER-MISSING (subject '10.0.6.70'): the"
                + " finding may be fixed (reason: CHG-1)", r.findings().get(2).message());
        List<Finding> none = List.of(finding("MESOS-FLAG-DCOS-SET", Severity.INFO, "MESOS_REGISTRY_STRICT"));
        assertEquals(Verdict.GO, build(none, ws, Severity.BLOCKER, NOW).verdict());
        assertEquals(Verdict.NO_GO, build(none, ws, Severity.WARNING, NOW).verdict());
    }

    @Test
    void aWaiverForARuleNoPackHasIsReportedAsUnknownNotStale() throws Exception {
        Waivers ws = waivers(entry("NODE-NTP-UNSYNCD", "10.0.2.242", "2026-12-31"));
        Report r = build(FINDINGS, ws, Severity.BLOCKER, NOW);
        assertEquals("WAIVER-UNKNOWN-RULE WARNING NODE-NTP-UNSYNCD 10.0.2.242", rows(r).get(2));
        assertEquals("waiver by sre@example.com names NODE-NTP-UNSYNCD, which no rule evaluated in this check has: a"
                + " typo, a retired rule, a site pack not loaded with --rules, or a rule the site configuration"
                + " disabled (reason: CHG-1)", r.findings().get(2).message());
        assertEquals(4, r.findings().size());
    }

    @Test
    void theFirstUnexpiredMatchingEntryInFileOrderApplies() throws Exception {
        Waivers ws = waivers(entry("NODE-NTP-UNSYNCED", "10.0.2.242", "2026-11-01")
                + entry("NODE-NTP-UNSYNCED", "10.0.*", "2026-12-31")
                + entry("NODE-NTP-UNSYNCED", "10.0.6.64", "2027-06-30"));
        Report r = build(FINDINGS, ws, Severity.BLOCKER, NOW);
        assertEquals(Verdict.GO, r.verdict());
        assertEquals("10.0.*", r.findings().get(0).waiver().subject());
        assertEquals("10.0.*", r.findings().get(1).waiver().subject());
        // the expired exact entry is reported; the third entry matches a finding (taken by the glob), so not stale
        assertEquals(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242 waived", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64 waived",
                "WAIVER-EXPIRED WARNING NODE-NTP-UNSYNCED 10.0.2.242", "MESOS-FLAG-DCOS-SET INFO MESOS_DOCKER_STOP_TIMEOUT"),
                rows(r));
        assertEquals("waiver by sre@example.com expired 2026-11-02T00:00:00Z; the finding it matches counts toward"
                + " the verdict again (reason: CHG-1)", r.findings().get(2).message());
    }

    @Test
    void anUnreachableNodeMayBeWaivedAsAWhole() throws Exception {
        // COLLECT-UNVERIFIED for a node is one finding merged from every rule that lacked its facts
        List<Finding> fs = List.of(new Finding("COLLECT-UNVERIFIED", Severity.BLOCKER, "10.0.6.70", "t",
                "no os-release; no docker-version", "f", "r", Map.of("missing", List.of("os-release", "docker-version")),
                "collect/COLLECT-UNVERIFIED"), finding("MASTER-MISSING", Severity.BLOCKER, "10.0.6.70"));
        Waivers ws = waivers(entry("COLLECT-UNVERIFIED", "10.0.6.70", "2026-12-31"));
        Report r = build(fs, ws, Severity.BLOCKER, NOW);
        assertEquals(List.of("COLLECT-UNVERIFIED BLOCKER 10.0.6.70 waived", "MASTER-MISSING BLOCKER 10.0.6.70"),
                rows(r));
        assertEquals(Verdict.NO_GO, r.verdict());
        Waivers both = waivers(entry("COLLECT-UNVERIFIED", "10.0.6.70", "2026-12-31")
                + entry("MASTER-MISSING", "10.0.6.70", "2026-12-31"));
        assertEquals(Verdict.GO, build(fs, both, Severity.BLOCKER, NOW).verdict());
    }

    @Test
    void anEmptyWaiverFileRunsTheChecksAndSaysSo() throws Exception {
        Report r = build(FINDINGS, waivers("  []\n"), Severity.BLOCKER, NOW);
        assertEquals(Verdict.NO_GO, r.verdict());
        assertEquals(List.of("waivers from w.yaml: 0 entries, 0 findings waived (shown, not counted toward the"
                + " verdict)"), r.notes());
        assertEquals(9, r.rules().size());
    }
}
