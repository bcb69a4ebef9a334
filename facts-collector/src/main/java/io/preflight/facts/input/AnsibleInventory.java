package io.preflight.facts.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.facts.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Ansible inventory (INI or YAML) read into an {@link Inventory}: hosts, groups ({@code [g:children]} /
 * {@code children:}), and the variables preflight honours, resolved per host with Ansible's precedence — the
 * {@code all} group, then every other group of the host from the shallowest to the deepest (same depth: by name, the
 * later name wins), then the host's own variables.
 *
 * <ul>
 *   <li>Ansible's connection variables: {@code ansible_host} (per host), {@code ansible_port} (per host),
 *       {@code ansible_user} and {@code ansible_ssh_private_key_file} (one value per run), with their older aliases
 *       {@code ansible_ssh_host}, {@code ansible_ssh_port}, {@code ansible_ssh_user}, {@code ansible_private_key_file}.</li>
 *   <li>preflight's own, for what Ansible has no name for: {@link #PREFLIGHT_VARS}, each one value per run.</li>
 *   <li>Password variables ({@code ansible_password}, {@code ansible_ssh_pass}, {@code ansible_become_pass}, ...: any
 *       {@code ansible_*} name with "pass", "secret" or "token") are ignored with a warning that names the variable,
 *       never its value; a {@code preflight_*} variable that would hold a secret is refused. Unknown {@code preflight_*}
 *       variables are refused; other variables (Ansible's and the site's own) are left alone.</li>
 * </ul>
 *
 * Every error is one line starting with {@code file:line} (YAML: {@code file:line: key.path}, for a variable the path
 * of the mapping that holds it, e.g. {@code all.children.masters.vars}).
 */
final class AnsibleInventory {
    static final String CLUSTER_NAME = "preflight_cluster_name";
    static final String MESOS_URL = "preflight_mesos_url";
    static final String MARATHON_URL = "preflight_marathon_url";
    static final String EXHIBITOR_URL = "preflight_exhibitor_url";
    static final String TOKEN_FILE = "preflight_token_file";
    static final String CA_FILE = "preflight_ca_file";
    static final String KNOWN_HOSTS = "preflight_known_hosts";
    static final String SSH_CONCURRENCY = "preflight_ssh_concurrency";
    static final String SSH_TIMEOUT = "preflight_ssh_timeout";
    static final String SSH_KEY_PASSPHRASE_FILE = "preflight_ssh_key_passphrase_file";
    /** preflight's own variables, in the order the documentation lists them. */
    static final List<String> PREFLIGHT_VARS = List.of(CLUSTER_NAME, MESOS_URL, MARATHON_URL, EXHIBITOR_URL, TOKEN_FILE,
            CA_FILE, KNOWN_HOSTS, SSH_CONCURRENCY, SSH_TIMEOUT, SSH_KEY_PASSPHRASE_FILE);

    static final String HOST = "ansible_host";
    static final String PORT = "ansible_port";
    static final String USER = "ansible_user";
    static final String KEY_FILE = "ansible_ssh_private_key_file";
    private static final Set<String> CONNECTION_VARS = Set.of(HOST, PORT, USER, KEY_FILE);
    /** Older names Ansible still accepts for the same connection settings. */
    private static final Map<String, String> ALIASES = Map.of("ansible_ssh_host", HOST, "ansible_ssh_port", PORT,
            "ansible_ssh_user", USER, "ansible_private_key_file", KEY_FILE);
    private static final Set<String> SSH_OPTIONS = Set.of("ansible_ssh_common_args", "ansible_ssh_extra_args");
    private static final Set<String> SSH_CONNECTIONS = Set.of("ssh", "smart", "paramiko");
    private static final String ONE_LOGIN = "preflight logs in to every node as one user with one key per run: set it "
            + "once for all hosts (e.g. in [all:vars] or all: vars:), or split the inventory";
    private static final String ONE_VALUE = "it is one value per run: set it once for all hosts (e.g. in [all:vars] "
            + "or all: vars:)";
    private static final Pattern RANGE = Pattern.compile("^(.*?)\\[([^\\]:]*):([^\\]:]*)(?::([^\\]:]*))?\\](.*)$");
    private static final int MAX_HOSTS = 100_000;
    private static final String ALL = "all";
    private static final String UNGROUPED = "ungrouped";

