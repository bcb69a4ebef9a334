package io.preflight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.preflight.reports.waiver.WaiverCheck;
import io.preflight.rules.RuleEngine;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RuleSource;
import io.preflight.rules.testing.CaseFileException;
import io.preflight.rules.testing.CaseFiles;
import io.preflight.rules.testing.RuleCase;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code preflight rules list|explain}: the rule catalog as the engine sees it. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "List and explain rules.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Explain.class})
final class RulesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (list, explain)");
    }

    static List<RuleMeta> all(List<Path> siteDirs) {
        RuleEngine shipped = RuleEngine.shipped();
        List<RuleMeta> rules = new ArrayList<>(shipped.rules());
        for (RuleEngine e : SiteRules.load(siteDirs, shipped)) rules.addAll(e.rules());
        return rules;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every rule: id, severity, title, pack.")
    static final class ListRules implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
        String format;

        @Option(names = "--rules", paramLabel = "DIR", description = "Also list a site pack (repeatable).")
        List<Path> rules = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            List<RuleMeta> all = all(rules);
            PrintWriter out = spec.commandLine().getOut();
            if ("json".equals(format)) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RuleMeta m : all) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("id", m.id());
                    r.put("severity", m.severity() == null ? null : m.severity().name());
                    r.put("title", m.title());
                    r.put("pack", m.pack());
                    r.put("remediation", m.remediation());
                    r.put("reference", m.reference());
                    rows.add(r);
                }
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } else if ("text".equals(format)) {
                for (RuleMeta m : all) {
                    out.printf("%-30s %-8s %-10s %s%n", m.id(), m.severity(), m.pack(), m.title());
                }
                out.printf("%d rules%n", all.size());
            } else {
                throw new UserError("--format: unknown format '" + format + "' (valid: text, json)");
            }
            out.flush();
            return Main.GO;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true,
            description = "Show a rule's metadata, the facts it reads, its source and its example cases.")
    static final class Explain implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The rule id, e.g. PATH-LEAPFROG.")
        String id;

        @Option(names = "--rules", paramLabel = "DIR", description = "Also search a site pack (repeatable).")
        List<Path> rules = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            RuleMeta m = all(rules).stream().filter(r -> r.id().equalsIgnoreCase(id)).findFirst().orElse(null);
            PrintWriter out = spec.commandLine().getOut();
            if (m == null) {
                WaiverCheck check = WaiverCheck.byId(id)
                        .orElseThrow(() -> new UserError("no rule with id '" + id + "' (see: preflight rules list)"));
                explain(check, out);
                return Main.GO;
            }
            out.println(m.id() + "  [" + m.severity() + "]  " + m.title());
            out.println();
            out.println("pack:        " + m.pack());
            String file = RuleEngine.shipped().sources().stream()
                    .filter(s -> s.pack().equals(m.pack()) && s.text().contains("rule \"" + m.id() + "\""))
                    .map(RuleSource::path).findFirst().orElse("(site pack)");
            out.println("source:      " + file);
            out.println("reads:       " + (m.reads() == null ? "-" : m.reads()));
            out.println("reference:   " + m.reference());
            out.println("remediation: " + m.remediation());
            List<RuleCase> cases = shippedCases(m.id());
            if (!cases.isEmpty()) {
                out.println();
                out.println("cases:");
                for (RuleCase c : cases) {
                    String ctx = c.current() != null || c.target() != null
                            ? "  [" + (c.current() == null ? "?" : c.current()) + " -> " + c.target() + "]" : "";
                    out.println("  - " + c.name() + ctx);
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

        private static List<RuleCase> shippedCases(String id) throws CaseFileException, java.io.IOException {
            List<RuleCase> out = new ArrayList<>();
            for (String path : RuleEngine.shippedCaseFiles()) {
                try (InputStream in = RulesCommand.class.getClassLoader().getResourceAsStream(path)) {
                    if (in == null) continue;
                    for (RuleCase c : CaseFiles.parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                        if (c.rule().equals(id)) out.add(c);
                    }
                }
            }
            return out;
        }
    }
}
