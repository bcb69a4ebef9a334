package io.preflight.facts.synthetic;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.preflight.facts.collect.LiveCollector;
import io.preflight.facts.collect.http.HttpSettings;
import io.preflight.facts.collect.http.MesosClusterCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

/**
 * The built-in demo cluster of {@code preflight demo}: the 8-node DC/OS 2.0.6 cluster of
 * {@code examples/bundles/healthy-2.0}, live, in-process, over loopback. One JDK {@link HttpServer} on 127.0.0.1
 * serves Mesos, Marathon and Exhibitor (payloads from {@code demo/} resources, see its ATTRIBUTION.md; node
 * endpoints as {@code /node/HOST/PORT/...}, see {@link #nodeUrls()}); one MINA SSHD server per node on its own
 * address 127.0.0.2..9 (one shared port) runs the received command (the real probe) with /bin/sh against that
 * node's filesystem tree ({@code PREFLIGHT_ROOT}) and fake {@code docker}, {@code chronyc}, {@code df},
 * {@code uname} on PATH.
 * <p>
 * Nodes: masters 127.0.0.2 (leader), .3, .4; private agents .5, .6, .7; public agents .8, .9. Designed fault
 * ({@link #UNSYNCED_AGENT}): chrony on private agent 127.0.0.6 is "Not synchronized" (NODE-NTP-UNSYNCED), so the
 * demo's verdict is NO-GO. {@link #close()} stops everything and deletes the temporary directory. Linux only
 * (needs 127.0.0.x on lo, /bin/sh and coreutils).
 */
public final class SimulatedCluster implements AutoCloseable {
    public static final String CLUSTER_NAME = "demo-dcos-2.0";
    public static final List<String> MASTERS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
    public static final List<String> AGENTS = List.of("127.0.0.5", "127.0.0.6", "127.0.0.7");
    public static final List<String> PUBLIC_AGENTS = List.of("127.0.0.8", "127.0.0.9");
    public static final String UNSYNCED_AGENT = "127.0.0.6";
    private static final String RES = "/io/preflight/facts/synthetic/demo/";
    /** The example cluster's addresses and the demo's. */
    private static final Map<String, String> HOSTS = new LinkedHashMap<>();
    static {
        HOSTS.put("10.0.6.68", "127.0.0.2");
        HOSTS.put("10.0.5.2", "127.0.0.2");
        HOSTS.put("10.0.6.69", "127.0.0.3");
        HOSTS.put("10.0.6.70", "127.0.0.4");
        HOSTS.put("10.0.2.242", "127.0.0.5");
        HOSTS.put("10.0.0.231", "127.0.0.6");
        HOSTS.put("10.0.3.6", "127.0.0.7");
        HOSTS.put("10.0.6.50", "127.0.0.8");
        HOSTS.put("10.0.6.64", "127.0.0.9");
    }
    private static final List<String> BASE_TOOLS = List.of("sh", "cat", "ls", "sed", "tr", "wc", "stat", "date",
            "head", "sleep", "timeout", "find", "printf");

    private final Path dir;
    private HttpServer http;
    private ExecutorService httpPool;
    private final List<SshServer> servers = new ArrayList<>();
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private Path inventory;

