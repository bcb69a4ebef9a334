package io.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.testing.CaseFiles;
import io.preflight.rules.testing.CaseResult;
import io.preflight.rules.testing.CaseRunner;
import io.preflight.rules.testing.RuleCase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of every shipped pack through the product's own case runner (the one {@code rules test} uses):
 * each case asserts the exact set of (rule id, subject) pairs in its scope.
 */
class ShippedPacksTest {

    static List<RuleCase> shippedCases() throws Exception {
        List<RuleCase> all = new ArrayList<>();
        for (String path : RuleEngine.shippedCaseFiles()) {
            try (InputStream in = ShippedPacksTest.class.getClassLoader().getResourceAsStream(path)) {
                all.addAll(CaseFiles.parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> everyShippedCase() throws Exception {
        RuleEngine engine = RuleEngine.shipped();
        CaseRunner runner = new CaseRunner(new Checker(engine, List.of(), KnowledgeBase.load()), engine.rules());
        return shippedCases().stream().map(c -> DynamicTest.dynamicTest(c.rule() + ": " + c.name(), () -> {
            CaseResult r = runner.run(c);
            assertTrue(r.passed(), () -> c.file() + ": case '" + c.name() + "'\n  expected: " + c.expect()
                    + "\n  actual:   " + r.actual() + "\n  missing:  " + r.missing()
                    + "\n  unexpected: " + r.unexpected());
        }));
    }
}
