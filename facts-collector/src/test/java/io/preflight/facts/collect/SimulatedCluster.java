package io.preflight.facts.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preflight.facts.collect.http.HttpSettings;
import io.preflight.facts.collect.http.MesosClusterCollector;
import io.preflight.facts.collect.ssh.SshTestNodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/**
 * A small DC/OS 2.0 cluster over loopback, each node on its own address:
 * <ul>
 *   <li>127.0.0.2 leading master (in the inventory, in Mesos, in Exhibitor); its user.config.yaml lists
 *       127.0.0.2 and 127.0.0.6 as masters</li>
 *   <li>127.0.0.3 private agent, 127.0.0.4 public agent (from Mesos)</li>
 *   <li>127.0.0.5 public agent Mesos knows but nothing answers SSH on (unreachable)</li>
 *   <li>127.0.0.6 master known only from the running config's master_list</li>
 * </ul>
 * Mesos, Marathon and Exhibitor are served by one MockWebServer (node endpoints as {@code /node/HOST/PORT/}),
 * requiring the token in the inventory's token_file. SSH servers share one port on their own addresses.
 */
public final class SimulatedCluster implements AutoCloseable {
    public static final String MASTER = "127.0.0.2";
    public static final String AGENT = "127.0.0.3";
    public static final String PUBLIC_AGENT = "127.0.0.4";
    public static final String DEAD_AGENT = "127.0.0.5";
    public static final String CONFIG_MASTER = "127.0.0.6";
    public static final String TOKEN = "tok-live-123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "mesos-master/state_mesos-1.9.1_dcos-2.0_ok_bun-bundle.json";
    private static final String VERSION = "{\"build_date\":\"2019-11-05 18:11:39\",\"build_time\":1572977499.0,"
            + "\"build_user\":\"\",\"git_sha\":\"cfe4a9a1c98b8cdbc2c9cfb7328fd6787b5c3d30\",\"git_tag\":\"1.9.1\","
            + "\"version\":\"1.9.1\"}";

    private final MockWebServer http = new MockWebServer();
    private final SshTestNodes ssh;
    private final Path inventory;
    private final Path knownHosts;
    private final Path tokenFile;
    private final byte[] state;
    private final int sshPort;