    /** Starts the cluster; on failure everything started so far is stopped. */
    public SimulatedCluster() throws IOException {
        dir = Files.createTempDirectory("preflight-demo-");
        try {
            httpPool = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "preflight-demo-http");
                t.setDaemon(true);
                return t;
            });
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.setExecutor(httpPool);
            http.createContext("/", this::serve);
            http.start();
            inventory = startNodes();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The preflight inventory YAML of this cluster. */
    public Path inventory() {
        return inventory;
    }

    /** All node addresses: masters, private agents, public agents. */
    public static List<String> nodes() {
        List<String> all = new ArrayList<>(MASTERS);
        all.addAll(AGENTS);
        all.addAll(PUBLIC_AGENTS);
        return all;
    }

    /** Where the collector reaches the nodes' Mesos endpoints: on the one HTTP server. */
    public MesosClusterCollector.NodeUrls nodeUrls() {
        return (host, port, role) -> HttpUrl.get(base() + "node/" + host + "/" + port + "/");
    }

    /** A collector for this cluster: short timeouts, node endpoints on the HTTP server. */
    public LiveCollector collector(LiveCollector.Progress progress) {
        return new LiveCollector(HttpSettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withRetries(1, Duration.ZERO), nodeUrls(), progress, Clock.systemUTC());
    }

    private String base() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        for (SshServer s : servers) {
            try {
                s.stop(true);
            } catch (IOException | RuntimeException e) {
                // stopping anyway
            }
        }
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (http != null) http.stop(0);
        if (httpPool != null) httpPool.shutdownNow();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String p = path.replaceFirst("^/node/[^/]+/\\d+", "");
            boolean master = !path.startsWith("/node/") || path.contains("/5050/");
            String res = switch (p) {
                case "/master/state", "/master/state/" -> "mesos-state.json";
                case "/master/slaves" -> null;
                case "/flags" -> "mesos-flags.json";
                case "/version" -> "mesos-version.json";
                case "/metrics/snapshot" -> master ? "mesos-metrics-master.json" : "mesos-metrics-agent.json";
                case "/marathon/v2/info" -> "marathon-info.json";
                case "/marathon/v2/leader" -> "marathon-leader.json";
                case "/marathon/v2/apps" -> "marathon-apps.json";
                case "/marathon/v2/deployments" -> "marathon-deployments.json";
                case "/exhibitor/v1/cluster/status" -> "exhibitor-status.json";
                default -> "";
            };
            byte[] body;
            int status = 200;
            if (res == null) {
                body = slaves(text("mesos-state.json")).getBytes(StandardCharsets.UTF_8);
            } else if (res.isEmpty()) {
                status = 404;
                body = ("no route " + path).getBytes(StandardCharsets.UTF_8);
            } else {
                body = text(res).getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().set("Content-Type", status == 200 ? "application/json" : "text/plain");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** {@code /master/slaves}: the state's {@code slaves} array. */
    private static String slaves(String state) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode out = json.createObjectNode();
            out.set("slaves", json.readTree(state).get("slaves"));
            return json.writeValueAsString(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A demo resource, the example cluster's addresses replaced by the demo's. */
    static String text(String name) {
        try (InputStream in = SimulatedCluster.class.getResourceAsStream(RES + name)) {
            if (in == null) throw new IllegalStateException("missing resource " + RES + name);
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : HOSTS.entrySet()) {
                s = s.replaceAll("(?<![0-9.])" + e.getKey().replace(".", "\\.") + "(?![0-9])", e.getValue());
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- SSH

    private Path startNodes() throws IOException {
        KeyPair hostKey = ecKeyPair();
        KeyPair clientKey = ecKeyPair();
        Path key = writePrivateKey(clientKey, dir.resolve("id_demo"));
        Path baseBin = baseBin(dir);
        StringBuilder knownHosts = new StringBuilder("# preflight demo cluster\n");
        int port = 0;
        for (String host : nodes()) {
            Path node = node(dir, host);
            SshServer s = SshServer.setUpDefaultServer();
            s.setHost(host);
            s.setPort(port);
            s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            PublicKey allowed = clientKey.getPublic();
            s.setPublickeyAuthenticator((user, k, session) -> KeyUtils.compareKeys(allowed, k));
            s.setPasswordAuthenticator(null);
            s.setKeyboardInteractiveAuthenticator(null);
            Map<String, String> env = env(node, baseBin);
            s.setCommandFactory((channel, command) -> new ShellCommand(command, env, started::add));
            servers.add(s);
            try {
                s.start();
            } catch (BindException e) {
                throw new IOException("cannot listen on " + host + " (the demo needs 127.0.0.2-9 on the loopback"
                        + " interface, as Linux has): " + e.getMessage(), e);
            }
            port = s.getPort();
            knownHosts.append('[').append(host).append("]:").append(port).append(' ')
                    .append(PublicKeyEntry.toString(hostKey.getPublic())).append('\n');
        }
        Path kh = Files.writeString(dir.resolve("known_hosts"), knownHosts.toString());
        String b = base();
        return Files.writeString(dir.resolve("inventory.yaml"), "# the preflight demo cluster (temporary)\n"
                + "cluster:\n"
                + "  name: " + CLUSTER_NAME + "\n"
                + "  mesos: " + b + "\n"
                + "  marathon: " + b + "marathon\n"
                + "  exhibitor: " + b + "\n"
                + "ssh:\n"
                + "  user: core\n"
                + "  private_key: " + key + "\n"
                + "  known_hosts: " + kh + "\n"
                + "  port: " + port + "\n"
                + "  concurrency: 8\n"
                + "  timeout: 30s\n"
                + "nodes:\n"
                + "  - host: " + MASTERS.get(0) + "\n"
                + "    role: master\n");
    }

    /**
     * The folder of wrappers for the base tools the probe uses ({@code sh}, {@code cat}, {@code sed}...), under
     * {@code dir}: a node's PATH holds only its own fake tools and these.
     */
    static Path baseBin(Path dir) throws IOException {
        Path baseBin = Files.createDirectories(dir.resolve("base-bin"));
        for (String tool : BASE_TOOLS) {
            Path w = baseBin.resolve(tool);
            Files.writeString(w, "#!/bin/sh\nexec " + which(tool) + " \"$@\"\n");
            Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return baseBin;
    }

    /** The environment the probe runs in on a simulated node made by {@link #node(Path, String)}. */
    static Map<String, String> env(Path node, Path baseBin) {
        return Map.of("PREFLIGHT_ROOT", node.resolve("root").toString(), "PATH", node.resolve("bin") + ":" + baseBin);
    }

    /**
     * Writes the filesystem tree and tools of demo node {@code host} (one of {@link #nodes()}) under
     * {@code dir/nodes/host}; returns that folder.
     */
    static Path node(Path dir, String host) throws IOException {
        Path n = Files.createDirectories(dir.resolve("nodes").resolve(host));
        Path r = n.resolve("root");
        Files.createDirectories(n.resolve("bin"));
        boolean master = MASTERS.contains(host);
        String role = master ? "master" : AGENTS.contains(host) ? "slave" : "slave_public";
        write(r, "etc/mesosphere/roles/" + role, "");
        write(r, "etc/os-release", text("os-release"));
        write(r, "etc/redhat-release", text("redhat-release"));
        long now = System.currentTimeMillis();
        Path pkg = write(r, "opt/mesosphere/packages/mesos--abc/lib/libmesos.so", "elf");
        Files.setLastModifiedTime(pkg, FileTime.fromMillis(now - 7_200_000L));
        Path stamp = write(r, "opt/mesosphere/etc/dcos-version.json", text("dcos-version.json"));
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(now - 3_600_000L));
        if (master) {
            write(r, "opt/mesosphere/etc/mesos-master", text("mesos-master.env"));
            write(r, "opt/mesosphere/etc/user.config.yaml", text("user.config.yaml"));
            Files.createDirectories(r.resolve("var/lib/dcos/exhibitor/zookeeper"));
            Path tar = write(r, "var/tmp/zookeeper.tar", "tar");
            Files.setLastModifiedTime(tar, FileTime.fromMillis(now - 7_200_000L));
            write(r, "proc/4242/cmdline", "java\0-jar\0/opt/mesosphere/active/exhibitor/exhibitor.jar\0");
            for (int i = 0; i < 5; i++) write(r, "proc/4242/fd/" + i, "");
        } else {
            write(r, "opt/mesosphere/etc/mesos-slave-common", text("mesos-slave-common.env"));
        }
        tool(n, "docker", "case \"$1\" in info) cat '" + write(n, "data/docker-info.json", text("docker-info.json"))
                + "' ;; *) cat '" + write(n, "data/docker-version.json", text("docker-version.json")) + "' ;; esac");
        String chrony = host.equals(UNSYNCED_AGENT) ? "chronyc-tracking-unsynced.txt" : "chronyc-tracking.txt";
        tool(n, "chronyc", "cat '" + write(n, "data/chronyc-tracking.txt", text(chrony)) + "'");
        tool(n, "df", "cat '" + write(n, "data/df.txt", text("df.txt")) + "'");
        tool(n, "uname", "case \"$1\" in -r) echo 3.10.0-1062.el7.x86_64 ;; -n) echo " + host
                + " ;; *) echo Linux ;; esac");
        return n;
    }

    private static void tool(Path node, String name, String body) throws IOException {
        Path f = node.resolve("bin").resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Path write(Path root, String rel, String content) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content).toAbsolutePath();
    }

    private static Path which(String tool) {
        for (String d : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path p = Paths.get(d, tool);
            if (Files.isExecutable(p)) return p;
        }
        throw new IllegalStateException("the demo cluster needs '" + tool + "' in /usr/bin or /bin");
    }

    /** Writes {@code key} in OpenSSH format, readable only by its owner (as ssh demands); returns the file. */
    static Path writePrivateKey(KeyPair key, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "preflight-simulated", null, out);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot write the client key " + file + ": " + e.getMessage(), e);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    static KeyPair ecKeyPair() throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot generate an EC key pair: " + e.getMessage(), e);
        }
    }
}
