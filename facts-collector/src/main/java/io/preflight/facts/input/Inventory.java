package io.preflight.facts.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.facts.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code collect} / {@code check --inventory} needs to reach a cluster: its API endpoints, how to log in to the
 * nodes, and optionally the nodes themselves (otherwise discovered from Mesos and the running config). Read from
 * preflight's YAML inventory (PRODUCT.md) or from an Ansible inventory (INI or YAML) with groups such as
 * {@code masters}, {@code agents}, {@code agent_public}. Immutable. Never holds a secret itself: the token and the
 * private key are file paths.
 */
public record Inventory(Cluster cluster, Ssh ssh, List<Node> nodes, String origin) {
    public Inventory {
        nodes = List.copyOf(nodes);
    }

    /** Cluster endpoints. {@code mesos} is any master; the leader is found from it. */
    public record Cluster(String name, String mesos, String marathon, String exhibitor, Path tokenFile,
                          Path caFile) {
    }

    /** SSH access: key auth only, host keys verified against {@code knownHosts}. */
    public record Ssh(String user, Path privateKey, Path knownHosts, int port, int concurrency, Duration timeout) {
    }

    /** A node named in the inventory; {@code role} is {@link Role#UNKNOWN} unless a group says, {@code port} 0 = default. */
    public record Node(String host, int port, Role role) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("cluster", "ssh", "nodes");
    private static final Set<String> CLUSTER = Set.of("name", "mesos", "marathon", "exhibitor", "token_file", "ca_file");
    private static final Set<String> SSH = Set.of("user", "private_key", "known_hosts", "port", "concurrency", "timeout");
    private static final Set<String> NODE = Set.of("host", "port", "role");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");

