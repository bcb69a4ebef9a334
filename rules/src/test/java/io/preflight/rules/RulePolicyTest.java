package io.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.ClusterNode;
import io.preflight.facts.DiskSpace;
import io.preflight.facts.Fact;
import io.preflight.facts.RoleFiles;
import io.preflight.facts.Role;
import io.preflight.facts.TimeSync;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.model.Thresholds;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A site policy in the checker: a disabled rule (and every helper reporting under its id) never fires, an overridden
 * severity changes the findings and the evaluated rule and says so in the evidence, and thresholds move the limits.
 */
class RulePolicyTest {
    final Checker checker = new Checker(RuleEngine.shipped(), List.of(), KnowledgeBase.load());

    static CheckOptions with(Thresholds t, RulePolicy p) {
        return new CheckOptions("2.0.6", "2.2.1", false, t, false, p);
    }

    static Set<String> pairs(CheckOutcome o, String id) {
        Set<String> s = new TreeSet<>();
        for (Finding f : o.findings()) if (f.ruleId().equals(id)) s.add(f.subject());
        return s;
    }

    /** One node whose role file is empty (the primary rule) and one whose role file disagrees (a helper rule). */
    static final List<Fact> ROLES = List.of(
            new RoleFiles("10.0.1.5", "t", List.of()),
            new RoleFiles("10.0.1.6", "t", List.of("slave")),
            new ClusterNode("10.0.1.6", "t", Role.MASTER, "master_list"));

    @Test
    void aDisabledRuleAndItsHelpersDoNotFireAndAreNotEvaluated() {
        CheckOutcome plain = checker.check(ROLES, with(null, null));
        assertEquals(Set.of("10.0.1.5", "10.0.1.6"), pairs(plain, "NODE-ROLE-MISMATCH"));
        CheckOutcome off = checker.check(ROLES, with(null,
                new RulePolicy(Map.of(), Map.of("NODE-ROLE-MISMATCH", "role files are managed by Puppet"))));
        assertEquals(Set.of(), pairs(off, "NODE-ROLE-MISMATCH"));
        assertTrue(off.raw().stream().noneMatch(f -> f.ruleId().equals("NODE-ROLE-MISMATCH")), "never fired");
        assertTrue(off.rules().stream().noneMatch(m -> m.id().equals("NODE-ROLE-MISMATCH")));
        assertTrue(off.rules().stream().anyMatch(m -> m.id().equals("NODE-NTP-UNSYNCED")), "others still run");
    }

    @Test
    void anOverriddenSeverityChangesEveryFindingAndSaysWhere() {
        List<Fact> skewed = List.of(
                new TimeSync("10.0.0.1", "t", true, 0.0, 1.0, "chrony", null),
                new TimeSync("10.0.0.2", "t", true, 0.0, 1.0, "chrony", null),
                new TimeSync("10.0.1.5", "t", true, 2500.0, 1.0, "chrony", null));
        Finding declared = checker.check(skewed, with(null, null)).findings().stream()
                .filter(f -> f.ruleId().equals("NODE-CLOCK-SKEW")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, declared.severity());
        assertFalse(declared.evidence().containsKey(RulePolicy.EVIDENCE_KEY));
        CheckOutcome o = checker.check(skewed, with(null, new RulePolicy(
                Map.of("NODE-CLOCK-SKEW", new RulePolicy.Override(Severity.BLOCKER, "site.yaml:4")), Map.of())));
        Finding f = o.findings().stream().filter(x -> x.ruleId().equals("NODE-CLOCK-SKEW")).findFirst().orElseThrow();
        assertEquals(Severity.BLOCKER, f.severity());
        assertEquals("WARNING -> BLOCKER (site.yaml:4)", f.evidence().get(RulePolicy.EVIDENCE_KEY));
        assertEquals(Severity.BLOCKER, o.rules().stream().filter(m -> m.id().equals("NODE-CLOCK-SKEW"))
                .findFirst().orElseThrow().severity());
    }

    @Test
    void thresholdsFireAndQuietTheRulesThatReadThem() {
        long gib = 1L << 30;
        List<Fact> disk15 = List.of(new DiskSpace("10.0.1.5", "t", "/var/lib", 15 * gib, 100 * gib));
        assertEquals(Set.of(), pairs(checker.check(disk15, with(null, null)), "NODE-DISK-LOW"));
        Thresholds stricter = new Thresholds(20 * gib, 0.10, 1000.0, 100.0, 24 * 3600L, 0);
        assertEquals(Set.of("10.0.1.5"), pairs(checker.check(disk15, with(stricter, null)), "NODE-DISK-LOW"));
        List<Fact> disk8 = List.of(new DiskSpace("10.0.1.5", "t", "/var/lib", 8 * gib, 100 * gib));
        assertEquals(Set.of("10.0.1.5"), pairs(checker.check(disk8, with(null, null)), "NODE-DISK-LOW"));
        Thresholds looser = new Thresholds(5 * gib, 0.05, 1000.0, 100.0, 24 * 3600L, 0);
        assertEquals(Set.of(), pairs(checker.check(disk8, with(looser, null)), "NODE-DISK-LOW"));
    }
}
