package io.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.testing.CasePack;
import io.preflight.rules.testing.CaseResult;
import io.preflight.rules.testing.PackResult;
import io.preflight.rules.testing.PackTester;
import io.preflight.rules.testing.RuleCase;
import io.preflight.rules.testing.TestReports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of every shipped pack through the product's own pack tester: the very code {@code preflight rules
 * test --shipped} runs ({@link PackTester#shipped} and {@link PackTester#test}). Each case asserts the exact set of
 * (rule id, subject) pairs in its scope.
 */
class ShippedPacksTest {

    static List<RuleCase> shippedCases() throws Exception {
        List<RuleCase> all = new ArrayList<>();
        for (CasePack p : PackTester.shipped(RuleEngine.shipped())) all.addAll(p.cases());
        return all;
    }

    static List<PackResult> run() throws Exception {
        RuleEngine engine = RuleEngine.shipped();
        PackTester tester = new PackTester(new Checker(engine, List.of(), KnowledgeBase.load()), engine.rules());
        return tester.test(PackTester.shipped(engine));
    }

    @TestFactory
    Stream<DynamicTest> everyShippedCase() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (PackResult p : run()) {
            tests.add(DynamicTest.dynamicTest(p.pack().name() + ": pack", () ->
                    assertEquals(List.of(), p.problems(), p.pack().name())));
            for (CaseResult r : p.results()) {
                RuleCase c = r.kase();
                tests.add(DynamicTest.dynamicTest(c.rule() + ": " + c.name(), () ->
                        assertTrue(r.passed(), () -> c.where() + ": case '" + c.name() + "'\n  expected: "
                                + c.expect() + "\n  actual:   " + r.actual() + "\n  missing:  " + r.missing()
                                + "\n  unexpected: " + r.unexpected())));
            }
        }
        return tests.stream();
    }

    @Test
    void theRunnersSummaryIsAllPassedAndEveryRuleHasFiringAndMissingDataCases() throws Exception {
        List<PackResult> results = run();
        StringWriter out = new StringWriter();
        TestReports.text(results, new PrintWriter(out));
        String text = out.toString();
        TestReports.Totals t = TestReports.totals(results);
        assertTrue(t.cases() >= 200, "the shipped packs have over 200 cases; ran " + t.cases());
        assertTrue(text.endsWith("OK: " + t.cases() + " cases passed in " + t.packs() + " packs\n"), text);
        assertEquals(9, t.packs());
        assertEquals(List.of(), results.stream().flatMap(r -> r.withoutFiringCase().stream()).toList());
        assertEquals(List.of(), results.stream().flatMap(r -> r.withoutMissingDataCase().stream()).toList());
        assertTrue(!text.contains("note:"), text);
    }
}
