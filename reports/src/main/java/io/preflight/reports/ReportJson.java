package io.preflight.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preflight.rules.Severity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON report (as {@link JsonRenderer} writes it) back into a {@link Report}, so a stored scan can be
 * rendered again in any format. Rendering the result as JSON gives the same bytes as the original.
 *
 * <p>Reads every {@code schemaVersion} up to {@link Report#SCHEMA_VERSION}; parts a report of an older build did
 * not carry yet ({@code rules}, {@code disabled}, {@code trend}, {@code notes}, {@code hops}, {@code inventory},
 * a finding's {@code waiver}) read as empty. A newer schema is refused, never half-read. Stateless, thread-safe.
 */
public final class ReportJson {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private ReportJson() {
    }

    /**
     * @throws IOException when {@code json} is not a report this build can read; the message names the JSON path
     */
    public static Report read(String json) throws IOException {
        JsonNode root;
        try {
            root = JsonRenderer.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IOException("not JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode o)) throw new IOException("$: not a JSON object");
        return read(o);
    }

    private static Report read(ObjectNode o) throws IOException {
        JsonNode version = o.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) throw new IOException("$.schemaVersion: missing");
        if (version.asInt() > Report.SCHEMA_VERSION) {
            throw new IOException("$.schemaVersion: " + version.asInt() + " is newer than this preflight reads ("
                    + Report.SCHEMA_VERSION + ")");
        }
        List<ReportFinding> findings = new ArrayList<>();
        JsonNode fs = array(o, "findings");
        for (int i = 0; i < fs.size(); i++) findings.add(finding(fs.get(i), "$.findings[" + i + "]"));
        List<EvaluatedRule> rules = new ArrayList<>();
        JsonNode rs = array(o, "rules");
        for (int i = 0; i < rs.size(); i++) {
            JsonNode r = rs.get(i);
            rules.add(new EvaluatedRule(text(r, "id"), severityOrNull(r, "severity", "$.rules[" + i + "]"),
                    text(r, "title"), text(r, "reference"), text(r, "pack")));
        }
        JsonNode cov = o.path("coverage");
        return new Report(version.asInt(), enumValue(Verdict.class, required(o, "verdict", "$"), "$.verdict"), text(o, "cluster"),
                text(o, "current"), text(o, "target"), text(o, "targetOrigin"), strings(o, "path"),
                list(o, "hops", PathHop.class), new Report.Coverage(cov.path("nodesExpected").asInt(),
                cov.path("nodesReported").asInt()), value(o, "inventory", ClusterInventory.class), findings,
                text(o, "failOn"), text(o, "generatedAt"), text(o, "tool"), strings(o, "notes"), rules,
                list(o, "disabled", DisabledRule.class), list(o, "trend", TrendPoint.class));
    }

    private static ReportFinding finding(JsonNode f, String where) throws IOException {
        JsonNode ev = f.get("evidence");
        Map<String, Object> evidence = ev == null || ev.isNull() ? null : JsonRenderer.JSON.convertValue(ev, MAP);
        return new ReportFinding(required(f, "ruleId", where), enumValue(Severity.class, required(f, "severity", where), where + ".severity"),
                text(f, "subject"), text(f, "title"), text(f, "message"), text(f, "remediation"),
                text(f, "reference"), evidence, f.path("waived").asBoolean(false),
                value(f, "waiver", AppliedWaiver.class));
    }

    private static String required(JsonNode o, String field, String where) throws IOException {
        String s = text(o, field);
        if (s == null) throw new IOException(where + "." + field + ": missing");
        return s;
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Severity severityOrNull(JsonNode o, String field, String where) throws IOException {
        String s = text(o, field);
        return s == null ? null : enumValue(Severity.class, s, where + "." + field);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String s, String where) throws IOException {
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": unknown value '" + s + "'");
        }
    }

    private static JsonNode array(JsonNode o, String field) throws IOException {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return JsonRenderer.JSON.createArrayNode();
        if (!n.isArray()) throw new IOException("$." + field + ": not an array");
        return n;
    }

    private static List<String> strings(JsonNode o, String field) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(o, field)) out.add(n.isNull() ? null : n.asText());
        return out;
    }

    private static <T> List<T> list(JsonNode o, String field, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        JsonNode a = array(o, field);
        for (int i = 0; i < a.size(); i++) out.add(convert(a.get(i), type, "$." + field + "[" + i + "]"));
        return out;
    }

    private static <T> T value(JsonNode o, String field, Class<T> type) throws IOException {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : convert(n, type, "$." + field);
    }

    private static <T> T convert(JsonNode n, Class<T> type, String where) throws IOException {
        try {
            return JsonRenderer.JSON.treeToValue(n, type);
        } catch (JsonProcessingException e) {
            throw new IOException(where + ": " + e.getOriginalMessage());
        }
    }
}
