package io.preflight.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.compiler.compiler.RuleBuildError;
import org.drools.drl.ast.descr.RuleDescr;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.kie.internal.jci.CompilationProblem;

/**
 * Turns Drools' compile errors into one {@code file:line: message} line each, with the line a rule author must look
 * at and a message that names the problem in the author's terms.
 *
 * <p>Drools places a Java error in a rule's action (its {@code then} part) at the line of {@code rule "..."}; the
 * compiler's own line is in the generated class. The generated class keeps the action's lines in order from a fixed
 * line onwards, so the DRL line is the action's first line plus the distance from that fixed line, which is measured
 * once per JVM by compiling a rule with a known error ({@link #generatedBase()}). When the mapping falls outside the
 * rule, the rule's line is used.
 */
final class CompileProblems {
    private static final Pattern PARSER_PREFIX = Pattern.compile("^\\[ERR \\d+\\] Line \\d+:\\d+ ");
    private static final Pattern STRICT_FIELD = Pattern.compile(
            "unable to resolve method using strict-mode: ([\\w.$]+)\\.(\\w+)\\(\\)");
    private static final Pattern UNKNOWN_TYPE = Pattern.compile("^Unable to resolve ObjectType '([^']+)'");
    private static final String NULL_PACKAGE = "Parser returned a null Package";
    private static final Pattern UNRESOLVED_BINDING = Pattern.compile("\\$\\w+ cannot be resolved");
    private static final Pattern GLOBAL_OUT = Pattern.compile("\\bglobal\\s+[\\w.]*FindingSink\\s+out\\s*;");

    private static volatile int generatedBase = -1;

    private CompileProblems() {
    }

    /** Every error of {@code kb}, sorted by file and line. {@code texts}: each source's path to its DRL text. */
    static List<RuleProblem> of(KnowledgeBuilder kb, Map<String, String> texts) {
        List<RuleProblem> out = new ArrayList<>();
        // "$x cannot be resolved" in an action only repeats a broken condition of the same rule: kept only alone
        List<Object[]> follows = new ArrayList<>();
        for (KnowledgeBuilderError e : kb.getErrors()) {
            String file = e.getResource() != null && e.getResource().getSourcePath() != null
                    ? e.getResource().getSourcePath() : "?";
            if (e instanceof RuleBuildError rb && rb.getDescr() instanceof RuleDescr rd
                    && rb.getObject() instanceof Object[] problems && problems.length > 0
                    && problems[0] instanceof CompilationProblem) {
                for (Object o : problems) {
                    CompilationProblem p = (CompilationProblem) o;
                    String msg = action(p.getMessage(), texts.get(file));
                    RuleProblem problem = new RuleProblem(file, actionLine(texts.get(file), rd, p.getStartLine()),
                            "in the action of rule \"" + rd.getName() + "\": " + msg);
                    if (UNRESOLVED_BINDING.matcher(msg).matches()) {
                        follows.add(new Object[] {problem, rd.getLine(), rd.getEndLine()});
                    } else {
                        out.add(problem);
                    }
                }
                continue;
            }
            int[] lines = e.getLines();
            int line = lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : 0;
            out.add(new RuleProblem(file, line, message(e.getMessage())));
        }
        for (Object[] f : follows) {
            RuleProblem p = (RuleProblem) f[0];
            int from = (Integer) f[1];
            int to = (Integer) f[2] > 0 ? (Integer) f[2] : Integer.MAX_VALUE;
            boolean explained = out.stream().anyMatch(o -> o.file().equals(p.file()) && o.line() >= from
                    && o.line() <= to && !o.message().startsWith("in the action of"));
            if (!explained) out.add(p);
        }
        // "null Package" only repeats that the file's syntax errors (reported above) stopped the parser
        Set<String> withOthers = new LinkedHashSet<>();
        for (RuleProblem p : out) if (!p.message().equals(NULL_PACKAGE)) withOthers.add(p.file());
        List<RuleProblem> kept = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (RuleProblem p : out) {
            if (p.message().equals(NULL_PACKAGE) && withOthers.contains(p.file())) continue;
            if (seen.add(p.toString())) kept.add(p);
        }
        kept.sort(null);
        return kept;
    }

