package io.preflight.rules.testing;

import io.preflight.rules.Checker;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The two forms of a {@code rules test} run: text for a person (pass/fail per case, and for a failure the pairs
 * missing and unexpected), and JUnit XML for a CI server (one test suite per pack, one test case per rule case).
 */
public final class TestReports {
    private TestReports() {
    }

    /** Counts over every pack. */
    public record Totals(int packs, int failedPacks, int cases, int failedCases) {
        public boolean passed() {
            return failedPacks == 0;
        }
    }

    public static Totals totals(List<PackResult> results) {
        int cases = 0;
        int failed = 0;
        int failedPacks = 0;
        for (PackResult r : results) {
            cases += r.results().size();
            failed += (int) r.failedCases();
            if (!r.passed()) failedPacks++;
        }
        return new Totals(results.size(), failedPacks, cases, failed);
    }

    /** Pass or fail per case, a diff for each failure, rules without a firing case, and a summary line. */
    public static void text(List<PackResult> results, PrintWriter w) {
        for (PackResult r : results) {
            CasePack p = r.pack();
            w.printf("pack %s (%s): %d case%s%n", p.name(), p.location(), r.results().size(),
                    r.results().size() == 1 ? "" : "s");
            for (CaseResult c : r.results()) {
                w.printf("  %s  %s: %s%n", c.passed() ? "PASS" : "FAIL", c.kase().rule(), c.kase().name());
                if (c.passed()) continue;
                w.printf("        at %s%n", c.kase().where());
                if (c.error() != null) {
                    w.printf("        error:      %s%n", c.error());
                    continue;
                }
                w.printf("        expected:   %s%n", pairs(c.kase().expect()));
                w.printf("        actual:     %s%n", pairs(c.actual()));
                for (var m : c.missing()) w.printf("        missing:    %s%n", m);
                for (var u : c.unexpected()) w.printf("        unexpected: %s%n", u);
            }
            for (String problem : r.problems()) w.printf("  FAIL  %s%n", problem);
            for (String id : r.withoutFiringCase()) {
                w.printf("  note: %s has no firing case (no case expects it)%n", id);
            }
            for (String id : r.withoutMissingDataCase()) {
                w.printf("  note: %s has no missing-data case (none of its cases expects %s)%n", id,
                        Checker.UNVERIFIED);
            }
            long passed = r.results().size() - r.failedCases();
            w.printf("%s  %s: %d of %d cases passed%s%n", r.passed() ? "ok  " : "FAIL", p.name(), passed,
                    r.results().size(), r.problems().isEmpty() ? "" : ", " + r.problems().size() + " pack problem"
                            + (r.problems().size() == 1 ? "" : "s"));
            w.println();
        }
        Totals t = totals(results);
        if (t.passed()) {
            w.printf("OK: %d case%s passed in %d pack%s%n", t.cases(), t.cases() == 1 ? "" : "s", t.packs(),
                    t.packs() == 1 ? "" : "s");
        } else {
            w.printf("FAIL: %d of %d pack%s failed; %d of %d case%s failed%n", t.failedPacks(), t.packs(),
                    t.packs() == 1 ? "" : "s", t.failedCases(), t.cases(), t.cases() == 1 ? "" : "s");
        }
        w.flush();
    }

    private static String pairs(Set<RuleCase.Expected> s) {
        return s.isEmpty() ? "(nothing)" : s.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    /** JUnit XML: a suite per pack; a failing case carries its diff; a rule without a firing case is skipped. */
    public static String junit(List<PackResult> results) {
        Totals t = totals(results);
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        int skippedAll = results.stream().mapToInt(r -> r.withoutFiringCase().size()).sum();
        int errorsAll = (int) results.stream().flatMap(r -> r.results().stream()).filter(c -> c.error() != null)
                .count();
        int failuresAll = t.failedCases() - errorsAll + results.stream().mapToInt(r -> r.problems().size()).sum();
        int testsAll = t.cases() + results.stream().mapToInt(r -> r.problems().size() + r.withoutFiringCase().size())
                .sum();
        b.append("<testsuites name=\"preflight rules test\" tests=\"").append(testsAll).append("\" failures=\"")
                .append(failuresAll).append("\" errors=\"").append(errorsAll).append("\" skipped=\"").append(skippedAll)
                .append("\">\n");
        for (PackResult r : results) {
            String pack = r.pack().name();
            int errors = (int) r.results().stream().filter(c -> c.error() != null).count();
            int failures = (int) r.failedCases() - errors + r.problems().size();
            int tests = r.results().size() + r.problems().size() + r.withoutFiringCase().size();
            b.append("  <testsuite name=\"").append(attr(pack)).append("\" tests=\"").append(tests)
                    .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                    .append("\" skipped=\"")
                    .append(r.withoutFiringCase().size()).append("\">\n");
            for (CaseResult c : r.results()) {
                RuleCase k = c.kase();
                b.append("    <testcase classname=\"").append(attr(pack + "." + k.rule())).append("\" name=\"")
                        .append(attr(k.name())).append("\" file=\"").append(attr(k.file())).append("\" line=\"")
                        .append(k.line()).append("\"");
                if (c.passed()) {
                    b.append("/>\n");
                    continue;
                }
                if (c.error() != null) {
                    b.append(">\n      <error type=\"rule\" message=\"").append(attr(c.error())).append("\">")
                            .append(text("at " + k.where() + "\n" + c.error() + "\n")).append("</error>\n    </testcase>\n");
                    continue;
                }
                b.append(">\n      <failure type=\"mismatch\" message=\"").append(attr(c.missing().size() + " missing, "
                        + c.unexpected().size() + " unexpected")).append("\">");
                StringBuilder body = new StringBuilder();
                body.append("at ").append(k.where()).append('\n');
                body.append("expected: ").append(pairs(k.expect())).append('\n');
                body.append("actual:   ").append(pairs(c.actual())).append('\n');
                for (var m : c.missing()) body.append("missing:    ").append(m).append('\n');
                for (var u : c.unexpected()) body.append("unexpected: ").append(u).append('\n');
                b.append(text(body.toString())).append("</failure>\n    </testcase>\n");
            }
            for (String problem : r.problems()) {
                b.append("    <testcase classname=\"").append(attr(pack)).append("\" name=\"pack\">\n")
                        .append("      <failure type=\"pack\" message=\"").append(attr(problem)).append("\"/>\n")
                        .append("    </testcase>\n");
            }
            for (String id : r.withoutFiringCase()) {
                b.append("    <testcase classname=\"").append(attr(pack + "." + id))
                        .append("\" name=\"has a firing case\">\n      <skipped message=\"")
                        .append(attr("no case expects " + id + " to fire")).append("\"/>\n    </testcase>\n");
            }
            b.append("  </testsuite>\n");
        }
        b.append("</testsuites>\n");
        return b.toString();
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    private static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> {
                    // XML 1.0 allows no other control characters
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') b.append('?'); else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
