package io.preflight.rules.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RulePolicy;
import io.preflight.rules.Severity;
import io.preflight.rules.model.Thresholds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The site configuration: what it reads, and one file:line line per problem. */
class SiteConfigTest {
    @TempDir
    Path tmp;

    Path write(String yaml) throws Exception {
        Path f = tmp.resolve("site.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    List<String> problems(String yaml) throws Exception {
        Path f = write(yaml);
        SiteRulesException e = assertThrows(SiteRulesException.class, () -> SiteConfig.read(f));
        return e.lines().stream().map(l -> l.replace(f.toString(), "site.yaml")).toList();
    }

    List<String> policyProblems(String yaml) throws Exception {
        Path f = write(yaml);
        SiteConfig c = SiteConfig.read(f);
        SiteRulesException e = assertThrows(SiteRulesException.class,
                () -> c.policy(RuleEngine.shipped().rules()));
        return e.lines().stream().map(l -> l.replace(f.toString(), "site.yaml")).toList();
    }

    @Test
    void readsSeveritiesDisabledRulesThresholdsAndPacks() throws Exception {
        Path f = write(String.join("\n",
                "rules:",
                "  - ../../../../examples/site-rules/acme",
                "severity:",
                "  NODE-CLOCK-SKEW: blocker",
                "  ACME-APP-OWNER-MISSING: INFO",
                "disabled:",
                "  ZK-BACKUP-MISSING: \"snapshotted by the storage team (CHG-1234)\"",
                "thresholds:",
                "  diskFreeBytes: 20GiB",
                "  diskFreeRatio: 0.15",
                "  clockSkewMs: 500",
                "  zkBackupMaxAgeSec: 12h",
                "  fdMargin: 2",
                ""));
        // the acme path is relative to the config file, not to the working directory
        Files.createDirectories(tmp.resolve("a/b/c"));
        Path nested = tmp.resolve("a/b/c/site.yaml");
        Files.move(f, nested);
        Path acme = Path.of("..", "examples", "site-rules", "acme").toAbsolutePath().normalize();
        Files.writeString(nested, Files.readString(nested).replace("../../../../examples/site-rules/acme",
                acme.toString()));
        SiteConfig c = SiteConfig.read(nested);
        assertEquals(List.of(acme), c.packs());
        assertEquals(new Thresholds(20L << 30, 0.15, 500.0, 100.0, 12 * 3600L, 2), c.thresholds());
        List<RuleMeta> rules = new ArrayList<>(RuleEngine.shipped().rules());
        rules.addAll(SitePacks.load(c.packs(), RuleEngine.shipped()).rules());
        RulePolicy p = c.policy(rules);
        assertEquals(Severity.BLOCKER, p.severities().get("NODE-CLOCK-SKEW").severity());
        assertEquals(nested + ":4", p.severities().get("NODE-CLOCK-SKEW").where());
        assertEquals(Severity.INFO, p.severities().get("ACME-APP-OWNER-MISSING").severity());
        assertEquals(Map.of("ZK-BACKUP-MISSING", "snapshotted by the storage team (CHG-1234)"), p.disabled());
        assertEquals(List.of(
                "site configuration " + nested + ":4: NODE-CLOCK-SKEW reported as BLOCKER (declared WARNING)",
                "site configuration " + nested + ":5: ACME-APP-OWNER-MISSING reported as INFO (declared WARNING)",
                "site configuration " + nested + ":9: threshold diskFreeBytes = 21474836480 (default 10737418240)",
                "site configuration " + nested + ":10: threshold diskFreeRatio = 0.15 (default 0.1)",
                "site configuration " + nested + ":11: threshold clockSkewMs = 500.0 (default 1000.0)",
                "site configuration " + nested + ":12: threshold zkBackupMaxAgeSec = 43200 (default 86400)",
                "site configuration " + nested + ":13: threshold fdMargin = 2 (default 0)"), c.notes(rules));
    }

    @Test
    void anEmptyFileChangesNothing() throws Exception {
        SiteConfig c = SiteConfig.read(write("# nothing yet\n"));
        assertEquals(Thresholds.defaults(), c.thresholds());
        assertEquals(RulePolicy.none(), c.policy(RuleEngine.shipped().rules()));
        assertEquals(List.of(), c.packs());
    }

    @Test
    void everyProblemOfTheFileIsOneLineWithItsLine() throws Exception {
        assertEquals(List.of(
                "site.yaml:1: unknown key 'severities' (valid: rules, severity, disabled, thresholds)",
                "site.yaml:4: rules: no-such-pack: no such directory (relative paths are relative to this file)",
                "site.yaml:6: severity of NODE-CLOCK-SKEW: 'CRITICAL' is not BLOCKER, WARNING or INFO",
                "site.yaml:8: disabled ZK-BACKUP-MISSING: a reason is required (e.g. ZK-BACKUP-MISSING: \"why, and"
                        + " who decided\"); every report shows it",
                "site.yaml:9: disabled NODE-DISK-LOW: a reason is required (e.g. NODE-DISK-LOW: \"why, and who"
                        + " decided\"); every report shows it",
                "site.yaml:11: thresholds: diskFreeBytes: 'lots' must be a number of bytes or a size such as 20GiB",
                "site.yaml:12: thresholds: diskFreeRatio: '1.5' must be between 0 and 1",
                "site.yaml:13: thresholds: clockSkewMs: '-5' must be 0 or more",
                "site.yaml:14: thresholds: unknown key 'skewMs' (valid: diskFreeBytes, diskFreeRatio, clockSkewMs,"
                        + " maxErrorMs, zkBackupMaxAgeSec, fdMargin)"),
                problems(String.join("\n",
                        "severities: {}",
                        "",
                        "rules:",
                        "  - no-such-pack",
                        "severity:",
                        "  NODE-CLOCK-SKEW: CRITICAL",
                        "disabled:",
                        "  ZK-BACKUP-MISSING:",
                        "  NODE-DISK-LOW: \"  \"",
                        "thresholds:",
                        "  diskFreeBytes: lots",
                        "  diskFreeRatio: 1.5",
                        "  clockSkewMs: -5",
                        "  skewMs: 3",
                        "")));
    }

    @Test
    void syntaxErrorsAndDuplicateKeysNameTheirLine() throws Exception {
        assertEquals(List.of("site.yaml:3: not valid YAML: Duplicate field 'NODE-CLOCK-SKEW'"),
                problems("severity:\n  NODE-CLOCK-SKEW: INFO\n  NODE-CLOCK-SKEW: BLOCKER\n"));
        // an unclosed list: the parser names the line where the list starts
        assertEquals(List.of("site.yaml:2: not valid YAML: while parsing a flow sequence"),
                problems("severity:\n  NODE-CLOCK-SKEW: [INFO\n"));
        assertEquals(List.of("site.yaml:1: expected a mapping with any of rules, severity, disabled, thresholds"),
                problems("- NODE-CLOCK-SKEW\n"));
        assertEquals(List.of(tmp.resolve("none.yaml") + ": no such file"), assertThrows(SiteRulesException.class,
                () -> SiteConfig.read(tmp.resolve("none.yaml"))).lines());
    }

    @Test
    void unknownRuleIdsAndTheUnverifiedGateAreRefusedAgainstTheLoadedRules() throws Exception {
        assertEquals(List.of(
                "site.yaml:2: severity: no rule NODE-CLOCK-SKEWW (did you mean NODE-CLOCK-SKEW?); see preflight"
                        + " rules list",
                "site.yaml:3: severity: COLLECT-UNVERIFIED cannot be given another severity: a gate must never pass"
                        + " because it could not look (waive a finding for one subject instead)",
                "site.yaml:6: disabled: COLLECT-UNVERIFIED cannot be disabled: a gate must never pass because it"
                        + " could not look (waive a finding for one subject instead)",
                "site.yaml:7: disabled: no rule ACME-APP-OWNER-MISSING; see preflight rules list",
                "site.yaml:8: disabled NODE-DISK-LOW is also given a severity (line 4); keep one"),
                policyProblems(String.join("\n",
                        "severity:",
                        "  NODE-CLOCK-SKEWW: BLOCKER",
                        "  COLLECT-UNVERIFIED: WARNING",
                        "  NODE-DISK-LOW: INFO",
                        "disabled:",
                        "  COLLECT-UNVERIFIED: \"noisy\"",
                        "  ACME-APP-OWNER-MISSING: \"not loaded here\"",
                        "  NODE-DISK-LOW: \"big disks\"",
                        "")));
    }
}
