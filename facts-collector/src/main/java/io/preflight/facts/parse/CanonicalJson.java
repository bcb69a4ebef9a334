package io.preflight.facts.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A JSON value in one stable text form (object keys sorted, no whitespace), with secrets masked: the form in which
 * config values are stored, compared and shown. Thread-safe.
 */
final class CanonicalJson {
    private CanonicalJson() {
    }

    /** A value and what masking found in it. */
    record Masked(JsonNode value, boolean secret) {
    }

    /** {@code node} as canonical JSON text. */
    static String write(JsonNode node) {
        try {
            return JsonPayload.MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e); // cannot happen for a tree
        }
    }

    /** Hex SHA-256 of the UTF-8 text. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * {@code node} (the value of {@code key}) with every secret replaced by {@link Secrets#MASK}: the whole value when
     * {@code key} is secret, the value of any nested secret key, and the password of any {@code scheme://user:pw@}
     * URL in a string. Null and empty values stay as they are (there is nothing to hide).
     */
    static Masked mask(String key, JsonNode node) {
        if (Secrets.isSecretKey(key) && !isEmpty(node)) return new Masked(TextNode.valueOf(Secrets.MASK), true);
        return maskChildren(node);
    }

    private static Masked maskChildren(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            boolean secret = false;
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                Masked m = mask(e.getKey(), e.getValue());
                secret |= m.secret() || Secrets.isSecretKey(e.getKey());
                out.set(e.getKey(), m.value());
            }
            return new Masked(out, secret);
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            boolean secret = false;
            for (JsonNode n : node) {
                Masked m = maskChildren(n);
                secret |= m.secret();
                out.add(m.value());
            }
            return new Masked(out, secret);
        }
        if (node.isTextual()) {
            // a digest marker is never shown (only a tampered bundle has one outside a secret key)
            if (SecretDigest.looksLikeMarker(node.textValue())) return new Masked(TextNode.valueOf(Secrets.MASK), true);
            String masked = Secrets.maskUrlCredentials(node.textValue());
            if (!masked.equals(node.textValue())) return new Masked(TextNode.valueOf(masked), true);
        }
        return new Masked(node, false);
    }

    /**
     * True when some string in {@code node} carries {@link Secrets#MASK}: the value was masked before it was read (a
     * running config replayed from a bundle), so its fingerprint would describe the mask, not the secret.
     */
    static boolean containsMask(JsonNode node) {
        if (node == null) return false;
        if (node.isTextual()) return node.textValue().contains(Secrets.MASK);
        for (JsonNode child : node) {
            if (containsMask(child)) return true;
        }
        return false;
    }

    /** Every string in {@code node} that carries {@link Secrets#MASK} (a bare mask, or a digest marker), in order. */
    static List<String> maskedTexts(JsonNode node) {
        List<String> out = new ArrayList<>();
        collectMasked(node, out);
        return out;
    }

    private static void collectMasked(JsonNode node, List<String> out) {
        if (node == null) return;
        if (node.isTextual()) {
            if (node.textValue().contains(Secrets.MASK)) out.add(node.textValue());
            return;
        }
        for (JsonNode child : node) collectMasked(child, out);
    }

    private static boolean isEmpty(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || (node.isTextual() && node.textValue().isEmpty());
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) fields.put(e.getKey(), sorted(e.getValue()));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode n : node) out.add(sorted(n));
            return out;
        }
        return node;
    }
}
