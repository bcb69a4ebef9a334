package io.preflight.rules.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.rules.FactTypes;
import io.preflight.rules.model.Thresholds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads rule case files:
 * <pre>
 * rule: NODE-NTP-UNSYNCED            # default rule for the cases below
 * cases:
 *   - name: fires on an unsynchronized agent
 *     current: 1.10.7                # optional upgrade context
 *     target: 1.11.3
 *     facts: [{ TimeSync: { subject: agent-3, synced: false } }]
 *     expect: [{ id: NODE-NTP-UNSYNCED, subject: agent-3 }]
 * </pre>
 * A fact without {@code source} gets {@code case:<name>}.
 */
public final class CaseFiles {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CaseFiles() {
    }

    public static List<RuleCase> parse(String file, String yaml) throws CaseFileException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new CaseFileException(file + ": " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) throw new CaseFileException(file + ": expected a mapping with 'cases'");
        String defaultRule = text(root, "rule");
        JsonNode cases = root.get("cases");
        if (cases == null || !cases.isArray()) throw new CaseFileException(file + ": 'cases' must be a list");
        List<RuleCase> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : cases) {
            String where = file + ": cases[" + i + "]";
            String name = text(c, "name");
            if (name == null) throw new CaseFileException(where + ": missing 'name'");
            where = file + ": case '" + name + "'";
            String rule = text(c, "rule") != null ? text(c, "rule") : defaultRule;
            if (rule == null) throw new CaseFileException(where + ": no 'rule' (set it on the file or the case)");
            List<Object> facts = new ArrayList<>();
            JsonNode fs = c.get("facts");
            if (fs != null && !fs.isArray()) throw new CaseFileException(where + ": 'facts' must be a list");
            int j = 0;
            if (fs != null) {
                for (JsonNode f : fs) {
                    facts.add(fact(where + ": facts[" + j + "]", f, name));
                    j++;
                }
            }
            TreeSet<RuleCase.Expected> expect = new TreeSet<>();
            JsonNode ex = c.get("expect");
            if (ex == null || !ex.isArray()) throw new CaseFileException(where + ": 'expect' must be a list ([] for none)");
            for (JsonNode e : ex) {
                String id = text(e, "id");
                String subject = text(e, "subject");
                if (id == null || subject == null) {
                    throw new CaseFileException(where + ": every expect entry needs 'id' and 'subject'");
                }
                expect.add(new RuleCase.Expected(id, subject));
            }
            Thresholds th = Thresholds.defaults();
            if (c.has("thresholds")) {
                try {
                    ObjectNode merged = YAML.valueToTree(th);
                    merged.setAll((ObjectNode) c.get("thresholds"));
                    th = YAML.treeToValue(merged, Thresholds.class);
                } catch (IOException | ClassCastException e) {
                    throw new CaseFileException(where + ": thresholds: " + firstLine(e.getMessage()));
                }
            }
            out.add(new RuleCase(file, rule, name, text(c, "current"), text(c, "target"),
                    c.path("targetConfig").asBoolean(false), th, facts, expect, c.path("exact").asBoolean(false)));
            i++;
        }
        return out;
    }

    private static Object fact(String where, JsonNode f, String caseName) throws CaseFileException {
        if (!f.isObject() || f.size() != 1) {
            throw new CaseFileException(where + ": a fact is written { Type: { field: value, ... } }");
        }
        Iterator<Map.Entry<String, JsonNode>> it = f.fields();
        Map.Entry<String, JsonNode> e = it.next();
        Class<?> type = FactTypes.byName(e.getKey());
        if (type == null) {
            throw new CaseFileException(where + ": unknown fact type '" + e.getKey() + "' (known: "
                    + String.join(", ", FactTypes.all().keySet()) + ")");
        }
        JsonNode body = e.getValue();
        if (body == null || body.isNull()) body = YAML.createObjectNode();
        if (!body.isObject()) throw new CaseFileException(where + ": " + e.getKey() + " must be a mapping");
        ObjectNode o = ((ObjectNode) body).deepCopy();
        if (FactTypes.observed(type) && !o.has("source")) o.put("source", "case:" + caseName);
        try {
            return YAML.treeToValue(o, type);
        } catch (IOException ex) {
            throw new CaseFileException(where + ": " + e.getKey() + ": " + firstLine(ex.getMessage()));
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static String firstLine(String s) {
        if (s == null) return "error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
