package io.preflight.rules.site;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.rules.RuleProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A site pack's descriptor, {@code pack.yaml} at the pack's root:
 * <pre>
 * prefix: ACME            # required: every rule id of the pack starts with ACME-
 * description: ACME platform standards checked before every DC/OS upgrade   # optional
 * </pre>
 *
 * @param file       the descriptor's path as given (for messages)
 * @param prefixLine the line of {@code prefix:}
 */
public record PackDescriptor(String file, String prefix, int prefixLine, String description) {
    /** The file name of a pack descriptor. */
    public static final String FILE = "pack.yaml";
    /** The shape of a prefix: an upper-case word (letters and digits), e.g. {@code ACME} or {@code OPS2}. */
    public static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9]*");
    private static final List<String> KEYS = List.of("prefix", "description");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    /**
     * Reads {@code file}; every problem is added to {@code problems}. Null when there is no usable prefix (the pack's
     * rules are then checked for everything but their prefix).
     */
    static PackDescriptor read(Path file, List<RuleProblem> problems) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            problems.add(new RuleProblem(name, 0, "missing: a site pack declares its rule id prefix in " + FILE
                    + " ('prefix: ACME'; see docs/writing-rules.md)"));
            return null;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            problems.add(new RuleProblem(name, 0, "cannot read: " + e.getMessage()));
            return null;
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            problems.add(new RuleProblem(name, l == null ? 0 : Math.max(l.getLineNr(), 0),
                    "not valid YAML: " + firstLine(e.getOriginalMessage())));
            return null;
        }
        YamlLines lines = YamlLines.of(text);
        if (root == null || !root.isObject()) {
            problems.add(new RuleProblem(name, 1, "expected a mapping with 'prefix' (e.g. 'prefix: ACME')"));
            return null;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                problems.add(new RuleProblem(name, lines.line(YamlLines.pointer(k)), "unknown key '" + k
                        + "' (valid: " + String.join(", ", KEYS) + ")"));
            }
        }
        JsonNode p = root.get("prefix");
        int prefixLine = lines.line("/prefix");
        String prefix = null;
        if (p == null || p.isNull()) {
            problems.add(new RuleProblem(name, 1, "no 'prefix': every rule id of the pack starts with it"
                    + " (e.g. 'prefix: ACME' for ACME-APP-OWNER-MISSING)"));
        } else if (!p.isTextual() || !PREFIX.matcher(p.asText()).matches()) {
            problems.add(new RuleProblem(name, prefixLine, "prefix '" + p.asText() + "' is not an upper-case word"
                    + " of letters and digits (e.g. ACME)"));
        } else {
            prefix = p.asText();
        }
        JsonNode d = root.get("description");
        if (d != null && !d.isNull() && !d.isTextual()) {
            problems.add(new RuleProblem(name, lines.line("/description"), "description must be text"));
        }
        if (prefix == null) return null;
        return new PackDescriptor(name, prefix, prefixLine, d == null || d.isNull() ? null : d.asText());
    }

    /** {@code file:line} of the prefix, for messages that point at it. */
    public String prefixWhere() {
        return file + ":" + prefixLine;
    }

    private static String firstLine(String s) {
        if (s == null) return "error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
