package io.preflight.facts.bundle;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.preflight.facts.parse.PayloadKind;
import io.preflight.facts.parse.SecretDigest;
import io.preflight.facts.parse.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Masks secrets in a raw payload before it is stored, so a bundle holds none: values under secret keys
 * ({@link Secrets#isSecretKey}) at any depth, PEM private key blocks, DC/OS auth tokens ({@code token=...},
 * {@code Authorization} values, JWTs). Secrets become {@link Secrets#MASK}, except that in the running config
 * ({@code CONFIG_RUNNING}) a value under a secret key becomes a {@link SecretDigest} marker (a salted PBKDF2 digest
 * behind the mask, one fresh salt per top-level key), so a target config can be compared with it; that can be turned
 * off ({@link #mask(PayloadKind, byte[], boolean)}). The rules per payload kind are in {@code docs/bundle-format.md}
 * ("Masking", "Secret digests"). Stateless and thread-safe.
 */
public final class PayloadMasker {
    private static final String MASK = Secrets.MASK;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build();

    /** A PEM private key block (RSA, EC, OpenSSH, PKCS#8, encrypted, PGP); a block cut short runs to the end. */
    private static final Pattern PEM = Pattern.compile(
            "(-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----)(.*?)(-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\\z)",
            Pattern.DOTALL);
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(\\bauthorization[\"']?\\s*[:=]\\s*[\"']?)([^\"'\\r\\n,}]+)");
    private static final Pattern TOKEN_ASSIGNMENT = Pattern.compile("(?i)(\\b[a-z0-9_-]*token=)([^\\s\"'&,;]+)");
    private static final Pattern JWT = Pattern.compile(
            "\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    /** {@code key: value}, also as a list item or commented out; group 3 is the key, group 5 the value. */
    private static final Pattern YAML_KEY_LINE = Pattern.compile(
            "^(\\s*(?:#\\s*)?(?:-\\s+)?)([\"']?)([^\\s\"'#:\\-][^\"':]*?)\\2\\s*:(\\s+|$)(.*)$");
    private static final Pattern ENV_LINE = Pattern.compile(
            "^(\\s*(?:#\\s*)?(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\\s*=\\s*)(.*)$");
    private static final Pattern JSON_MEMBER = Pattern.compile(
            "(\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d[\\d.eE+-]*)");
    private static final Pattern PROBE_SECTION = Pattern.compile("^### section\\s+(\\S+).*$");

    private PayloadMasker() {
    }

    /**
     * Masks with secret digests in the running config ({@code mask(kind, body, true)}).
     *
     * @return the payload with its secrets masked; the same array when there was nothing to mask
     */
    public static byte[] mask(PayloadKind kind, byte[] body) {
        return mask(kind, body, true);
    }

    /**
     * @param secretDigests whether secret values of the running config become {@link SecretDigest} markers (else bare
     *                      {@link Secrets#MASK}, which a check cannot compare with a target config)
     * @return the payload with its secrets masked; the same array when there was nothing to mask
     */
    public static byte[] mask(PayloadKind kind, byte[] body, boolean secretDigests) {
        String text = new String(body, StandardCharsets.UTF_8);
        String masked = switch (kind) {
            case CONFIG_RUNNING -> maskYaml(text, secretDigests ? SecretDigest.DEFAULT_ITERATIONS : 0);
            case NODE_PROBE -> maskProbe(text);
            default -> maskJson(text);
        };
        return masked.equals(text) ? body : masked.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Masks what looks like a secret anywhere in free text: PEM private keys, auth tokens, Authorization values, and
     * the password of {@code scheme://user:password@host} URLs.
     */
    public static String maskText(String text) {
        if (text == null || text.isEmpty()) return text;
        String s = text;
        if (s.contains("PRIVATE KEY")) {
            Matcher m = PEM.matcher(s);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                // keep the line structure (and YAML indentation) while dropping every token of the key
                String body = m.group(2).replaceAll("\\S+", MASK);
                m.appendReplacement(b, Matcher.quoteReplacement(m.group(1) + body + m.group(3)));
            }
            m.appendTail(b);
            s = b.toString();
        }
        s = AUTHORIZATION.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        s = TOKEN_ASSIGNMENT.matcher(s).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        s = JWT.matcher(s).replaceAll(Matcher.quoteReplacement(MASK));
        return Secrets.maskUrlCredentials(s);
    }

    // ---- JSON payloads -------------------------------------------------------------------------------------

    static String maskJson(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) return maskText(text);
            return maskTree(root, null, null) ? JSON.writeValueAsString(root) : text;
        } catch (IOException e) {
            // not JSON (an error page, a truncated body): mask what the patterns find and keep it raw
            Matcher m = JSON_MEMBER.matcher(text);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String value = m.group(3);
                String plain = value.startsWith("\"") ? value.substring(1, value.length() - 1) : value;
                boolean secret = Secrets.isSecretKey(m.group(2)) && !plain.isEmpty()
                        && Secrets.maskValue(m.group(2), plain).equals(MASK);
                m.appendReplacement(b, Matcher.quoteReplacement(secret ? m.group(1) + "\"" + MASK + "\"" : m.group()));
            }
            m.appendTail(b);
            return maskText(b.toString());
        }
    }

    /**
     * Masks the tree in place: every string or number under a secret key (at any depth below it) unless it is only a
     * file path ({@link Secrets#maskValue}), and secrets found by {@link #maskText} in every other string. Booleans
     * and nulls are kept: they carry no secret.
     *
     * @param secretKey the nearest enclosing secret key, or null
     * @param hide      what a scalar under a secret key that would be masked whole ({@link SecretDigest#digestable})
     *                  becomes; null: {@link Secrets#MASK}
     * @return whether anything changed
     */
    static boolean maskTree(JsonNode node, String secretKey, Function<JsonNode, String> hide) {
        boolean changed = false;
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String secret = secretKey != null ? secretKey : Secrets.isSecretKey(name) ? name : null;
                JsonNode v = o.get(name);
                if (v.isContainerNode()) {
                    changed |= maskTree(v, secret, hide);
                } else {
                    JsonNode m = maskScalar(v, secret, hide);
                    if (m != v) {
                        o.set(name, m);
                        changed = true;
                    }
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isContainerNode()) {
                    changed |= maskTree(v, secretKey, hide);
                } else {
                    JsonNode m = maskScalar(v, secretKey, hide);
                    if (m != v) {
                        a.set(i, m);
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    private static JsonNode maskScalar(JsonNode v, String secretKey, Function<JsonNode, String> hide) {
        if (hide != null && SecretDigest.digestable(secretKey, v)) return TextNode.valueOf(hide.apply(v));
        if (secretKey != null && v.isNumber()) return TextNode.valueOf(MASK);
        if (!v.isTextual()) return v;
        String text = v.textValue();
        // masking a payload again (a bundle's payload written anew) keeps its digests
        if (secretKey != null && SecretDigest.parse(text).isPresent()) return v;
        String m = secretKey != null ? maskText(Secrets.maskValue(secretKey, text)) : maskText(text);
        return m.equals(text) ? v : TextNode.valueOf(m);
    }

    // ---- YAML (config.yaml) ---------------------------------------------------------------------------------

    /**
     * Parses every YAML document and re-emits them when something was masked; YAML that does not parse is masked
     * line by line ({@link #maskYamlLines}) so line numbers stay, with bare masks.
     *
     * @param digestIterations 0: secrets become bare masks; else secrets under secret keys become
     *                         {@link SecretDigest} markers with this many iterations and one fresh salt per top-level
     *                         key of each document
     */
    static String maskYaml(String text, int digestIterations) {
        List<JsonNode> docs;
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            docs = it.readAll();
        } catch (IOException | RuntimeException e) {
            return maskText(maskYamlLines(text));
        }
        boolean changed = false;
        for (JsonNode d : docs) {
            changed |= digestIterations > 0 && d instanceof ObjectNode o ? maskWithDigests(o, digestIterations)
                    : maskTree(d, null, null);
        }
        if (!changed) {
            // nothing in the data; comments may still hold a commented-out secret
            return maskText(maskYamlLines(text));
        }
        StringBuilder out = new StringBuilder();
        try {
            for (JsonNode d : docs) out.append(YAML.writeValueAsString(d));
        } catch (IOException e) {
            return maskText(maskYamlLines(text));
        }
        return out.toString();
    }

    /**
     * {@link #maskTree} over each top-level key of {@code config}, with markers salted per key. PBKDF2 is slow on
     * purpose, so the keys (separate subtrees) are masked in parallel.
     */
    private static boolean maskWithDigests(ObjectNode config, int iterations) {
        List<String> names = new ArrayList<>();
        config.fieldNames().forEachRemaining(names::add);
        JsonNode[] masked = new JsonNode[names.size()];
        IntStream.range(0, names.size()).parallel().forEach(i -> {
            SecretDigest.Params params = SecretDigest.Params.fresh(iterations);
            ObjectNode one = JSON.createObjectNode();
            one.set(names.get(i), config.get(names.get(i)));
            if (maskTree(one, null, v -> SecretDigest.marker(params, v))) masked[i] = one.get(names.get(i));
        });
        boolean changed = false;
        for (int i = 0; i < names.size(); i++) {
            if (masked[i] != null) {
                config.set(names.get(i), masked[i]);
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Line-wise YAML masking that keeps every line (so parse errors still point at the right line): the value of a
     * {@code key: value} line whose key is secret, and every more-indented line of a secret key's block
     * ({@code key:} followed by a map or list, or {@code key: |} followed by a block scalar). Also applies to
     * commented-out lines.
     */
    static String maskYamlLines(String text) {
        String[] lines = text.split("\n", -1);
        int blockIndent = -1;      // column of the secret key whose block we are in, -1 when none
        for (int i = 0; i < lines.length; i++) {
            String line = stripCr(lines[i]);
            String cr = lines[i].substring(line.length());
            int indent = indentOf(line);
            if (blockIndent >= 0) {
                boolean inside = line.isBlank() || indent > blockIndent
                        || (indent == blockIndent && line.trim().startsWith("- "));
                if (inside) {
                    lines[i] = maskWholeLine(line) + cr;
                    continue;
                }
                blockIndent = -1;
            }
            Matcher m = YAML_KEY_LINE.matcher(line);
            if (!m.matches() || !Secrets.isSecretKey(m.group(3))) continue;
            String value = m.group(5).trim();
            if (value.isEmpty() || value.startsWith("|") || value.startsWith(">") || value.startsWith("&")) {
                blockIndent = m.start(3) - m.group(2).length();
                if (value.startsWith("&") && value.contains(" ")) {
                    lines[i] = line.substring(0, m.start(5)) + value.substring(0, value.indexOf(' ')) + " " + MASK + cr;
                    blockIndent = -1;
                }
                continue;
            }
            if (isKeepableValue(value)) continue;
            lines[i] = line.substring(0, m.start(5)) + Secrets.maskValue(m.group(3), value) + cr;
        }
        return String.join("\n", lines);
    }

    private static String maskWholeLine(String line) {
        if (line.isBlank()) return line;
        Matcher m = YAML_KEY_LINE.matcher(line);
        if (m.matches()) {
            String value = m.group(5).trim();
            return value.isEmpty() || value.equals("|") || value.equals(">") || isKeepableValue(value)
                    ? line : line.substring(0, m.start(5)) + MASK;
        }
        int indent = indentOf(line);
        String rest = line.substring(indent);
        if (rest.startsWith("- ")) return line.substring(0, indent) + "- " + MASK;
        return line.substring(0, indent) + MASK;
    }

    private static boolean isKeepableValue(String v) {
        String unquoted = v.length() >= 2 && (v.startsWith("'") && v.endsWith("'") || v.startsWith("\"") && v.endsWith("\""))
                ? v.substring(1, v.length() - 1) : v;
        if (SecretDigest.parse(unquoted).isPresent()) return true; // a digest marker, from masking this payload before
        return v.equals(MASK) || v.equals("''") || v.equals("\"\"") || v.equals("null") || v.equals("~")
                || v.equals("true") || v.equals("false") || v.equals("'" + MASK + "'") || v.equals("\"" + MASK + "\"");
    }

    // ---- the SSH probe document -----------------------------------------------------------------------------

    /**
     * Masks the config-bearing sections of a probe document: {@code user-config} (YAML, line-wise),
     * {@code env-file} and {@code upgrade-env} ({@code KEY=VALUE} and {@code key: value} lines), {@code credentials}
     * (anything but the one-word format is masked); then {@link #maskText} over the whole document.
     */
    static String maskProbe(String text) {
        String[] lines = text.split("\n", -1);
        List<String> out = new ArrayList<>(lines.length);
        String section = null;
        List<String> body = new ArrayList<>();
        for (String raw : lines) {
            String line = stripCr(raw);
            Matcher start = PROBE_SECTION.matcher(line);
            if (start.matches() || line.stripTrailing().equals("### end")) {
                if (section != null) out.addAll(maskSection(section, body));
                body.clear();
                section = start.matches() ? start.group(1) : null;
                out.add(raw);
            } else if (section != null) {
                body.add(raw);
            } else {
                out.add(raw);
            }
        }
        if (section != null) out.addAll(maskSection(section, body)); // a document cut short
        return maskText(String.join("\n", out));
    }

    private static List<String> maskSection(String name, List<String> escapedBody) {
        // the probe prepends a backslash to body lines starting with ### or a backslash (some probes: any #);
        // mask what the line says, then put the escape back
        List<String> body = new ArrayList<>(escapedBody.size());
        for (String line : escapedBody) body.add(line.startsWith("\\") ? line.substring(1) : line);
        List<String> masked = switch (name) {
            case "user-config" -> List.of(maskYamlLines(String.join("\n", body)).split("\n", -1));
            case "env-file", "upgrade-env" -> map(body, line -> {
                Matcher m = ENV_LINE.matcher(line);
                if (m.matches()) {
                    String value = m.group(4).trim();
                    boolean keep = value.isEmpty() || isKeepableValue(value);
                    return Secrets.isSecretKey(m.group(2)) && !keep
                            ? m.group(1) + m.group(2) + m.group(3) + Secrets.maskValue(m.group(2), value) : line;
                }
                return maskYamlLines(line);
            });
            case "credentials" -> map(body, line -> {
                String t = line.trim();
                return t.isEmpty() || t.equals("JSON") || t.equals("TEXT") || t.equals("MISSING") ? line : MASK;
            });
            default -> body;
        };
        List<String> out = new ArrayList<>(masked.size());
        for (int i = 0; i < masked.size(); i++) {
            out.add(escapedBody.get(i).startsWith("\\") ? "\\" + masked.get(i) : masked.get(i));
        }
        return out;
    }

    private static List<String> map(List<String> lines, UnaryOperator<String> f) {
        List<String> out = new ArrayList<>(lines.size());
        for (String raw : lines) {
            String line = stripCr(raw);
            out.add(f.apply(line) + raw.substring(line.length()));
        }
        return out;
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static int indentOf(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) i++;
        return i;
    }
}
