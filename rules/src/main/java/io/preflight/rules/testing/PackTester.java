package io.preflight.rules.testing;

import io.preflight.rules.Checker;
import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs packs' cases: the runner behind {@code preflight rules test} for site packs and {@code rules test --shipped},
 * and the one the shipped packs' own build test ({@code ShippedPacksTest}) calls. Each case goes through
 * {@link CaseRunner} (the same {@link Checker} path as {@code preflight check}) and must produce its exact set of
 * {@code (rule id, subject)} pairs. A pack fails when a case fails, when it has no cases, or when a case names a rule
 * the pack does not define; rules without a firing case, or without a missing-data case, are reported. Thread-safe when the checker is.
 */
public final class PackTester {
    private final CaseRunner runner;

    /** @param rules every rule the checker runs (shipped and site) */
    public PackTester(Checker checker, List<RuleMeta> rules) {
        this.runner = new CaseRunner(checker, rules);
    }

    public List<PackResult> test(List<CasePack> packs) {
        List<PackResult> out = new ArrayList<>();
        for (CasePack p : packs) out.add(test(p));
        return out;
    }

    public PackResult test(CasePack pack) {
        List<String> problems = new ArrayList<>();
        if (pack.cases().isEmpty()) {
            problems.add(pack.caseFiles().isEmpty()
                    ? "no cases: write them in a *.cases.yaml file beside the pack's rules (docs/writing-rules.md)"
                    : "no cases in " + String.join(", ", pack.caseFiles()));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (RuleMeta m : pack.rules()) if (m.primary()) ids.add(m.id());
        List<CaseResult> results = new ArrayList<>();
        for (RuleCase c : pack.cases()) {
            if (!ids.contains(c.rule())) {
                problems.add(c.where() + ": case '" + c.name() + "' is for rule " + c.rule()
                        + ", which this pack does not define");
            }
            results.add(runner.run(c));
        }
        List<String> notFiring = new ArrayList<>();
        List<String> noMissingData = new ArrayList<>();
        for (String id : ids) {
            boolean fires = pack.cases().stream().anyMatch(c -> c.expect().stream().anyMatch(e -> e.id().equals(id)));
            if (!fires) notFiring.add(id);
            // the coverage rules are themselves about missing inputs
            boolean missingData = id.startsWith("COLLECT-") || pack.cases().stream().anyMatch(c -> c.rule().equals(id)
                    && c.expect().stream().anyMatch(e -> e.id().equals(Checker.UNVERIFIED)));
            if (!missingData) noMissingData.add(id);
        }
        return new PackResult(pack, results, problems, notFiring, noMissingData);
    }

    /** The shipped packs with their cases, one per area folder, in the index's order. */
    public static List<CasePack> shipped(RuleEngine engine) throws CaseFileException {
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (String path : RuleEngine.shippedCaseFiles()) {
            String rel = path.substring("packs/".length());
            files.computeIfAbsent(rel.substring(0, rel.indexOf('/')), k -> new ArrayList<>()).add(path);
        }
        for (RuleMeta m : engine.rules()) files.computeIfAbsent(m.pack(), k -> new ArrayList<>());
        List<CasePack> packs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : files.entrySet()) {
            List<RuleCase> cases = new ArrayList<>();
            for (String path : e.getValue()) cases.addAll(CaseFiles.parse(path, resource(path)));
            List<RuleMeta> rules = engine.rules().stream().filter(m -> m.pack().equals(e.getKey())).toList();
            packs.add(new CasePack(e.getKey(), "packs/" + e.getKey(), rules, e.getValue(), cases));
        }
        return packs;
    }

    private static String resource(String path) {
        try (InputStream in = PackTester.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IOException("missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