    /** A variable as written in the file; {@code at} is {@code file:line} (YAML: {@code file:line: key.path}). */
    record Var(String name, String value, String at) {
    }

    private static final class Group {
        final String name;
        final String at;
        final Map<String, Var> vars = new LinkedHashMap<>();
        final Set<String> parents = new LinkedHashSet<>();
        int depth = -1;

        Group(String name, String at) {
            this.name = name;
            this.at = at;
        }
    }

    private static final class Host {
        final String name;
        final Map<String, Var> vars = new LinkedHashMap<>();
        final List<String> groups = new ArrayList<>();

        Host(String name) {
            this.name = name;
        }
    }

    private final Path file;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Host> hosts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private AnsibleInventory(Path file) {
        this.file = file;
        groups.put(ALL, new Group(ALL, file.toString()));
    }

    // ------------------------------------------------------------------------------------------------ INI

    /** Ansible INI: {@code [group]} host lines, {@code [group:vars]} and {@code [group:children]} sections. */
    static Inventory readIni(Path file, String text) throws InputFileException {
        AnsibleInventory a = new AnsibleInventory(file);
        String section = UNGROUPED;
        String kind = "hosts";
        int lineNo = 0;
        for (String raw : text.split("\\R", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            String at = file + ":" + lineNo;
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) throw error(at, "unterminated group header");
                String header = line.substring(1, line.length() - 1).strip();
                int colon = header.indexOf(':');
                section = colon < 0 ? header : header.substring(0, colon);
                kind = colon < 0 ? "hosts" : header.substring(colon + 1);
                if (!Set.of("hosts", "vars", "children").contains(kind) || (colon >= 0 && kind.equals("hosts"))) {
                    throw error(at, "unknown section [" + header + "] (a group, [group:vars] or [group:children])");
                }
                if (section.isEmpty()) throw error(at, "empty group name");
                a.group(section, at);
                continue;
            }
            switch (kind) {
                case "vars" -> {
                    int eq = line.indexOf('=');
                    if (eq <= 0) throw error(at, "expected name=value in [" + section + ":vars], got '" + line + "'");
                    // as Ansible: the rest of the line is the value (no inline comment), a quoted string unquoted
                    a.define(a.group(section, at).vars, line.substring(0, eq).strip(),
                            unquote(line.substring(eq + 1).strip()), at, true);
                }
                case "children" -> {
                    String child = tokens(line, at).get(0);
                    if (child.equals(section)) throw error(at, "group " + child + " cannot be its own child");
                    a.group(child, at).parents.add(section);
                }
                default -> {
                    List<String> t = tokens(line, at);
                    List<String> names = new ArrayList<>();
                    String port = a.expand(t.get(0), at, names);
                    for (String name : names) {
                        Host h = a.host(name, section, at);
                        if (port != null) a.define(h.vars, PORT, port, at, false);
                        for (int i = 1; i < t.size(); i++) {
                            int eq = t.get(i).indexOf('=');
                            if (eq <= 0) throw error(at, "expected key=value, got '" + t.get(i) + "'");
                            a.define(h.vars, t.get(i).substring(0, eq), t.get(i).substring(eq + 1), at, false);
                        }
                    }
                }
            }
        }
        return a.resolve(false);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /**
     * Splits an INI host line as Ansible does (shell-like): whitespace separates, single and double quotes group, a token
     * starting with {@code #} starts a comment.
     */
    static List<String> tokens(String line, String at) throws InputFileException {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (cur != null) out.add(cur.toString());
                cur = null;
            } else if (c == '#' && cur == null) {
                break;
            } else if (c == '"' || c == '\'') {
                if (cur == null) cur = new StringBuilder();
                quote = c;
            } else {
                if (cur == null) cur = new StringBuilder();
                cur.append(c);
            }
        }
        if (quote != 0) throw error(at, "unterminated " + quote + " quote");
        if (cur != null) out.add(cur.toString());
        return out;
    }

    // ------------------------------------------------------------------------------------------------ YAML

    /** Ansible YAML: {@code all: {hosts:, vars:, children: {group: {...}}}} or groups at the top. */
    static Inventory readYaml(Path file, String text, JsonNode root) throws InputFileException {
        AnsibleInventory a = new AnsibleInventory(file);
        Map<String, Integer> lines = lines(text);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> g = it.next();
            a.yamlGroup(g.getKey(), g.getValue(), null, List.of(g.getKey()), lines);
        }
        return a.resolve(true);
    }

    private void yamlGroup(String name, JsonNode body, String parent, List<String> path, Map<String, Integer> lines)
            throws InputFileException {
        Group g = group(name, at(path, lines));
        if (parent != null && !name.equals(ALL)) g.parents.add(parent);
        if (body == null || body.isNull()) return;
        if (!body.isObject()) throw error(at(path, lines), "expected a group (hosts, vars, children)");
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> here = append(path, e.getKey());
            JsonNode v = e.getValue();
            boolean empty = v == null || v.isNull();
            if (!empty && !v.isObject() && Set.of("hosts", "vars", "children").contains(e.getKey())) {
                throw error(at(here, lines), "expected a mapping");
            }
            switch (e.getKey()) {
                case "hosts" -> {
                    if (empty) break;
                    for (Iterator<Map.Entry<String, JsonNode>> hs = v.fields(); hs.hasNext(); ) {
                        Map.Entry<String, JsonNode> h = hs.next();
                        List<String> hostPath = append(here, h.getKey());
                        JsonNode hv = h.getValue();
                        if (hv != null && !hv.isNull() && !hv.isObject()) {
                            throw error(at(hostPath, lines), "expected the host's variables (a mapping) or nothing");
                        }
                        List<String> names = new ArrayList<>();
                        String port = expand(h.getKey(), at(hostPath, lines), names);
                        for (String hostName : names) {
                            Host host = host(hostName, name, at(hostPath, lines));
                            if (port != null) define(host.vars, PORT, port, at(hostPath, lines), false);
                            if (hv == null || hv.isNull()) continue;
                            for (Iterator<Map.Entry<String, JsonNode>> vs = hv.fields(); vs.hasNext(); ) {
                                Map.Entry<String, JsonNode> var = vs.next();
                                define(host.vars, var.getKey(), scalar(var.getValue()),
                                        varAt(hostPath, var.getKey(), lines), false);
                            }
                        }
                    }
                }
                case "vars" -> {
                    if (empty) break;
                    for (Iterator<Map.Entry<String, JsonNode>> vs = v.fields(); vs.hasNext(); ) {
                        Map.Entry<String, JsonNode> var = vs.next();
                        define(g.vars, var.getKey(), scalar(var.getValue()), varAt(here, var.getKey(), lines), true);
                    }
                }
                case "children" -> {
                    if (empty) break;
                    for (Iterator<Map.Entry<String, JsonNode>> cs = v.fields(); cs.hasNext(); ) {
                        Map.Entry<String, JsonNode> c = cs.next();
                        if (c.getKey().equals(name)) throw error(at(append(here, c.getKey()), lines),
                                "group " + name + " cannot be its own child");
                        yamlGroup(c.getKey(), c.getValue(), name, append(here, c.getKey()), lines);
                    }
                }
                default -> warnings.add(at(here, lines) + ": skipped (an Ansible group has hosts, vars and children)");
            }
        }
    }

    /** A scalar's text; null for a list or mapping. */
    private static String scalar(JsonNode v) {
        if (v == null || v.isNull()) return "";
        return v.isValueNode() ? v.asText() : null;
    }

    /** The line of every mapping key, by JSON pointer (Jackson's tree keeps no locations). */
    private static Map<String, Integer> lines(String text) {
        Map<String, Integer> out = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME) {
                    out.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            // the tree was read already; without lines the key path still says where
        }
        return out;
    }

    private String at(List<String> path, Map<String, Integer> lines) {
        StringBuilder pointer = new StringBuilder();
        for (String k : path) pointer.append('/').append(k.replace("~", "~0").replace("/", "~1"));
        Integer line = lines.get(pointer.toString());
        return file + (line == null ? "" : ":" + line) + ": " + String.join(".", path);
    }

    /** A variable's place: the line of its key, the path of the mapping holding it ({@code all.vars}). */
    private String varAt(List<String> scope, String key, Map<String, Integer> lines) {
        String keyAt = at(append(scope, key), lines);
        return keyAt.substring(0, keyAt.length() - key.length() - 1);
    }

    private static List<String> append(List<String> path, String key) {
        List<String> out = new ArrayList<>(path);
        out.add(key);
        return out;
    }

    // ------------------------------------------------------------------------------------------------ model

    private Group group(String name, String at) {
        return groups.computeIfAbsent(name, n -> new Group(n, at));
    }

    private Host host(String name, String group, String at) {
        group(group, at);
        Host h = hosts.computeIfAbsent(name, Host::new);
        if (!h.groups.contains(group)) h.groups.add(group);
        return h;
    }

    /**
     * Expands an Ansible host pattern into {@code out}: {@code name[01:20]}, {@code node-[a:f]}, with an optional
     * stride {@code [0:10:2]}, any number of ranges; and {@code host:port}.
     *
     * @return the port the pattern names, or null
     */
    private String expand(String pattern, String at, List<String> out) throws InputFileException {
        String port = null;
        int colon = pattern.lastIndexOf(':');
        if (colon > 0 && pattern.substring(colon + 1).matches("\\d+")) {
            String head = pattern.substring(0, colon);
            if (head.replaceAll("\\[[^\\]]*\\]", "").indexOf(':') < 0) { // not an IPv6 address
                port = pattern.substring(colon + 1);
                pattern = head;
            }
        }
        expandRanges(pattern, at, out);
        return port;
    }

    private void expandRanges(String pattern, String at, List<String> out) throws InputFileException {
        Matcher m = RANGE.matcher(pattern);
        if (!m.matches()) {
            if (pattern.contains("[") || pattern.contains("]")) throw error(at, "cannot read the host pattern '" + pattern + "'");
            out.add(pattern);
            return;
        }
        String head = m.group(1);
        String beg = m.group(2);
        String end = m.group(3);
        String tail = m.group(5);
        int step = 1;
        if (m.group(4) != null) {
            if (!m.group(4).matches("\\d{1,6}") || Integer.parseInt(m.group(4)) == 0) {
                throw error(at, "host range stride '" + m.group(4) + "' is not a positive number");
            }
            step = Integer.parseInt(m.group(4));
        }
        List<String> items = new ArrayList<>();
        if (beg.matches("\\d{1,9}") && end.matches("\\d{1,9}")) {
            boolean padded = beg.length() > 1 && beg.charAt(0) == '0';
            if (padded && beg.length() != end.length()) {
                throw error(at, "host range [" + beg + ":" + end + "] must have equal-length begin and end");
            }
            int from = Integer.parseInt(beg);
            int to = Integer.parseInt(end);
            if (from > to) throw error(at, "host range [" + beg + ":" + end + "] runs backwards");
            for (int i = from; i <= to; i += step) {
                items.add(padded ? String.format(Locale.ROOT, "%0" + beg.length() + "d", i) : Integer.toString(i));
                if (items.size() > MAX_HOSTS) throw error(at, "host range expands to more than " + MAX_HOSTS + " hosts");
            }
        } else if (beg.matches("[a-zA-Z]") && end.matches("[a-zA-Z]") && beg.charAt(0) <= end.charAt(0)) {
            for (char c = beg.charAt(0); c <= end.charAt(0); c += (char) step) items.add(String.valueOf(c));
        } else {
            throw error(at, "cannot read the host range [" + beg + ":" + end + "] (numbers like [01:20] or letters "
                    + "like [a:f])");
        }
        for (String item : items) {
            expandRanges(head + item + tail, at, out);
            if (out.size() > MAX_HOSTS) throw error(at, "host range expands to more than " + MAX_HOSTS + " hosts");
        }
    }

    /**
     * Records one variable definition (a later one in the same scope replaces an earlier one, as in Ansible), after
     * deciding what preflight does with it: preflight's own and the connection variables are checked and kept,
     * passwords ignored with a warning (never the value), SSH options preflight cannot honour ignored with a warning,
     * everything else left alone.
     */
    private void define(Map<String, Var> into, String name, String value, String at, boolean group)
            throws InputFileException {
        String var = ALIASES.getOrDefault(name, name);
        if (var.startsWith("preflight_")) {
            if (!PREFLIGHT_VARS.contains(var)) {
                if (secretName(var)) {
                    throw error(at, var + " would put a secret in the inventory: preflight reads secrets only from "
                            + "files (" + TOKEN_FILE + ", " + SSH_KEY_PASSPHRASE_FILE + ") or the environment ("
                            + "PREFLIGHT_SSH_KEY_PASSPHRASE)");
                }
                throw error(at, "unknown variable " + var + " (preflight's own: " + String.join(", ", PREFLIGHT_VARS) + ")");
            }
        } else if (var.startsWith("ansible_")) {
            if (secretName(var)) {
                warnings.add(at + ": " + name + " ignored: preflight takes no password from an inventory (SSH key "
                        + "authentication only, no sudo; a key passphrase goes in a file named by "
                        + SSH_KEY_PASSPHRASE_FILE + ", or in PREFLIGHT_SSH_KEY_PASSPHRASE)");
                return;
            }
            if (SSH_OPTIONS.contains(var)) {
                warnings.add(at + ": " + name + " ignored: preflight opens direct SSH connections (no ssh options, "
                        + "ProxyCommand or jump host)");
                return;
            }
            if (var.equals("ansible_connection") && value != null && !SSH_CONNECTIONS.contains(value.strip())) {
                warnings.add(at + ": ansible_connection=" + value.strip() + " ignored: preflight always connects "
                        + "with SSH");
                return;
            }
            if (!CONNECTION_VARS.contains(var)) return; // Ansible's own business
            if (group && var.equals(HOST)) {
                throw error(at, name + " belongs to a host, not to group variables (every host would get the same "
                        + "address)");
            }
        } else {
            return; // the site's own variables
        }
        if (value == null) throw error(at, name + ": expected a single value, not a list or mapping");
        String v = value.strip();
        if (v.contains("{{") || v.contains("{%")) {
            throw error(at, name + ": '" + v + "' is a Jinja2 template; preflight does not evaluate templates, give "
                    + "the value itself");
        }
        if (v.isEmpty()) throw error(at, name + " is empty");
        check(var, name, v, at);
        into.put(var, new Var(var, v, at));
    }

    /** Names that hold a secret: passwords, passphrases, secrets, tokens (but not the files preflight reads). */
    private static boolean secretName(String var) {
        String n = var.toLowerCase(Locale.ROOT);
        return n.contains("pass") || n.contains("secret") || n.contains("token");
    }

    private static void check(String var, String name, String v, String at) throws InputFileException {
        switch (var) {
            case PORT -> Inventory.port(at + ": " + name, v, 1, 65535, "a port number");
            case SSH_CONCURRENCY -> Inventory.port(at + ": " + name, v, 1, 1024, "a number");
            case SSH_TIMEOUT -> Inventory.duration(at + ": " + name, v);
            case MESOS_URL, MARATHON_URL, EXHIBITOR_URL -> Inventory.url(at + ": " + name, v);
            default -> {
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ resolve

    private Inventory resolve(boolean yaml) throws InputFileException {
        if (hosts.isEmpty()) {
            throw new InputFileException(file + ": no hosts found" + (yaml
                    ? " (neither a preflight inventory with cluster: nor an Ansible inventory with hosts:)" : ""));
        }
        for (Group g : groups.values()) depth(g, new HashSet<>());
        Path dir = file.toAbsolutePath().getParent();
        for (String d : List.of("group_vars", "host_vars")) {
            if (dir != null && Files.isDirectory(dir.resolve(d))) {
                warnings.add(dir.resolve(d) + ": not read: preflight takes variables from the inventory file only (put "
                        + "the ones it uses, such as ansible_user, there)");
            }
        }
        List<Host> hostList = List.copyOf(hosts.values());
        Map<Host, Map<String, Var>> vars = new LinkedHashMap<>();
        for (Host h : hostList) vars.put(h, effective(h));

        // nodes: per host address, port and role
        Map<Host, Integer> ports = new LinkedHashMap<>();
        for (Host h : hostList) {
            Var p = vars.get(h).get(PORT);
            ports.put(h, p == null ? 22 : Integer.parseInt(p.value()));
        }
        Var allPort = groups.get(ALL).vars.get(PORT);
        int defaultPort = ports.values().stream().distinct().count() == 1 ? ports.get(hostList.get(0))
                : allPort != null ? Integer.parseInt(allPort.value()) : 22;
        Map<String, Inventory.Node> nodes = new LinkedHashMap<>();
        for (Host h : hostList) {
            Var addr = vars.get(h).get(HOST);
            String address = addr == null ? h.name : addr.value();
            Role role = Role.UNKNOWN;
            for (String g : h.groups) {
                role = roleOf(g, new HashSet<>());
                if (role != Role.UNKNOWN) break;
            }
            int port = ports.get(h) == defaultPort ? 0 : ports.get(h);
            Inventory.Node prev = nodes.get(address);
            if (prev == null || prev.role() == Role.UNKNOWN) nodes.put(address, new Inventory.Node(address, port, role));
        }

        // one value per run
        String user = oneValue(USER, vars, true, ONE_LOGIN);
        String key = oneValue(KEY_FILE, vars, true, ONE_LOGIN);
        String name = oneValue(CLUSTER_NAME, vars, false, ONE_VALUE);
        String mesos = oneValue(MESOS_URL, vars, false, ONE_VALUE);
        String marathon = oneValue(MARATHON_URL, vars, false, ONE_VALUE);
        String exhibitor = oneValue(EXHIBITOR_URL, vars, false, ONE_VALUE);
        String token = oneValue(TOKEN_FILE, vars, false, ONE_VALUE);
        String ca = oneValue(CA_FILE, vars, false, ONE_VALUE);
        String knownHosts = oneValue(KNOWN_HOSTS, vars, false, ONE_VALUE);
        String concurrency = oneValue(SSH_CONCURRENCY, vars, false, ONE_VALUE);
        String timeout = oneValue(SSH_TIMEOUT, vars, false, ONE_VALUE);
        String passphrase = oneValue(SSH_KEY_PASSPHRASE_FILE, vars, false, ONE_VALUE);

        // an Ansible inventory names hosts, not endpoints: unless told, Mesos and Marathon are on the first master
        Inventory.Node master = nodes.values().stream().filter(n -> n.role() == Role.MASTER).findFirst().orElse(null);
        if (mesos == null && master == null) {
            throw new InputFileException(file + ": no host in a masters group (masters, dcos_masters, ...) and no "
                    + MESOS_URL);
        }
        String m = master == null ? null : master.host().contains(":") ? "[" + master.host() + "]" : master.host();
        Inventory.Cluster cluster = new Inventory.Cluster(
                name != null ? name : file.getFileName().toString().replaceFirst("\\.[^.]*$", ""),
                Inventory.url("", mesos != null ? mesos : "http://" + m + ":5050"),
                Inventory.url("", marathon != null ? marathon : m == null ? null : "http://" + m + ":8080"),
                Inventory.url("", exhibitor != null ? exhibitor : m == null ? null : "http://" + m + ":8181"),
                Inventory.path(token), Inventory.path(ca));
        Inventory.Ssh ssh = new Inventory.Ssh(user != null ? user : System.getProperty("user.name"),
                Inventory.path(key != null ? key : Inventory.DEFAULT_KEY),
                Inventory.path(knownHosts != null ? knownHosts : Inventory.DEFAULT_KNOWN_HOSTS), defaultPort,
                concurrency != null ? Integer.parseInt(concurrency) : Inventory.DEFAULT_CONCURRENCY,
                timeout != null ? Inventory.duration("", timeout) : Inventory.DEFAULT_TIMEOUT, Inventory.path(passphrase));
        return new Inventory(cluster, ssh, List.copyOf(nodes.values()), file.toString(), warnings);
    }

    /** The host's variables: {@code all}, then its groups shallow to deep (same depth by name), then its own. */
    private Map<String, Var> effective(Host h) {
        Set<String> mine = new TreeSet<>();
        for (String g : h.groups) ancestors(g, mine);
        mine.remove(ALL);
        List<Group> ordered = mine.stream().map(groups::get)
                .sorted(Comparator.comparingInt((Group g) -> g.depth).thenComparing(g -> g.name)).toList();
        Map<String, Var> out = new HashMap<>(groups.get(ALL).vars);
        for (Group g : ordered) out.putAll(g.vars);
        out.putAll(h.vars);
        return out;
    }

    private void ancestors(String group, Set<String> out) {
        if (!out.add(group)) return;
        for (String p : groups.get(group).parents) ancestors(p, out);
    }

    /** {@code all} is 0, a group without parents 1, a child one deeper than its deepest parent (as Ansible). */
    private int depth(Group g, Set<String> visiting) throws InputFileException {
        if (g.depth >= 0) return g.depth;
        if (g.name.equals(ALL)) return g.depth = 0;
        if (!visiting.add(g.name)) throw error(g.at, "group " + g.name + " is its own ancestor ([group:children] loop)");
        int d = 1;
        for (String p : g.parents) d = Math.max(d, depth(groups.get(p), visiting) + 1);
        visiting.remove(g.name);
        return g.depth = d;
    }

    /** The role a group's name says, else the first of its parents' (masters, agents, agent_public, ...). */
    private Role roleOf(String group, Set<String> visiting) {
        Role own = Inventory.groupRole(group, null);
        if (own != Role.UNKNOWN || !visiting.add(group)) return own;
        for (String p : groups.get(group).parents) {
            Role r = roleOf(p, visiting);
            if (r != Role.UNKNOWN) return r;
        }
        return Role.UNKNOWN;
    }

    /**
     * The one value {@code var} has across all hosts: the hosts that set it must agree; with {@code unsetDiffers}
     * (login user, key) a host that leaves it unset disagrees too, as Ansible would log in to it differently.
     */
    private String oneValue(String var, Map<Host, Map<String, Var>> vars, boolean unsetDiffers, String why)
            throws InputFileException {
        Host firstHost = null;
        Var first = null;
        Host unset = null;
        for (Map.Entry<Host, Map<String, Var>> e : vars.entrySet()) {
            Var v = e.getValue().get(var);
            if (v == null) {
                if (unset == null) unset = e.getKey();
                continue;
            }
            if (first == null) {
                first = v;
                firstHost = e.getKey();
            } else if (!first.value().equals(v.value())) {
                throw error(v.at(), var + " '" + v.value() + "' for " + e.getKey().name + " differs from '"
                        + first.value() + "' for " + firstHost.name + " (" + first.at() + "): " + why);
            }
        }
        if (first != null && unsetDiffers && unset != null) {
            throw error(first.at(), var + " is set for " + firstHost.name + " but not for " + unset.name + ": " + why);
        }
        return first == null ? null : first.value();
    }

    private static InputFileException error(String at, String what) {
        return new InputFileException(at + ": " + what);
    }
}
