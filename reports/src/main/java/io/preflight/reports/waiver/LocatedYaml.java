package io.preflight.reports.waiver;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node knows its line, so that an operator's file can be rejected with
 * {@code file:line: message} for any mistake, not only syntax errors (Jackson's {@code JsonNode} forgets where a value
 * was). Read with Jackson's streaming YAML parser, so no second YAML library is needed. Duplicate keys in one mapping
 * are an error (a tree would silently keep the last one).
 */
final class LocatedYaml {
    private static final YAMLFactory YAML = new YAMLFactory();

    private LocatedYaml() {
    }

    /** A node and the (1-based) line it starts on. */
    sealed interface Node permits Scalar, Sequence, Mapping {
        int line();
    }

    /** A scalar as written ({@code null} for an explicit or empty null). */
    record Scalar(String text, int line) implements Node {
    }

    record Sequence(List<Node> items, int line) implements Node {
    }

    /** Keys in document order. */
    record Mapping(Map<String, Entry> entries, int line) implements Node {
    }

    /** A mapping entry: its key's line and its value. */
    record Entry(String key, int keyLine, Node value) {
    }

    /** Thrown with the line and a one-line message; the caller adds the file name. */
    static final class YamlProblem extends Exception {
        final int line;

        YamlProblem(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    /** The document's root, or null for an empty document. */
    static Node parse(String text) throws YamlProblem {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) return null;
            Node root = node(p, t);
            if (p.nextToken() != null) throw new YamlProblem(line(p), "more than one YAML document");
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new YamlProblem(l == null || l.getLineNr() < 1 ? 1 : l.getLineNr(), "not valid YAML: " + why(e));
        } catch (IOException e) {
            throw new YamlProblem(1, "cannot read: " + e.getMessage());
        }
    }

    /**
     * SnakeYAML's message is several lines: the context, an echo of the source line with a caret, the problem. The
     * unindented lines ("while scanning a quoted scalar", "found unexpected end of stream") say what is wrong.
     */
    private static String why(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null || m.isBlank()) return "syntax error";
        List<String> said = m.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).toList();
        return said.isEmpty() ? m.strip().lines().findFirst().orElse("syntax error") : String.join(": ", said);
    }

    private static Node node(JsonParser p, JsonToken t) throws IOException, YamlProblem {
        int line = line(p);
        switch (t) {
            case START_OBJECT: {
                Map<String, Entry> entries = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    int keyLine = line(p);
                    Node value = node(p, p.nextToken());
                    if (entries.containsKey(key)) throw new YamlProblem(keyLine, "duplicate key '" + key + "'");
                    entries.put(key, new Entry(key, keyLine, value));
                }
                return new Mapping(entries, line);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) items.add(node(p, i));
                return new Sequence(items, line);
            }
            case VALUE_NULL:
                return new Scalar(null, line);
            default:
                return new Scalar(p.getText(), line);
        }
    }

    private static int line(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return l == null || l.getLineNr() < 1 ? 1 : l.getLineNr();
    }
}
