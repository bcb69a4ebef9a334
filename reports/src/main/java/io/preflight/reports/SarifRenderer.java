package io.preflight.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preflight.rules.Severity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 (OASIS), for code-scanning dashboards and SARIF viewers: one run whose {@code tool.driver.rules} are
 * the evaluated rules and whose {@code results} are the findings.
 *
 * <ul>
 *   <li>A result's location is logical, not a file: the subject (a node, an app or the cluster) as a
 *       {@code logicalLocation} of kind {@code resource}, qualified by the cluster name.</li>
 *   <li>level: BLOCKER {@code error}, WARNING {@code warning}, INFO {@code note}; the verdict and {@code failOn} are
 *       run properties.</li>
 *   <li>A waived finding carries an accepted, external {@code suppression} whose justification is the waiver's
 *       reason (owner and expiry as its properties).</li>
 *   <li>A rule disabled by the site is a {@code ruleConfigurationOverride} with {@code enabled: false} on the
 *       invocation, its reason as a property.</li>
 *   <li>A finding whose rule was not evaluated (a report-level finding) gets a rule descriptor built from the
 *       finding, so every result has a {@code ruleIndex}.</li>
 * </ul>
 * Validated against the official sarif-schema-2.1.0.json in the tests.
 */
public final class SarifRenderer implements Renderer {
    static final String SCHEMA_URI =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public void render(Report r, OutputStream out) throws IOException {
        JsonRenderer.JSON.writeValue(out, toSarif(r));
        out.write('\n');
    }

    static ObjectNode toSarif(Report r) {
        ObjectNode log = JsonRenderer.JSON.createObjectNode();
        log.put("$schema", SCHEMA_URI);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "preflight");
        if (r.tool() != null) {
            driver.put("fullName", r.tool());
            if (r.tool().startsWith("preflight ")) driver.put("version", r.tool().substring("preflight ".length()));
        }
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (EvaluatedRule e : r.rules()) {
            if (ruleIndex.containsKey(e.id())) continue;
            ruleIndex.put(e.id(), ruleIndex.size());
            rules.add(descriptor(e.id(), e.title(), e.reference(), e.severity(), e.pack()));
        }
        for (ReportFinding f : r.findings()) {
            if (ruleIndex.containsKey(f.ruleId())) continue;
            ruleIndex.put(f.ruleId(), ruleIndex.size());
            rules.add(descriptor(f.ruleId(), f.title(), f.reference(), f.severity(), JunitRenderer.REPORT_PACK));
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        if (r.generatedAt() != null) invocation.put("endTimeUtc", r.generatedAt());
        if (!r.disabled().isEmpty()) {
            ArrayNode overrides = invocation.putArray("ruleConfigurationOverrides");
            Set<String> seen = new HashSet<>();
            for (DisabledRule d : r.disabled()) {
                if (!seen.add(d.id())) continue;
                ObjectNode o = overrides.addObject();
                ObjectNode descriptor = o.putObject("descriptor");
                descriptor.put("id", d.id());
                if (ruleIndex.containsKey(d.id())) descriptor.put("index", ruleIndex.get(d.id()));
                ObjectNode config = o.putObject("configuration");
                config.put("enabled", false);
                config.putObject("properties").put("reason", d.reason());
            }
        }

        ArrayNode results = run.putArray("results");
        for (ReportFinding f : r.findings()) results.add(result(r, f, ruleIndex.get(f.ruleId())));

        ObjectNode props = run.putObject("properties");
        props.put("verdict", r.verdict().name());
        props.put("cluster", r.cluster());
        props.put("current", r.current());
        props.put("target", r.target());
        props.put("targetOrigin", r.targetOrigin());
        ArrayNode path = props.putArray("path");
        r.path().forEach(path::add);
        props.put("failOn", r.failOn());
        props.put("nodesExpected", r.coverage().nodesExpected());
        props.put("nodesReported", r.coverage().nodesReported());
        ArrayNode notes = props.putArray("notes");
        r.notes().forEach(notes::add);
        return log;
    }

    private static ObjectNode descriptor(String id, String title, String reference, Severity severity, String pack) {
        ObjectNode d = JsonRenderer.JSON.createObjectNode();
        d.put("id", id);
        d.putObject("shortDescription").put("text", title == null ? id : title);
        if (reference != null) {
            d.putObject("help").put("text", "Reference: " + reference);
            String uri = absoluteWebUri(reference);
            if (uri != null) d.put("helpUri", uri);
        }
        d.putObject("defaultConfiguration").put("level", level(severity));
        ObjectNode p = d.putObject("properties");
        if (severity != null) p.put("severity", severity.name());
        if (pack != null) {
            p.put("pack", pack);
            p.putArray("tags").add(pack);
        }
        return d;
    }

    private static ObjectNode result(Report r, ReportFinding f, Integer ruleIndex) {
        ObjectNode o = JsonRenderer.JSON.createObjectNode();
        o.put("ruleId", f.ruleId());
        if (ruleIndex != null) o.put("ruleIndex", ruleIndex);
        o.put("kind", "fail");
        o.put("level", level(f.severity()));
        o.putObject("message").put("text", f.subject() + ": " + f.message());
        ObjectNode logical = o.putArray("locations").addObject().putArray("logicalLocations").addObject();
        logical.put("name", f.subject());
        logical.put("fullyQualifiedName", r.cluster() + "/" + f.subject());
        logical.put("kind", "resource");
        // stable identity across scans, so a viewer can tell a new finding from one it has seen
        o.putObject("partialFingerprints").put("preflight/ruleSubject/v1", f.ruleId() + "|" + f.subject());
        if (f.waived()) {
            ObjectNode s = o.putArray("suppressions").addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            AppliedWaiver w = f.waiver();
            if (w != null) {
                s.put("justification", w.reason());
                ObjectNode wp = s.putObject("properties");
                wp.put("owner", w.owner());
                wp.put("expires", w.expires());
                wp.put("expiringSoon", w.expiringSoon());
                wp.put("rule", w.rule());
                wp.put("subject", w.subject());
            }
        }
        ObjectNode p = o.putObject("properties");
        p.put("severity", f.severity().name());
        p.put("subject", f.subject());
        p.put("title", f.title());
        p.put("remediation", f.remediation());
        p.put("reference", f.reference());
        p.put("failsGate", FindingGroups.fails(r, f));
        p.set("evidence", JsonRenderer.JSON.valueToTree(f.evidence() == null ? Map.of() : f.evidence()));
        return o;
    }

    static String level(Severity s) {
        if (s == null) return "warning";
        return switch (s) {
            case BLOCKER -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /** The reference itself when it is an absolute http(s) URI (SARIF's helpUri must be one), else null. */
    private static String absoluteWebUri(String reference) {
        String s = reference.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) return null;
        try {
            URI u = new URI(s);
            return u.isAbsolute() && u.getHost() != null ? s : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
