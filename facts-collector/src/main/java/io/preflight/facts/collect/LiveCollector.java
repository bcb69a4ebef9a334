package io.preflight.facts.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Role;
import io.preflight.facts.bundle.BundleWriter;
import io.preflight.facts.bundle.Manifest;
import io.preflight.facts.collect.http.ClusterHttp;
import io.preflight.facts.collect.http.CollectionResult;
import io.preflight.facts.collect.http.HttpSettings;
import io.preflight.facts.collect.http.MesosClusterCollector;
import io.preflight.facts.collect.http.TokenSource;
import io.preflight.facts.collect.ssh.KeyPassphrase;
import io.preflight.facts.collect.ssh.NodeProber;
import io.preflight.facts.collect.ssh.SshSettings;
import io.preflight.facts.input.InputFileException;
import io.preflight.facts.input.Inventory;
import io.preflight.facts.parse.PayloadKind;
import io.preflight.facts.parse.ProbeSections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;

/**
 * A live collection from an {@link Inventory}: the cluster's HTTP payloads ({@link MesosClusterCollector}), then an
 * SSH probe ({@link NodeProber}) of every node (inventory ∪ discovered by HTTP ∪ the running config's
 * {@code master_list}), the running config taken from the first master probe with a {@code user-config} section,
 * and a {@link Manifest} listing every HTTP and SSH failure as a problem. A node that cannot be reached never stops
 * the run. Configuration faults (an unreadable token file) are thrown as {@link InputFileException}.
 */
public final class LiveCollector {
    public static final Manifest.Tool TOOL = new Manifest.Tool("preflight", "0.1.0");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Progress of the SSH probe; called from probe threads. */
    @FunctionalInterface
    public interface Progress {
        /** @param total may grow once the running config names further masters */
        void nodes(int done, int failed, int total);

        /**
         * Something the operator should read once, before the nodes' problems: a private key that cannot be used
         * (every node will fail with it) or one that others may read. One line; never holds a secret.
         */
        default void warning(String line) {
        }

        Progress NONE = (d, f, t) -> { };
    }

    /** What was collected: the manifest and the payload bodies by bundle file. */
    public record Collected(Manifest manifest, Map<String, byte[]> bodies) {
        public Collected {
            Objects.requireNonNull(manifest, "manifest");
            bodies = Map.copyOf(bodies);
        }

        /** Writes the bundle atomically ({@link BundleWriter}): a directory, or a {@code .tar.gz} file. */
        public void write(Path target) throws IOException {
            write(target, true);
        }

        /**
         * As {@link #write(Path)}; {@code secretDigests} false stores the running config's secrets as bare masks,
         * which a check cannot compare with a target config ({@code collect --no-secret-digests}).
         */
        public void write(Path target, boolean secretDigests) throws IOException {
            BundleWriter.write(target, manifest, bodies, secretDigests);
        }

        /** Nodes with a probe payload. */
        public int nodesReported() {
            return (int) manifest.payloads().stream().filter(p -> p.kind() == PayloadKind.NODE_PROBE).count();
        }
    }

    private final HttpSettings httpBase;
    private final MesosClusterCollector.NodeUrls nodeUrls;
    private final Progress progress;
    private final Clock clock;
    private final Map<String, String> env;

    /** Default HTTP settings, nodes reached at their own address. */
    public LiveCollector(Progress progress) {
        this(HttpSettings.defaults(), null, progress, Clock.systemUTC());
    }

    /**
     * @param httpBase timeouts/retries; token and CA come from the inventory
     * @param nodeUrls where nodes' Mesos endpoints are (null: {@code scheme://host:port/}); for tests
     */
    public LiveCollector(HttpSettings httpBase, MesosClusterCollector.NodeUrls nodeUrls, Progress progress, Clock clock) {
        this.httpBase = Objects.requireNonNull(httpBase, "httpBase");
        this.nodeUrls = nodeUrls;
        this.progress = progress == null ? Progress.NONE : progress;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.env = System.getenv();
    }

