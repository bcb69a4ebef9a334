package io.preflight.reports;

import io.preflight.rules.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report an SRE reads at 2 a.m.: the verdict first, then blockers grouped by rule with the subjects they hit
 * and the fix, then warnings, info, waived findings, rules the site configuration disabled, the path, the coverage
 * and the inventory.
 */
public final class TextRenderer implements Renderer {
    private static final int EVIDENCE_WIDTH = 160;

    @Override
    public String format() {
        return "text";
    }

    @Override
    public void render(Report r, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        long blockers = count(r, Severity.BLOCKER);
        long warnings = count(r, Severity.WARNING);
        long infos = count(r, Severity.INFO);
        long waived = r.findings().stream().filter(ReportFinding::waived).count();
        String verdict = r.verdict() == Verdict.GO ? "GO" : "NO-GO";
        print(w, "%s  %s  %s -> %s   (%d blocker%s, %d warning%s, %d info%s)%n", verdict, r.cluster(),
                nz(r.current()), nz(r.target()), blockers, blockers == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s", infos, waived > 0 ? ", " + waived + " waived" : "");
        print(w, "  fails on %s and above; target from %s%n", lower(r.failOn()), nz(r.targetOrigin()));
        print(w, "  path:     %s%n", r.path().isEmpty() ? "(no qualified path)" : String.join(" -> ", r.path()));
        print(w, "  coverage: %d of %d nodes reported%n", r.coverage().nodesReported(), r.coverage().nodesExpected());
        for (Severity s : new Severity[] {Severity.BLOCKER, Severity.WARNING, Severity.INFO}) {
            section(w, s, r.findings().stream().filter(f -> f.severity() == s && !f.waived()).toList());
        }
        List<ReportFinding> waivedList = r.findings().stream().filter(ReportFinding::waived).toList();
        if (!waivedList.isEmpty()) {
            print(w, "%nWAIVED (%d)%n", waivedList.size());
            for (ReportFinding f : waivedList) {
                print(w, "  %s  %s: %s%n    waiver: %s%n", f.ruleId(), f.subject(), f.message(), f.waiver().summary());
            }
        }
        if (!r.disabled().isEmpty()) {
            // a rule the site disabled is said so in every report, never silently absent
            print(w, "%nDISABLED RULES (%d)%n", r.disabled().size());
            for (DisabledRule d : r.disabled()) print(w, "  %s: %s%n", d.id(), nz(d.reason()));
        }
        if (!r.hops().isEmpty()) {
            print(w, "%nQUALIFIED PATH%n");
            int i = 1;
            for (PathHop h : r.hops()) {
                print(w, "  %d. %s -> %s   (%s)%n", i++, h.from(), h.to(), h.qualifiedBy());
                for (String n : h.notes()) print(w, "       - %s%n", n);
            }
        }
        inventory(w, r.inventory());
        if (!r.notes().isEmpty()) {
            print(w, "%nNOTES%n");
            for (String n : r.notes()) print(w, "  - %s%n", n);
        }
        w.flush();
    }

    private static void section(PrintWriter w, Severity s, List<ReportFinding> fs) {
        if (fs.isEmpty()) return;
        String name = s == Severity.BLOCKER ? "BLOCKERS" : s == Severity.WARNING ? "WARNINGS" : "INFO";
        print(w, "%n%s (%d)%n", name, fs.size());
        Map<String, List<ReportFinding>> byRule = new LinkedHashMap<>();
        for (ReportFinding f : fs) byRule.computeIfAbsent(f.ruleId(), k -> new ArrayList<>()).add(f);
        for (Map.Entry<String, List<ReportFinding>> e : byRule.entrySet()) {
            ReportFinding first = e.getValue().get(0);
            int n = e.getValue().size();
            print(w, "  %s  %s%s%n", e.getKey(), nz(first.title()), n > 1 ? "  (" + n + " subjects)" : "");
            for (ReportFinding f : e.getValue()) {
                print(w, "    %s: %s%n", f.subject(), nz(f.message()));
                String ev = evidence(f.evidence());
                if (!ev.isEmpty()) print(w, "      evidence: %s%n", ev);
            }
            print(w, "    fix: %s%n", nz(first.remediation()));
            print(w, "    ref: %s%n", nz(first.reference()));
        }
    }

    static String evidence(Map<String, Object> ev) {
        String s = FindingGroups.evidence(ev);
        return s.length() > EVIDENCE_WIDTH ? s.substring(0, EVIDENCE_WIDTH - 3) + "..." : s;
    }

    private static void inventory(PrintWriter w, ClusterInventory inv) {
        if (inv == null) return;
        print(w, "%nCLUSTER INVENTORY%n");
        print(w, "  nodes:    %s%n", FindingGroups.counts(inv.nodes(), v -> v));
        byRole(w, "DC/OS", inv.dcosVersions());
        byRole(w, "Mesos", inv.mesosVersions());
        print(w, "  %-9s %s%n", "Marathon", nz(inv.marathonVersion()));
        byRole(w, "OS", inv.osVersions());
        byRole(w, "Docker", inv.dockerVersions());
        print(w, "  %-9s %d%n", "apps", inv.apps());
        if (!inv.tasksPerNode().isEmpty()) {
            print(w, "  %-9s %s%n", "tasks", FindingGroups.counts(inv.tasksPerNode(), v -> v));
        }
        if (!inv.pinnedApps().isEmpty()) {
            print(w, "  pinned apps:%n");
            inv.pinnedApps().forEach((app, hosts) -> print(w, "    %s -> %s%n", app, String.join(", ", hosts)));
        }
    }

    private static void byRole(PrintWriter w, String label, Map<String, Map<String, Integer>> m) {
        print(w, "  %-9s %s%n", label, FindingGroups.byRole(m, v -> v, " x", "; "));
    }

    private static long count(Report r, Severity s) {
        return r.findings().stream().filter(f -> f.severity() == s && !f.waived()).count();
    }

    /**
     * printf with every string argument made safe for a terminal: values come from the cluster (app ids, labels,
     * config values) and must not move the cursor, recolour the screen or fake a line of the report.
     */
    private static void print(PrintWriter w, String format, Object... args) {
        Object[] safe = args.clone();
        for (int i = 0; i < safe.length; i++) if (safe[i] instanceof String s) safe[i] = safe(s);
        w.printf(format, safe);
    }

    /**
     * {@code s} with control characters (C0, DEL, C1) and bidirectional overrides written as visible escapes
     * (a newline as backslash-n, ESC as backslash-u001b, ...).
     */
    static String safe(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = Character.isISOControl(c) || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
            if (!bad) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 8).append(s, 0, i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }

    /** Locale-independent (a Turkish locale would print "ınfo"); null is "?", as the other formats say. */
    private static String lower(String s) {
        return s == null ? "?" : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static String nz(String s) {
        return s == null ? "?" : s;
    }
}
