package io.preflight.reports;

import io.preflight.rules.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JUnit XML as Jenkins (junit and xunit plugins) and GitLab read it, so a CI server shows the gate natively: one
 * {@code <testsuite>} for the check, one {@code <testcase>} per evaluated rule (classname {@code preflight.<pack>},
 * name = rule id and title).
 *
 * <ul>
 *   <li>A rule with an unwaived finding at or above the report's {@code failOn} is a {@code <failure>} listing every
 *       such subject with its message, evidence and fix.</li>
 *   <li>Its findings below {@code failOn}, and its waived findings (with owner, reason and expiry), go to the test
 *       case's {@code <system-out>}: visible, but not failures.</li>
 *   <li>A finding whose rule id is not among the evaluated rules (a report-level finding) still gets a test case,
 *       classname {@code preflight.report}.</li>
 *   <li>A rule disabled by the site configuration is a {@code <skipped>} test case with the reason.</li>
 * </ul>
 * Validated against the {@code junit-10.xsd} of Jenkins' xunit plugin in the tests.
 */
public final class JunitRenderer implements Renderer {
    static final String REPORT_PACK = "report";

    @Override
    public String format() {
        return "junit";
    }

    @Override
    public void render(Report r, OutputStream out) throws IOException {
        List<Case> cases = cases(r);
        long failures = cases.stream().filter(c -> !c.failing.isEmpty()).count();
        long skipped = cases.stream().filter(c -> c.skipReason != null).count();
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<testsuites name=\"preflight\" tests=\"" + cases.size() + "\" failures=\"" + failures
                + "\" errors=\"0\" time=\"0\">\n");
        w.write("  <testsuite name=\"" + Markup.xmlAttr(suiteName(r)) + "\" tests=\"" + cases.size()
                + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\" time=\"0\" timestamp=\""
                + Markup.xmlAttr(r.generatedAt()) + "\">\n");
        w.write("    <properties>\n");
        for (Map.Entry<String, String> p : properties(r).entrySet()) {
            w.write("      <property name=\"" + Markup.xmlAttr(p.getKey()) + "\" value=\""
                    + Markup.xmlAttr(p.getValue()) + "\"/>\n");
        }
        w.write("    </properties>\n");
        for (Case c : cases) writeCase(w, c);
        w.write("  </testsuite>\n");
        w.write("</testsuites>\n");
        w.flush();
    }

    private static String suiteName(Report r) {
        return "preflight " + r.cluster() + " " + r.current() + " -> " + r.target();
    }

    private static Map<String, String> properties(Report r) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("verdict", r.verdict().name());
        p.put("cluster", r.cluster());
        p.put("current", r.current());
        p.put("target", r.target());
        p.put("targetOrigin", r.targetOrigin());
        p.put("path", String.join(" -> ", r.path()));
        p.put("failOn", r.failOn());
        p.put("nodesExpected", String.valueOf(r.coverage().nodesExpected()));
        p.put("nodesReported", String.valueOf(r.coverage().nodesReported()));
        p.put("generatedAt", r.generatedAt());
        p.put("tool", r.tool());
        int i = 1;
        for (String n : r.notes()) p.put("note." + i++, n);
        return p;
    }

    /** One test case per evaluated rule, then per report-level rule id, then per disabled rule. */
    private static List<Case> cases(Report r) {
        Map<String, List<ReportFinding>> byRule = FindingGroups.byRule(r.findings());
        List<Case> cases = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (EvaluatedRule e : r.rules()) {
            if (!seen.add(e.id())) continue;
            cases.add(new Case(r, e.pack(), e.id(), e.title(), e.reference(), byRule.getOrDefault(e.id(), List.of()),
                    null));
        }
        for (Map.Entry<String, List<ReportFinding>> e : byRule.entrySet()) {
            if (!seen.add(e.getKey())) continue;
            ReportFinding first = e.getValue().get(0);
            cases.add(new Case(r, REPORT_PACK, e.getKey(), first.title(), first.reference(), e.getValue(), null));
        }
        for (DisabledRule d : r.disabled()) {
            if (!seen.add(d.id())) continue;
            cases.add(new Case(r, "disabled", d.id(), null, null, List.of(), "disabled by site configuration: "
                    + (d.reason() == null ? "no reason given" : d.reason())));
        }
        return cases;
    }

    private static void writeCase(Writer w, Case c) throws IOException {
        w.write("    <testcase classname=\"" + Markup.xmlAttr("preflight." + c.pack) + "\" name=\""
                + Markup.xmlAttr(c.title == null ? c.id : c.id + " " + c.title) + "\" time=\"0\"");
        if (c.failing.isEmpty() && c.skipReason == null && c.other.isEmpty()) {
            w.write("/>\n");
            return;
        }
        w.write(">\n");
        if (c.skipReason != null) {
            w.write("      <skipped message=\"" + Markup.xmlAttr(c.skipReason) + "\"/>\n");
        }
        if (!c.failing.isEmpty()) {
            Severity worst = c.failing.stream().map(ReportFinding::severity).max(Enum::compareTo).orElseThrow();
            StringBuilder body = new StringBuilder();
            for (ReportFinding f : c.failing) appendFinding(body, f);
            if (c.reference != null) body.append("ref: ").append(c.reference).append('\n');
            w.write("      <failure type=\"" + worst.name() + "\" message=\"" + Markup.xmlAttr(failureMessage(c))
                    + "\">" + Markup.xmlText(body.toString()) + "</failure>\n");
        }
        if (!c.other.isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (ReportFinding f : c.other) {
                if (f.waived()) {
                    out.append("WAIVED ").append(f.severity().name()).append(' ');
                    appendFinding(out, f);
                    if (f.waiver() != null) out.append("  waiver: ").append(f.waiver().summary()).append('\n');
                } else {
                    out.append(f.severity().name()).append(" (below fail-on) ");
                    appendFinding(out, f);
                }
            }
            w.write("      <system-out>" + Markup.xmlText(out.toString()) + "</system-out>\n");
        }
        w.write("    </testcase>\n");
    }

    /** "2 subjects: a: message; b: message" — what a CI server shows on one line. */
    private static String failureMessage(Case c) {
        StringBuilder m = new StringBuilder();
        m.append(c.failing.size()).append(c.failing.size() == 1 ? " subject: " : " subjects: ");
        for (int i = 0; i < c.failing.size(); i++) {
            ReportFinding f = c.failing.get(i);
            if (i > 0) m.append("; ");
            m.append(f.subject()).append(": ").append(f.message());
        }
        return m.toString();
    }

    private static void appendFinding(StringBuilder b, ReportFinding f) {
        b.append(f.subject()).append(": ").append(f.message()).append('\n');
        String ev = FindingGroups.evidence(f.evidence());
        if (!ev.isEmpty()) b.append("  evidence: ").append(ev).append('\n');
        if (f.remediation() != null) b.append("  fix: ").append(f.remediation()).append('\n');
    }

    /** One test case: the findings that fail it and the ones only shown. */
    private static final class Case {
        final String pack;
        final String id;
        final String title;
        final String reference;
        final List<ReportFinding> failing = new ArrayList<>();
        final List<ReportFinding> other = new ArrayList<>();
        final String skipReason;

        Case(Report r, String pack, String id, String title, String reference, List<ReportFinding> findings,
             String skipReason) {
            this.pack = pack == null || pack.isBlank() ? REPORT_PACK : pack;
            this.id = id;
            this.title = title;
            this.reference = reference;
            this.skipReason = skipReason;
            for (ReportFinding f : findings) (FindingGroups.fails(r, f) ? failing : other).add(f);
        }
    }
}
