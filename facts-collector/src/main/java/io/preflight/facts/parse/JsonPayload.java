package io.preflight.facts.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading JSON payloads with errors that say where: every failure is a {@link PayloadException} whose message starts
 * with a JSON path ({@code $.slaves[3].hostname}) and, for syntax errors, the line and column. Thread-safe.
 */
final class JsonPayload {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonPayload() {
    }

    /** Parses {@code body} as one JSON document. */
    static JsonNode read(byte[] body, String what) throws PayloadException {
        if (body == null || body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw new PayloadException(what + ": empty body, expected JSON");
        }
        try (JsonParser parser = MAPPER.getFactory().createParser(body)) {
            try {
                JsonNode node = MAPPER.readTree(parser);
                if (node == null) throw new PayloadException(what + ": empty body, expected JSON");
                return node;
            } catch (JsonProcessingException e) {
                JsonLocation loc = e.getLocation();
                String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
                throw new PayloadException(what + ": malformed JSON" + where + " (in " + path(parser.getParsingContext())
                        + "): " + e.getOriginalMessage(), e);
            }
        } catch (IOException e) {
            throw new PayloadException(what + ": cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** The JSON path ({@code $.a[2].b}) of a streaming parser's position. */
    static String path(JsonStreamContext ctx) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.inObject()) {
                parts.add(c.getCurrentName() == null ? "" : "." + c.getCurrentName());
            }
        }
        StringBuilder sb = new StringBuilder("$");
        for (int i = parts.size() - 1; i >= 0; i--) sb.append(parts.get(i));
        return sb.toString();
    }

    static JsonNode requireObject(JsonNode node, String path) throws PayloadException {
        if (node == null || !node.isObject()) throw wrongType(node, path, "an object");
        return node;
    }

    static JsonNode requireArray(JsonNode node, String path) throws PayloadException {
        if (node == null || !node.isArray()) throw wrongType(node, path, "an array");
        return node;
    }

    /** The string at {@code parent.field}; a number or boolean is given as text; null when absent or JSON null. */
    static String optText(JsonNode parent, String field, String path) throws PayloadException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isValueNode()) return scalarText(v);
        throw wrongType(v, path + "." + field, "a string");
    }

    static String requireText(JsonNode parent, String field, String path) throws PayloadException {
        String s = optText(parent, field, path);
        if (s == null) throw new PayloadException(path + "." + field + ": missing, expected a string");
        return s;
    }

    /** The integer at {@code parent.field}, or {@code dflt} when absent. */
    static int optInt(JsonNode parent, String field, String path, int dflt) throws PayloadException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return dflt;
        if (v.isNumber() && v.canConvertToInt()) return v.intValue();
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.textValue().trim());
            } catch (NumberFormatException ignored) {
                // fall through to the error below
            }
        }
        throw wrongType(v, path + "." + field, "an integer");
    }

    static Boolean optBoolean(JsonNode parent, String field, String path) throws PayloadException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) return null;
        if (v.isBoolean()) return v.booleanValue();
        if (v.isTextual() && ("true".equalsIgnoreCase(v.textValue()) || "false".equalsIgnoreCase(v.textValue()))) {
            return Boolean.parseBoolean(v.textValue());
        }
        throw wrongType(v, path + "." + field, "a boolean");
    }

    /** A scalar as text, integral numbers without a fraction ({@code 3}, not {@code 3.0}); containers as JSON. */
    static String scalarText(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (v.isIntegralNumber() || (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15)) {
                return Long.toString(v.longValue());
            }
            return v.asText();
        }
        if (v.isValueNode()) return v.asText();
        return v.toString();
    }

    /**
     * A flat object's members as strings, in document order (values via {@link #scalarText}; JSON null as
     * {@code ""}, since fact maps hold no nulls).
     */
    static Map<String, String> stringMap(JsonNode obj, String path) throws PayloadException {
        Map<String, String> out = new LinkedHashMap<>();
        if (obj == null || obj.isNull()) return out;
        requireObject(obj, path);
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            String v = scalarText(e.getValue());
            out.put(e.getKey(), v == null ? "" : v);
        }
        return out;
    }

    static PayloadException wrongType(JsonNode node, String path, String expected) {
        String got = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
        return new PayloadException(path + ": expected " + expected + ", got " + got);
    }
}
