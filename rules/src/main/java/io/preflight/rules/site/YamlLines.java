package io.preflight.rules.site;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each node of a YAML document starts, by JSON pointer ({@code /cases/3/facts/0}), so that a problem found in
 * the parsed tree can be reported as {@code file:line}. Built from the same Jackson YAML parser that reads the tree,
 * so both agree on the document's structure. Immutable.
 */
public final class YamlLines {
    private static final YAMLFactory YAML = new YAMLFactory();
    private final Map<String, Integer> lines;

    private YamlLines(Map<String, Integer> lines) {
        this.lines = lines;
    }

    /** The lines of {@code yaml}; a document that does not parse yields what was read before the error. */
    public static YamlLines of(String yaml) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
                // a field's key line stands for the entry; an array element's own line for the element
                String pointer = p.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        } catch (IOException | RuntimeException e) {
            // keep what was read: the syntax error itself is reported by whoever parses the tree
        }
        return new YamlLines(lines);
    }

    /**
     * The line of the node at {@code pointer} (e.g. {@code /severity/NODE-CLOCK-SKEW}), or of its nearest ancestor
     * that has one; 1 when nothing is known.
     */
    public int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer l = lines.get(p);
            if (l != null && l > 0) return l;
            if (p.isEmpty()) return 1;
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** A JSON pointer from path segments (keys or indexes), escaped as RFC 6901 requires. */
    public static String pointer(Object... segments) {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            b.append('/').append(String.valueOf(s).replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }
}
