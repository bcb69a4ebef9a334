package io.preflight.facts.collect.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.ExhibitorServer;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosAgent;
import io.preflight.facts.Role;
import io.preflight.facts.bundle.Manifest;
import io.preflight.facts.parse.PayloadKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;

/**
 * Collects a cluster's HTTP payloads: the leading Mesos master's state and agents, every master's and agent's
 * {@code /flags}, {@code /version} and {@code /metrics/snapshot}, Marathon and Exhibitor.
 *
 * <ol>
 *   <li>{@code /master/state} (on 404: {@code /state}) from the given master. Its {@code leader}
 *       ({@code master@IP:PORT}) names the leader; when that is another master its state is fetched from the leader
 *       and stored instead. When the leader cannot be read, its problem is recorded and the given master's state is
 *       stored; when the state names no leader, the given master is used.
 *   <li>in parallel: the leader's {@code /master/slaves}, Marathon {@code /v2/info}, {@code /v2/leader},
 *       {@code /v2/apps?embed=apps.tasks}, {@code /v2/deployments}, Exhibitor {@code /exhibitor/v1/cluster/status}
 *       (each only when its URL is given).
 *   <li>the nodes: masters = the leader (or, when no leader is known, the given master), {@link Target#masters()}
 *       and the Exhibitor servers (DC/OS runs ZooKeeper on the masters), on port 5050; agents = the state's
 *       {@code slaves} (subject = {@code hostname}, port from the pid {@code slave(1)@IP:PORT}, default 5051, role
 *       {@code AGENT_PUBLIC} when the master says so). For each, in parallel: {@code /flags}, {@code /version},
 *       {@code /metrics/snapshot}.
 * </ol>
 * Every failure is a problem in the result; nothing is thrown for a cluster fault. Marathon's {@code /v2/leader}
 * 404 "no leader" body is stored as a payload (see {@link ClusterHttp}).
 */
public final class MesosClusterCollector {
    public static final int MASTER_PORT = 5050;
    public static final int AGENT_PORT = 5051;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a node's Mesos endpoints are: by default {@code <scheme of the Mesos URL>://host:port/}. */
    @FunctionalInterface
    public interface NodeUrls {
        HttpUrl base(String host, int port, Role role);
    }

    /**
     * What to collect.
     *
     * @param clusterName the subject of cluster-level payloads (required)
     * @param mesos       any master's Mesos URL, e.g. {@code http://10.0.0.1:5050} (required)
     * @param marathon    Marathon's URL, or null to skip Marathon
     * @param exhibitor   Exhibitor's URL, or null to skip Exhibitor
     * @param masters     further master hosts known from elsewhere (inventory); may be empty
     */
    public record Target(String clusterName, HttpUrl mesos, HttpUrl marathon, HttpUrl exhibitor, List<String> masters) {
        public Target {
            Objects.requireNonNull(clusterName, "clusterName");
            Objects.requireNonNull(mesos, "mesos");
            masters = masters == null ? List.of() : List.copyOf(masters);
        }
    }

    private final ClusterHttp http;
    private final int threads;
    private final NodeUrls nodeUrls;

    public MesosClusterCollector(ClusterHttp http, int threads) {
        this(http, threads, null);
    }

