package io.preflight.facts.parse;

import static io.preflight.facts.parse.Fixtures.all;
import static io.preflight.facts.parse.Fixtures.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import io.preflight.facts.TimeSync;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every chrony / ntpstat / ntpq / timedatectl fixture, plus adjtimex and the choice between tools. */
class TimeSyncParserTest {
    private static final String NF = "node-facts/";
    private static final double EPS = 1e-9;

    private static TimeSync sync(Fixtures.Probe probe) throws Exception {
        return one(probe.parse(Role.AGENT), TimeSync.class);
    }

    private static TimeSync sync(String header, String fixture) throws Exception {
        return sync(new Fixtures.Probe("h").fixture(header, NF + fixture));
    }

    private static CollectionProblem timeProblem(Fixtures.Probe probe) throws Exception {
        List<Fact> facts = probe.parse(Role.AGENT);
        assertTrue(all(facts, TimeSync.class).isEmpty());
        return all(facts, CollectionProblem.class).stream().filter(p -> p.what().equals("time-sync")).findFirst()
                .orElseThrow();
    }

    @Test
    void chronyLeapNormal() throws Exception {
        TimeSync t = sync("chronyc-tracking rc=0", "chronyc-tracking_leap-normal_pingcap-docs.txt");
        assertTrue(t.synced());
        assertEquals("chrony", t.tool());
        assertEquals(-0.022151, t.offsetMs(), EPS, "0.000022151 seconds slow = 0.022 ms behind");
        assertEquals(6.783448, t.maxErrorMs(), EPS, "root delay / 2 + root dispersion");
    }

    @Test
    void chronyNotSynchronized() throws Exception {
        TimeSync t = sync("chronyc-tracking rc=0", "chronyc-tracking_leap-not-synchronized_telegraf-v1.26.0-test.txt");
        assertFalse(t.synced());
        assertEquals(0.020390, t.offsetMs(), EPS, "fast = ahead = positive");
        assertEquals("Leap status: Not synchronized", t.detail());
        TimeSync fragment = sync("chronyc-tracking rc=0", "chronyc-tracking_fragment-not-synchronised_pingcap-docs.txt");
        assertFalse(fragment.synced());
        assertNull(fragment.offsetMs());
        assertNull(fragment.maxErrorMs());
    }

    @Test
    void chronyDaemonDown() throws Exception {
        TimeSync t = sync("chronyc-tracking rc=1", "chronyc-tracking_daemon-not-running_pingcap-docs.txt");
        assertFalse(t.synced());
        assertEquals("chrony", t.tool());
        assertEquals("chronyd is not running (506 Cannot talk to daemon)", t.detail());
    }

    @Test
    void chronyDownButNtpdSynchronizedMeansSynchronized() throws Exception {
        TimeSync t = sync(new Fixtures.Probe("h")
                .fixture("chronyc-tracking rc=1", NF + "chronyc-tracking_daemon-not-running_pingcap-docs.txt")
                .fixture("ntpstat rc=0", NF + "ntpstat_synchronised_pingcap-docs.txt"));
        assertTrue(t.synced());
        assertEquals("ntpstat", t.tool());
    }

    @Test
    void chronyNotInstalledFallsThroughToTheNextTool() throws Exception {
        TimeSync t = sync(new Fixtures.Probe("h")
                .section("chronyc-tracking rc=127", "bash: chronyc: command not found")
                .fixture("ntpstat rc=1", NF + "ntpstat_unsynchronised_pingcap-docs.txt"));
        assertFalse(t.synced());
        assertEquals("ntpstat", t.tool());
        assertEquals("unsynchronised", t.detail());
    }

    @Test
    void ntpstat() throws Exception {
        TimeSync ok = sync("ntpstat rc=0", "ntpstat_synchronised_pingcap-docs.txt");
        assertTrue(ok.synced());
        assertEquals(91.0, ok.maxErrorMs(), EPS);
        assertNull(ok.offsetMs());
        assertFalse(sync("ntpstat rc=1", "ntpstat_unsynchronised_pingcap-docs.txt").synced());
        TimeSync down = sync("ntpstat rc=2", "ntpstat_daemon-not-running_pingcap-docs.txt");
        assertFalse(down.synced());
        assertTrue(down.detail().startsWith("ntpd is not running"), down.detail());
    }

    @Test
    void ntpqSystemPeerGivesSyncAndOffset() throws Exception {
        TimeSync days = sync("ntpq-p rc=0", "ntpq-p_days_telegraf-testcase.txt");
        assertTrue(days.synced());
        assertEquals(-233.010, days.offsetMs(), EPS, "ntpq's offset is the peer's; the local clock is behind");
        assertEquals("system peer uschi5-ntp-002.", days.detail());
        TimeSync pps = sync("ntpq-p rc=0", "ntpq-p_issue_2386_telegraf-testcase.txt");
        assertTrue(pps.synced());
        assertEquals(-0.045, pps.offsetMs(), EPS);
        assertEquals("system peer SHM(0)", pps.detail());
    }

