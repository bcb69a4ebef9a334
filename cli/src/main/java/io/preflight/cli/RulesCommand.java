package io.preflight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.preflight.facts.Fact;
import io.preflight.reports.waiver.WaiverCheck;
import io.preflight.rules.Checker;
import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RulePolicy;
import io.preflight.rules.RuleProblem;
import io.preflight.rules.RuleSource;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.site.DrlOutline;
import io.preflight.rules.site.SiteConfig;
import io.preflight.rules.site.SitePack;
import io.preflight.rules.site.SitePacks;
import io.preflight.rules.site.SiteRulesException;
import io.preflight.rules.testing.CaseFileException;
import io.preflight.rules.testing.CasePack;
import io.preflight.rules.testing.PackResult;
import io.preflight.rules.testing.PackTester;
import io.preflight.rules.testing.RuleCase;
import io.preflight.rules.testing.TestReports;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code preflight rules list|explain|validate|test}: the rule catalog, and the toolkit for site packs. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List and explain rules; validate and test site rule packs.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Explain.class, RulesCommand.Validate.class,
                RulesCommand.Test.class})
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required (list, explain, validate, test)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List every rule: id, severity, pack, title (with --config: as the site configures them).")
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
        String format;

        @Mixin
        SiteOptions site = new SiteOptions();

        @Override
        public Integer call() throws Exception {
            if (!format.equals("text") && !format.equals("json")) {
                throw new UserError("--format: unknown format '" + format + "' (valid: text, json)");
            }
            SiteSetup setup = site.load(RuleEngine.shipped());
            RulePolicy policy = setup.policy();
            PrintWriter out = spec.commandLine().getOut();
            if ("json".equals(format)) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RuleMeta m : setup.rules()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("id", m.id());
                    r.put("severity", severity(m, policy));
                    r.put("declaredSeverity", m.severity() == null ? null : m.severity().name());
                    r.put("title", m.title());
                    r.put("pack", m.pack());
                    r.put("remediation", m.remediation());
                    r.put("reference", m.reference());
                    r.put("disabled", policy.disabled().get(m.id()));
                    rows.add(r);
                }
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } else {
                for (RuleMeta m : setup.rules()) {
                    String reason = policy.disabled().get(m.id());
                    String changed = policy.severities().containsKey(m.id())
                            ? "  (site configuration; declared " + m.severity() + ")" : "";
                    out.printf("%-30s %-8s %-10s %s%s%n", m.id(), reason != null ? "DISABLED" : severity(m, policy),
                            m.pack(), m.title(), reason != null ? "  (disabled: " + reason + ")" : changed);
                }
                out.printf("%d rules%n", setup.rules().size());
            }
            out.flush();
            return Main.GO;
        }

        private static String severity(RuleMeta m, RulePolicy policy) {
            RulePolicy.Override o = policy.severities().get(m.id());
            return o != null ? o.severity().name() : m.severity() == null ? null : m.severity().name();
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Show a rule's metadata, the facts it reads, its source (file:line) and its example cases.")
    static final class Explain implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The rule id, e.g. PATH-LEAPFROG.")
        String id;

        @Mixin
        SiteOptions site = new SiteOptions();

        @Override
        public Integer call() throws Exception {
            SiteSetup setup = site.load(RuleEngine.shipped());
            RuleMeta m = setup.rules().stream().filter(r -> r.id().equalsIgnoreCase(id)).findFirst().orElse(null);
            PrintWriter out = spec.commandLine().getOut();
            if (m == null) {
                // the report-level checks of waivers are explained too, though no DRL defines them
                WaiverCheck check = WaiverCheck.byId(id)
                        .orElseThrow(() -> new UserError("no rule with id '" + id + "' (see: preflight rules list)"));
                explain(check, out);
                return Main.GO;
            }
            SitePack pack = setup.packs().packs().stream().filter(p -> p.rules().contains(m)).findFirst()
                    .orElse(null);
            List<RuleSource> sources = pack != null ? pack.sources() : setup.shipped().sources();
            out.println(m.id() + "  [" + m.severity() + "]  " + m.title());
            out.println();
            out.println("pack:        " + m.pack() + (pack != null ? " (site pack " + pack.dir() + ", prefix "
                    + pack.prefix() + ")" : " (shipped)"));
            List<String> helpers = new ArrayList<>();
            String where = null;
            for (RuleSource s : sources) {
                if (!s.pack().equals(m.pack())) continue;
                DrlOutline o = DrlOutline.of(s);
                for (DrlOutline.Rule r : o.rules()) {
                    if (!r.id().equals(m.id())) continue;
                    String at = s.path() + ":" + r.line();
                    if (r.name().equals(m.id())) where = at; else helpers.add("\"" + r.name() + "\" " + at);
                }
            }
            out.println("source:      " + (where == null ? "?" : where));
            for (String h : helpers) out.println("also from:   " + h);
            out.println("reads:       " + (m.reads() == null ? "-" : m.reads()));
            out.println("reference:   " + m.reference());
            out.println("remediation: " + m.remediation());
            RulePolicy.Override o = setup.policy().severities().get(m.id());
            if (o != null) out.println("site config: reported as " + o.severity() + " (" + o.where() + ")");
            String reason = setup.policy().disabled().get(m.id());
            if (reason != null) out.println("site config: disabled: " + reason);
            List<RuleCase> cases = new ArrayList<>();
            List<CasePack> casePacks = pack != null ? List.of(pack.casePack()) : PackTester.shipped(setup.shipped());
            for (CasePack p : casePacks) for (RuleCase c : p.cases()) if (c.rule().equals(m.id())) cases.add(c);
            if (!cases.isEmpty()) {
                out.println();
                out.println("cases (" + cases.size() + "):");
                for (RuleCase c : cases) {
                    String ctx = c.current() != null || c.target() != null
                            ? "  [" + (c.current() == null ? "?" : c.current()) + " -> " + c.target() + "]" : "";
                    out.println("  - " + c.name() + ctx + "   (" + c.where() + ")");
                    out.println("      facts:  " + facts(c.facts()));
                    out.println("      expect: " + (c.expect().isEmpty() ? "nothing" : c.expect().toString()));
                }
            }
            out.flush();
            return Main.GO;
        }

        /** The checks on a waiver file are not DRL rules, but their findings appear in reports like rule findings. */
        private static void explain(WaiverCheck c, PrintWriter out) {
            out.println(c.id() + "  [" + c.severity() + "]  " + c.title());
            out.println();
            out.println("pack:        " + WaiverCheck.PACK + " (a report-level check on the --waivers file, not a DRL rule;"
                    + " it cannot be waived)");
            out.println("source:      io.preflight.reports.waiver.Waivers (docs/waivers.md)");
            out.println("reads:       the --waivers file and the check's findings");
            out.println("reference:   " + c.reference());
            out.println("remediation: " + c.remediation());
            out.flush();
        }

        private static String facts(List<Object> facts) {
            if (facts.isEmpty()) return "none";
            List<String> parts = new ArrayList<>();
            for (Object f : facts) {
                parts.add(f.getClass().getSimpleName() + (f instanceof Fact fact ? " " + fact.subject() : ""));
            }
            int max = 6;
            return String.join(", ", parts.subList(0, Math.min(max, parts.size())))
                    + (parts.size() > max ? " (+" + (parts.size() - max) + " more)" : "");
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Check site rule packs without running them: DRL against the fact model, metadata,"
                    + " severities, ids and prefixes, forbidden constructs, descriptors and case files.",
                    "Every problem is one line 'file:line: message'. Exit 0 when valid, 2 otherwise."})
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..*", description = "Site pack directories.")
        List<Path> dirs = new ArrayList<>();

        @Option(names = "--config", paramLabel = "FILE",
                description = "Also validate a site configuration (and the packs its rules: lists).")
        Path config;

        @Override
        public Integer call() {
            List<RuleProblem> problems = new ArrayList<>();
            SiteConfig cfg = null;
            if (config != null) {
                try {
                    cfg = SiteConfig.read(config);
                } catch (SiteRulesException e) {
                    problems.addAll(e.problems());
                }
            }
            List<Path> all = new ArrayList<>();
            if (cfg != null) all.addAll(cfg.packs());
            all.addAll(dirs);
            if (all.isEmpty() && problems.isEmpty()) {
                throw new UserError("nothing to validate: give site pack directories (or --config with rules:)");
            }
            RuleEngine shipped = RuleEngine.shipped();
            SitePacks.Result result = SitePacks.validate(all, shipped);
            problems.addAll(result.problems());
            if (cfg != null && result.ok()) {
                List<RuleMeta> rules = new ArrayList<>(shipped.rules());
                rules.addAll(result.rules());
                try {
                    cfg.policy(rules);
                } catch (SiteRulesException e) {
                    problems.addAll(e.problems());
                }
            }
            if (!problems.isEmpty()) throw SiteSetup.problems(new SiteRulesException(problems));
            PrintWriter out = spec.commandLine().getOut();
            int rules = 0;
            int cases = 0;
            List<String> each = new ArrayList<>();
            for (SitePack p : result.packs()) {
                rules += p.rules().size();
                cases += p.cases().size();
                each.add(p.name() + ": prefix " + p.prefix() + ", " + count(p.rules().size(), "rule") + ", "
                        + count(p.cases().size(), "case"));
            }
            out.println("OK: " + count(result.packs().size(), "pack") + ", " + count(rules, "rule") + ", "
                    + count(cases, "case") + " (" + String.join("; ", each) + ")"
                    + (config != null ? "; site configuration " + config + " valid" : ""));
            out.flush();
            return Main.GO;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Run the cases of site rule packs (and/or the shipped packs): each case's facts must give"
                    + " exactly its expected (rule id, subject) pairs.",
                    "Prints PASS/FAIL per case with the missing and unexpected pairs, and rules no case fires.",
                    "Exit 0 when every pack passes, 1 when a case fails or a pack has no cases, 2 when a pack does"
                            + " not validate."})
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..*", description = "Site pack directories.")
        List<Path> dirs = new ArrayList<>();

        @Option(names = "--shipped", description = "Also run the shipped packs' own cases.")
        boolean shipped;

        @Option(names = "--config", paramLabel = "FILE", description = "Also test the packs a site configuration"
                + " lists under rules: (its severities and disabled rules do not apply to cases).")
        Path config;

        @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
                description = "text (default) or junit; repeatable as NAME=FILE, e.g. --format junit=rules.xml.")
        List<String> formats = new ArrayList<>();

        @Option(names = "--output", paramLabel = "FILE", description = "Write the (single) output to a file.")
        Path output;

        @Override
        public Integer call() throws CaseFileException {
            List<OutputSpec> outputs = OutputSpec.parse(formats, output);
            for (OutputSpec o : outputs) {
                if (!Set.of("text", "junit").contains(o.format())) {
                    throw new UserError("--format: unknown format '" + o.format() + "' (valid: text, junit)");
                }
            }
            RuleEngine engine = RuleEngine.shipped();
            SiteSetup setup = SiteSetup.load(engine, dirs, config);
            if (setup.packs().packs().isEmpty() && !shipped) {
                throw new UserError("nothing to test: give site pack directories, --config with rules:, or --shipped");
            }
            List<CasePack> packs = new ArrayList<>();
            if (shipped) packs.addAll(PackTester.shipped(engine));
            for (SitePack p : setup.packs().packs()) packs.add(p.casePack());
            // the cases run with every rule enabled at its declared severity: a case states what the rules find
            Checker checker = new Checker(engine, setup.packs().engines(), KnowledgeBase.load());
            List<PackResult> results = new PackTester(checker, setup.rules()).test(packs);
            PrintWriter stdout = spec.commandLine().getOut();
            for (OutputSpec o : outputs) {
                String body;
                if (o.format().equals("junit")) {
                    body = TestReports.junit(results);
                } else {
                    StringWriter text = new StringWriter();
                    TestReports.text(results, new PrintWriter(text));
                    body = text.toString();
                }
                if (o.file() == null) {
                    stdout.print(body);
                    stdout.flush();
                } else {
                    Outputs.writeAtomically(o.file(), body.getBytes(StandardCharsets.UTF_8));
                }
            }
            return TestReports.totals(results).passed() ? Main.GO : Main.NO_GO;
        }
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
