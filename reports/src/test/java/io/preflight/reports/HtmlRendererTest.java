package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTML report, read as markup: every {@code <} in it opens a tag the renderer wrote, from a short allowlist,
 * with allowlisted attributes only; no script, no external resource, a restrictive CSP. (The headless-browser test
 * checks the same report as a browser runs it.)
 */
class HtmlRendererTest {
    static final Set<String> ELEMENTS = Set.of("html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
            "h3", "p", "strong", "span", "main", "section", "table", "thead", "tbody", "tr", "th", "td", "div", "ul",
            "ol", "li", "br", "details", "summary", "footer", "svg", "line", "text", "rect", "polyline", "circle");
    static final Set<String> ATTRIBUTES = Set.of("lang", "charset", "http-equiv", "content", "name", "class", "id",
            "data-rule", "data-subject", "xmlns", "width", "height", "viewBox", "role", "aria-labelledby",
            "font-family", "font-size", "x", "y", "x1", "x2", "y1", "y2", "stroke", "stroke-width", "fill",
            "text-anchor", "dominant-baseline", "transform", "points", "cx", "cy", "r");
    private static final Pattern TAG = Pattern.compile(
            "<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\\s+[a-zA-Z][a-zA-Z0-9:-]*=\"[^\"<>]*\")*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z][a-zA-Z0-9:-]*)=\"([^\"<>]*)\"");

    /** Every tag of the document: fails on a {@code <} that does not open a well-formed, allowlisted tag. */
    static List<String[]> tags(String html) {
        assertTrue(html.startsWith("<!DOCTYPE html>\n"), "a doctype first");
        List<String[]> tags = new ArrayList<>();
        String body = html.substring("<!DOCTYPE html>".length());
        for (int i = body.indexOf('<'); i >= 0; i = body.indexOf('<', i + 1)) {
            Matcher m = TAG.matcher(body).region(i, body.length());
            if (!m.lookingAt()) fail("a '<' that opens no well-formed tag: " + excerpt(body, i));
            String name = m.group(2);
            assertTrue(ELEMENTS.contains(name), "element <" + name + "> is not allowed: " + excerpt(body, i));
            Matcher a = ATTRIBUTE.matcher(m.group(3));
            while (a.find()) {
                assertTrue(ATTRIBUTES.contains(a.group(1)), "attribute " + a.group(1) + " on <" + name + ">");
                tags.add(new String[] {name, a.group(1), a.group(2)});
            }
        }
        return tags;
    }

    private static String excerpt(String s, int i) {
        return s.substring(i, Math.min(s.length(), i + 80));
    }