    /** @param nodeUrls where nodes are reached; null for the default {@code scheme://host:port/} */
    public MesosClusterCollector(ClusterHttp http, int threads, NodeUrls nodeUrls) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
        this.http = Objects.requireNonNull(http, "http");
        this.threads = threads;
        this.nodeUrls = nodeUrls;
    }

    public CollectionResult collect(Target t) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            return collect(t, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private CollectionResult collect(Target t, ExecutorService pool) {
        List<Fetched> all = new ArrayList<>();
        NodeUrls urls = nodeUrls != null ? nodeUrls
                : (host, port, role) -> new HttpUrl.Builder().scheme(t.mesos().scheme()).host(host).port(port).build();
        String cluster = t.clusterName();

        // 1. state, from the leader when the given master names another one
        Fetched state = fetchState(cluster, t.mesos());
        HttpUrl leaderBase = t.mesos();
        String leaderHost = null;
        int leaderPort = MASTER_PORT;
        if (state.ok()) {
            String pid = leaderPid(state.body());
            if (pid != null) {
                leaderHost = hostOf(pid);
                leaderPort = portOf(pid, MASTER_PORT);
                boolean same = leaderHost.equalsIgnoreCase(t.mesos().host()) && leaderPort == t.mesos().port();
                if (!same) {
                    HttpUrl base = urls.base(leaderHost, leaderPort, Role.MASTER);
                    Fetched fromLeader = fetchState(cluster, base);
                    if (fromLeader.ok()) {
                        state = fromLeader;
                        leaderBase = base;
                    } else {
                        all.add(fromLeader); // its problem; the given master's state is kept
                    }
                }
            }
        }
        all.add(state);

        // 2. cluster-level payloads
        List<Future<Fetched>> cl = new ArrayList<>();
        HttpUrl slavesBase = leaderBase;
        if (state.ok()) cl.add(pool.submit(() -> get(PayloadKind.MESOS_SLAVES, cluster, Role.UNKNOWN, slavesBase,
                "master/slaves")));
        if (t.marathon() != null) {
            HttpUrl m = t.marathon();
            cl.add(pool.submit(() -> get(PayloadKind.MARATHON_INFO, cluster, Role.UNKNOWN, m, "v2/info")));
            cl.add(pool.submit(() -> get(PayloadKind.MARATHON_LEADER, cluster, Role.UNKNOWN, m, "v2/leader")));
            cl.add(pool.submit(() -> http.fetch(PayloadKind.MARATHON_APPS, cluster, Role.UNKNOWN,
                    path(m, "v2/apps").newBuilder().addQueryParameter("embed", "apps.tasks").build())));
            cl.add(pool.submit(() -> get(PayloadKind.MARATHON_DEPLOYMENTS, cluster, Role.UNKNOWN, m,
                    "v2/deployments")));
        }
        if (t.exhibitor() != null) {
            cl.add(pool.submit(() -> get(PayloadKind.EXHIBITOR_STATUS, cluster, Role.UNKNOWN, t.exhibitor(),
                    "exhibitor/v1/cluster/status")));
        }
        List<Fetched> clusterLevel = await(cl);
        all.addAll(clusterLevel);

        // 3. the nodes
        Map<String, NodeTarget> nodes = new LinkedHashMap<>();
        if (leaderHost != null) {
            addNode(nodes, leaderHost, leaderPort, Role.MASTER, "mesos");
        } else {
            addNode(nodes, t.mesos().host(), t.mesos().port(), Role.MASTER, "mesos");
        }
        for (String m : t.masters()) addNode(nodes, m, MASTER_PORT, Role.MASTER, "inventory");
        for (Fetched f : clusterLevel) {
            if (f.kind() == PayloadKind.EXHIBITOR_STATUS && f.ok()) {
                for (Fact fact : f.facts()) {
                    if (fact instanceof ExhibitorServer s) addNode(nodes, s.subject(), MASTER_PORT, Role.MASTER,
                            "exhibitor");
                }
            }
        }
        if (state.ok()) {
            Map<String, Boolean> publicByHost = new LinkedHashMap<>();
            for (Fact fact : state.facts()) {
                if (fact instanceof MesosAgent a) publicByHost.put(a.subject(), a.publicAgent());
            }
            for (JsonNode s : readTree(state.body()).path("slaves")) {
                String host = s.path("hostname").asText("");
                if (host.isBlank()) continue;
                int port = portOf(s.path("pid").asText(""), AGENT_PORT);
                Role role = Boolean.TRUE.equals(publicByHost.get(host)) ? Role.AGENT_PUBLIC : Role.AGENT;
                addNode(nodes, host, port, role, "mesos");
            }
        }
        List<Future<Fetched>> per = new ArrayList<>();
        for (NodeTarget n : nodes.values()) {
            boolean given = leaderHost == null && n.role == Role.MASTER && n.host.equals(t.mesos().host())
                    && n.port == t.mesos().port();
            HttpUrl base = given ? t.mesos() : urls.base(n.host, n.port, n.role);
            per.add(pool.submit(() -> get(PayloadKind.MESOS_FLAGS, n.host, n.role, base, "flags")));
            per.add(pool.submit(() -> get(PayloadKind.MESOS_VERSION, n.host, n.role, base, "version")));
            per.add(pool.submit(() -> get(PayloadKind.MESOS_METRICS, n.host, n.role, base, "metrics/snapshot")));
        }
        all.addAll(await(per));

        List<CollectionResult.Collected> payloads = new ArrayList<>();
        List<Manifest.Problem> problems = new ArrayList<>();
        for (Fetched f : all) {
            if (f.ok()) payloads.add(new CollectionResult.Collected(f.payload(), f.body()));
            else problems.add(f.manifestProblem());
        }
        List<Manifest.Node> nodeList = new ArrayList<>();
        for (NodeTarget n : nodes.values()) nodeList.add(new Manifest.Node(n.host, n.role, String.join(",", n.seenBy)));
        return new CollectionResult(payloads, problems, nodeList);
    }

    private static final class NodeTarget {
        final String host;
        final int port;
        final Role role;
        final List<String> seenBy = new ArrayList<>();

        NodeTarget(String host, int port, Role role) {
            this.host = host;
            this.port = port;
            this.role = role;
        }
    }

    private static void addNode(Map<String, NodeTarget> nodes, String host, int port, Role role, String seenBy) {
        NodeTarget n = nodes.computeIfAbsent(host, h -> new NodeTarget(h, port, role));
        if (!n.seenBy.contains(seenBy)) n.seenBy.add(seenBy);
    }

    private Fetched fetchState(String cluster, HttpUrl base) {
        Fetched f = get(PayloadKind.MESOS_STATE, cluster, Role.UNKNOWN, base, "master/state");
        if (!f.ok() && f.problem().kind() == CollectionProblem.Kind.HTTP_ERROR && f.status() == 404) {
            Fetched old = get(PayloadKind.MESOS_STATE, cluster, Role.UNKNOWN, base, "state");
            if (old.ok()) return old;
        }
        return f;
    }

    private Fetched get(PayloadKind kind, String subject, Role role, HttpUrl base, String path) {
        return http.fetch(kind, subject, role, path(base, path));
    }

    static HttpUrl path(HttpUrl base, String path) {
        return base.newBuilder().addPathSegments(path).build();
    }

    private static List<Fetched> await(List<Future<Fetched>> futures) {
        List<Fetched> out = new ArrayList<>();
        for (Future<Fetched> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("collection interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("collector bug: " + e.getCause(), e.getCause());
            }
        }
        return out;
    }

    private static JsonNode readTree(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return JSON.createObjectNode(); // cannot happen: the body already parsed
        }
    }

    /** The leader pid ({@code master@IP:PORT}) a state names, or null. */
    static String leaderPid(byte[] state) {
        JsonNode root = readTree(state);
        String pid = root.path("leader").asText("");
        if (pid.isBlank()) pid = root.path("leader_info").path("pid").asText("");
        return pid.isBlank() || !pid.contains("@") ? null : pid;
    }

    static String hostOf(String pid) {
        String hp = pid.substring(pid.indexOf('@') + 1).trim();
        int colon = hp.lastIndexOf(':');
        return colon > 0 ? hp.substring(0, colon) : hp;
    }

    static int portOf(String pid, int fallback) {
        if (pid == null) return fallback;
        String hp = pid.substring(pid.indexOf('@') + 1).trim();
        int colon = hp.lastIndexOf(':');
        if (colon < 0) return fallback;
        try {
            int p = Integer.parseInt(hp.substring(colon + 1));
            return p > 0 && p < 65536 ? p : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread th = new Thread(r, "preflight-http-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        };
    }
}