    public SimulatedCluster(Path tmp) throws Exception {
        state = state();
        http.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                return serve(r);
            }
        });
        http.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
        ssh = new SshTestNodes(tmp);
        int port = 0;
        port = ssh.start(MASTER, port, ssh.centosMaster("master", List.of(MASTER, CONFIG_MASTER)));
        ssh.start(AGENT, port, ssh.rhelAgent("agent"));
        ssh.start(PUBLIC_AGENT, port, ssh.coreosPublicAgent("public-agent"));
        ssh.start(CONFIG_MASTER, port, ssh.centosMaster("config-master", List.of(MASTER, CONFIG_MASTER)));
        sshPort = port;
        Path kh = ssh.writeKnownHosts();
        Path token = Files.writeString(tmp.resolve("token"), TOKEN + "\n");
        knownHosts = kh;
        tokenFile = token;
        inventory = Files.writeString(tmp.resolve("inventory.yaml"), "cluster:\n"
                + "  name: sim\n"
                + "  mesos: " + http.url("/") + "\n"
                + "  marathon: " + http.url("/marathon") + "\n"
                + "  exhibitor: " + http.url("/") + "\n"
                + "  token_file: " + token + "\n"
                + "ssh:\n"
                + "  user: core\n"
                + "  private_key: " + ssh.clientKeyFile() + "\n"
                + "  known_hosts: " + kh + "\n"
                + "  port: " + sshPort + "\n"
                + "  concurrency: 2\n"
                + "  timeout: 15s\n"
                + "nodes:\n"
                + "  - host: " + MASTER + "\n"
                + "    role: master\n");
    }

    public Path inventory() {
        return inventory;
    }

    public int sshPort() {
        return sshPort;
    }

    /** The nodes' shared SSH key as an unencrypted file. */
    public Path clientKeyFile() {
        return ssh.clientKeyFile();
    }

    /** The nodes' SSH key written to {@code file} encrypted with {@code passphrase} (OpenSSH format). */
    public Path encryptedClientKey(Path file, String passphrase) throws Exception {
        return ssh.writeEncryptedClientKey(file, passphrase);
    }

    /**
     * This cluster as a site's Ansible inventory would describe it: the {@code [all:vars]} lines (Ansible's
     * connection variables and preflight's own), with the client key {@code key}.
     */
    public java.util.List<String> ansibleVars(Path key) {
        return java.util.List.of(
                "ansible_user=core",
                "ansible_port=" + sshPort(),
                "ansible_ssh_private_key_file=" + key,
                "preflight_cluster_name=sim",
                "preflight_mesos_url=" + mesosUrl(),
                "preflight_marathon_url=" + marathonUrl(),
                "preflight_exhibitor_url=" + exhibitorUrl(),
                "preflight_token_file=" + tokenFile(),
                "preflight_known_hosts=" + knownHosts(),
                "preflight_ssh_concurrency=2",
                "preflight_ssh_timeout=15s");
    }

    public Path knownHosts() {
        return knownHosts;
    }

    public Path tokenFile() {
        return tokenFile;
    }

    /** Where Mesos answers (any master; the leader is found from it). */
    public String mesosUrl() {
        return http.url("/").toString();
    }

    public String marathonUrl() {
        return http.url("/marathon").toString();
    }

    public String exhibitorUrl() {
        return http.url("/").toString();
    }

    /** Where the collector reaches the nodes' Mesos endpoints. */
    public MesosClusterCollector.NodeUrls nodeUrls() {
        return (host, port, role) -> http.url("/node/" + host + "/" + port + "/");
    }

    /** A collector for this cluster: short HTTP timeouts, node endpoints on the mock server. */
    public LiveCollector collector(LiveCollector.Progress progress) {
        return new LiveCollector(HttpSettings.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetries(1, Duration.ZERO), nodeUrls(), progress, Clock.systemUTC());
    }

    @Override
    public void close() throws IOException {
        try {
            ssh.close();
        } finally {
            http.shutdown();
        }
    }

    /** The real state fixture, re-addressed: leader 127.0.0.2, three agents 127.0.0.3..5. */
    private static byte[] state() throws IOException {
        String s = new String(fixture(STATE), StandardCharsets.UTF_8)
                .replace("10.0.5.2", MASTER).replace("10.0.2.242", AGENT).replace("10.0.6.50", PUBLIC_AGENT)
                .replace("10.0.6.64", DEAD_AGENT);
        ObjectNode root = (ObjectNode) JSON.readTree(s);
        ArrayNode slaves = (ArrayNode) root.get("slaves");
        while (slaves.size() > 3) slaves.remove(slaves.size() - 1);
        root.put("activated_slaves", 3.0);
        return JSON.writeValueAsBytes(root);
    }

    private MockResponse serve(RecordedRequest r) {
        if (!("token=" + TOKEN).equals(r.getHeader("Authorization"))) return new MockResponse().setResponseCode(401);
        String path = r.getPath();
        String p = path.replaceFirst("^/node/[^/]+/\\d+", "");
        boolean master = !path.startsWith("/node/") || path.contains("/5050/");
        try {
            return switch (p) {
                case "/master/state" -> json(state);
                case "/master/slaves" -> {
                    ObjectNode out = JSON.createObjectNode();
                    out.set("slaves", JSON.readTree(state).get("slaves"));
                    yield json(JSON.writeValueAsBytes(out));
                }
                case "/flags" -> json(fixture("mesos-master/v1-GET_FLAGS_dcos-ui.json"));
                case "/version" -> json(VERSION.getBytes(StandardCharsets.UTF_8));
                case "/metrics/snapshot" -> json(fixture(master
                        ? "mesos-master/v1-GET_METRICS_example_mesos-1.11.0-operator-http-api-doc.json"
                        : "mesos-agent/metrics-snapshot-plus-legacy-stats_mesos-0.22-era_datadog-fixture.json"));
                case "/marathon/v2/info" -> json(fixture("marathon/v2-info.example_marathon-v1.6.567.json"));
                case "/marathon/v2/leader" -> json(fixture("marathon/v2-leader.example_marathon-raml.json"));
                case "/marathon/v2/apps?embed=apps.tasks" -> json(fixture("marathon/v2-apps_real-world-anonymized-100apps_marathon-benchmark-2018.json"));
                case "/marathon/v2/deployments" -> json(fixture("marathon/v2-deployments_three_dcos-ui.json"));
                case "/exhibitor/v1/cluster/status" -> json(("[{\"code\":3,\"description\":\"serving\",\"hostname\":\""
                        + MASTER + "\",\"isLeader\":true}]").getBytes(StandardCharsets.UTF_8));
                default -> new MockResponse().setResponseCode(404).setBody("no route " + path);
            };
        } catch (IOException e) {
            return new MockResponse().setResponseCode(500).setBody(e.toString());
        }
    }

    private static MockResponse json(byte[] body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(new Buffer().write(body));
    }

    static byte[] fixture(String path) {
        try (InputStream in = SimulatedCluster.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
