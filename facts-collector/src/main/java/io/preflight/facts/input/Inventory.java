package io.preflight.facts.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.facts.Role;
import io.preflight.facts.parse.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
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
 * {@code masters}, {@code agents}, {@code agent_public} and the variables {@link AnsibleInventory} describes.
 * Immutable. Never holds a secret itself: the token, the private key and its passphrase are file paths.
 *
 * @param warnings one line each ({@code file:line: ...}): what the file says that preflight ignores, such as a
 *                 password variable of an Ansible inventory (named, never its value)
 */
public record Inventory(Cluster cluster, Ssh ssh, List<Node> nodes, String origin, List<String> warnings) {
    public Inventory {
        nodes = List.copyOf(nodes);
        warnings = List.copyOf(warnings);
    }

    static final String DEFAULT_KEY = "~/.ssh/id_ed25519";
    static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";
    static final int DEFAULT_CONCURRENCY = 32;
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    /** Cluster endpoints. {@code mesos} is any master; the leader is found from it. */
    public record Cluster(String name, String mesos, String marathon, String exhibitor, Path tokenFile,
                          Path caFile) {
    }

    /**
     * SSH access: key auth only, host keys verified against {@code knownHosts}; one user and one key for every node.
     * {@code privateKeyPassphraseFile} is null unless the key's passphrase is in a file.
     */
    public record Ssh(String user, Path privateKey, Path knownHosts, int port, int concurrency, Duration timeout,
                      Path privateKeyPassphraseFile) {
    }

    /** A node named in the inventory; {@code role} is {@link Role#UNKNOWN} unless a group says, {@code port} 0 = default. */
    public record Node(String host, int port, Role role) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> TOP = Set.of("cluster", "ssh", "nodes");
    private static final Set<String> CLUSTER = Set.of("name", "mesos", "marathon", "exhibitor", "token_file", "ca_file");
    private static final Set<String> SSH = Set.of("user", "private_key", "private_key_passphrase_file", "known_hosts",
            "port", "concurrency", "timeout");
    /** Keys someone might write a secret under, and where the secret goes instead. */
    private static final Map<String, String> SECRET_KEYS = Map.of(
            "cluster.token", "name a file holding it with cluster.token_file",
            "ssh.password", "preflight logs in with a key only",
            "ssh.passphrase", "name a file holding it with ssh.private_key_passphrase_file, or set "
                    + "PREFLIGHT_SSH_KEY_PASSPHRASE",
            "ssh.private_key_passphrase", "name a file holding it with ssh.private_key_passphrase_file, or set "
                    + "PREFLIGHT_SSH_KEY_PASSPHRASE");
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
            return AnsibleInventory.readIni(file, text);
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
        return AnsibleInventory.readYaml(file, text, root);
    }

    private static Inventory readPreflight(Path file, JsonNode root) throws InputFileException {
        known(file, "", root, TOP);
        JsonNode c = root.get("cluster");
        if (!c.isObject()) throw new InputFileException(file + ": cluster: expected a mapping");
        known(file, "cluster.", c, CLUSTER);
        String mesos = text(c, "mesos");
        if (mesos == null) throw new InputFileException(file + ": cluster.mesos is required (the URL of any master)");
        Cluster cluster = new Cluster(text(c, "name") != null ? text(c, "name") : hostOf(mesos),
                url(file + ": cluster.mesos", mesos), url(file + ": cluster.marathon", text(c, "marathon")),
                url(file + ": cluster.exhibitor", text(c, "exhibitor")), path(text(c, "token_file")),
                path(text(c, "ca_file")));
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
        return new Inventory(cluster, ssh, nodes, file.toString(), List.of());
    }

    private static Ssh ssh(Path file, JsonNode s) throws InputFileException {
        if (s == null || s.isNull()) {
            return new Ssh(System.getProperty("user.name"), path(DEFAULT_KEY), path(DEFAULT_KNOWN_HOSTS), 22,
                    DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT, null);
        }
        if (!s.isObject()) throw new InputFileException(file + ": ssh: expected a mapping");
        known(file, "ssh.", s, SSH);
        String user = text(s, "user");
        if (user == null) throw new InputFileException(file + ": ssh.user is required");
        int concurrency = port(file, "ssh.concurrency", s.get("concurrency"), DEFAULT_CONCURRENCY);
        if (concurrency < 1 || concurrency > 1024) {
            throw new InputFileException(file + ": ssh.concurrency must be 1..1024, got " + concurrency);
        }
        String timeout = text(s, "timeout");
        return new Ssh(user, path(text(s, "private_key") != null ? text(s, "private_key") : DEFAULT_KEY),
                path(text(s, "known_hosts") != null ? text(s, "known_hosts") : DEFAULT_KNOWN_HOSTS),
                port(file, "ssh.port", s.get("port"), 22), concurrency,
                timeout == null ? DEFAULT_TIMEOUT : duration(file + ": ssh.timeout", timeout),
                path(text(s, "private_key_passphrase_file")));
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
            String hint = SECRET_KEYS.get(prefix + k);
            if (hint != null) {
                throw new InputFileException(file + ": " + prefix + k + " would put a secret in the inventory: " + hint);
            }
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

    /** {@code s} without a trailing slash; {@code at} prefixes the error ({@code file: key} or {@code file:line: var}). */
    static String url(String at, String s) throws InputFileException {
        if (s == null) return null;
        if (!s.matches("https?://[^\\s/]+(/.*)?")) {
            throw new InputFileException(at + ": '" + Secrets.maskUrlCredentials(s) + "' is not an http(s) URL");
        }
        if (s.matches("https?://[^\\s/]*@.*")) {
            // it would be shown in the report and stored in the bundle's manifest
            throw new InputFileException(at + ": '" + Secrets.maskUrlCredentials(s) + "' holds credentials; "
                    + "preflight takes the cluster's token from cluster.token_file, not from a URL");
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

    static Duration duration(String at, String s) throws InputFileException {
        Matcher m = DURATION.matcher(s.trim());
        if (!m.matches() || m.group(1).length() > 9 || Long.parseLong(m.group(1)) == 0) {
            throw new InputFileException(at + ": '" + s + "' is not a duration (20s, 500ms, 2m)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** An integer in {@code min..max}; {@code at} prefixes the error. */
    static int port(String at, String s, int min, int max, String what) throws InputFileException {
        String v = s.strip();
        if (!v.matches("\\d{1,9}") || Integer.parseInt(v) < min || Integer.parseInt(v) > max) {
            throw new InputFileException(at + ": '" + s + "' is not " + what + " (" + min + "-" + max + ")");
        }
        return Integer.parseInt(v);
    }

    /** A path, {@code ~/} meaning the home directory; null stays null. */
    static Path path(String s) {
        if (s == null) return null;
        return s.startsWith("~/") ? Path.of(System.getProperty("user.home"), s.substring(2)) : Path.of(s);
    }
}
