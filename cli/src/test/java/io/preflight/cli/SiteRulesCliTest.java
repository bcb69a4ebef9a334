package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site rules toolkit through the real command line: {@code rules validate}, {@code rules test},
 * {@code rules explain/list} with site packs, and {@code check --rules/--config} on the example bundles.
 */
class SiteRulesCliTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final String ACME = EXAMPLES.resolve("site-rules/acme").toString();
    static final String HEALTHY = EXAMPLES.resolve("bundles/healthy-2.0").toString();
    static final Path FIXTURES = Path.of("..", "rules", "src", "test", "resources", "site-packs");

    @TempDir
    Path tmp;

    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    static Set<String> findings(JsonNode report) {
        Set<String> s = new TreeSet<>();
        for (JsonNode f : report.get("findings")) s.add(f.get("ruleId").asText() + " " + f.get("subject").asText());
        return s;
    }

    static JsonNode finding(JsonNode report, String id, String subject) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(id) && f.get("subject").asText().equals(subject)) return f;
        }
        throw new AssertionError("no finding " + id + " " + subject + " in " + findings(report));
    }

    Path config(String... lines) throws Exception {
        Path f = tmp.resolve("site.yaml");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }

    @Test
    void validateSaysOkInOneLineForTheExamplePack() {
        CliRun run = CliRun.of("rules", "validate", ACME);
        assertEquals(0, run.exit(), run.err());
        assertEquals("OK: 1 pack, 3 rules, 15 cases (acme: prefix ACME, 3 rules, 15 cases)\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void validateReportsEveryProblemOfEveryPackAsFileLineAndExitsTwo() {
        Path many = FIXTURES.resolve("many-problems");
        Path dup = FIXTURES.resolve("duplicate-id");
        CliRun run = CliRun.of("rules", "validate", many.toString(), dup.toString());
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals(List.of(
                "preflight: " + dup.resolve("b.drl") + ":5: rule id BAD-TWICE is defined twice (first at "
                        + dup.resolve("a.drl") + ":5)",
                "preflight: " + many.resolve("broken.drl") + ":9: syntax error: mismatched input 'then' in rule"
                        + " \"MANY-BROKEN\"",
                "preflight: " + many.resolve("checks.cases.yaml") + ":5: case 'fires on a full disk': facts[0]:"
                        + " DiskSpace: unknown field 'size' (fields: subject, source, mount, freeBytes, totalBytes)",
                "preflight: " + many.resolve("checks.drl") + ":6: rule MANY-DISK has no @remediation (every rule"
                        + " declares @title, @severity, @remediation and @reference)",
                "preflight: " + many.resolve("checks.drl") + ":7: rule \"MANY-DISK\": @severity(\"SEVERE\") is not"
                        + " BLOCKER, WARNING or INFO",
                "preflight: " + many.resolve("checks.drl") + ":12: 'System.err' is not allowed in rules: no I/O or"
                        + " System calls; report with out.report(...)",
                "preflight: " + many.resolve("checks.drl") + ":13: in the action of rule \"MANY-DISK\": The method"
                        + " free() is undefined for the type DiskSpace",
                "preflight: " + many.resolve("pack.yaml") + ":2: unknown key 'owner' (valid: prefix, description)"),
                lines);
    }

    @Test
    void validateChecksASiteConfigurationAndThePacksItLists() throws Exception {
        CliRun ok = CliRun.of("rules", "validate", "--config", EXAMPLES.resolve("site-rules/acme-site.yaml").toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().startsWith("OK: 1 pack, 3 rules, 15 cases (acme: prefix ACME"), ok.out());
        Path bad = config("rules: [" + Path.of(ACME).toAbsolutePath() + "]", "severity:", "  ACME-APP-OWNER: BLOCKER");
        CliRun run = CliRun.of("rules", "validate", "--config", bad.toString());
        assertEquals(2, run.exit());
        assertEquals("preflight: " + bad + ":3: severity: no rule ACME-APP-OWNER (did you mean"
                + " ACME-APP-OWNER-MISSING?); see preflight rules list\n", run.err());
        CliRun nothing = CliRun.of("rules", "validate");
        assertEquals(2, nothing.exit());
        assertEquals(1, nothing.err().lines().count(), nothing.err());
    }

    @Test
    void testRunsThePackCasesAndWritesJunitForCi() throws Exception {
        Path xml = tmp.resolve("out/rules.xml");
        CliRun run = CliRun.of("rules", "test", ACME, "--format", "text", "--format", "junit=" + xml);
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().endsWith("OK: 15 cases passed in 1 pack\n"), run.out());
        assertEquals(15, run.out().lines().filter(l -> l.startsWith("  PASS  ")).count());
        String junit = Files.readString(xml);
        assertTrue(junit.contains("<testsuite name=\"acme\" tests=\"15\" failures=\"0\""), junit);
    }

    @Test
    void aFailingCaseExitsOneWithItsDiff() throws Exception {
        Path pack = tmp.resolve("acme");
        Files.createDirectories(pack);
        try (Stream<Path> s = Files.list(Path.of(ACME))) {
            for (Path p : s.toList()) Files.copy(p, pack.resolve(p.getFileName()));
        }
        Path cases = pack.resolve("apps.cases.yaml");
        Files.writeString(cases, Files.readString(cases).replace(
                "expect: [{ id: ACME-APP-OWNER-MISSING, subject: /batch/report }]", "expect: []"));
        CliRun run = CliRun.of("rules", "test", pack.toString());
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.out().contains("  FAIL  ACME-APP-OWNER-MISSING: fires on an owner label that is blank\n"
                + "        at " + cases + ":11\n"
                + "        expected:   (nothing)\n"
                + "        actual:     ACME-APP-OWNER-MISSING /batch/report\n"
                + "        unexpected: ACME-APP-OWNER-MISSING /batch/report\n"), run.out());
        assertTrue(run.out().endsWith("FAIL: 1 of 1 pack failed; 1 of 15 cases failed\n"), run.out());
    }

    @Test
    void theShippedPacksGoThroughTheSameRunner() {
        CliRun run = CliRun.of("rules", "test", "--shipped");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().matches("(?s).*\nOK: \\d+ cases passed in 9 packs\n"), run.out());
        assertFalse(run.out().contains("FAIL"));
    }

    @Test
    void aPackThatDoesNotValidateIsNotTested() {
        CliRun run = CliRun.of("rules", "test", FIXTURES.resolve("declare").toString());
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("preflight: " + FIXTURES.resolve("declare").resolve("rules.drl")
                + ":5: 'declare' (type AgentTotal) is not allowed"), run.err());
    }

    @Test
    void explainShowsASiteRulesSourceLineReadsAndCases() {
        CliRun run = CliRun.of("rules", "explain", "ACME-KERNEL-TOO-OLD", "--rules", ACME);
        assertEquals(0, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.startsWith("ACME-KERNEL-TOO-OLD  [BLOCKER]  Node runs a kernel older than ACME's floor\n"),
                out);
        assertTrue(out.contains("source:      " + Path.of(ACME).resolve("kernel.drl") + ":34\n"), out);
        assertTrue(out.contains("reads:       OsRelease\n"), out);
        assertTrue(out.contains("cases (5):\n"), out);
        assertTrue(out.contains("  - quiet at exactly the floor (3.10.0-957.el7)   ("
                + Path.of(ACME).resolve("kernel.cases.yaml") + ":10)\n      facts:  OsRelease 10.0.1.5\n"
                + "      expect: nothing\n"), out);
        CliRun shipped = CliRun.of("rules", "explain", "NODE-ROLE-MISMATCH");
        assertTrue(shipped.out().contains("source:      packs/nodes/nodes.drl:89\n"
                + "also from:   \"NODE-ROLE-MISMATCH role differs from the cluster's view\" packs/nodes/nodes.drl:104\n"),
                shipped.out());
    }

    @Test
    void theExamplePackRunsInCheckAndItsFindingsCarryThePrefix() throws Exception {
        CliRun run = CliRun.of("check", "--bundle", HEALTHY, "--rules", ACME, "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode report = json(run.out());
        assertEquals("GO", report.get("verdict").asText());
        Set<String> acme = new TreeSet<>();
        for (String f : findings(report)) if (f.startsWith("ACME-")) acme.add(f);
        // the two example apps have HAPROXY labels but no owner; every node runs 3.10.0-1062 (above the floor);
        // no agent carries a rack attribute
        assertEquals(Set.of("ACME-APP-OWNER-MISSING /nginx-blue", "ACME-APP-OWNER-MISSING /nginx-green"), acme);
        JsonNode f = finding(report, "ACME-APP-OWNER-MISSING", "/nginx-green");
        assertEquals("WARNING", f.get("severity").asText());
        assertEquals("ACME Platform Standard PS-4: every workload names an owning team", f.get("reference").asText());
        List<String> packs = new ArrayList<>();
        for (JsonNode r : report.get("rules")) if (r.get("id").asText().startsWith("ACME-")) packs.add(r.get("pack").asText());
        assertEquals(List.of("acme", "acme", "acme"), packs);
        assertTrue(report.get("notes").toString().contains("site pack acme"), report.get("notes").toString());
    }

    @Test
    void aSiteRuleThatThrowsStopsTheCheckWithOneLineNamingIt() throws Exception {
        Path pack = SitePackFiles.write(tmp, "npe", "owner.drl",
                "rule \"NPE-OWNER\"",
                "    @title(\"t\") @severity(\"WARNING\") @remediation(\"r\") @reference(\"x\")",
                "when",
                "    $a : MarathonApp( )",
                "then",
                "    out.report(drools, $a.subject(), \"owner \" + $a.labels().get(\"owner\").trim());",
                "end");
        CliRun run = CliRun.of("check", "--bundle", HEALTHY, "--rules", pack.toString());
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertEquals(List.of("preflight: " + pack.resolve("owner.drl") + ": rule \"NPE-OWNER\" (npe) failed in its"
                + " action: NullPointerException: Cannot invoke \"String.trim()\" because the return value of"
                + " \"java.util.Map.get(Object)\" is null"), run.err().lines().toList());
    }

    @Test
    void aMissingNodeIsUnverifiedForTheSitePackToo() throws Exception {
        CliRun run = CliRun.of("check", "--bundle", EXAMPLES.resolve("bundles/missing-master").toString(),
                "--rules", ACME, "--format", "json");
        assertEquals(1, run.exit(), run.err());
        JsonNode f = finding(json(run.out()), "COLLECT-UNVERIFIED", "10.0.6.70");
        // one finding per subject: the site pack's missing input is merged into the shipped one
        assertTrue(f.get("evidence").get("missing").toString().contains("os-release, uname -r"), f.toString());
    }

    @Test
    void aSeverityOverrideFlipsTheVerdictAndShowsInTheReport() throws Exception {
        Path cfg = config("rules:", "  - " + Path.of(ACME).toAbsolutePath(), "severity:",
                "  ACME-APP-OWNER-MISSING: BLOCKER");
        CliRun run = CliRun.of("check", "--bundle", HEALTHY, "--config", cfg.toString(), "--format", "json");
        assertEquals(1, run.exit(), run.err());
        JsonNode report = json(run.out());
        assertEquals("NO_GO", report.get("verdict").asText());
        JsonNode f = finding(report, "ACME-APP-OWNER-MISSING", "/nginx-blue");
        assertEquals("BLOCKER", f.get("severity").asText());
        assertEquals("WARNING -> BLOCKER (" + cfg + ":4)", f.get("evidence").get("severityOverride").asText());
        assertTrue(report.get("notes").toString().contains("site configuration " + cfg
                + ":4: ACME-APP-OWNER-MISSING reported as BLOCKER (declared WARNING)"), report.get("notes").toString());

        // a shipped rule too: the healthy cluster's hop note is a WARNING; as a BLOCKER the gate closes
        Path shipped = config("severity:", "  MESOS-UPGRADE-ORDER: BLOCKER");
        CliRun text = CliRun.of("check", "--bundle", HEALTHY, "--config", shipped.toString());
        assertEquals(1, text.exit(), text.err());
        assertTrue(text.out().startsWith("NO-GO  healthy-2.0  2.0.6 -> 2.2.1   (1 blocker, 0 warnings"), text.out());
        assertTrue(text.out().contains("severityOverride=WARNING -> BLOCKER (" + shipped + ":2)"), text.out());
    }

    @Test
    void aDisabledRuleIsListedWithItsReasonAndItsFindingsAreGone() throws Exception {
        Path cfg = config("rules: [" + Path.of(ACME).toAbsolutePath() + "]", "disabled:",
                "  ACME-APP-OWNER-MISSING: \"owner labels arrive with the Q3 migration (OPS-77)\"");
        CliRun run = CliRun.of("check", "--bundle", HEALTHY, "--config", cfg.toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode report = json(run.out());
        assertTrue(findings(report).stream().noneMatch(f -> f.startsWith("ACME-APP-OWNER-MISSING")));
        assertEquals(1, report.get("disabled").size());
        assertEquals("ACME-APP-OWNER-MISSING", report.at("/disabled/0/id").asText());
        assertEquals("owner labels arrive with the Q3 migration (OPS-77)", report.at("/disabled/0/reason").asText());
        for (JsonNode r : report.get("rules")) assertFalse(r.get("id").asText().equals("ACME-APP-OWNER-MISSING"));

        CliRun text = CliRun.of("check", "--bundle", HEALTHY, "--config", cfg.toString());
        assertTrue(text.out().contains("\nDISABLED RULES (1)\n  ACME-APP-OWNER-MISSING: owner labels arrive with the Q3"
                + " migration (OPS-77)\n"), text.out());
        assertFalse(text.out().contains("ACME-APP-OWNER-MISSING  "), "no finding section for it");

        CliRun list = CliRun.of("rules", "list", "--config", cfg.toString());
        assertTrue(list.out().contains("ACME-APP-OWNER-MISSING         DISABLED acme       Marathon app has no owner"
                + " label  (disabled: owner labels arrive with the Q3 migration (OPS-77))\n"), list.out());
    }

    @Test
    void aThresholdChangeFiresARule() throws Exception {
        CliRun plain = CliRun.of("check", "--bundle", HEALTHY, "--format", "json");
        assertTrue(findings(json(plain.out())).stream().noneMatch(f -> f.startsWith("NODE-DISK-LOW")));
        // every mount of the example cluster has 60 GiB (60 %) free
        Path cfg = config("thresholds:", "  diskFreeBytes: 64GiB");
        CliRun run = CliRun.of("check", "--bundle", HEALTHY, "--config", cfg.toString(), "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode report = json(run.out());
        long disk = findings(report).stream().filter(f -> f.startsWith("NODE-DISK-LOW")).count();
        assertEquals(8, disk, findings(report).toString());
        assertTrue(finding(report, "NODE-DISK-LOW", "10.0.6.68").get("message").asText()
                .endsWith("needs at least 64 GiB and 10 %"), report.toString());
        Path ratio = config("thresholds:", "  diskFreeRatio: 0.7");
        assertEquals(8, findings(json(CliRun.of("check", "--bundle", HEALTHY, "--config", ratio.toString(),
                "--format", "json").out())).stream().filter(f -> f.startsWith("NODE-DISK-LOW")).count());
    }

    @Test
    void aBadConfigurationIsOneLinePerProblemWithItsLineAndExitsTwo() throws Exception {
        Path cfg = config("severity:", "  NODE-CLOCK-SKEW: LOUD", "disabled:", "  ZK-BACKUP-MISSING:",
                "thresholds:", "  clockSkew: 5");
        CliRun run = CliRun.of("check", "--bundle", HEALTHY, "--config", cfg.toString());
        assertEquals(2, run.exit());
        assertEquals("", run.out());
        assertEquals(List.of(
                "preflight: " + cfg + ":2: severity of NODE-CLOCK-SKEW: 'LOUD' is not BLOCKER, WARNING or INFO",
                "preflight: " + cfg + ":4: disabled ZK-BACKUP-MISSING: a reason is required (e.g."
                        + " ZK-BACKUP-MISSING: \"why, and who decided\"); every report shows it",
                "preflight: " + cfg + ":6: thresholds: unknown key 'clockSkew' (valid: diskFreeBytes, diskFreeRatio,"
                        + " clockSkewMs, maxErrorMs, zkBackupMaxAgeSec, fdMargin)"), run.err().lines().toList());
        Path unknown = config("disabled:", "  NODE-NTP: \"typo\"");
        CliRun id = CliRun.of("check", "--bundle", HEALTHY, "--config", unknown.toString());
        assertEquals(2, id.exit());
        assertEquals("preflight: " + unknown + ":2: disabled: no rule NODE-NTP (did you mean NODE-NTP-UNSYNCED?); see preflight rules list\n", id.err());
        CliRun missing = CliRun.of("check", "--bundle", HEALTHY, "--config", tmp.resolve("none.yaml").toString());
        assertEquals(2, missing.exit());
        assertEquals("preflight: " + tmp.resolve("none.yaml") + ": no such file\n", missing.err());
    }
}
