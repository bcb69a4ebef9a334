package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.preflight.rules.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus output is the 0.0.4 text exposition format, line by line, as node_exporter's textfile collector
 * parses it.
 */
class PrometheusRendererTest {
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE;
    private static final String VALUE = "(?:[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf)";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (?:[^\\\\\\n]|\\\\[\\\\n])*");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    // no timestamp: the textfile collector refuses samples that carry one
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*)?\\})? (" + VALUE + ")");
    private static final Pattern LABEL_PAIR = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=(" + LABEL_VALUE + ")");

    /** Checks every line and the file's structure; returns the samples as "name{labels}" → value. */
    static Map<String, String> parseStrictly(String text) {
        assertTrue(text.endsWith("\n"), "the last line ends with a newline");
        assertFalse(text.contains("\r"), "no carriage return");
        Map<String, String> samples = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> typed = new HashSet<>();
        Set<String> finished = new HashSet<>();
        String current = null;
        int lineNo = 0;
        for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
            lineNo++;
            String where = "line " + lineNo + ": " + line;
            Matcher m;
            String name;
            if ((m = HELP.matcher(line)).matches()) {
                name = m.group(1);
                assertTrue(helped.add(name), "one HELP per metric, " + where);
                assertFalse(typed.contains(name), "HELP before TYPE, " + where);
            } else if ((m = TYPE.matcher(line)).matches()) {
                name = m.group(1);
                assertTrue(typed.add(name), "one TYPE per metric, " + where);
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                name = m.group(1);
                assertTrue(typed.contains(name), "TYPE before samples, " + where);
                assertTrue(helped.contains(name), "HELP for every metric, " + where);
                String key = name + (m.group(2) == null ? "" : m.group(2));
                assertFalse(samples.containsKey(key), "no duplicate series, " + where);
                Set<String> labelNames = new HashSet<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL_PAIR.matcher(m.group(2));
                    while (l.find()) assertTrue(labelNames.add(l.group(1)), "no repeated label, " + where);
                }
                samples.put(key, m.group(3));
            } else {
                fail("not a line of the text format: " + where);
                return samples;
            }
            if (!name.equals(current)) {
                assertFalse(finished.contains(name), "a metric's lines are contiguous, " + where);
                if (current != null) finished.add(current);
                current = name;
            }
        }
        return samples;
    }

    static String unescape(String quoted) {
        String v = quoted.substring(1, quoted.length() - 1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                char n = v.charAt(++i);
                b.append(n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The one sample of {@code name} whose labels include the given ones. */
    static String value(Map<String, String> samples, String name, Map<String, String> labels) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, String> e : samples.entrySet()) {
            if (!e.getKey().startsWith(name + "{")) continue;
            Map<String, String> ls = new LinkedHashMap<>();
            Matcher l = LABEL_PAIR.matcher(e.getKey().substring(name.length()));
            while (l.find()) ls.put(l.group(1), unescape(l.group(2)));
            if (ls.entrySet().containsAll(labels.entrySet())) found.add(e.getValue());
        }
        assertEquals(1, found.size(), name + labels + " in " + samples.keySet());
        return found.get(0);
    }

    @Test
    void everyLineFollowsTheGrammar() {
        Map<String, String> samples = parseStrictly(SampleReport.render("prometheus", SampleReport.create()));
        for (String metric : PrometheusRenderer.metricNames()) {
            assertTrue(samples.keySet().stream().anyMatch(k -> k.startsWith(metric + "{")), metric);
        }
    }

    @Test
    void theGrammarCheckRejectsBrokenLines() {
        String good = "# HELP m h\n# TYPE m gauge\nm{a=\"x\"} 1\n";
        parseStrictly(good);
        for (String bad : List.of("# HELP m h\n# TYPE m gauge\nm{a=\"x\ny\"} 1\n", // raw newline in a label
                "# HELP m h\n# TYPE m gauge\nm{a=\"x\"y\"} 1\n", // raw quote
                "# HELP m h\n# TYPE m gauge\nm{a=\"x\"} 1 1795154400000\n", // a timestamp
                "# HELP m h\n# TYPE m gauge\nm{a=\"x\"} 1\nm{a=\"x\"} 2\n", // duplicate series
                "m{a=\"x\"} 1\n", // no TYPE
                "# HELP m h\n# TYPE m gauge\nm{a=\"x\"} 1")) { // no final newline
            assertThrows(bad);
        }
    }

    private static void assertThrows(String bad) {
        try {
            parseStrictly(bad);
        } catch (AssertionError expected) {
            return;
        }
        fail("accepted: " + bad);
    }

    @Test
    void theValuesAreTheReportsNumbers() {
        Map<String, String> s = parseStrictly(SampleReport.render("prometheus", SampleReport.create()));
        String cluster = SampleReport.CLUSTER;
        assertEquals("1", value(s, "preflight_findings",
                Map.of("cluster", cluster, "severity", "blocker", "rule", "NODE-NTP-UNSYNCED")));
        assertEquals("0", value(s, "preflight_findings", Map.of("rule", "MASTER-COUNT-EVEN")), "waived: not counted");
        assertEquals("1", value(s, "preflight_findings_waived", Map.of("rule", "MASTER-COUNT-EVEN")));
        assertEquals("1", value(s, "preflight_findings", Map.of("severity", "info", "rule", "WAIVER-STALE")));
        assertEquals("0", value(s, "preflight_go", Map.of("cluster", cluster, "target", "2.2.1")));
        assertEquals(String.valueOf(Instant.parse("2026-11-20T06:00:00Z").getEpochSecond()),
                value(s, "preflight_scan_timestamp_seconds", Map.of("cluster", cluster)));
        assertEquals("8", value(s, "preflight_coverage_nodes", Map.of("kind", "expected")));
        assertEquals("7", value(s, "preflight_coverage_nodes", Map.of("kind", "reported")));
        assertEquals("5", value(s, "preflight_rules_evaluated", Map.of()));
        assertEquals("1", value(s, "preflight_rules_disabled", Map.of()));
        assertEquals("1", value(s, "preflight_rule_disabled", Map.of("rule", "DOCKER-VERSION-UNSUPPORTED")));
    }

    @Test
    void goIsOneAndHostileLabelValuesStayOnTheirLine() {
        Report base = SampleReport.create();
        List<ReportFinding> findings = List.of(new ReportFinding("SITE-\"X\"\\\r\n\u0001", Severity.INFO, "s", "t",
                "m", "f", "r", Map.of(), false, null));
        String text = SampleReport.render("prometheus", SampleReport.with(base, Verdict.GO, "BLOCKER", findings));
        Map<String, String> s = parseStrictly(text);
        assertEquals("1", value(s, "preflight_go", Map.of()));
        assertEquals("1", value(s, "preflight_findings", Map.of("rule", "SITE-\"X\"\\\uFFFD\n\uFFFD")));
    }
}
