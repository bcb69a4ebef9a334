package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: exit codes, one-line errors, the rule catalog, plan, site rules, outputs. */
class CommandLineTest {
    static final String HEALTHY = Path.of("..", "examples", "bundles", "healthy-2.0").toString();

    static final List<String> CATALOG = List.of(
            "PATH-LEAPFROG", "PATH-NOT-LATEST-PATCH", "PATH-DOWNGRADE", "PATH-UNKNOWN-VERSION", "PATH-PATCH-ONLY",
            "PATH-EOS", "SKEW-MIXED-MASTERS", "SKEW-AGENT-AHEAD", "SKEW-AGENT-BEHIND", "SKEW-COMPONENT-MISMATCH",
            "MASTER-MISSING", "MASTER-NO-LEADER", "MASTER-REPLOG-NOT-RECOVERED", "MASTER-COUNT-INVALID",
            "MASTER-LIST-CHANGED", "ZK-ENSEMBLE-UNHEALTHY", "ZK-FD-HIGH", "ZK-BACKUP-MISSING", "ZK-LEGACY-DATADIR",
            "CONFIG-CHANGED-DURING-UPGRADE", "CONFIG-SECURITY-MODE-CHANGE", "CONFIG-INVALID", "CONFIG-CLOUDFORMATION",
            "CONFIG-PREFLIGHT-DISABLED", "CONFIG-OPT-CUSTOMIZED", "NODE-NTP-UNSYNCED", "NODE-CLOCK-SKEW",
            "NODE-DOCKER-UNHEALTHY", "NODE-ROLE-MISMATCH", "NODE-AGENT-INACTIVE", "NODE-DISK-LOW",
            "PLATFORM-UNSUPPORTED-TARGET", "PLATFORM-UNSUPPORTED-CURRENT", "PLATFORM-LAYERS-AT-ONCE",
            "MESOS-FLAG-REMOVED", "MESOS-FLAG-DEPRECATED", "MESOS-FLAG-RENAMED", "MESOS-CREDENTIALS-PLAINTEXT",
            "MESOS-MODULES-REBUILD", "MESOS-UPGRADE-ORDER", "APP-CONSTRAINT-INVALID", "APP-CONSTRAINT-UNSATISFIABLE",
            "APP-PINNED", "MARATHON-DEPLOYMENTS-ACTIVE", "COLLECT-UNVERIFIED", "COLLECT-PARTIAL");

    @Test
    void rulesListJsonHasEveryCatalogIdWithMetadata() throws Exception {
        CliRun run = CliRun.of("rules", "list", "--format", "json");
        assertEquals(0, run.exit(), run.err());
        JsonNode rows = new ObjectMapper().readTree(run.out());
        Set<String> ids = new HashSet<>();
        for (JsonNode r : rows) {
            ids.add(r.get("id").asText());
            assertFalse(r.get("title").asText().isBlank(), r.toString());
            assertTrue(Set.of("BLOCKER", "WARNING", "INFO").contains(r.get("severity").asText()), r.toString());
            assertFalse(r.get("pack").asText().isBlank(), r.toString());
        }
        assertTrue(ids.containsAll(CATALOG), "missing: " + CATALOG.stream().filter(i -> !ids.contains(i)).toList());
        assertEquals(ids.size(), rows.size(), "ids are unique");
    }

