package io.preflight.facts.bundle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Role;
import io.preflight.facts.parse.PayloadKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes {@code manifest.json}. Reading validates everything the reader relies on and names the place of
 * the first problem as a JSON path ({@code $.payloads[3].file}); unknown fields are ignored. The writer runs its own
 * output back through {@link #parse} so it never writes a bundle the reader would refuse.
 */
final class ManifestCodec {
    static final String FILE = "manifest.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final String VALID_ROLES = "master, agent, agent_public, unknown";

    private ManifestCodec() {
    }

    static byte[] write(Manifest m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", m.formatVersion());
        ObjectNode tool = root.putObject("tool");
        if (m.tool() != null) {
            tool.put("name", m.tool().name());
            tool.put("version", m.tool().version());
        }
        root.put("createdAt", m.createdAt() == null ? null : m.createdAt().toString());
        ObjectNode cluster = root.putObject("cluster");
        if (m.cluster() != null) {
            cluster.put("name", m.cluster().name());
            cluster.put("mesos", m.cluster().mesos());
            cluster.put("marathon", m.cluster().marathon());
            cluster.put("exhibitor", m.cluster().exhibitor());
        }
        ArrayNode nodes = root.putArray("nodes");
        for (Manifest.Node n : m.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("host", n.host());
            o.put("role", Manifest.roleName(n.role()));
            o.put("seenBy", n.seenBy());
        }
        ArrayNode payloads = root.putArray("payloads");
        for (Manifest.Payload p : m.payloads()) {
            ObjectNode o = payloads.addObject();
            o.put("kind", p.kind() == null ? null : Manifest.kindName(p.kind()));
            o.put("subject", p.subject());
            o.put("file", p.file());
            o.put("source", p.source());
            o.put("collectedAt", p.collectedAt() == null ? null : p.collectedAt().toString());
        }
        ArrayNode problems = root.putArray("problems");
        for (Manifest.Problem p : m.problems()) {
            ObjectNode o = problems.addObject();
            o.put("subject", p.subject());
            o.put("kind", p.kind() == null ? null : p.kind().name());
            o.put("what", p.what());
            o.put("detail", p.detail());
            o.put("source", p.source());
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize manifest", e);
        }
    }

    /**
     * @param where the file as the user should see it in messages, e.g. {@code prod/manifest.json}
     */
    static Manifest parse(byte[] bytes, String where) throws BundleException {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BundleException(where + ": " + jsonError(e), e);
        } catch (IOException e) {
            throw new BundleException(where + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) throw new BundleException(where + ": empty file, expected a JSON object");
        return new Reader(where).manifest(root);
    }

    /** {@code line 3, column 7: unexpected end of JSON}, from a Jackson error. */
    static String jsonError(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String at = loc == null || loc.getLineNr() < 0 ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
        String msg;
        if (e instanceof JsonEOFException) {
            msg = "unexpected end of JSON";
        } else {
            msg = e.getOriginalMessage();
            if (msg == null) msg = e.getClass().getSimpleName();
            int cut = msg.indexOf(" (start marker at");
            if (cut > 0) msg = msg.substring(0, cut);
            int nl = msg.indexOf('\n');
            if (nl > 0) msg = msg.substring(0, nl);
        }
        return at + msg.trim();
    }

    /** Why {@code s} cannot be a node folder name, or null when it can. */
    static String unsafeHost(String s) {
        if (s.isEmpty()) return "empty host";
        if (s.equals(".") || s.equals("..")) return "host '" + s + "' is not a usable folder name";
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\') return "host " + show(s) + " contains a path separator";
            if (Character.isISOControl(c) || Character.isWhitespace(c)) return "host " + show(s) + " contains a space or control character";
        }
        return s.length() > 253 ? "host is longer than 253 characters" : null;
    }

    /** Why {@code rel} is not a safe relative path inside a bundle, or null when it is. */
    static String unsafePath(String rel) {
        if (rel.isEmpty()) return "empty path";
        if (rel.startsWith("/") || rel.startsWith("\\") || rel.matches("^[A-Za-z]:.*")) return "path escapes the bundle: " + show(rel);
        if (rel.indexOf('\\') >= 0) return "backslash in path: " + show(rel);
        for (int i = 0; i < rel.length(); i++) {
            if (Character.isISOControl(rel.charAt(i))) return "control character in path: " + show(rel);
        }
        for (String seg : rel.split("/", -1)) {
            if (seg.equals("..")) return "path escapes the bundle: " + show(rel);
        }
        for (String seg : rel.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".")) return "not a normalized relative path: " + show(rel);
        }
        return null;
    }

    /** A value quoted for a message, shortened and with control characters escaped. */
    static String show(String s) {
        StringBuilder b = new StringBuilder("'");
        int max = 120;
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        if (s.length() > max) b.append("...");
        return b.append('\'').toString();
    }

    private static final class Reader {
        private final String where;

        Reader(String where) {
            this.where = where;
        }

        Manifest manifest(JsonNode root) throws BundleException {
            if (!root.isObject()) throw fail("$", "expected a JSON object, got " + type(root));
            // the version first: a newer format may have any other shape
            JsonNode v = root.get("formatVersion");
            if (v == null || v.isNull()) throw fail("$.formatVersion", "missing");
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
                throw fail("$.formatVersion", "expected a positive integer, got " + v);
            }
            int version = v.intValue();
            if (version > Manifest.FORMAT_VERSION) {
                throw new BundleException(where + ": formatVersion " + version + " is newer than this preflight reads ("
                        + Manifest.FORMAT_VERSION + ")");
            }
            JsonNode toolNode = object(root, "$", "tool");
            Manifest.Tool tool = new Manifest.Tool(string(toolNode, "$.tool", "name"), string(toolNode, "$.tool", "version"));
            Instant createdAt = instant(root, "$", "createdAt");
            JsonNode c = object(root, "$", "cluster");
            Manifest.Cluster cluster = new Manifest.Cluster(nonBlank(c, "$.cluster", "name"),
                    optString(c, "$.cluster", "mesos"), optString(c, "$.cluster", "marathon"),
                    optString(c, "$.cluster", "exhibitor"));
            List<Manifest.Node> nodes = nodes(array(root, "$", "nodes"));
            Map<String, Manifest.Node> byHost = new LinkedHashMap<>();
            for (Manifest.Node n : nodes) byHost.put(n.host(), n);
            List<Manifest.Payload> payloads = payloads(array(root, "$", "payloads"), byHost);
            List<Manifest.Problem> problems = problems(array(root, "$", "problems"));
            return new Manifest(version, tool, createdAt, cluster, nodes, payloads, problems);
        }

        private List<Manifest.Node> nodes(JsonNode arr) throws BundleException {
            List<Manifest.Node> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < arr.size(); i++) {
                String at = "$.nodes[" + i + "]";
                JsonNode n = element(arr, i, at);
                String host = string(n, at, "host");
                String bad = unsafeHost(host);
                if (bad != null) throw fail(at + ".host", bad);
                if (!seen.add(host)) throw fail(at + ".host", "duplicate host " + show(host));
                String roleWord = string(n, at, "role");
                Role role = Role.parse(roleWord);
                if (role == Role.UNKNOWN && !roleWord.trim().equalsIgnoreCase("unknown")) {
                    throw fail(at + ".role", "unknown role " + show(roleWord) + " (valid: " + VALID_ROLES + ")");
                }
                out.add(new Manifest.Node(host, role, optString(n, at, "seenBy")));
            }
            return out;
        }

        private List<Manifest.Payload> payloads(JsonNode arr, Map<String, Manifest.Node> byHost) throws BundleException {
            List<Manifest.Payload> out = new ArrayList<>();
            Set<String> files = new HashSet<>();
            for (int i = 0; i < arr.size(); i++) {
                String at = "$.payloads[" + i + "]";
                JsonNode p = element(arr, i, at);
                String kindName = string(p, at, "kind");
                PayloadKind kind = Manifest.kindByName(kindName);
                if (kind == null) {
                    String valid = Arrays.stream(PayloadKind.values()).map(Manifest::kindName).collect(Collectors.joining(", "));
                    throw fail(at + ".kind", "unknown payload kind " + show(kindName) + " (valid: " + valid + ")");
                }
                String subject = nonBlank(p, at, "subject");
                String file = string(p, at, "file");
                String bad = unsafePath(file);
                if (bad != null) throw fail(at + ".file", bad);
                if (kind.perNode()) {
                    String badHost = unsafeHost(subject);
                    if (badHost != null) throw fail(at + ".subject", badHost);
                    if (!byHost.containsKey(subject)) {
                        throw fail(at + ".subject", "no node " + show(subject) + " in $.nodes for this per-node "
                                + kindName + " payload");
                    }
                }
                String expected = Manifest.fileFor(kind, subject);
                if (!expected.equals(file)) {
                    throw fail(at + ".file", "expected '" + expected + "' for a " + kindName + " payload of "
                            + subject + ", got " + show(file));
                }
                if (!files.add(file)) throw fail(at + ".file", "duplicate payload file " + show(file));
                out.add(new Manifest.Payload(kind, subject, file, nonBlank(p, at, "source"), instant(p, at, "collectedAt")));
            }
            return out;
        }

        private List<Manifest.Problem> problems(JsonNode arr) throws BundleException {
            List<Manifest.Problem> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                String at = "$.problems[" + i + "]";
                JsonNode p = element(arr, i, at);
                String subject = nonBlank(p, at, "subject");
                String kindName = string(p, at, "kind");
                CollectionProblem.Kind kind = null;
                for (CollectionProblem.Kind k : CollectionProblem.Kind.values()) if (k.name().equals(kindName)) kind = k;
                if (kind == null) {
                    String valid = Arrays.stream(CollectionProblem.Kind.values()).map(Enum::name).collect(Collectors.joining(", "));
                    throw fail(at + ".kind", "unknown problem kind " + show(kindName) + " (valid: " + valid + ")");
                }
                out.add(new Manifest.Problem(subject, kind, nonBlank(p, at, "what"), optString(p, at, "detail"),
                        optString(p, at, "source")));
            }
            return out;
        }

        private JsonNode element(JsonNode arr, int i, String at) throws BundleException {
            JsonNode n = arr.get(i);
            if (!n.isObject()) throw fail(at, "expected an object, got " + type(n));
            return n;
        }

        private JsonNode object(JsonNode parent, String at, String field) throws BundleException {
            JsonNode n = required(parent, at, field);
            if (!n.isObject()) throw fail(at + "." + field, "expected an object, got " + type(n));
            return n;
        }

        private JsonNode array(JsonNode parent, String at, String field) throws BundleException {
            JsonNode n = required(parent, at, field);
            if (!n.isArray()) throw fail(at + "." + field, "expected an array, got " + type(n));
            return n;
        }

        private String string(JsonNode parent, String at, String field) throws BundleException {
            JsonNode n = required(parent, at, field);
            if (!n.isTextual()) throw fail(at + "." + field, "expected a string, got " + type(n));
            return n.textValue();
        }

        private String nonBlank(JsonNode parent, String at, String field) throws BundleException {
            String s = string(parent, at, field);
            if (s.isBlank()) throw fail(at + "." + field, "must not be empty");
            return s;
        }

        private String optString(JsonNode parent, String at, String field) throws BundleException {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) return null;
            if (!n.isTextual()) throw fail(at + "." + field, "expected a string, got " + type(n));
            return n.textValue();
        }

        private Instant instant(JsonNode parent, String at, String field) throws BundleException {
            String s = string(parent, at, field);
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s).toInstant();
                } catch (DateTimeParseException e2) {
                    throw fail(at + "." + field, "not an ISO-8601 time (like 2026-11-22T20:00:00Z): " + show(s));
                }
            }
        }

        private JsonNode required(JsonNode parent, String at, String field) throws BundleException {
            JsonNode n = parent.get(field);
            if (n == null || n.isNull()) throw fail(at + "." + field, "missing");
            return n;
        }

        private static String type(JsonNode n) {
            if (n.isObject()) return "an object";
            if (n.isArray()) return "an array";
            if (n.isTextual()) return "the string " + show(n.textValue());
            if (n.isNull()) return "null";
            return n.toString();
        }

        private BundleException fail(String path, String what) {
            return new BundleException(where + ": " + path + ": " + what);
        }
    }
}
