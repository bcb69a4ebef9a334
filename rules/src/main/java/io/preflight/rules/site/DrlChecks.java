package io.preflight.rules.site;

import io.preflight.rules.Checker;
import io.preflight.rules.FactTypes;
import io.preflight.rules.RuleMeta;
import io.preflight.rules.RuleProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The house rules of a site pack's DRL that the compiler does not check (STYLE.md section 3, DROOLS-NOTES): metadata
 * on every rule, severities from the fixed three, ids with the pack's prefix, no {@code declare}, no agenda control,
 * no I/O, processes, threads or reflection, and no changing of facts. Each violation is one {@link RuleProblem} at
 * the line to fix.
 */
final class DrlChecks {
    /** The metadata every rule that defines an id declares. */
    static final List<String> REQUIRED = List.of("title", "severity", "remediation", "reference");
    static final Set<String> SEVERITIES = Set.of("BLOCKER", "WARNING", "INFO");

    /** Rule attributes a site rule may not use, with why. */
    private static final Map<String, String> FORBIDDEN_ATTRIBUTES = new LinkedHashMap<>();

    static {
        String order = "rules must not depend on firing order; derive an intermediate fact with insertLogical in its"
                + " own rule instead";
        for (String a : List.of("salience", "agenda-group", "activation-group", "ruleflow-group", "auto-focus",
                "lock-on-active")) {
            FORBIDDEN_ATTRIBUTES.put(a, order);
        }
        FORBIDDEN_ATTRIBUTES.put("no-loop", "it only matters for rules that change facts, which rules may not do");
        String time = "a check evaluates once, so a time-based rule never fires";
        for (String a : List.of("timer", "calendars", "duration")) FORBIDDEN_ATTRIBUTES.put(a, time);
        String silent = "it makes the rule silently inactive; disable a rule in the site configuration, with a reason,"
                + " instead";
        for (String a : List.of("enabled", "date-effective", "date-expires")) FORBIDDEN_ATTRIBUTES.put(a, silent);
    }

    /** Code a rule may not contain anywhere (conditions, actions, functions, imports), with why. */
    private record Forbidden(Pattern pattern, String why) {
    }

    private static final List<Forbidden> FORBIDDEN_CODE = List.of(
            new Forbidden(Pattern.compile("(?<![\\w$])System\\s*\\.\\s*\\w+"),
                    "no I/O or System calls; report with out.report(...)"),
            new Forbidden(Pattern.compile("\\bjava\\s*\\.\\s*(io|nio|net)\\b"), "no file or network I/O"),
            new Forbidden(Pattern.compile("\\bjava\\s*\\.\\s*lang\\s*\\.\\s*(reflect|invoke)\\b"), "no reflection"),
            new Forbidden(Pattern.compile("(?<![\\w$])(Runtime|ProcessBuilder|Thread|ClassLoader)\\b"),
                    "no processes, threads or class loading"),
            new Forbidden(Pattern.compile("(?<![\\w$])Class\\s*\\.\\s*forName\\b"), "no reflection"),
            new Forbidden(Pattern.compile("\\b(drools|kcontext)\\s*\\.\\s*(halt|getKieRuntime|getKnowledgeRuntime"
                    + "|getWorkingMemory|getEntryPoint)\\b"), "a rule only reports, it does not steer the engine"),
            new Forbidden(Pattern.compile("(?<![\\w.$])(insert|update|retract|delete|modify)\\s*\\("),
                    "rules do not change or remove facts (derive new facts with insertLogical)"));

    private static final Pattern REPORT = Pattern.compile("\\bout\\s*\\.\\s*report(As)?\\s*\\(");
    private static final Pattern REPORT_AS_LITERAL = Pattern.compile(
            "\\bout\\s*\\.\\s*reportAs\\s*\\(\\s*drools\\s*,\\s*\"([^\"]*)\"");

    private DrlChecks() {
    }

