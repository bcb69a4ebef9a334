package io.preflight.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;

/** The JSON report of PRODUCT.md: stable top level, {@code schemaVersion} first. */
public final class JsonRenderer implements Renderer {
    static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).build();

    @Override
    public String format() {
        return "json";
    }

    @Override
    public void render(Report r, OutputStream out) throws IOException {
        JSON.writeValue(out, toJson(r));
        out.write('\n');
    }

    /** The report as a JSON tree (also used by other machine formats). */
    public static ObjectNode toJson(Report r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schemaVersion", r.schemaVersion());
        o.put("verdict", r.verdict().name());
        o.put("cluster", r.cluster());
        o.put("current", r.current());
        o.put("target", r.target());
        o.put("targetOrigin", r.targetOrigin());
        ArrayNode path = o.putArray("path");
        r.path().forEach(path::add);
        o.set("hops", JSON.valueToTree(r.hops()));
        ObjectNode cov = o.putObject("coverage");
        cov.put("nodesExpected", r.coverage().nodesExpected());
        cov.put("nodesReported", r.coverage().nodesReported());
        o.put("failOn", r.failOn());
        o.put("generatedAt", r.generatedAt());
        o.put("tool", r.tool());
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        o.set("inventory", JSON.valueToTree(r.inventory()));
        ArrayNode rules = o.putArray("rules");
        for (EvaluatedRule e : r.rules()) {
            ObjectNode j = rules.addObject();
            j.put("id", e.id());
            j.put("severity", e.severity() == null ? null : e.severity().name());
            j.put("title", e.title());
            j.put("reference", e.reference());
            j.put("pack", e.pack());
        }
        o.set("disabled", JSON.valueToTree(r.disabled()));
        o.set("trend", JSON.valueToTree(r.trend()));
        ArrayNode fs = o.putArray("findings");
        for (ReportFinding f : r.findings()) {
            ObjectNode j = fs.addObject();
            j.put("ruleId", f.ruleId());
            j.put("severity", f.severity().name());
            j.put("subject", f.subject());
            j.put("title", f.title());
            j.put("message", f.message());
            j.put("remediation", f.remediation());
            j.put("reference", f.reference());
            j.set("evidence", JSON.valueToTree(f.evidence()));
            j.put("waived", f.waived());
            if (f.waiver() != null) j.set("waiver", JSON.valueToTree(f.waiver()));
        }
        return o;
    }
}
