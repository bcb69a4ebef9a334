package io.preflight.reports;

import io.preflight.rules.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prometheus text exposition format 0.0.4, for node_exporter's textfile collector (write it to
 * {@code <dir>/preflight.prom.tmp} and rename, as the collector's documentation asks). Every metric has HELP and
 * TYPE lines; no sample carries a timestamp (the textfile collector refuses them).
 *
 * <ul>
 *   <li>{@code preflight_findings{cluster,severity,rule}}: unwaived findings; every evaluated rule has a series (0
 *       when clean), so a rule that stops firing reads 0, not "no data".</li>
 *   <li>{@code preflight_findings_waived{cluster,rule}}: waived findings, for rules with any.</li>
 *   <li>{@code preflight_go{cluster,target}}: 1 for GO, 0 for NO-GO.</li>
 *   <li>{@code preflight_scan_timestamp_seconds{cluster}}: when the report was generated (Unix time).</li>
 *   <li>{@code preflight_coverage_nodes{cluster,kind="expected"|"reported"}}.</li>
 *   <li>{@code preflight_rules_evaluated{cluster}} and {@code preflight_rules_disabled{cluster}}.</li>
 *   <li>{@code preflight_rule_disabled{cluster,rule}}: 1 per rule the site disabled.</li>
 * </ul>
 * Label values are escaped as the format requires: backslash, double quote and newline.
 */
public final class PrometheusRenderer implements Renderer {
    @Override
    public String format() {
        return "prometheus";
    }

    @Override
    public void render(Report r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        String cluster = label("cluster", r.cluster());

        // (severity, rule) -> unwaived count; evaluated rules first (0 when clean), then whatever else fired
        Map<String, Long> findings = new LinkedHashMap<>();
        for (EvaluatedRule e : r.rules()) {
            findings.putIfAbsent(series(e.severity(), e.id()), 0L);
        }
        Map<String, Long> waived = new LinkedHashMap<>();
        for (ReportFinding f : r.findings()) {
            if (f.waived()) waived.merge(label("rule", f.ruleId()), 1L, Long::sum);
            else findings.merge(series(f.severity(), f.ruleId()), 1L, Long::sum);
        }

        metric(w, "preflight_findings", "Unwaived findings of the last pre-flight check, by severity and rule.");
        for (Map.Entry<String, Long> e : findings.entrySet()) {
            sample(w, "preflight_findings", cluster + "," + e.getKey(), e.getValue());
        }
        metric(w, "preflight_findings_waived", "Findings of the last pre-flight check covered by a waiver, by rule.");
        for (Map.Entry<String, Long> e : waived.entrySet()) {
            sample(w, "preflight_findings_waived", cluster + "," + e.getKey(), e.getValue());
        }
        metric(w, "preflight_go", "1 when the last pre-flight check's verdict was GO, 0 when NO-GO.");
        sample(w, "preflight_go", cluster + "," + label("target", r.target()), r.verdict() == Verdict.GO ? 1 : 0);
        metric(w, "preflight_scan_timestamp_seconds", "When the last pre-flight check ran (Unix time).");
        Long scanned = epochSeconds(r.generatedAt());
        if (scanned != null) sample(w, "preflight_scan_timestamp_seconds", cluster, scanned);
        metric(w, "preflight_coverage_nodes", "Nodes the cluster expects and nodes that reported facts.");
        sample(w, "preflight_coverage_nodes", cluster + "," + label("kind", "expected"), r.coverage().nodesExpected());
        sample(w, "preflight_coverage_nodes", cluster + "," + label("kind", "reported"), r.coverage().nodesReported());
        metric(w, "preflight_rules_evaluated", "Rules evaluated by the last pre-flight check.");
        sample(w, "preflight_rules_evaluated", cluster, r.rules().stream().map(EvaluatedRule::id).distinct().count());
        metric(w, "preflight_rules_disabled", "Rules the site configuration disabled in the last pre-flight check.");
        sample(w, "preflight_rules_disabled", cluster, r.disabled().stream().map(DisabledRule::id).distinct().count());
        metric(w, "preflight_rule_disabled", "1 for each rule the site configuration disabled (never silently absent).");
        for (String id : r.disabled().stream().map(DisabledRule::id).distinct().toList()) {
            sample(w, "preflight_rule_disabled", cluster + "," + label("rule", id), 1);
        }
        w.flush();
    }

    private static String series(Severity s, String rule) {
        return label("severity", s == null ? "unknown" : s.name().toLowerCase(Locale.ROOT)) + "," + label("rule", rule);
    }

    private static void metric(Writer w, String name, String help) throws IOException {
        w.write("# HELP " + name + " " + help + "\n");
        w.write("# TYPE " + name + " gauge\n");
    }

    private static void sample(Writer w, String name, String labels, long value) throws IOException {
        w.write(name + "{" + labels + "} " + value + "\n");
    }

    private static String label(String name, String value) {
        return name + "=\"" + escapeLabelValue(value == null ? "" : value) + "\"";
    }

    /** The exposition format's label-value escapes: {@code \\}, {@code \"} and {@code \n}. */
    static String escapeLabelValue(String v) {
        StringBuilder b = new StringBuilder(v.length() + 4);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                // the format has no escape for other control characters; they would break line-based tools
                default -> b.append(c < 0x20 || c == 0x7F ? '\uFFFD' : c);
            }
        }
        return b.toString();
    }

    /** Null when the report has no parseable time: no sample rather than a wrong one. */
    private static Long epochSeconds(String isoInstant) {
        if (isoInstant == null) return null;
        try {
            return Instant.parse(isoInstant).getEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The metric names this renderer writes, in order (for tests and docs). */
    static List<String> metricNames() {
        return List.of("preflight_findings", "preflight_findings_waived", "preflight_go",
                "preflight_scan_timestamp_seconds", "preflight_coverage_nodes", "preflight_rules_evaluated",
                "preflight_rules_disabled", "preflight_rule_disabled");
    }
}
