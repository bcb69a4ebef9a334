package io.preflight.rules.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RuleProblem;
import io.preflight.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validation of site packs: each broken pack under {@code site-packs/} (one per class of problem) gives exactly the
 * {@code file:line: message} lines of its {@code expected.txt}; the worked example pack is valid and loads.
 */
class SitePackValidationTest {
    static final Path FIXTURES = Path.of("src/test/resources/site-packs");
    static final Path ACME = Path.of("..", "examples", "site-rules", "acme");

    /** Every class of problem has its fixture: adding a class means adding a directory with its expectation. */
    static final Set<String> CLASSES = Set.of("action-errors", "bad-cases", "bad-descriptor", "bad-severity",
            "declare", "duplicate-id", "forbidden-attributes", "forbidden-calls", "helpers-and-globals",
            "ids-and-prefix", "many-problems", "missing-descriptor", "missing-metadata", "no-drl", "shipped-prefix",
            "syntax-error", "two-packs", "unknown-facts");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(FIXTURES)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void everyClassOfProblemHasAFixtureWithItsExpectation() throws IOException {
        assertEquals(new TreeSet<>(CLASSES), new TreeSet<>(fixtures().toList()));
        for (String c : CLASSES) assertTrue(Files.isRegularFile(FIXTURES.resolve(c).resolve("expected.txt")), c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void brokenPackGivesExactlyItsExpectedProblems(String name) throws IOException {
        Path dir = FIXTURES.resolve(name);
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
        SitePacks.Result r = SitePacks.validate(List.of(dir), RuleEngine.shipped());
        assertEquals(expected, relative(dir, r.problems()));
        for (SitePack p : r.packs()) {
            boolean broken = r.problems().stream().anyMatch(pr -> Path.of(pr.file()).startsWith(p.dir()));
            assertTrue(broken == (p.engine() == null), p.name() + ": a pack is loaded exactly when it has no problem");
        }
        SiteRulesException e = assertThrows(SiteRulesException.class,
                () -> SitePacks.load(List.of(dir), RuleEngine.shipped()));
        assertEquals(r.problems(), e.problems(), "load refuses with the same problems");
    }

    static List<String> relative(Path dir, List<RuleProblem> problems) {
        String prefix = dir + "/";
        return problems.stream().map(RuleProblem::toString)
                .map(l -> l.replace(prefix, "").replace(dir + ": ", ".: ")).toList();
    }

    @Test
    void theWorkedExamplePackIsValidAndLoadsIntoItsOwnEngine() throws Exception {
        SitePacks.Result r = SitePacks.load(List.of(ACME), RuleEngine.shipped());
        assertEquals(List.of(), r.problems());
        SitePack acme = r.packs().get(0);
        assertEquals("acme", acme.name());
        assertEquals("ACME", acme.prefix());
        assertNotNull(acme.engine());
        assertEquals(List.of("ACME-APP-OWNER-MISSING", "ACME-KERNEL-TOO-OLD", "ACME-RACK-CONCENTRATION"),
                acme.rules().stream().map(RuleMeta::id).toList());
        assertTrue(acme.rules().stream().allMatch(m -> m.pack().equals("acme")));
        assertEquals(15, acme.cases().size());
        // its COLLECT-UNVERIFIED helpers take the shipped rule's metadata
        RuleMeta helper = acme.engine().allRules().stream().filter(m -> m.id().equals("COLLECT-UNVERIFIED"))
                .findFirst().orElseThrow();
        assertEquals(Severity.BLOCKER, helper.severity());
        assertEquals("A fact a rule needs could not be gathered", helper.title());
        assertEquals("acme", helper.pack());
    }

    @Test
    void aDirectoryOfPacksLoadsEachPackAndADirectoryGivenTwiceLoadsOnce() {
        SitePacks.Result r = SitePacks.validate(List.of(ACME.getParent(), ACME), RuleEngine.shipped());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("acme"), r.packs().stream().map(SitePack::name).toList());
    }

    @Test
    void aMissingDirectoryIsOneProblem() {
        SitePacks.Result r = SitePacks.validate(List.of(FIXTURES.resolve("nope")), RuleEngine.shipped());
        assertEquals(List.of(FIXTURES.resolve("nope") + ": no such directory"),
                r.problems().stream().map(RuleProblem::toString).toList());
    }

    @Test
    void aPackNamedLikeAShippedPackIsRefused(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path nodes = tmp.resolve("nodes");
        Files.createDirectories(nodes);
        Files.writeString(nodes.resolve("pack.yaml"), "prefix: MYNODES\n");
        Files.copy(ACME.resolve("kernel.drl"), nodes.resolve("kernel.drl"));
        String drl = Files.readString(nodes.resolve("kernel.drl")).replace("ACME-", "MYNODES-");
        Files.writeString(nodes.resolve("kernel.drl"), drl);
        SitePacks.Result r = SitePacks.validate(List.of(nodes), RuleEngine.shipped());
        assertEquals(List.of(nodes.resolve("pack.yaml") + ": pack name 'nodes' (its directory's name) is the name"
                + " of a shipped pack; rename the directory"), r.problems().stream().map(RuleProblem::toString)
                .toList());
        assertNull(r.packs().get(0).engine());
    }
}