    /** Problems of one file that do not need the other files of the pack. */
    static List<RuleProblem> file(DrlOutline o) {
        List<RuleProblem> out = new ArrayList<>();
        String file = o.source().path();
        String code = o.code();
        for (Forbidden f : FORBIDDEN_CODE) {
            Matcher m = f.pattern().matcher(code);
            while (m.find()) {
                String what = m.group().replaceAll("\\s+", "");
                if (what.endsWith("(")) what += "...)";
                out.add(new RuleProblem(file, o.lineOf(m.start()), "'" + what + "' is not allowed in rules: " + f.why()));
            }
        }
        if (!o.parsed()) return out;
        for (DrlOutline.Declaration d : o.declarations()) {
            out.add(new RuleProblem(file, d.line(), "'declare' (" + d.kind() + " " + d.name() + ") is not allowed:"
                    + " declared types do not survive the compiled-pack serialization (docs/rule-conventions.md);"
                    + " match the product's fact types (docs/facts.md)"));
        }
        for (DrlOutline.Global g : o.globals()) {
            boolean sink = g.name().equals("out")
                    && (g.type().equals("io.preflight.rules.FindingSink") || g.type().equals("FindingSink"));
            if (!sink) {
                out.add(new RuleProblem(file, g.line(), "global '" + g.name() + "' (" + g.type() + ") is never set"
                        + " by preflight: the only global is `global io.preflight.rules.FindingSink out;`"));
            }
        }
        for (DrlOutline.Rule r : o.rules()) {
            for (DrlOutline.Attribute a : r.attributes()) {
                String why = FORBIDDEN_ATTRIBUTES.get(a.name());
                if (why != null) {
                    out.add(new RuleProblem(file, a.line(), "rule \"" + r.name() + "\": '" + a.name()
                            + "' is not allowed: " + why));
                }
            }
            DrlOutline.Annotation sev = r.annotation("severity");
            if (sev != null && !SEVERITIES.contains(sev.value())) {
                out.add(new RuleProblem(file, sev.line(), "rule \"" + r.name() + "\": @severity(\"" + sev.value()
                        + "\") is not BLOCKER, WARNING or INFO"));
            }
            DrlOutline.Annotation reads = r.annotation("reads");
            if (reads != null && reads.value() != null) {
                for (String t : reads.value().split("\\s*,\\s*")) {
                    if (!t.isBlank() && FactTypes.byName(t.trim()) == null) {
                        out.add(new RuleProblem(file, reads.line(), "rule \"" + r.name() + "\": @reads names '"
                                + t.trim() + "', which is not a fact type (docs/facts.md)"));
                    }
                }
            }
            // a literal severity in reportAs(drools, "X", ...) is read from the raw text: the code view blanks strings
            if (r.actionStart() >= 0 && r.actionEnd() > r.actionStart()) {
                String raw = o.source().text().substring(r.actionStart(), r.actionEnd());
                Matcher m = REPORT_AS_LITERAL.matcher(raw);
                while (m.find()) {
                    if (!SEVERITIES.contains(m.group(1))) {
                        out.add(new RuleProblem(file, o.lineOf(r.actionStart() + m.start()), "rule \"" + r.name()
                                + "\": reportAs severity \"" + m.group(1) + "\" is not BLOCKER, WARNING or INFO"));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Problems of one rule's identity within its pack: derivations that report, helpers that report under an id the
     * pack does not define, and missing metadata on rules that define an id.
     *
     * @param packIds the ids the pack's rules define
     */
    static List<RuleProblem> identity(DrlOutline o, DrlOutline.Rule r, Set<String> packIds) {
        List<RuleProblem> out = new ArrayList<>();
        String file = o.source().path();
        if (defines(r)) {
            List<String> missing = new ArrayList<>();
            for (String k : REQUIRED) {
                DrlOutline.Annotation a = r.annotation(k);
                if (a == null || a.value() == null || a.value().isBlank()) missing.add("@" + k);
            }
            if (!missing.isEmpty()) {
                out.add(new RuleProblem(file, r.line(), "rule " + r.id() + " has no " + String.join(", ", missing)
                        + " (every rule declares @title, @severity, @remediation and @reference)"));
            }
        } else if (r.annotation("id") != null) {
            if (!packIds.contains(r.id()) && !Checker.UNVERIFIED.equals(r.id())) {
                out.add(new RuleProblem(file, r.annotation("id").line(), "rule \"" + r.name() + "\" reports under "
                        + r.id() + ", which this pack does not define (a helper reports under one of its pack's ids"
                        + " or " + Checker.UNVERIFIED + ")"));
            }
        } else if (REPORT.matcher(o.action(r)).find()) {
            out.add(new RuleProblem(file, r.line(), "rule \"" + r.name() + "\" reports findings but its name is not"
                    + " a rule id (upper-case words joined by dashes, e.g. ACME-APP-OWNER-MISSING)"));
        }
        return out;
    }

    /** True for a rule that defines its id: an id-shaped name and no {@code @id} naming another rule. */
    static boolean defines(DrlOutline.Rule r) {
        return r.id().equals(r.name()) && RuleMeta.ID_SHAPE.matcher(r.name()).matches();
    }
}
