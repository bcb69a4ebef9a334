package io.preflight.reports;

import io.preflight.rules.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Read-only views over a report's findings that several renderers share. Never changes the report. */
final class FindingGroups {
    /** The severities from most to least serious, the order every report lists them in. */
    static final List<Severity> SEVERITIES = List.of(Severity.BLOCKER, Severity.WARNING, Severity.INFO);

    private FindingGroups() {
    }

    /** Unwaived findings of one severity, in report order. */
    static List<ReportFinding> unwaived(Report r, Severity s) {
        return r.findings().stream().filter(f -> !f.waived() && f.severity() == s).toList();
    }

    static long count(Report r, Severity s) {
        return r.findings().stream().filter(f -> !f.waived() && f.severity() == s).count();
    }

    static List<ReportFinding> waived(Report r) {
        return r.findings().stream().filter(ReportFinding::waived).toList();
    }

    /** Findings grouped by rule id, rules in order of first appearance. */
    static Map<String, List<ReportFinding>> byRule(List<ReportFinding> findings) {
        Map<String, List<ReportFinding>> m = new LinkedHashMap<>();
        for (ReportFinding f : findings) m.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
        return m;
    }

    /** The lowest severity that fails the gate; BLOCKER when the report does not say. */
    static Severity failOn(Report r) {
        return r.failOn() == null ? Severity.BLOCKER : Severity.parse(r.failOn());
    }

    /** True when this finding counts against the verdict. */
    static boolean fails(Report r, ReportFinding f) {
        return !f.waived() && f.severity().atLeast(failOn(r));
    }

    /** {@code key=value, ...} in the evidence map's own order. */
    static String evidence(Map<String, Object> evidence) {
        if (evidence == null || evidence.isEmpty()) return "";
        return evidence.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** {@code key n, key n} (nodes by role, tasks by agent) with every key escaped by {@code esc}; {@code -} when empty. */
    static String counts(Map<String, Integer> m, UnaryOperator<String> esc) {
        if (m.isEmpty()) return "-";
        return m.entrySet().stream().map(e -> esc.apply(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /**
     * Versions by role: {@code role: version<times>n, ...} per role, the roles joined by {@code roleSep}, every key
     * escaped by {@code esc}; {@code -} when empty.
     */
    static String byRole(Map<String, Map<String, Integer>> m, UnaryOperator<String> esc, String times,
                         String roleSep) {
        if (m.isEmpty()) return "-";
        return m.entrySet().stream().map(e -> esc.apply(e.getKey()) + ": " + e.getValue().entrySet().stream()
                        .map(v -> esc.apply(v.getKey()) + times + v.getValue()).collect(Collectors.joining(", ")))
                .collect(Collectors.joining(roleSep));
    }

    /** "2 blockers, 1 warning, 0 info" plus ", N waived" when any are. */
    static String summary(Report r) {
        long b = count(r, Severity.BLOCKER);
        long w = count(r, Severity.WARNING);
        long i = count(r, Severity.INFO);
        long waived = waived(r).size();
        return b + " blocker" + (b == 1 ? "" : "s") + ", " + w + " warning" + (w == 1 ? "" : "s") + ", " + i
                + " info" + (waived > 0 ? ", " + waived + " waived" : "");
    }
}