    static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void onlyAllowlistedMarkupNoScriptNoFetch() {
        String html = SampleReport.render("html", SampleReport.create());
        List<String[]> tags = tags(html);
        assertTrue(tags.size() > 100, "the scan saw the document: " + tags.size());
        String style = html.substring(html.indexOf("<style>"), html.indexOf("</style>"));
        assertFalse(style.contains("url(") || style.contains("@import"), "no fetch from CSS");
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
                + "style-src &#39;unsafe-inline&#39;; img-src data:\">"), "the CSP meta, in the head");
        assertTrue(html.indexOf("Content-Security-Policy") < html.indexOf("<style>"), "CSP before any content");
    }

    @Test
    void hostileValuesAreTextInTheDocumentAndIntactInAttributes() {
        Report r = SampleReport.create();
        String html = SampleReport.render("html", r);
        assertTrue(html.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("&lt;img src=x onerror=&quot;document.body.setAttribute(&#39;data-pwned&#39;,"));
        assertTrue(html.contains("<title>preflight NO-GO: sample &quot;eu\\west&quot;\nrack-2 2.0.6 → 2.2.1</title>"));
        List<String> subjects = new ArrayList<>();
        for (String[] t : tags(html)) {
            if (t[1].equals("data-subject")) subjects.add(unescape(t[2]));
        }
        List<String> expected = r.findings().stream().filter(f -> !f.waived()).map(ReportFinding::subject).toList();
        assertEquals(expected.stream().sorted().toList(), subjects.stream().sorted().toList(),
                "each subject round-trips through its attribute, the attribute breaker included");
    }

    @Test
    void everySectionIsThere() {
        String html = SampleReport.render("html", SampleReport.create());
        for (String s : List.of("<header class=\"banner nogo\">\n<h1>NO-GO</h1>",
                "<section id=\"summary\">", "<section id=\"trend\">", "<section id=\"blocker\">",
                "<section id=\"warning\">", "<section id=\"info\">", "<section id=\"waived\">",
                "<section id=\"disabled\">", "<section id=\"path\">", "<section id=\"notes\">",
                "<section id=\"inventory\">", "7 of 8 nodes reported", "<strong>Fix:</strong> Fix chrony",
                "<strong>Reference:</strong> DC/OS Upgrade FAQ: NTP synchronization",
                "<li><strong>tool</strong>: chrony</li>", "ops-team@example.com", "fifth master being decommissioned",
                "2026-11-30T00:00:00Z <span class=\"badge soon\">expires soon</span>",
                "<td>site runs a vendor-patched Docker (TICKET-42)</td>", "no --target-config: assumed unchanged")) {
            assertTrue(html.contains(s), "missing: " + s);
        }
        String go = SampleReport.render("html", SampleReport.with(SampleReport.create(), Verdict.GO, "BLOCKER",
                List.of()));
        assertTrue(go.contains("<header class=\"banner go\">\n<h1>GO</h1>"));
        assertTrue(go.contains("<h2>Blockers (0)</h2>\n<p class=\"muted\">None.</p>"));
    }

    @Test
    void trendChartOnlyWithHistoryAndDatesOnItsAxis() {
        Report r = SampleReport.create();
        String html = SampleReport.render("html", r);
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        for (String date : List.of(">2026-11-18<", ">2026-11-19<", ">2026-11-20<", ">this scan<",
                ">unwaived findings<", ">scan (UTC)<", ">blockers<", ">warnings<", ">info<")) {
            assertTrue(svg.contains(date), "axis or legend text " + date);
        }
        // one line per severity, through the two earlier scans and this one
        Matcher lines = Pattern.compile("<polyline [^>]*points=\"([^\"]*)\"").matcher(svg);
        int n = 0;
        while (lines.find()) {
            assertEquals(3, lines.group(1).split(" ").length, lines.group(1));
            n++;
        }
        assertEquals(3, n);
        assertTrue(svg.contains("<title>2026-11-20T06:00:00Z (NO_GO): 2 info</title>"), "this scan's own counts");

        String without = SampleReport.render("html", r.withTrend(List.of()));
        assertFalse(without.contains("<svg") || without.contains("id=\"trend\""), "no history, no chart");

        String hostile = SampleReport.render("html", r.withTrend(List.of(
                new TrendPoint(7, "<script>document.title='pwned'</script>", "\"><img src=x>", 1, 0, 0))));
        tags(hostile);
        assertTrue(hostile.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; (&quot;&gt;&lt;img"));
    }

    @Test
    void tickStepsGiveAtMostFiveIntervals() {
        assertEquals(1, TrendChart.step(0));
        assertEquals(1, TrendChart.step(5));
        assertEquals(2, TrendChart.step(6));
        assertEquals(5, TrendChart.step(21));
        assertEquals(20, TrendChart.step(99));
        assertEquals(200, TrendChart.step(1000));
    }

    @Test
    void sameDayScansAreLabelledWithTheirTime() {
        List<TrendChart.Point> ps = List.of(new TrendChart.Point("2026-11-20T06:00:00Z", "GO", 0, 0, 0, false),
                new TrendChart.Point("2026-11-20T18:30:00Z", "GO", 0, 0, 0, true));
        assertEquals(List.of("11-20 06:00", "11-20 18:30"), TrendChart.xLabels(ps));
    }
}