    private LiveCollector(LiveCollector base, Map<String, String> env) {
        this.httpBase = base.httpBase;
        this.nodeUrls = base.nodeUrls;
        this.progress = base.progress;
        this.clock = base.clock;
        this.env = Map.copyOf(env);
    }

    /**
     * This collector reading {@code env} instead of the process environment (for {@value KeyPassphrase#ENV}, the
     * key passphrase used when the inventory names no passphrase file); for tests.
     */
    public LiveCollector withEnvironment(Map<String, String> env) {
        return new LiveCollector(this, env);
    }

    public Collected collect(Inventory inv) throws InputFileException {
        Inventory.Cluster c = inv.cluster();
        HttpSettings hs = httpBase.withCaPem(c.caFile());
        if (c.tokenFile() != null) {
            try {
                hs = hs.withToken(TokenSource.fromFile(c.tokenFile()));
            } catch (IOException e) {
                throw new InputFileException(inv.origin() + ": cluster.token_file: " + e.getMessage());
            }
        }
        List<Manifest.Problem> problems = new ArrayList<>();
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        List<Manifest.Payload> payloads = new ArrayList<>();

        // 1. HTTP
        List<String> invMasters = inv.nodes().stream().filter(n -> n.role() == Role.MASTER).map(Inventory.Node::host)
                .toList();
        CollectionResult http;
        try (ClusterHttp ch = new ClusterHttp(hs)) {
            MesosClusterCollector.Target t = new MesosClusterCollector.Target(c.name(), url(inv, "mesos", c.mesos()),
                    url(inv, "marathon", c.marathon()), url(inv, "exhibitor", c.exhibitor()), invMasters);
            http = new MesosClusterCollector(ch, 8, nodeUrls).collect(t);
        } catch (IOException e) {
            throw new InputFileException(inv.origin() + ": cannot set up HTTPS: " + e.getMessage());
        }
        payloads.addAll(http.manifestPayloads());
        bodies.putAll(http.bodiesByFile());
        problems.addAll(http.problems());

        // 2. nodes
        Nodes nodes = new Nodes();
        for (Inventory.Node n : inv.nodes()) nodes.add(n.host(), n.port(), n.role(), "inventory");
        for (Manifest.Node n : http.nodes()) {
            for (String by : n.seenBy().split(",")) nodes.add(n.host(), 0, n.role(), by.isBlank() ? "mesos" : by);
        }

        // 3. SSH
        Inventory.Ssh s = inv.ssh();
        SshSettings ss = new SshSettings(s.user(), s.privateKey(), s.knownHosts(), s.port(), s.concurrency(),
                s.timeout(), SshSettings.DEFAULT_MAX_OUTPUT_BYTES, KeyPassphrase.of(s.privateKeyPassphraseFile(), env));
        Map<String, NodeProber.ProbeResult> probes = new LinkedHashMap<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        String configFrom = null;
        try (NodeProber prober = new NodeProber(ss)) {
            prober.warnings().forEach(progress::warning);
            prober.identityProblem().ifPresent(p -> progress.warning(p + " (every node's probe fails with it)"));
            List<String> pending = new ArrayList<>(nodes.hosts());
            while (!pending.isEmpty()) {
                total.addAndGet(pending.size());
                progress.nodes(done.get(), failed.get(), total.get());
                List<NodeProber.Node> batch = pending.stream().map(h -> new NodeProber.Node(h, nodes.port(h))).toList();
                Map<NodeProber.Node, NodeProber.ProbeResult> results = prober.probeAll(batch, r -> {
                    int f = r.ok() ? failed.get() : failed.incrementAndGet();
                    progress.nodes(done.incrementAndGet(), f, total.get());
                });
                for (NodeProber.ProbeResult r : results.values()) probes.put(r.node().host(), r);
                // 4. the running config, from the first master probe that has one
                if (configFrom == null) {
                    for (NodeProber.ProbeResult r : probes.values()) {
                        if (!r.ok() || nodes.role(r.node().host()) != Role.MASTER) continue;
                        Optional<String> cfg = ProbeSections.body(r.output(), "user-config");
                        if (cfg.isEmpty()) continue;
                        configFrom = r.node().host();
                        byte[] body = cfg.get().getBytes(StandardCharsets.UTF_8);
                        Manifest.Payload p = Manifest.Payload.of(PayloadKind.CONFIG_RUNNING, c.name(),
                                "ssh://" + configFrom + ":" + port(ss, r.node()) + "/opt/mesosphere/etc/user.config.yaml",
                                clock.instant());
                        payloads.add(p);
                        bodies.put(p.file(), body);
                        for (String m : masterList(body)) nodes.add(m, 0, Role.MASTER, "master_list");
                        break;
                    }
                }
                pending = nodes.hosts().stream().filter(h -> !probes.containsKey(h)).toList();
            }
        }
        for (NodeProber.ProbeResult r : probes.values()) {
            if (r.ok()) {
                Manifest.Payload p = Manifest.Payload.of(PayloadKind.NODE_PROBE, r.node().host(),
                        "ssh://" + r.node().host() + ":" + port(ss, r.node()), clock.instant());
                payloads.add(p);
                bodies.put(p.file(), r.output());
            } else {
                problems.add(Manifest.Problem.of(r.problem()));
            }
        }
        if (configFrom == null) {
            problems.add(new Manifest.Problem(c.name(), CollectionProblem.Kind.MISSING, "config.yaml(running)",
                    "no master probe had a user-config section", ""));
        }

        Manifest m = Manifest.of(TOOL, clock.instant(), new Manifest.Cluster(c.name(), c.mesos(), c.marathon(),
                c.exhibitor()), nodes.manifestNodes(), payloads, problems);
        return new Collected(m, bodies);
    }

