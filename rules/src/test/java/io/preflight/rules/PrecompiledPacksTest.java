package io.preflight.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.testing.CaseResult;
import io.preflight.rules.testing.CaseRunner;
import io.preflight.rules.testing.RuleCase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped packs load from the packages precompiled at build time (the fast start), and that engine judges every
 * case exactly as an engine compiled from the DRL now does: a serialization or packaging fault that loses findings
 * silently is caught here.
 */
class PrecompiledPacksTest {
    @Test
    void shippedPacksComeFromThePrecompiledPackages() {
        assertTrue(RuleEngine.shipped().precompiled(),
                "packs/compiled.bin is missing or stale: the build step precompile-shipped-packs did not run");
    }

    @Test
    void precompiledAndFreshlyCompiledEnginesAgreeOnEveryCase() throws Exception {
        RuleEngine pre = RuleEngine.shipped();
        RuleEngine fresh = RuleEngine.compile(RuleEngine.shippedSources());
        assertEquals(pre.allRules().size(), fresh.allRules().size());
        KnowledgeBase kb = KnowledgeBase.load();
        CaseRunner a = new CaseRunner(new Checker(pre, List.of(), kb), pre.rules());
        CaseRunner b = new CaseRunner(new Checker(fresh, List.of(), kb), fresh.rules());
        List<String> diffs = new ArrayList<>();
        for (RuleCase c : ShippedPacksTest.shippedCases()) {
            CaseResult x = a.run(c);
            CaseResult y = b.run(c);
            if (!x.actual().equals(y.actual())) diffs.add(c.name() + ": " + x.actual() + " vs " + y.actual());
        }
        assertEquals(List.of(), diffs);
    }
}
