package io.preflight.reports;

import io.preflight.rules.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One self-contained HTML file, readable offline: inline CSS, no script at all, no external resource, and a
 * Content-Security-Policy that forbids scripts and fetches even if something slipped through. Every value (app
 * ids, labels, config values and subjects are attacker-controlled) is escaped with {@link Markup#html(String)},
 * in text and in attributes alike.
 *
 * <p>Sections: verdict banner, summary (cluster, versions, path, coverage), the trend chart when the report has
 * scan history, findings by severity (grouped by rule, with evidence, fix and reference), waived findings,
 * disabled rules, the qualified path, notes and the inventory.
 */
public final class HtmlRenderer implements Renderer {
    /** Scripts, frames, fonts, fetches: none. Styles only inline, images only data: URIs. */
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private static final String CSS = """
            :root{color-scheme:light}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;\
            color:#1f2328;background:#f6f8fa}
            header.banner{padding:18px 32px;color:#fff}
            header.banner.go{background:#1a7f37}
            header.banner.nogo{background:#cf222e}
            header.banner h1{margin:0;font-size:30px;letter-spacing:.5px}
            header.banner p{margin:4px 0 0;overflow-wrap:anywhere}
            main{max-width:1120px;margin:0 auto;padding:8px 32px 48px}
            h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid #d0d7de}
            h3{font-size:15px;margin:0 0 6px}
            table{border-collapse:collapse;width:100%;background:#fff;margin:6px 0}
            th,td{border:1px solid #d0d7de;padding:5px 8px;text-align:left;vertical-align:top;\
            overflow-wrap:anywhere}
            th{background:#f0f3f6;font-weight:600;white-space:nowrap}
            td.id{min-width:12ch}
            table.kv{width:auto;min-width:50%}
            table.kv th{width:11em}
            .rule{background:#fff;border:1px solid #d0d7de;border-left:6px solid #8c959f;border-radius:4px;\
            margin:10px 0;padding:10px 14px}
            .rule.blocker{border-left-color:#cf222e}
            .rule.warning{border-left-color:#bf8700}
            .rule.info{border-left-color:#0969da}
            .rule p{margin:6px 0 0}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;\
            color:#fff;vertical-align:1px}
            .badge.blocker{background:#cf222e}
            .badge.warning{background:#bf8700}
            .badge.info{background:#0969da}
            .badge.soon{background:#8250df}
            .id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
            ul.ev{margin:0;padding-left:16px}
            .muted{color:#57606a}
            svg.trend{background:#fff;border:1px solid #d0d7de;border-radius:4px;max-width:100%;height:auto}
            details{margin:6px 0}
            footer{margin-top:32px;font-size:12px}
            """;

    @Override
    public String format() {
        return "html";
    }

    @Override
    public void render(Report r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        boolean go = r.verdict() == Verdict.GO;
        String verdict = go ? "GO" : "NO-GO";
        String route = r.current() + " → " + r.target();
        w.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.write("<meta http-equiv=\"Content-Security-Policy\" content=\"" + Markup.html(CSP) + "\">\n");
        w.write("<meta name=\"referrer\" content=\"no-referrer\">\n");
        w.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.write("<title>" + h("preflight " + verdict + ": " + r.cluster() + " " + route) + "</title>\n");
        w.write("<style>\n" + CSS + "</style>\n</head>\n<body>\n");

        w.write("<header class=\"banner " + (go ? "go" : "nogo") + "\">\n<h1>" + verdict + "</h1>\n");
        w.write("<p><strong>" + h(r.cluster()) + "</strong> · " + h(route) + "</p>\n");
        w.write("<p>" + h(FindingGroups.summary(r)) + " · fails on " + h(lower(r.failOn())) + " and above</p>\n");
        w.write("</header>\n<main>\n");

        w.write("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"kv\">\n");
        kv(w, "Cluster", h(r.cluster()));
        kv(w, "Current version", h(r.current()));
        kv(w, "Target version", h(r.target()) + " <span class=\"muted\">(" + h(r.targetOrigin()) + ")</span>");
        kv(w, "Qualified path", r.path().isEmpty() ? "no qualified path" : h(String.join(" → ", r.path())));
        kv(w, "Coverage", r.coverage().nodesReported() + " of " + r.coverage().nodesExpected() + " nodes reported");
        kv(w, "Generated", h(r.generatedAt()) + " by " + h(r.tool()));
        w.write("</table>\n</section>\n");

        trend(w, r);
        Severity failOn = FindingGroups.failOn(r);
        for (Severity s : FindingGroups.SEVERITIES) findings(w, s, FindingGroups.unwaived(r, s), s.atLeast(failOn));
        waived(w, FindingGroups.waived(r));
        disabled(w, r.disabled());
        path(w, r.hops());
        if (!r.notes().isEmpty()) {
            w.write("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
            for (String n : r.notes()) w.write("<li>" + h(n) + "</li>\n");
            w.write("</ul>\n</section>\n");
        }
        inventory(w, r.inventory());
        w.write("<footer class=\"muted\">" + h(r.tool()) + " · report schema " + r.schemaVersion() + " · "
                + h(r.generatedAt()) + "</footer>\n");
        w.write("</main>\n</body>\n</html>\n");
        w.flush();
    }

    private static void trend(Writer w, Report r) throws IOException {
        List<TrendChart.Point> ps = TrendChart.points(r);
        if (ps.isEmpty()) return;
        w.write("<section id=\"trend\">\n<h2>Trend</h2>\n");
        w.write(TrendChart.svg(r));
        w.write("<details>\n<summary>Trend data (" + ps.size() + " scans)</summary>\n<table>\n<thead><tr><th>Scan"
                + "</th><th>Verdict</th><th>Blockers</th><th>Warnings</th><th>Info</th></tr></thead>\n<tbody>\n");
        for (TrendChart.Point p : ps) {
            w.write("<tr><td>" + h(p.time()) + (p.current() ? " <span class=\"muted\">(this scan)</span>" : "")
                    + "</td><td>" + h(p.verdict()) + "</td><td>" + p.blockers() + "</td><td>" + p.warnings()
                    + "</td><td>" + p.infos() + "</td></tr>\n");
        }
        w.write("</tbody>\n</table>\n</details>\n</section>\n");
    }

    private static void findings(Writer w, Severity s, List<ReportFinding> fs, boolean failsGate)
            throws IOException {
        String sev = lower(s.name());
        String heading = switch (s) {
            case BLOCKER -> "Blockers";
            case WARNING -> "Warnings";
            case INFO -> "Info";
        };
        w.write("<section id=\"" + sev + "\">\n<h2>" + heading + " (" + fs.size() + ")"
                + (failsGate && !fs.isEmpty() ? " <span class=\"muted\">— fail the gate</span>" : "") + "</h2>\n");
        if (fs.isEmpty()) w.write("<p class=\"muted\">None.</p>\n");
        for (Map.Entry<String, List<ReportFinding>> e : FindingGroups.byRule(fs).entrySet()) {
            ReportFinding first = e.getValue().get(0);
            w.write("<div class=\"rule " + sev + "\" data-rule=\"" + h(e.getKey()) + "\">\n");
            w.write("<h3><span class=\"badge " + sev + "\">" + s.name() + "</span> <span class=\"id\">"
                    + h(e.getKey()) + "</span> " + h(first.title()) + "</h3>\n");
            w.write("<table>\n<thead><tr><th>Subject</th><th>Message</th><th>Evidence</th></tr></thead>\n<tbody>\n");
            for (ReportFinding f : e.getValue()) {
                w.write("<tr data-subject=\"" + h(f.subject()) + "\"><td class=\"id\">" + h(f.subject()) + "</td><td>"
                        + h(f.message()) + "</td><td>" + evidence(f.evidence()) + "</td></tr>\n");
            }
            w.write("</tbody>\n</table>\n");
            if (first.remediation() != null) w.write("<p><strong>Fix:</strong> " + h(first.remediation()) + "</p>\n");
            if (first.reference() != null) {
                w.write("<p class=\"muted\"><strong>Reference:</strong> " + h(first.reference()) + "</p>\n");
            }
            w.write("</div>\n");
        }
        w.write("</section>\n");
    }

    private static String evidence(Map<String, Object> ev) {
        if (ev == null || ev.isEmpty()) return "<span class=\"muted\">-</span>";
        return "<ul class=\"ev\">" + ev.entrySet().stream()
                .map(e -> "<li><strong>" + h(e.getKey()) + "</strong>: " + h(String.valueOf(e.getValue())) + "</li>")
                .collect(Collectors.joining()) + "</ul>";
    }

    private static void waived(Writer w, List<ReportFinding> fs) throws IOException {
        if (fs.isEmpty()) return;
        w.write("<section id=\"waived\">\n<h2>Waived (" + fs.size() + ")</h2>\n<table>\n<thead><tr><th>Rule</th>"
                + "<th>Subject</th><th>Message</th><th>Owner</th><th>Reason</th><th>Expires</th></tr></thead>\n"
                + "<tbody>\n");
        for (ReportFinding f : fs) {
            AppliedWaiver v = f.waiver();
            String sev = lower(f.severity().name());
            w.write("<tr data-rule=\"" + h(f.ruleId()) + "\"><td><span class=\"badge " + sev + "\">"
                    + f.severity().name() + "</span> <span class=\"id\">" + h(f.ruleId()) + "</span></td><td class=\"id\">"
                    + h(f.subject()) + "</td><td>" + h(f.message()) + "</td><td>" + (v == null ? "?" : h(v.owner()))
                    + "</td><td>" + (v == null ? "?" : h(v.reason())) + "</td><td>" + (v == null ? "?" : h(v.expires())
                    + (v.expiringSoon() ? " <span class=\"badge soon\">expires soon</span>" : "")) + "</td></tr>\n");
        }
        w.write("</tbody>\n</table>\n</section>\n");
    }

    private static void disabled(Writer w, List<DisabledRule> ds) throws IOException {
        if (ds.isEmpty()) return;
        w.write("<section id=\"disabled\">\n<h2>Disabled rules (" + ds.size() + ")</h2>\n<p class=\"muted\">Not "
                + "evaluated: the site configuration disabled them.</p>\n<table>\n<thead><tr><th>Rule</th><th>Reason"
                + "</th></tr></thead>\n<tbody>\n");
        for (DisabledRule d : ds) {
            w.write("<tr data-rule=\"" + h(d.id()) + "\"><td class=\"id\">" + h(d.id()) + "</td><td>" + h(d.reason())
                    + "</td></tr>\n");
        }
        w.write("</tbody>\n</table>\n</section>\n");
    }

    private static void path(Writer w, List<PathHop> hops) throws IOException {
        if (hops.isEmpty()) return;
        w.write("<section id=\"path\">\n<h2>Qualified path</h2>\n<ol>\n");
        for (PathHop hop : hops) {
            w.write("<li>" + h(hop.from() + " → " + hop.to()) + " <span class=\"muted\">(" + h(hop.qualifiedBy())
                    + ")</span>");
            if (!hop.notes().isEmpty()) {
                w.write("\n<ul>\n");
                for (String n : hop.notes()) w.write("<li>" + h(n) + "</li>\n");
                w.write("</ul>\n");
            }
            w.write("</li>\n");
        }
        w.write("</ol>\n</section>\n");
    }

    private static void inventory(Writer w, ClusterInventory inv) throws IOException {
        if (inv == null) return;
        w.write("<section id=\"inventory\">\n<h2>Inventory</h2>\n<table class=\"kv\">\n");
        kv(w, "Nodes", FindingGroups.counts(inv.nodes(), HtmlRenderer::h));
        kv(w, "DC/OS", FindingGroups.byRole(inv.dcosVersions(), HtmlRenderer::h, " ×", "<br>"));
        kv(w, "Mesos", FindingGroups.byRole(inv.mesosVersions(), HtmlRenderer::h, " ×", "<br>"));
        kv(w, "Marathon", inv.marathonVersion() == null ? "?" : h(inv.marathonVersion()));
        kv(w, "OS", FindingGroups.byRole(inv.osVersions(), HtmlRenderer::h, " ×", "<br>"));
        kv(w, "Docker", FindingGroups.byRole(inv.dockerVersions(), HtmlRenderer::h, " ×", "<br>"));
        kv(w, "Marathon apps", String.valueOf(inv.apps()));
        kv(w, "Tasks per agent", FindingGroups.counts(inv.tasksPerNode(), HtmlRenderer::h));
        kv(w, "Pinned apps", inv.pinnedApps().isEmpty() ? "-" : inv.pinnedApps().entrySet().stream()
                .map(e -> h(e.getKey()) + " → " + h(String.join(", ", e.getValue())))
                .collect(Collectors.joining("<br>")));
        w.write("</table>\n</section>\n");
    }

    /** A row of a key/value table; {@code valueHtml} is already escaped. */
    private static void kv(Writer w, String key, String valueHtml) throws IOException {
        w.write("<tr><th>" + key + "</th><td>" + valueHtml + "</td></tr>\n");
    }

    private static String h(String s) {
        return Markup.html(s);
    }

    private static String lower(String s) {
        return s == null ? "?" : s.toLowerCase(Locale.ROOT);
    }
}