    @Test
    void ntpqFailedRunStillHasAPeerTable() throws Exception {
        String body = Fixtures.text(NF + "ntpq-p_failed_telegraf-testcase.txt")
                + Fixtures.text(NF + "ntpq-p_failed_telegraf-testcase.stderr.txt");
        TimeSync t = sync(new Fixtures.Probe("h").section("ntpq-p rc=1", body));
        assertTrue(t.synced());
        assertEquals(-233.010, t.offsetMs(), EPS);
    }

    @Test
    void ntpqWithoutSystemPeerIsUnsynchronized() throws Exception {
        TimeSync multi = sync("ntpq-p rc=0", "ntpq-p_multi_telegraf-testcase.txt");
        assertFalse(multi.synced());
        assertEquals("no system peer selected among 5 (no '*' in ntpq -p)", multi.detail());
        assertNull(multi.offsetMs());
        assertEquals("no system peer selected among 3 (no '*' in ntpq -p)",
                sync("ntpq-p rc=0", "ntpq-p_no_ref_id_telegraf-testcase.txt").detail());
        assertFalse(sync("ntpq-p rc=0", "ntpq-p_pool_when_minus_telegraf-testcase.txt").synced());
    }

    @Test
    void timedatectlBothFormats() throws Exception {
        TimeSync rhel7 = sync("timedatectl rc=0",
                "timedatectl_rhel7-systemd-219-format_NTP-synchronized_openshift-3.11-day-two-guide.txt");
        assertTrue(rhel7.synced());
        assertEquals("synchronized, NTP enabled: yes", rhel7.detail());
        TimeSync modern = sync("timedatectl rc=0", "timedatectl_systemd-239plus-format_systemd-man-page.txt");
        assertTrue(modern.synced());
        assertEquals("synchronized, NTP service: active", modern.detail());
        assertNull(modern.offsetMs());
    }

    @Test
    void timedatectlWithTimesyncStatusGivesOffsetAndRootDistance() throws Exception {
        String body = Fixtures.text(NF + "timedatectl_systemd-239plus-format_systemd-man-page.txt")
                + Fixtures.text(NF + "timedatectl-timesync-status_systemd-man-page.txt");
        TimeSync t = sync(new Fixtures.Probe("h").section("timedatectl rc=0", body));
        assertTrue(t.synced());
        assertEquals(-0.316, t.offsetMs(), EPS);
        assertEquals(0.335, t.maxErrorMs(), EPS);
    }

    @Test
    void timesyncStatusAloneCannotSayWhetherTheClockIsSynchronized() throws Exception {
        CollectionProblem p = timeProblem(new Fixtures.Probe("h")
                .fixture("timedatectl rc=0", NF + "timedatectl-timesync-status_systemd-man-page.txt"));
        assertEquals(CollectionProblem.Kind.PARSE_ERROR, p.kind());
        assertTrue(p.detail().contains("System clock synchronized"), p.detail());
    }

    @Test
    void adjtimexKernelState() throws Exception {
        String synced = "         mode: 0\n       offset: -312\n    frequency: -1015810\n     maxerror: 123456\n"
                + "     esterror: 1024\n       status: 8193\n";
        TimeSync ok = sync(new Fixtures.Probe("h").section("adjtimex rc=0", synced));
        assertTrue(ok.synced());
        assertEquals(123.456, ok.maxErrorMs(), EPS);
        assertEquals("kernel status 0x2001", ok.detail());
        TimeSync unsync = sync(new Fixtures.Probe("h")
                .section("adjtimex rc=0", synced.replace("status: 8193", "status: 65")));
        assertFalse(unsync.synced());
        assertEquals("kernel status 0x41 (STA_UNSYNC set)", unsync.detail());
    }

    @Test
    void noTimeToolAtAllIsMissing() throws Exception {
        CollectionProblem none = timeProblem(new Fixtures.Probe("h"));
        assertEquals(CollectionProblem.Kind.MISSING, none.kind());
        CollectionProblem notInstalled = timeProblem(new Fixtures.Probe("h")
                .section("chronyc-tracking rc=127", "sh: chronyc: command not found")
                .section("ntpstat rc=127", "sh: ntpstat: command not found"));
        assertEquals(CollectionProblem.Kind.MISSING, notInstalled.kind());
        assertTrue(notInstalled.detail().contains("installed"), notInstalled.detail());
    }
}
