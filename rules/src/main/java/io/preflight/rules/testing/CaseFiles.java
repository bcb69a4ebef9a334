package io.preflight.rules.testing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.rules.FactTypes;
import io.preflight.rules.model.Thresholds;
import io.preflight.rules.site.YamlLines;
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
 * A fact without {@code source} gets {@code case:<name>}. Every problem names the file and line.
 */
public final class CaseFiles {
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final List<String> CASE_KEYS = List.of("name", "rule", "current", "target", "targetConfig",
            "thresholds", "facts", "expect", "exact");

    private CaseFiles() {
    }

    /** The cases of one file; the first problem (see {@link #parseAll}) is thrown. */
    public static List<RuleCase> parse(String file, String yaml) throws CaseFileException {
        List<String> problems = new ArrayList<>();
        List<RuleCase> cases = parseAll(file, yaml, problems);
        if (!problems.isEmpty()) throw new CaseFileException(problems.get(0));
        return cases;
    }

    /**
     * The cases of one file that can be read; every case that cannot adds one line to {@code problems}, as
     * {@code file:line: case 'name': what is wrong}, and the others are still read.
     */
    public static List<RuleCase> parseAll(String file, String yaml, List<String> problems) {
        YamlLines lines = YamlLines.of(yaml);
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.add(file + (l != null && l.getLineNr() > 0 ? ":" + l.getLineNr() : "") + ": not valid YAML: "
                    + firstLine(e.getOriginalMessage()));
            return List.of();
        } catch (IOException e) {
            problems.add(file + ": " + firstLine(e.getMessage()));
            return List.of();
        }
        if (root == null || !root.isObject()) {
            problems.add(file + ":1: expected a mapping with 'cases' (and optionally 'rule')");
            return List.of();
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("rule") && !k.equals("cases")) {
                problems.add(file + ":" + lines.line(YamlLines.pointer(k)) + ": unknown key '" + k
                        + "' (valid: rule, cases)");
            }
        }
        String defaultRule = text(root, "rule");
        JsonNode cases = root.get("cases");
        if (cases == null || !cases.isArray()) {
            problems.add(file + ":" + lines.line("/cases") + ": 'cases' must be a list");
            return List.of();
        }
        List<RuleCase> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            try {
                out.add(parseCase(file, lines, i, cases.get(i), defaultRule));
            } catch (CaseFileException e) {
                problems.add(e.getMessage());
            }
        }
        return out;
    }

    private static RuleCase parseCase(String file, YamlLines lines, int i, JsonNode c, String defaultRule)
            throws CaseFileException {
        String at = YamlLines.pointer("cases", i);
        int line = lines.line(at);
        if (!c.isObject()) throw new CaseFileException(file + ":" + line + ": cases[" + i + "]: a case is a mapping");
        String name = text(c, "name");
        if (name == null) throw new CaseFileException(file + ":" + line + ": cases[" + i + "]: missing 'name'");
        String where = "case '" + name + "'";
        for (Iterator<String> it = c.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!CASE_KEYS.contains(k)) {
                throw new CaseFileException(file + ":" + lines.line(at + YamlLines.pointer(k)) + ": " + where
                        + ": unknown key '" + k + "' (valid: " + String.join(", ", CASE_KEYS) + ")");
            }
        }
        String rule = text(c, "rule") != null ? text(c, "rule") : defaultRule;
        if (rule == null) {
            throw new CaseFileException(file + ":" + line + ": " + where + ": no 'rule' (set it on the file or the case)");
        }
        List<Object> facts = new ArrayList<>();
        JsonNode fs = c.get("facts");
        if (fs != null && !fs.isArray()) {
            throw new CaseFileException(file + ":" + lines.line(at + "/facts") + ": " + where + ": 'facts' must be a list");
        }
        if (fs != null) {
            for (int j = 0; j < fs.size(); j++) {
                String fp = at + YamlLines.pointer("facts", j);
                facts.add(fact(file + ":" + lines.line(fp) + ": " + where + ": facts[" + j + "]", fs.get(j), name));
            }
        }
        TreeSet<RuleCase.Expected> expect = new TreeSet<>();
        JsonNode ex = c.get("expect");
        if (ex == null || !ex.isArray()) {
            throw new CaseFileException(file + ":" + lines.line(at + "/expect") + ": " + where
                    + ": 'expect' must be a list ([] for none)");
        }
        for (int j = 0; j < ex.size(); j++) {
            JsonNode e = ex.get(j);
            String id = text(e, "id");
            String subject = text(e, "subject");
            if (id == null || subject == null) {
                throw new CaseFileException(file + ":" + lines.line(at + YamlLines.pointer("expect", j)) + ": " + where
                        + ": every expect entry needs 'id' and 'subject'");
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
                throw new CaseFileException(file + ":" + lines.line(at + "/thresholds") + ": " + where + ": thresholds: "
                        + firstLine(e.getMessage()));
            }
        }
        return new RuleCase(file, rule, name, text(c, "current"), text(c, "target"),
                c.path("targetConfig").asBoolean(false), th, facts, expect, c.path("exact").asBoolean(false), line);
    }

    private static Object fact(String where, JsonNode f, String caseName) throws CaseFileException {
        if (!f.isObject() || f.size() != 1) {
            throw new CaseFileException(where + ": a fact is written { Type: { field: value, ... } }");
        }
        Iterator<Map.Entry<String, JsonNode>> it = f.fields();
        Map.Entry<String, JsonNode> e = it.next();
        Class<?> type = FactTypes.byName(e.getKey());
        if (type == null) {
            String near = FactTypes.nearest(e.getKey());
            throw new CaseFileException(where + ": unknown fact type '" + e.getKey() + "'"
                    + (near != null ? " (did you mean " + near + "? fact types: docs/facts.md)"
                    : " (fact types: docs/facts.md)"));
        }
        JsonNode body = e.getValue();
        if (body == null || body.isNull()) body = YAML.createObjectNode();
        if (!body.isObject()) throw new CaseFileException(where + ": " + e.getKey() + " must be a mapping");
        ObjectNode o = ((ObjectNode) body).deepCopy();
        if (FactTypes.observed(type) && !o.has("source")) o.put("source", "case:" + caseName);
        try {
            return YAML.treeToValue(o, type);
        } catch (UnrecognizedPropertyException ex) {
            throw new CaseFileException(where + ": " + e.getKey() + ": unknown field '" + ex.getPropertyName()
                    + "' (fields: " + fields(type) + ")");
        } catch (JsonProcessingException ex) {
            throw new CaseFileException(where + ": " + e.getKey() + ": " + firstLine(ex.getOriginalMessage()));
        } catch (IOException ex) {
            throw new CaseFileException(where + ": " + e.getKey() + ": " + firstLine(ex.getMessage()));
        }
    }

    private static String fields(Class<?> type) {
        if (!type.isRecord()) return "?";
        List<String> names = new ArrayList<>();
        for (var rc : type.getRecordComponents()) names.add(rc.getName());
        return String.join(", ", names);
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