    static String message(String raw) {
        String m = raw == null ? "error" : raw.replaceAll("\\s+", " ").trim();
        Matcher f = STRICT_FIELD.matcher(m);
        if (f.find()) {
            String type = f.group(1).substring(f.group(1).lastIndexOf('.') + 1);
            return "unknown field '" + f.group(2) + "' of " + type + fieldsOf(type);
        }
        Matcher t = UNKNOWN_TYPE.matcher(m);
        if (t.find()) return "unknown fact type '" + t.group(1) + "'" + suggestType(t.group(1));
        Matcher parser = PARSER_PREFIX.matcher(m);
        if (parser.find()) return "syntax error: " + m.substring(parser.end());
        if (m.startsWith("Unable to Analyse Expression ")) {
            // keep the expression and Drools' reason, drop the caret picture and its own line/column
            return "cannot compile condition: " + m.substring("Unable to Analyse Expression ".length())
                    .replaceAll("\\s*\\[Near : \\{.*", "").replaceAll("\\s*\\[Line: \\d+, Column: \\d+\\]", "");
        }
        return m;
    }

    private static String action(String raw, String text) {
        String m = raw == null ? "error" : raw.replaceAll("\\s+", " ").trim();
        if (m.equals("out cannot be resolved") && (text == null || !GLOBAL_OUT.matcher(text).find())) {
            return m + " (declare `global io.preflight.rules.FindingSink out;` after the imports)";
        }
        return m;
    }

    private static String fieldsOf(String simpleName) {
        Class<?> c = FactTypes.byName(simpleName);
        if (c == null || !c.isRecord()) return "";
        return " (fields: " + String.join(", ", Arrays.stream(c.getRecordComponents()).map(rc -> rc.getName())
                .toList()) + ")";
    }

    private static String suggestType(String name) {
        Class<?> exact = FactTypes.byName(name);
        if (exact != null) return " (missing `import " + exact.getPackageName() + ".*;`?)";
        String best = FactTypes.nearest(name);
        String types = "fact types: docs/facts.md";
        return best != null ? " (did you mean " + best + "? " + types + ")" : " (" + types + ")";
    }

    /**
     * The DRL line of a Java error at {@code generatedLine} in the action of {@code rule}: the action's first line
     * (the first non-blank character after {@code then}) plus the distance from the generated class's fixed start.
     */
    static int actionLine(String text, RuleDescr rule, int generatedLine) {
        int fallback = rule.getLine() > 0 ? rule.getLine() : 0;
        int base = generatedBase();
        if (text == null || base <= 0 || rule.getConsequenceLine() <= 0) return fallback;
        int first = firstActionLine(text, rule.getConsequenceLine());
        if (first <= 0) return fallback;
        int line = first + (generatedLine - base);
        int end = rule.getEndLine() > 0 ? rule.getEndLine() : Integer.MAX_VALUE;
        return line >= first && line <= end ? line : fallback;
    }

    /** The line of the first non-whitespace character after the {@code then} on line {@code thenLine}. */
    static int firstActionLine(String text, int thenLine) {
        int pos = 0;
        for (int l = 1; l < thenLine; l++) {
            pos = text.indexOf('\n', pos);
            if (pos < 0) return -1;
            pos++;
        }
        Matcher m = Pattern.compile("\\bthen\\b").matcher(text);
        if (!m.find(pos)) return -1;
        int line = thenLine;
        for (int i = m.end(); i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') line++;
            else if (!Character.isWhitespace(c)) return line;
        }
        return -1;
    }

    /**
     * The line of the generated class at which an action's first line lands, measured once by compiling an action
     * that calls an undefined method on its first line; -1 when it cannot be measured.
     */
    static int generatedBase() {
        int b = generatedBase;
        if (b < 0) {
            b = 0;
            String drl = "package preflight.calibration;\nrule \"calibration\"\nwhen\nthen\n"
                    + "    preflightCalibrationUndefined();\nend\n";
            KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
            kb.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
            for (KnowledgeBuilderError e : kb.getErrors()) {
                if (e instanceof RuleBuildError rb && rb.getObject() instanceof Object[] ps && ps.length > 0
                        && ps[0] instanceof CompilationProblem p) {
                    b = p.getStartLine();
                    break;
                }
            }
            generatedBase = b;
        }
        return b;
    }
}
