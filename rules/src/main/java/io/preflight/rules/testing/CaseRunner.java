package io.preflight.rules.testing;

import io.preflight.facts.Fact;
import io.preflight.rules.CheckOptions;
import io.preflight.rules.CheckOutcome;
import io.preflight.rules.Checker;
import io.preflight.rules.Finding;
import io.preflight.rules.RuleEvaluationException;
import io.preflight.rules.RuleMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs rule cases through the same {@link Checker} path as {@code preflight check} (knowledge base and upgrade
 * context included) and compares the exact set of {@code (rule id, subject)} pairs. A product feature: site teams
 * run their packs' cases with it too.
 */
public final class CaseRunner {
    /** The pack whose COLLECT-UNVERIFIED findings are in scope for every case. */
    public static final String COVERAGE_PACK = "collect";

    private final Checker checker;
    private final Map<String, String> packOf = new HashMap<>();

    /** @param rules every rule the checker runs (shipped and site), to know each rule's pack */
    public CaseRunner(Checker checker, List<RuleMeta> rules) {
        this.checker = checker;
        for (RuleMeta m : rules) if (m.primary()) packOf.put(m.id(), m.pack());
    }

    private static String packOfOrigin(String origin) {
        return origin == null || !origin.contains("/") ? "" : origin.substring(0, origin.indexOf('/'));
    }

    public CaseResult run(RuleCase c) {
        List<Fact> observed = new ArrayList<>();
        List<Object> extra = new ArrayList<>();
        for (Object o : c.facts()) {
            if (o instanceof Fact f) observed.add(f); else extra.add(o);
        }
        // a case that names a target but no current judges "from the facts", as check does
        boolean fromFacts = c.current() == null && c.target() != null;
        CheckOutcome out;
        try {
            out = checker.check(observed, extra,
                    new CheckOptions(c.current(), c.target(), c.targetConfig(), c.thresholds(), fromFacts));
        } catch (RuleEvaluationException e) {
            return new CaseResult(c, Set.of(), new TreeSet<>(c.expect()), Set.of(), e.getMessage());
        }
        Set<String> scope = new HashSet<>();
        scope.add(c.rule());
        for (RuleCase.Expected e : c.expect()) scope.add(e.id());
        // COLLECT-UNVERIFIED is in scope only when the rule's own pack (or the coverage pack) reported it, even when
        // a case expects it: every pack reports its own missing inputs, and a case speaks for its rule's pack
        Set<String> packs = new HashSet<>(Set.of(COVERAGE_PACK));
        packs.add(packOf.getOrDefault(c.rule(), ""));
        TreeSet<RuleCase.Expected> actual = new TreeSet<>();
        for (Finding f : out.raw()) {
            boolean inScope = c.exact() || (Checker.UNVERIFIED.equals(f.ruleId())
                    ? packs.contains(packOfOrigin(f.origin())) : scope.contains(f.ruleId()));
            if (inScope) actual.add(new RuleCase.Expected(f.ruleId(), f.subject()));
        }
        TreeSet<RuleCase.Expected> missing = new TreeSet<>(c.expect());
        missing.removeAll(actual);
        TreeSet<RuleCase.Expected> unexpected = new TreeSet<>(actual);
        unexpected.removeAll(c.expect());
        return new CaseResult(c, actual, missing, unexpected, null);
    }

    public List<CaseResult> runAll(List<RuleCase> cases) {
        List<CaseResult> r = new ArrayList<>();
        for (RuleCase c : cases) r.add(run(c));
        return r;
    }
}