    @Test
    void explainShowsMetadataSourceAndCases() {
        CliRun run = CliRun.of("rules", "explain", "PATH-LEAPFROG");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("PATH-LEAPFROG  [BLOCKER]"), run.out());
        assertTrue(run.out().contains("packs/path/path.drl"), run.out());
        assertTrue(run.out().contains("1.9.0 -> 1.11.1"), run.out());
        CliRun unknown = CliRun.of("rules", "explain", "NOPE-NOTHING");
        assertEquals(2, unknown.exit());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
    }

    @Test
    void planPrintsTheFaqPath() {
        CliRun run = CliRun.of("plan", "--from", "1.9.4", "--to", "1.11.3");
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("1.9.4 -> 1.9.9 -> 1.10.7 -> 1.11.3"), run.out());
        assertTrue(run.out().contains("Mesos 1.4.2 -> 1.5.1"), run.out());
        CliRun down = CliRun.of("plan", "--from", "1.11.3", "--to", "1.10.8");
        assertEquals(1, down.exit());
        CliRun unknown = CliRun.of("plan", "--from", "1.10.99", "--to", "1.11.3");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("preflight: 1.10.99 is not a known DC/OS release"), unknown.err());
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path tmp) throws Exception {
        CliRun missing = CliRun.of("check", "--bundle", tmp.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("nope"), missing.err());

        Path bad = tmp.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("manifest.json"), "{\"formatVersion\": 1,\n \"nodes\": [ }");
        CliRun malformed = CliRun.of("check", "--bundle", bad.toString());
        assertEquals(2, malformed.exit());
        assertEquals(1, malformed.err().lines().count(), malformed.err());
        assertTrue(malformed.err().contains("manifest.json") && malformed.err().contains("line 2"), malformed.err());

        CliRun format = CliRun.of("check", "--bundle", HEALTHY, "--format", "yaml");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("unknown format 'yaml' (valid: text, json"), format.err());

        CliRun failOn = CliRun.of("check", "--bundle", HEALTHY, "--fail-on", "sometimes");
        assertEquals(2, failOn.exit());
        CliRun noArgs = CliRun.of("check");
        assertEquals(2, noArgs.exit());
        assertEquals(1, noArgs.err().lines().count(), noArgs.err());
    }

    @Test
    void siteRulesThatDoNotCompileAreReportedAsFileLine(@TempDir Path tmp) throws Exception {
        Path pack = SitePackFiles.write(tmp, "acme", "broken.drl",
                "rule \"ACME-BROKEN\"",
                "    @title(\"t\") @severity(\"WARNING\") @remediation(\"r\") @reference(\"x\")",
                "when",
                "    $n : ClusterNode( noSuchField == 1 )",
                "then",
                "    out.report(drools, $n.subject(), \"m\");",
                "end");
        CliRun run = CliRun.of("check", "--bundle", HEALTHY, "--rules", pack.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("preflight: " + pack.resolve("broken.drl") + ":7"), run.err());
    }

    @Test
    void siteRulesRunAlongsideAndCannotReuseShippedIds(@TempDir Path tmp) throws Exception {
        Path pack = SitePackFiles.write(tmp, "acme", "kernel.drl",
                "rule \"ACME-KERNEL-OLD\"",
                "    @title(\"Kernel older than 3.10.0-1127\") @severity(\"WARNING\")",
                "    @remediation(\"Patch the kernel\") @reference(\"ACME ops policy 12\")",
                "when",
                "    $o : OsRelease( kernel != null, kernel < \"3.10.0-1127\" )",
                "then",
                "    out.report(drools, $o.subject(), \"kernel \" + $o.kernel());",
                "end");
        CliRun run = CliRun.of("check", "--bundle", HEALTHY, "--rules", pack.toString(), "--format", "json",
                "--fail-on", "warning");
        assertEquals(1, run.exit(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        long site = 0;
        for (JsonNode f : report.get("findings")) if (f.get("ruleId").asText().equals("ACME-KERNEL-OLD")) site++;
        assertEquals(8, site, "one finding per node (all run 3.10.0-1062)");

        Files.writeString(pack.resolve("kernel.drl"), Files.readString(pack.resolve("kernel.drl"))
                .replace("ACME-KERNEL-OLD", "NODE-NTP-UNSYNCED"));
        CliRun clash = CliRun.of("check", "--bundle", HEALTHY, "--rules", pack.toString());
        assertEquals(2, clash.exit());
        assertTrue(clash.err().contains("NODE-NTP-UNSYNCED") && clash.err().contains("shipped"), clash.err());
    }

    @Test
    void severalFormatsAreWrittenAtomicallyToFiles(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("out/report.json");
        Path text = tmp.resolve("out/report.txt");
        CliRun run = CliRun.of("check", "--bundle", HEALTHY, "--format", "json=" + json, "--format", "text=" + text,
                "--quiet");
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals("GO", new ObjectMapper().readTree(json.toFile()).get("verdict").asText());
        assertTrue(Files.readString(text).startsWith("GO  healthy-2.0  2.0.6 -> 2.2.1"));
        try (var files = Files.list(json.getParent())) {
            assertEquals(2, files.count(), "no temp files left behind");
        }
    }

    @Test
    void textReportLeadsWithTheVerdictAndGroupsBlockersWithTheirFix() {
        CliRun run = CliRun.of("check", "--bundle", Path.of("..", "examples", "bundles", "ntp-unsynced").toString());
        assertEquals(1, run.exit(), run.err());
        String out = run.out();
        assertTrue(out.startsWith("NO-GO  ntp-unsynced  2.0.6 -> 2.2.1   (2 blockers"), out);
        int blockers = out.indexOf("BLOCKERS (2)");
        assertTrue(blockers > 0, out);
        String section = out.substring(blockers);
        assertTrue(section.contains("NODE-NTP-UNSYNCED  Node clock is not synchronized  (2 subjects)"), section);
        assertTrue(section.contains("    10.0.2.242: "), section);
        assertTrue(section.contains("    fix: "), section);
    }

    @Test
    void everyUnusableInputIsOnePreflightLineAndExitTwoNeverAnInternalError(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("plain.txt"), "x\n");
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        List<List<String>> cases = List.of(
                List.of("check", "--bundle", HEALTHY, "--target-config", tmp.resolve("nope.yaml").toString()),
                List.of("check", "--bundle", HEALTHY, "--target-config", dir.toString()),
                List.of("check", "--bundle", HEALTHY, "--upgrade-plan", tmp.resolve("nope.yaml").toString()),
                List.of("check", "--bundle", HEALTHY, "--upgrade-plan", dir.toString()),
                List.of("check", "--bundle", HEALTHY, "--waivers", tmp.resolve("nope.yaml").toString()),
                List.of("check", "--bundle", HEALTHY, "--waivers", dir.toString()),
                List.of("check", "--bundle", HEALTHY, "--config", tmp.resolve("nope.yaml").toString()),
                List.of("check", "--bundle", HEALTHY, "--rules", tmp.resolve("nope").toString()),
                List.of("check", "--bundle", HEALTHY, "--rules", file.toString()),
                List.of("check", "--bundle", HEALTHY, "--format", "json=" + dir),
                List.of("check", "--bundle", HEALTHY, "--output", file.resolve("under-a-file.txt").toString()),
                List.of("check", "--bundle", file.toString()),
                List.of("check", "--inventory", tmp.resolve("nope.yaml").toString()),
                List.of("check", "--inventory", file.toString()),
                List.of("collect", "--inventory", tmp.resolve("nope.yaml").toString(), "--output", dir.toString()),
                List.of("history", "--store", tmp.resolve("nope.mv.db").toString(), "list"),
                List.of("history", "--store", file.toString(), "list"),
                List.of("history", "show", "notanumber"));
        for (List<String> args : cases) {
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exit(), args + ": " + run.err());
            assertEquals(1, run.err().lines().count(), args + ": " + run.err());
            assertTrue(run.err().startsWith("preflight: "), args + ": " + run.err());
            assertFalse(run.err().contains("internal error") || run.err().contains("Exception"), args + ": " + run.err());
        }
    }
}
