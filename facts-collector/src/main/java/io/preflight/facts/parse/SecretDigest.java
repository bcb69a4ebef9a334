package io.preflight.facts.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A masked secret that can still be compared: the bundle writer stores a secret config value as a <em>digest
 * marker</em> instead of the bare {@link Secrets#MASK}, so {@code check --target-config} can tell whether the target
 * config keeps the same value without the bundle revealing it. The format and the security reasoning are in
 * {@code docs/bundle-format.md} ("Secret digests"):
 *
 * <pre>****:pbkdf2-sha256:&lt;iterations&gt;:&lt;salt&gt;:&lt;digest&gt;</pre>
 *
 * <p>{@code salt} (16 random bytes, one per top-level config key) and {@code digest} (32 bytes) are unpadded
 * base64url; the digest is PBKDF2-HMAC-SHA256 of the value's canonical JSON text ({@link #canonical}) in UTF-8. The
 * marker starts with the bare mask, so a reader that does not know markers sees a masked value, as before.
 *
 * <p>Never logs or returns the plaintext; thread-safe.
 */
public final class SecretDigest {
    /** What every marker starts with: the bare mask, then the algorithm. */
    public static final String PREFIX = Secrets.MASK + ":pbkdf2-sha256:";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    /** Markers with fewer or more iterations are refused (not comparable): a guard against garbled or hostile bundles. */
    static final int MIN_ITERATIONS = 10_000;
    static final int MAX_ITERATIONS = 10_000_000;
    static final int SALT_BYTES = 16;
    static final int DIGEST_BYTES = 32;
    private static final Pattern MARKER = Pattern.compile(
            Pattern.quote(PREFIX) + "([1-9][0-9]{0,8}):([A-Za-z0-9_-]{11,86}):([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private SecretDigest() {
    }

    /**
     * The salt and iteration count of one digest (shared by the markers of one top-level config key).
     *
     * @param salt the salt's bytes; not secret
     */
    public record Params(int iterations, byte[] salt) {
        public Params {
            if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("iterations must be in " + MIN_ITERATIONS + ".." + MAX_ITERATIONS);
            }
            if (salt == null || salt.length < 8 || salt.length > 64) {
                throw new IllegalArgumentException("the salt must have 8 to 64 bytes");
            }
            salt = salt.clone();
        }

        /** A fresh random salt with {@code iterations}. */
        public static Params fresh(int iterations) {
            byte[] s = new byte[SALT_BYTES];
            RANDOM.nextBytes(s);
            return new Params(iterations, s);
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        /** {@code <iterations>:<salt base64url>}: how the params appear in markers and fingerprints. */
        public String text() {
            return iterations + ":" + B64.encodeToString(salt);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Params p && p.iterations == iterations && Arrays.equals(p.salt, salt);
        }

        @Override
        public int hashCode() {
            return 31 * iterations + Arrays.hashCode(salt);
        }

        @Override
        public String toString() {
            return "Params[" + text() + "]";
        }
    }

    /** The marker of the scalar {@code value} (a string or a number) under {@code params}. */
    public static String marker(Params params, JsonNode value) {
        return PREFIX + params.text() + ":" + B64.encodeToString(pbkdf2(canonical(value), params));
    }

    /**
     * True when the bundle writer replaces this scalar by a marker: it lies under the secret key {@code secretKey}
     * (non-null: the nearest enclosing secret key) and is a number or a non-empty string that is neither a file path
     * ({@link Secrets#maskValue} keeps those) nor already masked. Booleans and nulls carry no secret and stay.
     */
    public static boolean digestable(String secretKey, JsonNode value) {
        if (secretKey == null || value == null) return false;
        if (value.isNumber()) return true;
        if (!value.isTextual()) return false;
        String text = value.textValue();
        return !text.equals(Secrets.MASK) && !looksLikeMarker(text)
                && Secrets.MASK.equals(Secrets.maskValue(secretKey, text));
    }

    /**
     * A copy of {@code node}, the value of the top-level config key {@code key}, with every {@link #digestable} scalar
     * replaced by its marker under {@code params}: the form in which the bundle writer stores it. Everything else is
     * kept as it is.
     */
    public static JsonNode digestTree(String key, JsonNode node, Params params) {
        return digest(node, Secrets.isSecretKey(key) ? key : null, params);
    }

    private static JsonNode digest(JsonNode node, String secretKey, Params params) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String secret = secretKey != null ? secretKey : Secrets.isSecretKey(e.getKey()) ? e.getKey() : null;
                out.set(e.getKey(), digest(e.getValue(), secret, params));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode n : node) out.add(digest(n, secretKey, params));
            return out;
        }
        return digestable(secretKey, node) ? TextNode.valueOf(marker(params, node)) : node;
    }

    /** True when {@code text} starts like a marker (valid or not): such text is never shown, only masked. */
    public static boolean looksLikeMarker(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /**
     * The params of a well-formed marker; empty when {@code text} is no marker or a garbled one (bad base64, a salt
     * or digest of the wrong size, iterations out of range): the value is then treated as a bare mask.
     */
    public static Optional<Params> parse(String text) {
        if (!looksLikeMarker(text)) return Optional.empty();
        Matcher m = MARKER.matcher(text);
        if (!m.matches()) return Optional.empty();
        try {
            long iterations = Long.parseLong(m.group(1));
            byte[] salt = B64D.decode(m.group(2));
            byte[] digest = B64D.decode(m.group(3));
            if (digest.length != DIGEST_BYTES || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS
                    || salt.length < 8 || salt.length > 64) {
                return Optional.empty();
            }
            // a canonical encoding only: one marker text per (params, digest), so equal values give equal text
            if (!B64.encodeToString(salt).equals(m.group(2)) || !B64.encodeToString(digest).equals(m.group(3))) {
                return Optional.empty();
            }
            return Optional.of(new Params((int) iterations, salt));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The text that is digested: the canonical JSON of a string (quoted, escaped, as ConfigEntry fingerprints use it),
     * or the plain decimal of a number without trailing zeros ({@code 1.50} and {@code 1.5} are the same value
     * however the YAML reader typed it).
     */
    static String canonical(JsonNode value) {
        if (value.isNumber()) {
            try {
                return new BigDecimal(value.asText()).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                return value.asText(); // NaN, Infinity
            }
        }
        if (!value.isTextual()) throw new IllegalArgumentException("only strings and numbers are digested");
        try {
            return JsonPayload.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON string", e); // cannot happen
        }
    }

    private static byte[] pbkdf2(String text, Params params) {
        char[] chars = text.toCharArray();
        PBEKeySpec spec = new PBEKeySpec(chars, params.salt, params.iterations, DIGEST_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JVM", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }
}