    private static int port(SshSettings ss, NodeProber.Node n) {
        return n.port() == 0 ? ss.port() : n.port();
    }

    private static HttpUrl url(Inventory inv, String what, String s) throws InputFileException {
        if (s == null) return null;
        HttpUrl u = HttpUrl.parse(s.endsWith("/") ? s : s + "/");
        if (u == null) throw new InputFileException(inv.origin() + ": cluster." + what + ": not a URL: " + s);
        return u;
    }

    /** The {@code master_list} hosts of a config.yaml, or none. */
    static List<String> masterList(byte[] yaml) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode root = YAML.readTree(yaml);
            if (root == null) return out;
            for (JsonNode n : root.path("master_list")) {
                String h = n.asText("").trim();
                if (!h.isEmpty()) out.add(h);
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable config is judged by the config parser; no extra masters
        }
        return out;
    }

    /** The merged node list: by host, a known role wins over UNKNOWN, every source noted. */
    private static final class Nodes {
        private final Map<String, Entry> byHost = new LinkedHashMap<>();

        private static final class Entry {
            Role role;
            int port;
            final List<String> seenBy = new ArrayList<>();
        }

        void add(String host, int port, Role role, String by) {
            Entry e = byHost.computeIfAbsent(host, h -> {
                Entry n = new Entry();
                n.role = Role.UNKNOWN;
                return n;
            });
            if (e.role == Role.UNKNOWN && role != null) e.role = role;
            if (e.port == 0) e.port = port;
            if (!e.seenBy.contains(by)) e.seenBy.add(by);
        }

        List<String> hosts() {
            return List.copyOf(byHost.keySet());
        }

        int port(String host) {
            return byHost.get(host).port;
        }

        Role role(String host) {
            return byHost.get(host).role;
        }

        List<Manifest.Node> manifestNodes() {
            List<Manifest.Node> out = new ArrayList<>();
            byHost.forEach((h, e) -> out.add(new Manifest.Node(h, e.role, String.join(",", e.seenBy))));
            return out;
        }
    }
}