    /**
     * Reads an inventory file: preflight YAML when it has a {@code cluster:} key, an Ansible YAML inventory when it
     * has {@code all:} or group keys with {@code hosts:}, an Ansible INI inventory otherwise.
     *
     * @throws InputFileException one line naming the file (and line) and what is wrong
     */
    public static Inventory read(Path file) throws InputFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputFileException(file + ": no such file");
        } catch (IOException e) {
            throw new InputFileException(file + ": cannot read: " + e.getMessage());
        }
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith(";"))
                .findFirst().orElse("");
        if (file.toString().endsWith(".ini") || first.startsWith("[") || (!first.isEmpty() && !first.contains(":"))) {
            return readIni(file, text);
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String why = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new InputFileException(file + (l != null ? ":" + l.getLineNr() : "") + ": not valid YAML: " + why);
        }
        if (root == null || !root.isObject()) throw new InputFileException(file + ":1: expected a mapping");
        if (root.has("cluster")) return readPreflight(file, root);
        return readAnsibleYaml(file, root);
    }

    private static Inventory readPreflight(Path file, JsonNode root) throws InputFileException {
        known(file, "", root, TOP);
        JsonNode c = root.get("cluster");
        if (!c.isObject()) throw new InputFileException(file + ": cluster: expected a mapping");
        known(file, "cluster.", c, CLUSTER);
        String mesos = text(c, "mesos");
        if (mesos == null) throw new InputFileException(file + ": cluster.mesos is required (the URL of any master)");
        Cluster cluster = new Cluster(text(c, "name") != null ? text(c, "name") : hostOf(mesos), url(file, "cluster.mesos", mesos),
                url(file, "cluster.marathon", text(c, "marathon")), url(file, "cluster.exhibitor", text(c, "exhibitor")),
                path(text(c, "token_file")), path(text(c, "ca_file")));
        Ssh ssh = ssh(file, root.get("ssh"));
        List<Node> nodes = new ArrayList<>();
        JsonNode ns = root.get("nodes");
        if (ns != null && !ns.isNull()) {
            if (!ns.isArray()) throw new InputFileException(file + ": nodes: expected a list");
            int i = 0;
            for (JsonNode n : ns) {
                String where = "nodes[" + i++ + "]";
                if (!n.isObject() || text(n, "host") == null) {
                    throw new InputFileException(file + ": " + where + ": needs a host");
                }
                known(file, where + ".", n, NODE);
                Role role = n.has("role") ? role(file, where + ".role", text(n, "role")) : Role.UNKNOWN;
                nodes.add(new Node(text(n, "host"), port(file, where + ".port", n.get("port"), 0), role));
            }
        }
        return new Inventory(cluster, ssh, nodes, file.toString());
    }

    private static Ssh ssh(Path file, JsonNode s) throws InputFileException {
        if (s == null || s.isNull()) {
            return new Ssh(System.getProperty("user.name"), home(".ssh/id_ed25519"), home(".ssh/known_hosts"), 22, 32,
                    Duration.ofSeconds(20));
        }
        if (!s.isObject()) throw new InputFileException(file + ": ssh: expected a mapping");
        known(file, "ssh.", s, SSH);
        String user = text(s, "user");
        if (user == null) throw new InputFileException(file + ": ssh.user is required");
        int concurrency = port(file, "ssh.concurrency", s.get("concurrency"), 32);
        if (concurrency < 1 || concurrency > 1024) {
            throw new InputFileException(file + ": ssh.concurrency must be 1..1024, got " + concurrency);
        }
        return new Ssh(user, path(text(s, "private_key") != null ? text(s, "private_key") : "~/.ssh/id_ed25519"),
                path(text(s, "known_hosts") != null ? text(s, "known_hosts") : "~/.ssh/known_hosts"),
                port(file, "ssh.port", s.get("port"), 22), concurrency, duration(file, "ssh.timeout", text(s, "timeout")));
    }

    /** Ansible YAML: {@code all: {children: {masters: {hosts: {10.0.0.1: {...}}}}}} or groups at the top. */
    private static Inventory readAnsibleYaml(Path file, JsonNode root) throws InputFileException {
        Map<String, Node> nodes = new LinkedHashMap<>();
        collectGroups(file, root, null, nodes);
        if (nodes.isEmpty()) throw new InputFileException(file + ": no hosts found (neither a preflight nor an Ansible inventory)");
        return fromAnsible(file, nodes);
    }

    private static void collectGroups(Path file, JsonNode groups, Role inherited, Map<String, Node> out)
            throws InputFileException {
        for (Iterator<Map.Entry<String, JsonNode>> it = groups.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> g = it.next();
            Role role = groupRole(g.getKey(), inherited);
            JsonNode body = g.getValue();
            if (body == null || !body.isObject()) continue;
            JsonNode hosts = body.get("hosts");
            if (hosts != null && hosts.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> h = hosts.fields(); h.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = h.next();
                    int port = e.getValue() != null && e.getValue().has("ansible_port")
                            ? port(file, "ansible_port", e.getValue().get("ansible_port"), 0) : 0;
                    String host = e.getValue() != null && e.getValue().has("ansible_host")
                            ? e.getValue().get("ansible_host").asText() : e.getKey();
                    merge(out, new Node(host, port, role));
                }
            }
            JsonNode children = body.get("children");
            if (children != null && children.isObject()) collectGroups(file, children, role, out);
        }
    }

    /** Ansible INI: {@code [masters]} sections of {@code host ansible_host=… ansible_port=…} lines. */
    private static Inventory readIni(Path file, String text) throws InputFileException {
        Map<String, Node> nodes = new LinkedHashMap<>();
        Role role = Role.UNKNOWN;
        boolean hostsSection = true;
        int lineNo = 0;
        for (String raw : text.split("\\R")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) throw new InputFileException(file + ":" + lineNo + ": unterminated group header");
                String group = line.substring(1, line.length() - 1);
                hostsSection = !group.contains(":");       // [g:vars] and [g:children] hold no hosts
                role = groupRole(group.split(":")[0], null);
                continue;
            }
            if (!hostsSection) continue;
            String[] parts = line.split("\\s+");
            String host = parts[0];
            int port = 0;
            for (int i = 1; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                if (eq < 0) throw new InputFileException(file + ":" + lineNo + ": expected key=value, got '" + parts[i] + "'");
                String k = parts[i].substring(0, eq);
                String v = parts[i].substring(eq + 1);
                if (k.equals("ansible_host")) host = v;
                if (k.equals("ansible_port")) {
                    try {
                        port = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new InputFileException(file + ":" + lineNo + ": ansible_port '" + v + "' is not a number");
                    }
                }
            }
            merge(nodes, new Node(host, port, role));
        }
        if (nodes.isEmpty()) throw new InputFileException(file + ": no hosts found");
        return fromAnsible(file, nodes);
    }

    /** An Ansible inventory names hosts, not endpoints: Mesos and Marathon are reached on the first master. */
    private static Inventory fromAnsible(Path file, Map<String, Node> nodes) throws InputFileException {
        Node master = nodes.values().stream().filter(n -> n.role() == Role.MASTER).findFirst()
                .orElseThrow(() -> new InputFileException(file + ": no host in a masters group (masters, dcos_masters, ...)"));
        Cluster cluster = new Cluster(file.getFileName().toString().replaceFirst("\\.[^.]*$", ""),
                "http://" + master.host() + ":5050", "http://" + master.host() + ":8080",
                "http://" + master.host() + ":8181", null, null);
        return new Inventory(cluster, ssh(file, null), List.copyOf(nodes.values()), file.toString());
    }

    private static void merge(Map<String, Node> out, Node n) {
        Node prev = out.get(n.host());
        if (prev == null || prev.role() == Role.UNKNOWN) out.put(n.host(), n);
    }

    /** Group names DC/OS Ansible roles and sites use: masters, agents, agent_public, public_agents, ... */
    static Role groupRole(String group, Role inherited) {
        String g = group.toLowerCase(Locale.ROOT).replace('-', '_');
        if (g.contains("public")) return Role.AGENT_PUBLIC;
        if (g.contains("master")) return Role.MASTER;
        if (g.contains("agent") || g.contains("slave") || g.contains("private")) return Role.AGENT;
        return inherited == null ? Role.UNKNOWN : inherited;
    }

    private static void known(Path file, String prefix, JsonNode n, Set<String> keys) throws InputFileException {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                throw new InputFileException(file + ": unknown key '" + prefix + k + "' (valid: " + String.join(", ",
                        keys.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String url(Path file, String where, String s) throws InputFileException {
        if (s == null) return null;
        if (!s.matches("https?://[^\\s/]+(/.*)?")) {
            throw new InputFileException(file + ": " + where + ": '" + s + "' is not an http(s) URL");
        }
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String hostOf(String url) {
        return url.replaceFirst("^https?://", "").replaceFirst("[:/].*$", "");
    }

    private static int port(Path file, String where, JsonNode v, int dflt) throws InputFileException {
        if (v == null || v.isNull()) return dflt;
        if (v.isIntegralNumber() && v.canConvertToInt()) return v.asInt();
        if (v.isTextual() && v.asText().matches("\\d{1,9}")) return Integer.parseInt(v.asText());
        throw new InputFileException(file + ": " + where + ": '" + v.asText() + "' is not a number");
    }

    private static Role role(Path file, String where, String s) throws InputFileException {
        Role r = Role.parse(s);
        if (r == Role.UNKNOWN) {
            throw new InputFileException(file + ": " + where + ": unknown role '" + s + "' (valid: master, agent, agent_public)");
        }
        return r;
    }

    private static Duration duration(Path file, String where, String s) throws InputFileException {
        if (s == null) return Duration.ofSeconds(20);
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches()) throw new InputFileException(file + ": " + where + ": '" + s + "' is not a duration (20s, 500ms, 2m)");
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static Path path(String s) {
        if (s == null) return null;
        return s.startsWith("~/") ? Path.of(System.getProperty("user.home"), s.substring(2)) : Path.of(s);
    }

    private static Path home(String rel) {
        return Path.of(System.getProperty("user.home"), rel);
    }
}
