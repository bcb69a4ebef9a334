package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --waivers FILE} end to end with a fixed clock: the ntp-unsynced example is NO-GO without waivers and
 * GO with {@code examples/waivers/ntp-unsynced.yaml}, the waived findings still in the JSON report and marked; the
 * same file turns NO-GO by itself once its waivers expire; a bad file is one line and exit 2.
 */
class WaiversCommandTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final String NTP = EXAMPLES.resolve("bundles/ntp-unsynced").toString();
    static final String HEALTHY = EXAMPLES.resolve("bundles/healthy-2.0").toString();
    static final String WAIVERS = EXAMPLES.resolve("waivers/ntp-unsynced.yaml").toString();
    /** The day the example file was written: its 10.0.6.64 waiver is within 14 days of expiring. */
    static final Instant WRITTEN = Instant.parse("2026-11-22T12:00:00Z");

    static CliRun at(Instant now, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), Clock.fixed(now, ZoneOffset.UTC));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@code RULE SEVERITY SUBJECT [waived]} per finding, in report order. */
    static List<String> rows(JsonNode report) {
        List<String> rows = new ArrayList<>();
        for (JsonNode f : report.get("findings")) {
            rows.add(f.get("ruleId").asText() + " " + f.get("severity").asText() + " " + f.get("subject").asText()
                    + (f.get("waived").asBoolean() ? " waived" : ""));
        }
        return rows;
    }

    static JsonNode finding(JsonNode report, String ruleId, String subject) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(ruleId) && f.get("subject").asText().equals(subject)) return f;
        }
        throw new AssertionError("no finding " + ruleId + " " + subject + " in " + rows(report));
    }

    static final List<String> DCOS_INFO = List.of("MESOS-FLAG-DCOS-SET INFO MESOS_DOCKER_STOP_TIMEOUT",
            "MESOS-FLAG-DCOS-SET INFO MESOS_MAX_SLAVE_PING_TIMEOUTS", "MESOS-FLAG-DCOS-SET INFO MESOS_REGISTRY_STRICT");

    static List<String> plus(List<String> head, List<String> tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(tail);
        return all;
    }

    @Test
    void theExampleWaiversTurnTheNtpExampleFromNoGoToGoAndKeepTheFindingsMarked() throws Exception {
        CliRun without = at(WRITTEN, "check", "--bundle", NTP, "--format", "json");
        assertEquals(1, without.exit(), without.err());
        JsonNode before = new ObjectMapper().readTree(without.out());
        assertEquals("NO_GO", before.get("verdict").asText());
        assertEquals(plus(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64",
                "MESOS-UPGRADE-ORDER WARNING 2.0.6 -> 2.2.1"), DCOS_INFO), rows(before));

        CliRun with = at(WRITTEN, "check", "--bundle", NTP, "--waivers", WAIVERS, "--format", "json");
        assertEquals("", with.err());
        assertEquals(0, with.exit());
        JsonNode report = new ObjectMapper().readTree(with.out());
        assertEquals("GO", report.get("verdict").asText());
        assertEquals(plus(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242 waived",
                "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64 waived", "MESOS-UPGRADE-ORDER WARNING 2.0.6 -> 2.2.1 waived"),
                plus(DCOS_INFO, List.of("WAIVER-EXPIRING INFO NODE-NTP-UNSYNCED 10.0.6.64"))), rows(report));

        JsonNode chrony = finding(report, "NODE-NTP-UNSYNCED", "10.0.2.242");
        assertEquals("clock not synchronized (chrony: Leap status: Not synchronized)", chrony.get("message").asText());
        assertEquals(new ObjectMapper().readTree("""
                {"rule": "NODE-NTP-UNSYNCED", "subject": "10.0.2.242", "owner": "sre-oncall@example.com",
                 "reason": "chrony on this private agent lost its upstream when the NTP appliance was replaced; the agent is drained and stays cordoned until the new appliance is in service (CHG-4711)",
                 "expires": "2027-01-01T00:00:00Z", "expiringSoon": false}"""), chrony.get("waiver"));
        assertEquals(new ObjectMapper().readTree("""
                {"rule": "NODE-NTP-UNSYNCED", "subject": "10.0.6.64", "owner": "edge-team@example.com",
                 "reason": "public agent is decommissioned in this maintenance window; its replacement is built with chrony (INC-2093)",
                 "expires": "2026-12-01T17:00:00Z", "expiringSoon": true}"""),
                finding(report, "NODE-NTP-UNSYNCED", "10.0.6.64").get("waiver"));
        assertEquals("2.0.6 -> *", finding(report, "MESOS-UPGRADE-ORDER", "2.0.6 -> 2.2.1").at("/waiver/subject").asText());

        JsonNode expiring = finding(report, "WAIVER-EXPIRING", "NODE-NTP-UNSYNCED 10.0.6.64");
        assertEquals("waiver by edge-team@example.com expires 2026-12-01T17:00:00Z, in 9 days; it covers 1 finding"
                + " (reason: public agent is decommissioned in this maintenance window; its replacement is built with"
                + " chrony (INC-2093))", expiring.get("message").asText());
        assertEquals(WAIVERS + ":20", expiring.at("/evidence/waiver").asText());
        assertEquals("A waiver expires within 14 days", expiring.get("title").asText());
        assertEquals("waivers from " + WAIVERS + ": 3 entries, 3 findings waived (shown, not counted toward the"
                + " verdict)", report.get("notes").get(2).asText());
        assertEquals("2026-11-22T12:00:00Z", report.get("generatedAt").asText());
        List<String> waiverRules = new ArrayList<>();
        for (JsonNode r : report.get("rules")) if (r.get("pack").asText().equals("waivers")) waiverRules.add(r.get("id").asText());
        assertEquals(List.of("WAIVER-EXPIRED", "WAIVER-EXPIRING", "WAIVER-STALE", "WAIVER-UNKNOWN-RULE"), waiverRules);

        // the warning is waived too, so even a --fail-on warning gate passes
        assertEquals(0, at(WRITTEN, "check", "--bundle", NTP, "--waivers", WAIVERS, "--fail-on", "warning", "--quiet").exit());
    }

    @Test
    void theSameFileTurnsNoGoByItselfAsItsWaiversExpire() throws Exception {
        // the last second of 2026-12-31 in UTC: the 10.0.6.64 waiver has expired, the 2026-12-31 ones still hold
        CliRun lastSecond = at(Instant.parse("2026-12-31T23:59:59Z"), "check", "--bundle", NTP, "--waivers", WAIVERS,
                "--format", "json");
        assertEquals(1, lastSecond.exit(), lastSecond.err());
        JsonNode r1 = new ObjectMapper().readTree(lastSecond.out());
        assertEquals(plus(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242 waived", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64",
                "MESOS-UPGRADE-ORDER WARNING 2.0.6 -> 2.2.1 waived", "WAIVER-EXPIRED WARNING NODE-NTP-UNSYNCED 10.0.6.64"),
                plus(DCOS_INFO, List.of("WAIVER-EXPIRING INFO MESOS-UPGRADE-ORDER 2.0.6 -> *",
                        "WAIVER-EXPIRING INFO NODE-NTP-UNSYNCED 10.0.2.242"))), rows(r1));
        assertEquals("waiver by edge-team@example.com expired 2026-12-01T17:00:00Z; the finding it matches counts"
                + " toward the verdict again (reason: public agent is decommissioned in this maintenance window; its"
                + " replacement is built with chrony (INC-2093))",
                finding(r1, "WAIVER-EXPIRED", "NODE-NTP-UNSYNCED 10.0.6.64").get("message").asText());

        // the first second of 2027: nothing applies any more
        CliRun next = at(Instant.parse("2027-01-01T00:00:00Z"), "check", "--bundle", NTP, "--waivers", WAIVERS,
                "--format", "json");
        assertEquals(1, next.exit(), next.err());
        JsonNode r2 = new ObjectMapper().readTree(next.out());
        assertEquals(plus(List.of("NODE-NTP-UNSYNCED BLOCKER 10.0.2.242", "NODE-NTP-UNSYNCED BLOCKER 10.0.6.64",
                "MESOS-UPGRADE-ORDER WARNING 2.0.6 -> 2.2.1", "WAIVER-EXPIRED WARNING MESOS-UPGRADE-ORDER 2.0.6 -> *",
                "WAIVER-EXPIRED WARNING NODE-NTP-UNSYNCED 10.0.2.242", "WAIVER-EXPIRED WARNING NODE-NTP-UNSYNCED 10.0.6.64"),
                DCOS_INFO), rows(r2));
        assertEquals("waivers from " + WAIVERS + ": 3 entries, 0 findings waived (shown, not counted toward the"
                + " verdict)", r2.get("notes").get(2).asText());
    }

    @Test
    void waiversForFindingsThatAreGoneAreStaleAndFailAWarningGate() throws Exception {
        CliRun blocker = at(WRITTEN, "check", "--bundle", HEALTHY, "--waivers", WAIVERS, "--format", "json");
        assertEquals(0, blocker.exit(), blocker.err());
        JsonNode report = new ObjectMapper().readTree(blocker.out());
        assertEquals(plus(List.of("MESOS-UPGRADE-ORDER WARNING 2.0.6 -> 2.2.1 waived",
                "WAIVER-STALE WARNING NODE-NTP-UNSYNCED 10.0.2.242", "WAIVER-STALE WARNING NODE-NTP-UNSYNCED 10.0.6.64"),
                DCOS_INFO), rows(report));
        assertEquals("waiver by sre-oncall@example.com matches no finding of NODE-NTP-UNSYNCED (subject"
                + " '10.0.2.242'): the finding may be fixed (reason: chrony on this private agent lost its upstream when"
                + " the NTP appliance was replaced; the agent is drained and stays cordoned until the new appliance is"
                + " in service (CHG-4711))", finding(report, "WAIVER-STALE", "NODE-NTP-UNSYNCED 10.0.2.242")
                .get("message").asText());
        CliRun warning = at(WRITTEN, "check", "--bundle", HEALTHY, "--waivers", WAIVERS, "--fail-on", "warning",
                "--quiet");
        assertEquals(1, warning.exit(), warning.err());
        assertEquals("", warning.out());
    }

    @Test
    void aBadWaiverFileIsOneLineWithFileAndLineAndExitTwo(@TempDir Path tmp) throws Exception {
        Path bad = Files.writeString(tmp.resolve("waivers.yaml"), """
                waivers:
                  - rule: NODE-NTP-UNSYNCED
                    subject: 10.0.2.242
                    owner: sre
                    reason: CHG-1
                    expires: 2026-12-01T18:00:00
                """);
        CliRun run = at(WRITTEN, "check", "--bundle", NTP, "--waivers", bad.toString());
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertEquals("preflight: " + bad + ":6: expires '2026-12-01T18:00:00' has no time zone: add Z or an offset"
                + " such as +01:00 (a plain date means through the end of that day, UTC)\n", run.err().replace("\r\n", "\n"));

        // read before the facts: a bad waiver file is reported even when the bundle is missing too
        CliRun first = at(WRITTEN, "check", "--bundle", tmp.resolve("no-bundle").toString(), "--waivers", bad.toString());
        assertEquals(2, first.exit());
        assertEquals("preflight: " + bad + ":6: expires '2026-12-01T18:00:00' has no time zone: add Z or an offset"
                + " such as +01:00 (a plain date means through the end of that day, UTC)\n", first.err().replace("\r\n", "\n"));

        CliRun missing = at(WRITTEN, "check", "--bundle", NTP, "--waivers", tmp.resolve("nope.yaml").toString());
        assertEquals(2, missing.exit());
        assertEquals("preflight: " + tmp.resolve("nope.yaml") + ": no such file\n", missing.err().replace("\r\n", "\n"));
    }

    @Test
    void rulesExplainKnowsTheWaiverChecks() {
        CliRun run = CliRun.of("rules", "explain", "WAIVER-EXPIRED");
        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("WAIVER-EXPIRED  [WARNING]  A waiver has expired", "",
                "pack:        waivers (a report-level check on the --waivers file, not a DRL rule; it cannot be waived)",
                "source:      io.preflight.reports.waiver.Waivers (docs/waivers.md)",
                "reads:       the --waivers file and the check's findings",
                "reference:   docs/waivers.md: Expiry",
                "remediation: Fix what the waiver covered, or have its owner review it and renew it with a new expiry;"
                        + " remove the entry once the finding is fixed."), run.out().lines().toList());
        CliRun stale = CliRun.of("rules", "explain", "waiver-stale");
        assertEquals(0, stale.exit(), stale.err());
        assertEquals("WAIVER-STALE  [WARNING]  A waiver matches no finding", stale.out().lines().findFirst().orElseThrow());
        CliRun unknown = CliRun.of("rules", "explain", "WAIVER-NOPE");
        assertEquals(2, unknown.exit());
        assertEquals("preflight: no rule with id 'WAIVER-NOPE' (see: preflight rules list)\n",
                unknown.err().replace("\r\n", "\n"));
    }
}
