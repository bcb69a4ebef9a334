package io.preflight.reports;

import io.preflight.rules.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report for a change ticket (GitHub/GitLab-flavoured Markdown): verdict, cluster, current/target/path,
 * coverage, a table of subjects per severity with each rule's fix and reference once below it, waived findings
 * with owner, reason and expiry, disabled rules with their reason, the qualified path, notes and the inventory.
 *
 * <p>Every value is escaped with {@link #md(String)}: Markdown punctuation that could start a link, emphasis, code
 * span or table cell is backslash-escaped, {@code <}, {@code >} and {@code &} become entities (no raw HTML gets
 * through), and a newline becomes {@code <br>} so a value can never leave its table cell or list item.
 */
public final class MarkdownRenderer implements Renderer {
    @Override
    public String format() {
        return "markdown";
    }

    @Override
    public void render(Report r, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        String verdict = r.verdict() == Verdict.GO ? "GO" : "NO-GO";
        w.printf("# Pre-flight %s: %s %s → %s%n%n", verdict, md(r.cluster()), md(r.current()), md(r.target()));
        w.printf("**Verdict: %s** — %s. Fails on %s and above.%n%n", verdict, md(FindingGroups.summary(r)),
                md(lower(r.failOn())));
        w.printf("| | |%n|---|---|%n");
        row(w, "Cluster", md(r.cluster()));
        row(w, "Current version", md(r.current()));
        row(w, "Target version", md(r.target()) + " (" + md(r.targetOrigin()) + ")");
        row(w, "Qualified path", r.path().isEmpty() ? "no qualified path"
                : r.path().stream().map(MarkdownRenderer::md).collect(Collectors.joining(" → ")));
        row(w, "Coverage", r.coverage().nodesReported() + " of " + r.coverage().nodesExpected() + " nodes reported");
        row(w, "Generated", md(r.generatedAt()) + " by " + md(r.tool()));
        Severity failOn = FindingGroups.failOn(r);
        for (Severity s : FindingGroups.SEVERITIES) {
            List<ReportFinding> fs = FindingGroups.unwaived(r, s);
            w.printf("%n## %s (%d)%s%n%n", heading(s), fs.size(), s.atLeast(failOn) ? " — fail the gate" : "");
            if (fs.isEmpty()) {
                w.printf("None.%n");
                continue;
            }
            w.printf("| Rule | Subject | Message | Evidence |%n|---|---|---|---|%n");
            for (ReportFinding f : fs) {
                w.printf("| **%s** | %s | %s | %s |%n", md(f.ruleId()), md(f.subject()), md(f.message()), evidence(f));
            }
            // what to do, once per rule rather than on every subject's row
            w.printf("%n");
            for (List<ReportFinding> rule : FindingGroups.byRule(fs).values()) {
                ReportFinding first = rule.get(0);
                w.printf("- **%s** %s: %s _Reference:_ %s%n", md(first.ruleId()), md(first.title()),
                        md(first.remediation()), md(first.reference()));
            }
        }
        List<ReportFinding> waived = FindingGroups.waived(r);
        if (!waived.isEmpty()) {
            w.printf("%n## Waived (%d)%n%n", waived.size());
            w.printf("| Rule | Severity | Subject | Message | Owner | Reason | Expires |%n"
                    + "|---|---|---|---|---|---|---|%n");
            for (ReportFinding f : waived) {
                AppliedWaiver v = f.waiver();
                w.printf("| **%s** | %s | %s | %s | %s | %s | %s |%n", md(f.ruleId()), lower(f.severity().name()),
                        md(f.subject()), md(f.message()), v == null ? "?" : md(v.owner()),
                        v == null ? "?" : md(v.reason()),
                        v == null ? "?" : md(v.expires()) + (v.expiringSoon() ? " **(expires soon)**" : ""));
            }
        }
        if (!r.disabled().isEmpty()) {
            w.printf("%n## Disabled rules (%d)%n%n| Rule | Reason |%n|---|---|%n", r.disabled().size());
            for (DisabledRule d : r.disabled()) w.printf("| **%s** | %s |%n", md(d.id()), md(d.reason()));
        }
        if (!r.hops().isEmpty()) {
            w.printf("%n## Qualified path%n%n");
            int i = 1;
            for (PathHop h : r.hops()) {
                w.printf("%d. %s → %s (%s)%n", i++, md(h.from()), md(h.to()), md(h.qualifiedBy()));
                for (String n : h.notes()) w.printf("   - %s%n", md(n));
            }
        }
        if (!r.notes().isEmpty()) {
            w.printf("%n## Notes%n%n");
            for (String n : r.notes()) w.printf("- %s%n", md(n));
        }
        inventory(w, r.inventory());
        w.flush();
    }

    private static String evidence(ReportFinding f) {
        String ev = FindingGroups.evidence(f.evidence());
        return ev.isEmpty() ? "-" : md(ev);
    }

    private static void inventory(PrintWriter w, ClusterInventory inv) {
        if (inv == null) return;
        w.printf("%n## Inventory%n%n| | |%n|---|---|%n");
        row(w, "Nodes", FindingGroups.counts(inv.nodes(), MarkdownRenderer::md));
        row(w, "DC/OS", FindingGroups.byRole(inv.dcosVersions(), MarkdownRenderer::md, " ×", "; "));
        row(w, "Mesos", FindingGroups.byRole(inv.mesosVersions(), MarkdownRenderer::md, " ×", "; "));
        row(w, "Marathon", inv.marathonVersion() == null ? "?" : md(inv.marathonVersion()));
        row(w, "OS", FindingGroups.byRole(inv.osVersions(), MarkdownRenderer::md, " ×", "; "));
        row(w, "Docker", FindingGroups.byRole(inv.dockerVersions(), MarkdownRenderer::md, " ×", "; "));
        row(w, "Marathon apps", String.valueOf(inv.apps()));
        row(w, "Tasks per agent", FindingGroups.counts(inv.tasksPerNode(), MarkdownRenderer::md));
        row(w, "Pinned apps", inv.pinnedApps().isEmpty() ? "-" : inv.pinnedApps().entrySet().stream()
                .map(e -> md(e.getKey()) + " → " + e.getValue().stream().map(MarkdownRenderer::md)
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")));
    }

    private static void row(PrintWriter w, String key, String value) {
        w.printf("| %s | %s |%n", key, value);
    }

    private static String heading(Severity s) {
        return switch (s) {
            case BLOCKER -> "Blockers";
            case WARNING -> "Warnings";
            case INFO -> "Info";
        };
    }

    private static String lower(String s) {
        return s == null ? "?" : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean intraword(String s, int i) {
        return i > 0 && i + 1 < s.length() && Character.isLetterOrDigit(s.charAt(i - 1))
                && Character.isLetterOrDigit(s.charAt(i + 1));
    }

    /**
     * {@code s} as inline Markdown text that stays literal inside a table cell or list item; null is {@code -}.
     * Escaped everywhere: what opens emphasis, strikethrough, math, links, images or code spans, and the cell
     * separator. At the start only: what would open a heading, list or block inside a list item.
     */
    static String md(String s) {
        if (s == null) return "-";
        StringBuilder b = new StringBuilder(s.length() + 8);
        int digits = 0;
        while (digits < s.length() && Character.isDigit(s.charAt(digits))) digits++;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean listMarker = i == digits && digits > 0 && (i + 1 == s.length() || s.charAt(i + 1) == ' '
                    || s.charAt(i + 1) == '\t');
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\r' -> {
                    b.append("<br>");
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
                }
                case '\n' -> b.append("<br>");
                case '\\', '`', '*', '[', ']', '|', '~', '$' -> b.append('\\').append(c);
                // between two letters or digits an underscore never opens or closes emphasis (snake_case stays)
                case '_' -> b.append(intraword(s, i) ? "" : "\\").append(c);
                case '#', '+', '-' -> b.append(i == 0 ? "\\" : "").append(c);
                case '.', ')' -> b.append(listMarker ? "\\" : "").append(c);
                default -> {
                    if (c < 0x20 && c != '\t') b.append('\uFFFD');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
