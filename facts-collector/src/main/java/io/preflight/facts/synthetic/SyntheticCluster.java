package io.preflight.facts.synthetic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Role;
import io.preflight.facts.bundle.BundleWriter;
import io.preflight.facts.bundle.Manifest;
import io.preflight.facts.parse.PayloadKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic synthetic DC/OS cluster of any size, as the RAW payloads {@code preflight collect} would store (a
 * fact bundle): for benchmarks and for tests that need many nodes. The same {@code (nodes, seed)} always gives the
 * same bytes.
 *
 * <p>Shape: 3 masters (5 from 1,000 nodes on), the rest agents, 10 % of them public; DC/OS {@value #DCOS} (Mesos
 * {@value #MESOS}, Marathon {@value #MARATHON}) on RHEL 7.7 with Docker {@value #DOCKER}, chrony synchronized. Every
 * node has a probe document ({@code roles}, {@code dcos-version}, {@code os-release}, {@code redhat-release},
 * {@code uname-r}, {@code docker-version}, {@code chronyc-tracking}, one {@code env-file} of 6–10 {@code MESOS_*}
 * lines, {@code df} of 3 mounts, {@code opt-integrity}; masters also {@code zookeeper} and {@code exhibitor-fds});
 * masters have {@code mesos-metrics.json} and {@code mesos-version.json}. Cluster payloads: {@code mesos-state.json}
 * (every agent, rack attributes r1..r10, the Marathon tasks), {@code marathon-info.json}, {@code marathon-leader.json},
 * {@code marathon-apps.json} (nodes/10 apps, at most 2,000, with hostname UNIQUE, rack GROUP_BY, pinned hostname
 * CLUSTER and hostname LIKE constraints, labels and embedded tasks), {@code marathon-deployments.json} ({@code []}),
 * {@code exhibitor-status.json} and {@code config-running.yaml} (static master_list).
 *
 * <p>Faults injected so that rules fire, each on a disjoint, seeded choice of agents and at least once (see
 * {@link Faults}): chrony "Not synchronised" (1 %), Docker daemon down (1 %), agent inactive in the master's state
 * (1 %), an operator env file {@code /var/lib/dcos/mesos-slave-common} setting a removed or deprecated flag (1 %),
 * little free space on {@code /var/lib} (0.5 %), agents whose SSH probe failed (0.2 %: no probe, an
 * {@code UNREACHABLE} problem), the last master's {@code /metrics/snapshot} timed out (no file, a {@code TIMEOUT}
 * problem), and a couple of malformed app constraints.
 */
public final class SyntheticCluster {
    public static final String DCOS = "2.0.6";
    public static final String MESOS = "1.9.1";
    public static final String MARATHON = "1.9.136-c0e59f4ca";
    public static final String DOCKER = "19.03.5";
    /** The smallest cluster this generator makes (3 masters and enough agents for one of each fault). */
    public static final int MIN_NODES = 12;
    /** Every collection time in the bundle (fixed, so the output is reproducible). */
    public static final Instant COLLECTED_AT = Instant.parse("2026-11-20T06:00:00Z");
    /** Path of the operator-edited agent env file the flag faults are written to. */
    public static final String OPERATOR_ENV_FILE = "/var/lib/dcos/mesos-slave-common";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FRAMEWORK_ID = "5a2f0c1e-7d4b-4a8e-9c61-0b3f2e8d7a10";
    private static final String MARATHON_FRAMEWORK = FRAMEWORK_ID + "-0001";
    private static final String BOOTSTRAP_ID = "88d5b8c52eba580b9ee8418410a0d85cfe4c19e5";
    private static final String IMAGE_COMMIT = "43eff42b8eb9c5bf5d27b0d56e42b9ffe9ae2b32";
    private static final long GIB_KB = 1024L * 1024; // 1 GiB in 1024-blocks

    private SyntheticCluster() {
    }

    /**
     * The hosts each injected fault was put on.
     *
     * @param ntpUnsynced            agents whose chrony reports "Not synchronised"
     * @param dockerDown             agents whose Docker daemon does not answer
     * @param inactiveAgents         agents the master reports inactive
     * @param operatorFlags          agents with {@link #OPERATOR_ENV_FILE} (host → the {@code MESOS_*} lines in it)
     * @param lowDisk                agents with little free space on {@code /var/lib}
     * @param unreachable            agents whose probe failed (no {@code probe.txt}, an {@code UNREACHABLE} problem)
     * @param mastersWithoutMetrics  masters whose {@code /metrics/snapshot} timed out
     * @param invalidConstraintApps  app ids with one malformed constraint
     */
    public record Faults(List<String> ntpUnsynced, List<String> dockerDown, List<String> inactiveAgents,
                         Map<String, List<String>> operatorFlags, List<String> lowDisk, List<String> unreachable,
                         List<String> mastersWithoutMetrics, List<String> invalidConstraintApps) {
        public Faults {
            ntpUnsynced = List.copyOf(ntpUnsynced);
            dockerDown = List.copyOf(dockerDown);
            inactiveAgents = List.copyOf(inactiveAgents);
            operatorFlags = Collections.unmodifiableMap(new LinkedHashMap<>(operatorFlags));
            lowDisk = List.copyOf(lowDisk);
            unreachable = List.copyOf(unreachable);
            mastersWithoutMetrics = List.copyOf(mastersWithoutMetrics);
            invalidConstraintApps = List.copyOf(invalidConstraintApps);
        }

        /** Number of collection problems in the manifest (one per unreachable agent and per master without metrics). */
        public int problems() {
            return unreachable.size() + mastersWithoutMetrics.size();
        }
    }

    /**
     * A generated cluster: the manifest, every payload body by its bundle path ({@code nodes/<host>/probe.txt}), and
     * what was generated.
     *
     * @param constraints the number of app constraints (malformed ones included)
     */
    public record Generated(Manifest manifest, Map<String, byte[]> files, List<String> masters, List<String> agents,
                            int publicAgents, int apps, int constraints, Faults faults) {
        public Generated {
            files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
            masters = List.copyOf(masters);
            agents = List.copyOf(agents);
        }

        public int nodes() {
            return masters.size() + agents.size();
        }

        /** Total payload bytes. */
        public long bytes() {
            long n = 0;
            for (byte[] b : files.values()) n += b.length;
            return n;
        }
    }

    /** Generates the cluster and writes it as a bundle (directory, or {@code .tar.gz}) with {@link BundleWriter}. */
    public static Generated write(Path target, int nodes, long seed) throws IOException {
        Generated g = bundle(nodes, seed);
        BundleWriter.write(target, g.manifest(), g.files());
        return g;
    }

    /**
     * @param nodes all nodes, masters included (at least {@link #MIN_NODES})
     * @param seed  the {@link Random} seed: same seed, same bundle
     */
    public static Generated bundle(int nodes, long seed) {
        if (nodes < MIN_NODES) throw new IllegalArgumentException("a synthetic cluster needs at least " + MIN_NODES
                + " nodes, got " + nodes);
        return new Builder(nodes, seed).build();
    }

    /** The {@code i}-th agent's address (0-based): 10.1.0.1, 10.1.0.2, ... 250 per third octet. */
    static String agentHost(int i) {
        return "10." + (1 + i / 62_500) + "." + (i / 250 % 250) + "." + (i % 250 + 1);
    }

    private static final class Builder {
        final int nodes;
        final Random r;
        final String name;
        final List<String> masters = new ArrayList<>();
        final List<String> agents = new ArrayList<>();
        final Set<String> publicAgents = new LinkedHashSet<>();
        final Map<String, String> agentIds = new LinkedHashMap<>();
        final Map<String, Integer> rackOf = new LinkedHashMap<>();
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final List<Manifest.Payload> payloads = new ArrayList<>();
        final List<Manifest.Problem> problems = new ArrayList<>();
        // faults
        final Set<String> ntp = new LinkedHashSet<>();
        final Set<String> docker = new LinkedHashSet<>();
        final Set<String> inactive = new LinkedHashSet<>();
        final Map<String, List<String>> operatorFlags = new LinkedHashMap<>();
        final Set<String> lowDisk = new LinkedHashSet<>();
        final Set<String> unreachable = new LinkedHashSet<>();
        final List<String> mastersWithoutMetrics = new ArrayList<>();
        final List<String> invalidApps = new ArrayList<>();
        // tasks per agent id (for the master's state)
        final List<Map<String, Object>> mesosTasks = new ArrayList<>();
        int constraintCount;
        int appCount;

        Builder(int nodes, long seed) {
            this.nodes = nodes;
            this.r = new Random(seed);
            this.name = "synthetic-" + nodes;
        }

        Generated build() {
            int masterCount = nodes >= 1000 ? 5 : 3;
            for (int i = 0; i < masterCount; i++) masters.add("10.0.0." + (i + 1));
            int agentCount = nodes - masterCount;
            for (int i = 0; i < agentCount; i++) {
                String h = agentHost(i);
                agents.add(h);
                agentIds.put(h, FRAMEWORK_ID + "-S" + i);
                rackOf.put(h, 1 + i % 10);
            }
            // 10 % public agents, spread evenly
            for (int i = 0; i < agentCount; i++) if (i % 10 == 9) publicAgents.add(agents.get(i));
            if (publicAgents.isEmpty()) publicAgents.add(agents.get(agentCount - 1));
            chooseFaults(agentCount);
            mastersWithoutMetrics.add(masters.get(masters.size() - 1));

            // apps first: they place tasks on agents, which the master's state lists
            byte[] apps = marathonApps();
            cluster(PayloadKind.MESOS_STATE, masters.get(0) + ":5050/master/state", mesosState());
            cluster(PayloadKind.MARATHON_INFO, masters.get(0) + ":8080/v2/info", marathonInfo());
            cluster(PayloadKind.MARATHON_LEADER, masters.get(0) + ":8080/v2/leader",
                    json(Map.of("leader", masters.get(0) + ":8080")));
            cluster(PayloadKind.MARATHON_APPS, masters.get(0) + ":8080/v2/apps?embed=apps.tasks", apps);
            cluster(PayloadKind.MARATHON_DEPLOYMENTS, masters.get(0) + ":8080/v2/deployments", utf8("[]"));
            cluster(PayloadKind.EXHIBITOR_STATUS, masters.get(0) + ":8181/exhibitor/v1/cluster/status",
                    exhibitorStatus());
            payloads.add(Manifest.Payload.of(PayloadKind.CONFIG_RUNNING, name,
                    "ssh://" + masters.get(0) + ":22/opt/mesosphere/etc/user.config.yaml", COLLECTED_AT));
            files.put(Manifest.fileFor(PayloadKind.CONFIG_RUNNING, name), configRunning());

            List<Manifest.Node> nodeList = new ArrayList<>();
            for (int i = 0; i < masters.size(); i++) {
                String m = masters.get(i);
                nodeList.add(new Manifest.Node(m, Role.MASTER, "master_list,exhibitor"));
                node(PayloadKind.NODE_PROBE, m, "ssh://" + m + ":22", probe(m, Role.MASTER));
                if (mastersWithoutMetrics.contains(m)) {
                    problems.add(new Manifest.Problem(m, CollectionProblem.Kind.TIMEOUT, "mesos /metrics/snapshot",
                            "read timed out after 10s", "http://" + m + ":5050/metrics/snapshot"));
                } else {
                    node(PayloadKind.MESOS_METRICS, m, "http://" + m + ":5050/metrics/snapshot", metrics(i == 0));
                }
                node(PayloadKind.MESOS_VERSION, m, "http://" + m + ":5050/version", mesosVersion());
            }
            for (String a : agents) {
                Role role = publicAgents.contains(a) ? Role.AGENT_PUBLIC : Role.AGENT;
                nodeList.add(new Manifest.Node(a, role, "mesos"));
                if (unreachable.contains(a)) {
                    problems.add(new Manifest.Problem(a, CollectionProblem.Kind.UNREACHABLE, "ssh-probe",
                            "connect timed out after 10s", "ssh://" + a + ":22"));
                } else {
                    node(PayloadKind.NODE_PROBE, a, "ssh://" + a + ":22", probe(a, role));
                }
            }
            Manifest manifest = Manifest.of(new Manifest.Tool("preflight", "0.1.0"), COLLECTED_AT,
                    new Manifest.Cluster(name, "http://" + masters.get(0) + ":5050",
                            "http://" + masters.get(0) + ":8080", "http://" + masters.get(0) + ":8181"),
                    nodeList, payloads, problems);
            Faults faults = new Faults(new ArrayList<>(ntp), new ArrayList<>(docker), new ArrayList<>(inactive),
                    operatorFlags, new ArrayList<>(lowDisk), new ArrayList<>(unreachable), mastersWithoutMetrics,
                    invalidApps);
            return new Generated(manifest, files, masters, agents, publicAgents.size(), appCount, constraintCount,
                    faults);
        }

        /** Disjoint fault sets from one seeded shuffle of the agents; each at least one agent. */
        void chooseFaults(int agentCount) {
            List<String> shuffled = new ArrayList<>(agents);
            Collections.shuffle(shuffled, r);
            int[] next = {0};
            take(shuffled, next, share(agentCount, 0.01), ntp);
            take(shuffled, next, share(agentCount, 0.01), docker);
            take(shuffled, next, share(agentCount, 0.01), inactive);
            Set<String> flags = new LinkedHashSet<>();
            take(shuffled, next, share(agentCount, 0.01), flags);
            int v = 0;
            for (String h : flags) operatorFlags.put(h, operatorLines(v++));
            take(shuffled, next, share(agentCount, 0.005), lowDisk);
            take(shuffled, next, share(agentCount, 0.002), unreachable);
        }

        static int share(int n, double rate) {
            return Math.max(1, (int) Math.round(n * rate));
        }

        static void take(List<String> from, int[] next, int k, Set<String> into) {
            for (int i = 0; i < k && next[0] < from.size(); i++) into.add(from.get(next[0]++));
        }

        /** The operator file's lines, four variants in turn: removed, removed+deprecated, credentials, deprecated. */
        static List<String> operatorLines(int variant) {
            return switch (variant % 4) {
                case 0 -> List.of("MESOS_AGENT_FEATURES={\"capabilities\":[{\"type\":\"MULTI_ROLE\"},"
                        + "{\"type\":\"HIERARCHICAL_ROLE\"},{\"type\":\"RESERVATION_REFINEMENT\"}]}",
                        "MESOS_ATTRIBUTES=zone:a");
                case 1 -> List.of("MESOS_CHECKPOINT=false", "MESOS_GC_DELAY=1days");
                case 2 -> List.of("MESOS_CREDENTIAL=/etc/mesos/cred", "MESOS_SLAVE_PING_TIMEOUT=15secs");
                default -> List.of("MESOS_ISOLATION=process", "MESOS_RECOVERY_TIMEOUT=48hrs");
            };
        }

        // ------------------------------------------------------------------------------------------ payloads

        void cluster(PayloadKind kind, String endpoint, byte[] body) {
            payloads.add(Manifest.Payload.of(kind, name, "http://" + endpoint, COLLECTED_AT));
            files.put(Manifest.fileFor(kind, name), body);
        }

        void node(PayloadKind kind, String host, String source, byte[] body) {
            payloads.add(Manifest.Payload.of(kind, host, source, COLLECTED_AT));
            files.put(Manifest.fileFor(kind, host), body);
        }

        byte[] marathonApps() {
            appCount = Math.min(2000, Math.max(1, nodes / 10));
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < appCount; i++) order.add(i);
            Collections.shuffle(order, r);
            int invalid = Math.min(appCount, Math.max(2, appCount / 500));
            Set<Integer> invalidIdx = new LinkedHashSet<>(order.subList(0, invalid));
            List<String> eligible = new ArrayList<>();
            for (String a : agents) if (!inactive.contains(a)) eligible.add(a);
            List<Object> apps = new ArrayList<>();
            int invalidN = 0;
            for (int i = 0; i < appCount; i++) {
                String team = String.format(Locale.ROOT, "team-%02d", i % 40);
                String id = "/" + team + "/app-" + String.format(Locale.ROOT, "%04d", i);
                int instances = 1 + r.nextInt(4);
                List<List<String>> constraints = new ArrayList<>();
                List<String> hosts;
                double kind = r.nextDouble();
                if (kind < 0.30) { // one task per host
                    constraints.add(List.of("hostname", "UNIQUE"));
                    if (r.nextDouble() < 0.3) constraints.add(List.of("rack", "GROUP_BY", "3"));
                    hosts = distinctHosts(eligible, instances);
                } else if (kind < 0.50) { // spread over racks
                    constraints.add(r.nextBoolean() ? List.of("rack", "GROUP_BY") : List.of("rack", "GROUP_BY", "10"));
                    hosts = randomHosts(eligible, instances);
                } else if (kind < 0.52) { // pinned to one agent
                    String host = eligible.get(r.nextInt(eligible.size()));
                    constraints.add(List.of("hostname", "CLUSTER", host));
                    hosts = Collections.nCopies(instances, host);
                } else if (kind < 0.56) { // a range of agents
                    int third = r.nextInt(Math.max(1, Math.min(250, (agents.size() + 249) / 250)));
                    constraints.add(List.of("hostname", "LIKE", "10\\.1\\." + third + "\\.[0-9]+"));
                    hosts = randomHosts(eligible, instances);
                } else {
                    hosts = randomHosts(eligible, instances);
                }
                if (invalidIdx.contains(i)) {
                    constraints.add(invalidN++ % 2 == 0 ? List.of("hostname", "UNIQUE", "x")
                            : List.of("rack", "GROUP_BY", "two"));
                    invalidApps.add(id);
                }
                constraintCount += constraints.size();
                Map<String, Object> labels = new LinkedHashMap<>();
                labels.put("team", team);
                labels.put("env", i % 7 == 0 ? "staging" : "prod");
                if (r.nextDouble() < 0.2) labels.put("HAPROXY_GROUP", "external");
                List<Object> tasks = new ArrayList<>();
                String version = "2026-11-19T" + String.format(Locale.ROOT, "%02d:%02d:%02d.000Z", i / 3600 % 24,
                        i / 60 % 60, i % 60);
                for (int t = 0; t < hosts.size(); t++) {
                    String host = hosts.get(t);
                    String taskId = id.substring(1).replace('/', '_') + "." + String.format(Locale.ROOT,
                            "%08x-%04x-11ef-9a3c-0242ac110002", i, t);
                    Map<String, Object> task = new LinkedHashMap<>();
                    task.put("id", taskId);
                    task.put("appId", id);
                    task.put("host", host);
                    task.put("ports", List.of(10000 + (i * 7 + t) % 20000));
                    task.put("slaveId", agentIds.get(host));
                    task.put("state", "TASK_RUNNING");
                    task.put("startedAt", version);
                    task.put("stagedAt", version);
                    task.put("version", version);
                    tasks.add(task);
                    Map<String, Object> mt = new LinkedHashMap<>();
                    mt.put("id", taskId);
                    mt.put("name", id.substring(id.lastIndexOf('/') + 1) + "." + id.substring(1, id.lastIndexOf('/')));
                    mt.put("framework_id", MARATHON_FRAMEWORK);
                    mt.put("executor_id", "");
                    mt.put("slave_id", agentIds.get(host));
                    mt.put("state", "TASK_RUNNING");
                    mesosTasks.add(mt);
                }
                Map<String, Object> app = new LinkedHashMap<>();
                app.put("id", id);
                app.put("cmd", "./run --port $PORT0");
                app.put("cpus", 0.1 * (1 + i % 5));
                app.put("mem", 128 * (1 + i % 4));
                app.put("disk", 0);
                app.put("instances", instances);
                app.put("constraints", constraints);
                app.put("labels", labels);
                app.put("healthChecks", List.of(Map.of("protocol", "MESOS_HTTP", "path", "/health",
                        "portIndex", 0, "gracePeriodSeconds", 300, "intervalSeconds", 60, "maxConsecutiveFailures", 3)));
                app.put("version", version);
                app.put("tasksStaged", 0);
                app.put("tasksRunning", instances);
                app.put("tasksHealthy", instances);
                app.put("tasksUnhealthy", 0);
                app.put("deployments", List.of());
                app.put("tasks", tasks);
                apps.add(app);
            }
            return json(Map.of("apps", apps));
        }

        List<String> distinctHosts(List<String> from, int k) {
            Set<String> out = new LinkedHashSet<>();
            while (out.size() < Math.min(k, from.size())) out.add(from.get(r.nextInt(from.size())));
            return new ArrayList<>(out);
        }

        List<String> randomHosts(List<String> from, int k) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < k; i++) out.add(from.get(r.nextInt(from.size())));
            return out;
        }

        byte[] mesosState() {
            String leader = masters.get(0);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("version", MESOS);
            s.put("git_sha", "d5e5ec32d5a6a3d6a8c8a6b0a77c1a7ca27f4dd4");
            s.put("build_date", "2020-02-06 17:10:09");
            s.put("build_time", 1581009009.0);
            s.put("build_user", "");
            s.put("start_time", 1763600000.0);
            s.put("elected_time", 1763600003.5);
            s.put("id", FRAMEWORK_ID);
            s.put("pid", "master@" + leader + ":5050");
            s.put("hostname", leader);
            s.put("activated_slaves", agents.size() - inactive.size());
            s.put("deactivated_slaves", inactive.size());
            s.put("unreachable_slaves", 0);
            s.put("leader", "master@" + leader + ":5050");
            s.put("leader_info", Map.of("id", FRAMEWORK_ID, "pid", "master@" + leader + ":5050", "port", 5050,
                    "hostname", leader));
            s.put("cluster", name);
            s.put("flags", Map.of("cluster", name, "quorum", String.valueOf(masters.size() / 2 + 1),
                    "work_dir", "/var/lib/dcos/mesos/master", "hostname_lookup", "false"));
            List<Object> slaves = new ArrayList<>();
            for (String a : agents) {
                boolean pub = publicAgents.contains(a);
                boolean active = !inactive.contains(a);
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("disk", 75853.0);
                res.put("mem", 14861.0);
                res.put("gpus", 0.0);
                res.put("cpus", 4.0);
                res.put("ports", "[1025-2180, 2182-3887, 3889-5049, 5052-8079, 8082-8180, 8182-32000]");
                Map<String, Object> sl = new LinkedHashMap<>();
                sl.put("id", agentIds.get(a));
                sl.put("hostname", a);
                sl.put("port", 5051);
                sl.put("attributes", Map.of("rack", "r" + rackOf.get(a)));
                sl.put("pid", "slave(1)@" + a + ":5051");
                sl.put("registered_time", 1763600100.25);
                sl.put("resources", res);
                sl.put("used_resources", Map.of("disk", 0.0, "mem", 0.0, "gpus", 0.0, "cpus", 0.0));
                sl.put("offered_resources", Map.of("disk", 0.0, "mem", 0.0, "gpus", 0.0, "cpus", 0.0));
                sl.put("reserved_resources", pub ? Map.of("slave_public", res) : Map.of());
                sl.put("unreserved_resources", pub ? Map.of() : res);
                sl.put("active", active);
                sl.put("deactivated", !active);
                sl.put("version", MESOS);
                sl.put("capabilities", List.of("MULTI_ROLE", "HIERARCHICAL_ROLE", "RESERVATION_REFINEMENT",
                        "RESOURCE_PROVIDER", "RESIZE_VOLUME", "AGENT_OPERATION_FEEDBACK", "AGENT_DRAINING"));
                slaves.add(sl);
            }
            s.put("slaves", slaves);
            s.put("recovered_slaves", List.of());
            Map<String, Object> fw = new LinkedHashMap<>();
            fw.put("id", MARATHON_FRAMEWORK);
            fw.put("name", "marathon");
            fw.put("pid", "scheduler-1@" + leader + ":15101");
            fw.put("active", true);
            fw.put("role", "slave_public");
            fw.put("hostname", leader);
            fw.put("webui_url", "http://" + leader + ":8080");
            fw.put("tasks", mesosTasks);
            fw.put("completed_tasks", List.of());
            s.put("frameworks", List.of(fw));
            s.put("completed_frameworks", List.of());
            s.put("orphan_tasks", List.of());
            s.put("unregistered_frameworks", List.of());
            return json(s);
        }

        byte[] marathonInfo() {
            String leader = masters.get(0);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", "marathon");
            m.put("version", MARATHON);
            m.put("buildref", "c0e59f4ca");
            m.put("elected", true);
            m.put("leader", leader + ":8080");
            m.put("frameworkId", MARATHON_FRAMEWORK);
            Map<String, Object> cfg = new LinkedHashMap<>();
            cfg.put("checkpoint", true);
            cfg.put("failover_timeout", 604800);
            cfg.put("framework_name", "marathon");
            cfg.put("ha", true);
            cfg.put("hostname", leader);
            cfg.put("master", "zk://zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181/mesos");
            cfg.put("mesos_role", "slave_public");
            cfg.put("mesos_user", "root");
            cfg.put("task_launch_timeout", 86400000);
            cfg.put("webui_url", "http://" + leader + ":8080");
            m.put("marathon_config", cfg);
            m.put("zookeeper_config", Map.of("zk", "zk://zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181/marathon",
                    "zk_timeout", 10000, "zk_session_timeout", 10000, "zk_max_versions", 50));
            m.put("http_config", Map.of("http_port", 8080, "https_port", 8443));
            return json(m);
        }

        byte[] exhibitorStatus() {
            List<Object> servers = new ArrayList<>();
            for (int i = 0; i < masters.size(); i++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("code", 3);
                s.put("description", "serving");
                s.put("hostname", masters.get(i));
                s.put("isLeader", i == 0);
                servers.add(s);
            }
            return json(servers);
        }

        byte[] configRunning() {
            StringBuilder y = new StringBuilder("---\n");
            y.append("bootstrap_url: 'http://10.0.0.250:8080'\n");
            y.append("cluster_name: '").append(name).append("'\n");
            y.append("exhibitor_storage_backend: static\n");
            y.append("master_discovery: static\n");
            y.append("master_list:\n");
            for (String m : masters) y.append("- ").append(m).append('\n');
            y.append("resolvers:\n- 10.0.0.2\n- 169.254.169.253\n");
            y.append("dns_search: 'cluster.internal'\n");
            y.append("ip_detect_filename: /genconf/ip-detect\n");
            y.append("log_directory: /genconf/logs\n");
            y.append("process_timeout: 120\n");
            y.append("ssh_port: '22'\n");
            y.append("ssh_user: centos\n");
            y.append("oauth_enabled: 'false'\n");
            y.append("telemetry_enabled: 'false'\n");
            y.append("check_time: 'true'\n");
            y.append("docker_remove_delay: '1hrs'\n");
            y.append("gc_delay: '2days'\n");
            y.append("enable_docker_gc: 'true'\n");
            y.append("mesos_max_completed_tasks_per_framework: 20\n");
            y.append("platform: onprem\n");
            return utf8(y.toString());
        }

        byte[] metrics(boolean leader) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("master/elected", leader ? 1.0 : 0.0);
            m.put("registrar/log/recovered", 1.0);
            m.put("master/uptime_secs", 86400.0 + r.nextInt(1000));
            if (leader) {
                m.put("master/slaves_active", (double) (agents.size() - inactive.size()));
                m.put("master/slaves_inactive", (double) inactive.size());
                m.put("master/slaves_connected", (double) agents.size());
                m.put("master/tasks_running", (double) mesosTasks.size());
                m.put("master/frameworks_active", 1.0);
            }
            m.put("master/messages_register_slave", 0.0);
            m.put("master/event_queue_messages", 0.0);
            m.put("registrar/queued_operations", 0.0);
            m.put("registrar/registry_size_bytes", 2048.0 + agents.size() * 180.0);
            m.put("system/cpus_total", 4.0);
            m.put("system/load_1min", 0.25 + r.nextInt(100) / 100.0);
            m.put("system/load_5min", 0.3);
            m.put("system/load_15min", 0.35);
            m.put("system/mem_total_bytes", 16_655_511_552.0);
            m.put("system/mem_free_bytes", 9_000_000_000.0 + r.nextInt(1_000_000));
            return json(m);
        }

        byte[] mesosVersion() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("build_date", "2020-02-06 17:10:09");
            v.put("build_time", 1581009009.0);
            v.put("build_user", "");
            v.put("git_sha", "d5e5ec32d5a6a3d6a8c8a6b0a77c1a7ca27f4dd4");
            v.put("git_tag", MESOS);
            v.put("version", MESOS);
            return json(v);
        }

        // ------------------------------------------------------------------------------------- probe document

        byte[] probe(String host, Role role) {
            StringBuilder p = new StringBuilder();
            p.append("### preflight-probe v1 host=").append(host).append('\n');
            section(p, "roles", 0, null, role.roleFile());
            section(p, "dcos-version", 0, null, "{\n  \"version\": \"" + DCOS + "\",\n  \"dcos-image-commit\": \""
                    + IMAGE_COMMIT + "\",\n  \"bootstrap-id\": \"" + BOOTSTRAP_ID + "\"\n}");
            section(p, "os-release", 0, null, OS_RELEASE);
            section(p, "redhat-release", 0, null, "Red Hat Enterprise Linux Server release 7.7 (Maipo)");
            section(p, "uname-r", 0, null, "3.10.0-1062.el7.x86_64");
            if (docker.contains(host)) {
                section(p, "docker-version", 1, null, DOCKER_DOWN);
            } else {
                section(p, "docker-version", 0, null, DOCKER_JSON);
            }
            section(p, "chronyc-tracking", 0, null, ntp.contains(host) ? CHRONY_UNSYNCED : chronySynced());
            if (role == Role.MASTER) {
                section(p, "env-file", 0, "/opt/mesosphere/etc/mesos-master", String.join("\n", masterEnv()));
            } else {
                section(p, "env-file", 0, "/opt/mesosphere/etc/mesos-slave-common", String.join("\n", agentEnv()));
                List<String> extra = operatorFlags.get(host);
                if (extra != null) {
                    section(p, "env-file", 0, OPERATOR_ENV_FILE, String.join("\n", extra));
                    for (String l : extra) {
                        if (l.startsWith("MESOS_CREDENTIAL=")) {
                            p.append("### section credentials rc=0 path=").append(l.substring(l.indexOf('=') + 1))
                                    .append(" flag=credential\nTEXT\n### end\n");
                        }
                    }
                }
            }
            section(p, "df", 0, null, df(lowDisk.contains(host)));
            if (role == Role.MASTER) {
                section(p, "zookeeper", 0, null, "datadir=/var/lib/dcos/exhibitor/zookeeper\n"
                        + "backup_path=/var/tmp/zookeeper.tar\nbackup_age_seconds=" + (3600 + r.nextInt(7200)));
                section(p, "exhibitor-fds", 0, null, String.valueOf(Math.max(1, Math.min(nodes - 1, 20 + nodes / 20))));
            }
            section(p, "opt-integrity", 0, null, "");
            return utf8(p.toString());
        }

        static void section(StringBuilder p, String name, int rc, String path, String body) {
            p.append("### section ").append(name).append(" rc=").append(rc);
            if (path != null) p.append(" path=").append(path.replace("%", "%25").replace(" ", "%20"));
            p.append('\n');
            if (!body.isEmpty()) {
                for (String line : body.split("\n", -1)) {
                    if (line.startsWith("###") || line.startsWith("\\")) p.append('\\');
                    p.append(line).append('\n');
                }
            }
            p.append("### end\n");
        }

        List<String> masterEnv() {
            List<String> l = new ArrayList<>(List.of(
                    "MESOS_QUORUM=" + (masters.size() / 2 + 1),
                    "MESOS_CLUSTER=" + name,
                    "MESOS_HOSTNAME_LOOKUP=false",
                    "MESOS_MAX_SLAVE_PING_TIMEOUTS=20",
                    "MESOS_REGISTRY_STRICT=false",
                    "MESOS_WORK_DIR=/var/lib/dcos/mesos/master"));
            List<String> more = List.of("MESOS_ZK=zk://zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181/mesos",
                    "MESOS_OFFER_TIMEOUT=2mins", "MESOS_MAX_COMPLETED_FRAMEWORKS=50",
                    "MESOS_MAX_COMPLETED_TASKS_PER_FRAMEWORK=1000");
            int extra = r.nextInt(more.size() + 1);
            l.addAll(more.subList(0, extra));
            return l;
        }

        List<String> agentEnv() {
            List<String> l = new ArrayList<>(List.of(
                    "MESOS_CONTAINERIZERS=docker,mesos",
                    "MESOS_WORK_DIR=/var/lib/mesos/slave",
                    "MESOS_ISOLATION=cgroups/cpu,cgroups/mem,cgroups/blkio,disk/du,network/cni,filesystem/linux,"
                            + "docker/runtime",
                    "MESOS_MODULES_DIR=/opt/mesosphere/etc/mesos-slave-modules",
                    "MESOS_DOCKER_STOP_TIMEOUT=20secs",
                    "MESOS_HOSTNAME_LOOKUP=false"));
            List<String> more = List.of("MESOS_RECOVERY_TIMEOUT=24hrs", "MESOS_CGROUPS_ENABLE_CFS=true",
                    "MESOS_GC_DELAY=2days", "MESOS_EXECUTOR_REGISTRATION_TIMEOUT=10mins");
            int extra = r.nextInt(more.size() + 1);
            l.addAll(more.subList(0, extra));
            return l;
        }

        String chronySynced() {
            double offset = r.nextInt(90_000) / 1e9; // < 90 µs
            String dir = r.nextBoolean() ? "slow" : "fast";
            return "Reference ID    : 5EC69F0A (ntp1.time.nl)\n"
                    + "Stratum         : 2\n"
                    + "Ref time (UTC)  : Thu Nov 20 05:41:08 2026\n"
                    + String.format(Locale.ROOT, "System time     : %.9f seconds %s of NTP time\n", offset, dir)
                    + "Last offset     : -0.000041040 seconds\n"
                    + "RMS offset      : 0.000053422 seconds\n"
                    + "Frequency       : 2.286 ppm slow\n"
                    + "Residual freq   : -0.000 ppm\n"
                    + "Skew            : 0.012 ppm\n"
                    + String.format(Locale.ROOT, "Root delay      : %.9f seconds\n", 0.01 + r.nextInt(5000) / 1e6)
                    + "Root dispersion : 0.000430042 seconds\n"
                    + "Update interval : 1029.8 seconds\n"
                    + "Leap status     : Normal";
        }

        String df(boolean low) {
            StringBuilder d = new StringBuilder("Filesystem     1024-blocks     Used Available Capacity Mounted on\n");
            String[][] mounts = {{"/dev/sda1", "/opt/mesosphere"}, {"/dev/sda2", "/var/lib"}, {"tmpfs", "/tmp"}};
            for (String[] m : mounts) {
                long total = 100 * GIB_KB;
                int pct = low && m[1].equals("/var/lib") ? 98 : 20 + r.nextInt(41);
                long used = total * pct / 100;
                d.append(String.format(Locale.ROOT, "%-14s %11d %8d %9d %7d%% %s\n", m[0], total, used, total - used,
                        pct, m[1]));
            }
            return d.toString().stripTrailing();
        }
    }

    private static final String OS_RELEASE = """
            NAME="Red Hat Enterprise Linux Server"
            VERSION="7.7 (Maipo)"
            ID="rhel"
            ID_LIKE="fedora"
            VARIANT="Server"
            VARIANT_ID="server"
            VERSION_ID="7.7"
            PRETTY_NAME="Red Hat Enterprise Linux Server 7.7 (Maipo)"
            ANSI_COLOR="0;31"
            CPE_NAME="cpe:/o:redhat:enterprise_linux:7.7:GA:server"
            HOME_URL="https://www.redhat.com/"
            BUG_REPORT_URL="https://bugzilla.redhat.com/"
            """.stripTrailing();

    private static final String DOCKER_JSON = "{\"Client\":{\"Platform\":{\"Name\":\"Docker Engine - Community\"},"
            + "\"Version\":\"" + DOCKER + "\",\"ApiVersion\":\"1.40\",\"DefaultAPIVersion\":\"1.40\","
            + "\"GitCommit\":\"633a0ea\",\"GoVersion\":\"go1.12.12\",\"Os\":\"linux\",\"Arch\":\"amd64\","
            + "\"BuildTime\":\"Wed Nov 13 07:25:41 2019\",\"Experimental\":false},"
            + "\"Server\":{\"Platform\":{\"Name\":\"Docker Engine - Community\"},\"Components\":[{\"Name\":\"Engine\","
            + "\"Version\":\"" + DOCKER + "\",\"Details\":{\"ApiVersion\":\"1.40\",\"Arch\":\"amd64\","
            + "\"BuildTime\":\"Wed Nov 13 07:24:18 2019\",\"GitCommit\":\"633a0ea\",\"GoVersion\":\"go1.12.12\","
            + "\"KernelVersion\":\"3.10.0-1062.el7.x86_64\",\"MinAPIVersion\":\"1.12\",\"Os\":\"linux\"}}],"
            + "\"Version\":\"" + DOCKER + "\",\"ApiVersion\":\"1.40\",\"MinAPIVersion\":\"1.12\","
            + "\"GitCommit\":\"633a0ea\",\"GoVersion\":\"go1.12.12\",\"Os\":\"linux\",\"Arch\":\"amd64\","
            + "\"KernelVersion\":\"3.10.0-1062.el7.x86_64\",\"BuildTime\":\"2019-11-13T07:24:18.000000000+00:00\"}}";

    private static final String DOCKER_DOWN = """
            Client: Docker Engine - Community
             Version:           19.03.5
             API version:       1.40
             Go version:        go1.12.12
             Git commit:        633a0ea
             Built:             Wed Nov 13 07:25:41 2019
             OS/Arch:           linux/amd64
             Experimental:      false
            Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?""";

    private static final String CHRONY_UNSYNCED = """
            Reference ID    : 00000000 ()
            Stratum         : 0
            Ref time (UTC)  : Thu Jan 01 00:00:00 1970
            System time     : 0.000000000 seconds fast of NTP time
            Last offset     : +0.000000000 seconds
            RMS offset      : 0.000000000 seconds
            Frequency       : 2.286 ppm slow
            Residual freq   : +0.000 ppm
            Skew            : 0.000 ppm
            Root delay      : 1.000000000 seconds
            Root dispersion : 1.000000000 seconds
            Update interval : 0.0 seconds
            Leap status     : Not synchronised""";

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(Object o) {
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
