package io.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.rules.testing.RuleCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Meta-tests over every shipped rule: each reports every violation at once. */
class RuleCatalogMetaTest {
    /** The fixed ids of the rule catalog (spec/RULES.md). Every one must be implemented. */
    static final List<String> CATALOG = List.of(
            "PATH-LEAPFROG", "PATH-NOT-LATEST-PATCH", "PATH-DOWNGRADE", "PATH-UNKNOWN-VERSION", "PATH-PATCH-ONLY",
            "PATH-EOS",
            "SKEW-MIXED-MASTERS", "SKEW-AGENT-AHEAD", "SKEW-AGENT-BEHIND", "SKEW-COMPONENT-MISMATCH",
            "MASTER-MISSING", "MASTER-NO-LEADER", "MASTER-REPLOG-NOT-RECOVERED", "MASTER-COUNT-INVALID",
            "MASTER-LIST-CHANGED", "ZK-ENSEMBLE-UNHEALTHY", "ZK-FD-HIGH", "ZK-BACKUP-MISSING", "ZK-LEGACY-DATADIR",
            "CONFIG-CHANGED-DURING-UPGRADE", "CONFIG-SECURITY-MODE-CHANGE", "CONFIG-INVALID", "CONFIG-CLOUDFORMATION",
            "CONFIG-PREFLIGHT-DISABLED", "CONFIG-OPT-CUSTOMIZED",
            "NODE-NTP-UNSYNCED", "NODE-CLOCK-SKEW", "NODE-DOCKER-UNHEALTHY", "NODE-ROLE-MISMATCH",
            "NODE-AGENT-INACTIVE", "NODE-DISK-LOW", "PLATFORM-UNSUPPORTED-TARGET", "PLATFORM-UNSUPPORTED-CURRENT",
            "PLATFORM-LAYERS-AT-ONCE",
            "MESOS-FLAG-REMOVED", "MESOS-FLAG-DEPRECATED", "MESOS-FLAG-RENAMED", "MESOS-CREDENTIALS-PLAINTEXT",
            "MESOS-MODULES-REBUILD", "MESOS-UPGRADE-ORDER",
            "APP-CONSTRAINT-INVALID", "APP-CONSTRAINT-UNSATISFIABLE", "APP-PINNED", "MARATHON-DEPLOYMENTS-ACTIVE",
            "COLLECT-UNVERIFIED", "COLLECT-PARTIAL");
    static final Pattern ID = Pattern.compile("[A-Z]+(-[A-Z0-9]+)+");
    static final Set<String> NO_MISSING_DATA_CASE = Set.of("COLLECT-UNVERIFIED", "COLLECT-PARTIAL");

    final RuleEngine engine = RuleEngine.shipped();

    @Test
    void everyCatalogIdIsImplemented() {
        Set<String> ids = new HashSet<>();
        engine.rules().forEach(r -> ids.add(r.id()));
        List<String> missing = CATALOG.stream().filter(id -> !ids.contains(id)).toList();
        assertEquals(List.of(), missing, "catalog ids without a rule");
    }

    @Test
    void everyRuleHasMetadataAndAWellFormedUniqueId() {
        List<String> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (RuleMeta r : engine.allRules()) {
            if (r.derivation()) continue;
            if (!ID.matcher(r.id()).matches()) problems.add(r.name() + ": id '" + r.id() + "' is not AREA-WHAT");
            if (r.primary()) {
                String prev = seen.put(r.id(), r.pack());
                if (prev != null) problems.add(r.id() + ": defined twice (" + prev + ", " + r.pack() + ")");
            }
            if (r.title() == null || r.title().isBlank()) problems.add(r.name() + ": no @title");
            if (r.severity() == null) problems.add(r.name() + ": no valid @severity");
            if (r.remediation() == null || r.remediation().isBlank()) problems.add(r.name() + ": no @remediation");
            if (r.reference() == null || r.reference().isBlank()) problems.add(r.name() + ": no @reference");
        }
        for (RuleMeta r : engine.allRules()) {
            if (!r.primary() && !r.id().equals(r.name()) && !seen.containsKey(r.id())) {
                problems.add(r.name() + ": @id '" + r.id() + "' names no rule");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRuleHasFiringQuietAndMissingDataCases() throws Exception {
        List<RuleCase> cases = ShippedPacksTest.shippedCases();
        List<String> problems = new ArrayList<>();
        for (RuleMeta r : engine.rules()) {
            List<RuleCase> own = cases.stream().filter(c -> c.rule().equals(r.id())).toList();
            boolean fires = own.stream().anyMatch(c -> c.expect().stream().anyMatch(e -> e.id().equals(r.id())));
            boolean quiet = own.stream().anyMatch(c -> c.expect().stream().noneMatch(e -> e.id().equals(r.id())));
            boolean missing = own.stream().anyMatch(c -> c.expect().stream()
                    .anyMatch(e -> e.id().equals(Checker.UNVERIFIED)));
            if (!fires) problems.add(r.id() + ": no firing case");
            if (!quiet) problems.add(r.id() + ": no quiet case");
            if (!missing && !NO_MISSING_DATA_CASE.contains(r.id())) problems.add(r.id() + ": no missing-data case");
        }
        Set<String> ids = new HashSet<>();
        engine.rules().forEach(r -> ids.add(r.id()));
        for (RuleCase c : cases) {
            if (!ids.contains(c.rule())) problems.add(c.file() + ": case '" + c.name() + "' names unknown rule " + c.rule());
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void indexListsExactlyThePackFilesOnDisk() throws IOException {
        Path packs = Path.of("src/main/resources/packs");
        TreeSet<String> onDisk = new TreeSet<>();
        try (Stream<Path> s = Files.walk(packs)) {
            s.filter(p -> p.toString().endsWith(".drl") || p.toString().endsWith(".cases.yaml"))
                    .forEach(p -> onDisk.add(packs.relativize(p).toString().replace('\\', '/')));
        }
        TreeSet<String> indexed = new TreeSet<>(Files.readAllLines(packs.resolve("index.txt")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        assertEquals(onDisk, indexed, "packs/index.txt must list every .drl and .cases.yaml file");
        for (String drl : onDisk) {
            if (drl.endsWith(".drl")) {
                assertTrue(onDisk.contains(drl.replace(".drl", ".cases.yaml")), drl + " has no .cases.yaml beside it");
            }
        }
    }
}
