package io.preflight.facts.collect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.ExhibitorServer;
import io.preflight.facts.Fact;
import io.preflight.facts.MarathonApp;
import io.preflight.facts.MarathonDeployment;
import io.preflight.facts.MesosAgent;
import io.preflight.facts.MesosFlags;
import io.preflight.facts.MesosLeader;
import io.preflight.facts.Role;
import io.preflight.facts.bundle.Bundle;
import io.preflight.facts.bundle.BundleReader;
import io.preflight.facts.bundle.BundleWriter;
import io.preflight.facts.bundle.Manifest;
import io.preflight.facts.parse.PayloadKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole collection against one MockWebServer serving real payloads; nodes are reached as /node/HOST/PORT/. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MesosClusterCollectorTest {
    private static final String STATE = "mesos-master/state_mesos-1.9.1_dcos-2.0_ok_bun-bundle.json";
    private static final String LEADER = "10.0.5.2";
    private static final List<String> AGENTS = List.of("10.0.2.242", "10.0.6.50", "10.0.6.64", "10.0.0.231",
            "10.0.3.6");
    private static final List<String> EXHIBITOR_HOSTS = List.of("10.0.6.70", "10.0.6.69", "10.0.6.68");
    private static final String VERSION = "{\"build_date\":\"2019-11-05 18:11:39\",\"build_time\":1572977499.0,"
            + "\"build_user\":\"\",\"git_sha\":\"cfe4a9a1c98b8cdbc2c9cfb7328fd6787b5c3d30\",\"git_tag\":\"1.9.1\","
            + "\"version\":\"1.9.1\"}";

    private MockWebServer server;
    private ClusterHttp http;
    /** path → response override (e.g. a fault for one node); consulted before the fixtures. */
    private final Map<String, Function<RecordedRequest, MockResponse>> faults = new ConcurrentHashMap<>();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                int now = inFlight.incrementAndGet();
                maxInFlight.accumulateAndGet(now, Math::max);
                try {
                    Thread.sleep(5); // lets concurrent requests overlap
                    requested.add(r.getPath());
                    return serve(r);
                } catch (InterruptedException e) {
                    return new MockResponse().setResponseCode(500);
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        });
        server.start();
        http = new ClusterHttp(HttpSettings.defaults().withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500))
                .withRetries(2, Duration.ofMillis(5)).withToken("tok-123"));
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.shutdown();
    }

    private static MockResponse json(byte[] body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(new Buffer().write(body));
    }

    private static MockResponse json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] slavesOf(String stateFixture) {
        try {
            ObjectMapper m = new ObjectMapper();
            ObjectNode out = m.createObjectNode();
            out.set("slaves", m.readTree(TestFixtures.bytes(stateFixture)).get("slaves"));
            return m.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private MockResponse serve(RecordedRequest r) {
        String path = r.getPath();
        for (Map.Entry<String, Function<RecordedRequest, MockResponse>> f : faults.entrySet()) {
            if (path.equals(f.getKey())) return f.getValue().apply(r);
        }
        if (!"token=tok-123".equals(r.getHeader("Authorization"))) return new MockResponse().setResponseCode(401);
        String p = path.replaceFirst("^/node/[^/]+/\\d+", "");
        boolean master = path.startsWith("/node/") && path.endsWith("/5050" + p) || !path.startsWith("/node/");
        return switch (p) {
            case "/master/state" -> json(TestFixtures.bytes(STATE));
            case "/master/slaves" -> json(slavesOf(STATE));
            case "/flags" -> json(TestFixtures.bytes("mesos-master/v1-GET_FLAGS_dcos-ui.json"));
            case "/version" -> json(VERSION);
            case "/metrics/snapshot" -> json(TestFixtures.bytes(master
                    ? "mesos-master/v1-GET_METRICS_example_mesos-1.11.0-operator-http-api-doc.json"
                    : "mesos-agent/metrics-snapshot-plus-legacy-stats_mesos-0.22-era_datadog-fixture.json"));
            case "/marathon/v2/info" -> json(TestFixtures.bytes("marathon/v2-info.example_marathon-v1.6.567.json"));
            case "/marathon/v2/leader" -> json(TestFixtures.bytes("marathon/v2-leader.example_marathon-raml.json"));
            case "/marathon/v2/apps?embed=apps.tasks" -> json(TestFixtures.bytes(
                    "marathon/v2-apps_real-world-anonymized-100apps_marathon-benchmark-2018.json"));
            case "/marathon/v2/deployments" -> json(TestFixtures.bytes("marathon/v2-deployments_three_dcos-ui.json"));
            case "/exhibitor/v1/cluster/status" -> json(TestFixtures.bytes(
                    "exhibitor/cluster-status_3-masters-serving_dcos-docs-troubleshooting.json"));
            default -> new MockResponse().setResponseCode(404).setBody("no route " + path);
        };
    }

    private MesosClusterCollector collector(int threads) {
        return new MesosClusterCollector(http, threads,
                (host, port, role) -> server.url("/node/" + host + "/" + port + "/"));
    }

    private MesosClusterCollector.Target target(boolean marathon, boolean exhibitor) {
        return new MesosClusterCollector.Target("prod", server.url("/"), marathon ? server.url("/marathon/") : null,
                exhibitor ? server.url("/") : null, List.of());
    }

    /** Every payload of the result parsed back (as the bundle reader would). */
    private static List<Fact> facts(CollectionResult r) throws Exception {
        List<Fact> out = new ArrayList<>();
        Map<String, Role> roles = r.nodes().stream().collect(Collectors.toMap(Manifest.Node::host,
                Manifest.Node::role));
        for (CollectionResult.Collected c : r.payloads()) {
            Manifest.Payload p = c.payload();
            out.addAll(io.preflight.facts.parse.Payloads.parse(p.kind(), p.subject(),
                    roles.getOrDefault(p.subject(), Role.UNKNOWN), p.source(), c.body()));
        }
        return out;
    }

    private static <T> List<T> all(List<Fact> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static long count(CollectionResult r, PayloadKind kind) {
        return r.payloads().stream().filter(c -> c.payload().kind() == kind).count();
    }

    @Test
    void collectsTheWholeClusterFromRealPayloads() throws Exception {
        CollectionResult r = collector(4).collect(target(true, true));

        assertEquals(List.of(), r.problems(), () -> r.problems().toString());
        // nodes: the leader from the state, the Exhibitor servers, the 5 agents
        assertEquals(1 + 3 + 5, r.nodes().size(), () -> r.nodes().toString());
        assertEquals(new Manifest.Node(LEADER, Role.MASTER, "mesos"), r.nodes().get(0));
        for (String h : EXHIBITOR_HOSTS) assertEquals(Role.MASTER, r.nodes().stream()
                .filter(n -> n.host().equals(h)).findFirst().orElseThrow().role());
        assertEquals(AGENTS, r.nodes().stream().filter(n -> n.role() != Role.MASTER).map(Manifest.Node::host)
                .toList());

        assertEquals(1, count(r, PayloadKind.MESOS_STATE));
        assertEquals(1, count(r, PayloadKind.MESOS_SLAVES));
        assertEquals(9, count(r, PayloadKind.MESOS_FLAGS));
        assertEquals(9, count(r, PayloadKind.MESOS_VERSION));
        assertEquals(9, count(r, PayloadKind.MESOS_METRICS));
        assertEquals(1, count(r, PayloadKind.MARATHON_APPS));
        assertEquals(1, count(r, PayloadKind.EXHIBITOR_STATUS));
        assertEquals(7 + 27, r.payloads().size());

        // the state came from the leader (it names another master than the one asked)
        Manifest.Payload state = r.payloads().get(0).payload();
        assertEquals(server.url("/node/" + LEADER + "/5050/master/state").toString(), state.source());
        assertTrue(requested.contains("/node/" + LEADER + "/5050/master/slaves"), requested::toString);
        // agents on the pid's port, masters on 5050
        assertTrue(requested.contains("/node/10.0.2.242/5051/flags"), requested::toString);
        assertTrue(requested.contains("/node/10.0.6.70/5050/metrics/snapshot"), requested::toString);

        List<Fact> facts = facts(r);
        assertEquals(LEADER, all(facts, MesosLeader.class).get(0).host());
        assertEquals(5 * 2, all(facts, MesosAgent.class).size()); // from /master/state and /master/slaves
        assertEquals(100, all(facts, MarathonApp.class).size());
        assertEquals(3, all(facts, MarathonDeployment.class).size());
        assertEquals(3, all(facts, ExhibitorServer.class).size());
        List<MesosFlags> flags = all(facts, MesosFlags.class);
        assertEquals(4, flags.stream().filter(f -> f.component().equals("master")).count());
        assertEquals(5, flags.stream().filter(f -> f.component().equals("agent")).count());

        // payload files are the bundle's standard places, one body each
        Map<String, byte[]> bodies = r.bodiesByFile();
        assertEquals(r.payloads().size(), bodies.size());
        assertNotNull(bodies.get("nodes/10.0.3.6/mesos-flags.json"));
        assertNotNull(bodies.get("cluster/marathon-apps.json"));
    }

    @Test
    void concurrencyIsBounded() {
        collector(2).collect(target(true, true));
        assertTrue(maxInFlight.get() <= 2, "max in flight " + maxInFlight.get());
        assertTrue(maxInFlight.get() >= 2, "never ran in parallel: " + maxInFlight.get());
    }

    @Test
    void everyNodeFailureIsAProblemForThatNode() {
        faults.put("/node/10.0.6.64/5051/flags", r -> new MockResponse().setResponseCode(500).setBody("oops"));
        faults.put("/node/10.0.3.6/5051/metrics/snapshot", r -> new MockResponse().setResponseCode(401));
        faults.put("/node/10.0.2.242/5051/version", r -> json("{\"version\": "));
        faults.put("/marathon/v2/deployments", r -> new MockResponse().setResponseCode(503));
        CollectionResult r = collector(3).collect(target(true, false));

        Map<String, Manifest.Problem> bySubjectWhat = r.problems().stream().collect(Collectors.toMap(
                p -> p.subject() + " " + p.what(), p -> p));
        assertEquals(4, r.problems().size(), r.problems()::toString);
        Manifest.Problem flags = bySubjectWhat.get("10.0.6.64 mesos /flags");
        assertEquals(CollectionProblem.Kind.HTTP_ERROR, flags.kind());
        assertTrue(flags.detail().contains("HTTP 500"), flags.detail());
        assertEquals(server.url("/node/10.0.6.64/5051/flags").toString(), flags.source());
        assertEquals(CollectionProblem.Kind.AUTH, bySubjectWhat.get("10.0.3.6 mesos /metrics/snapshot").kind());
        assertEquals(CollectionProblem.Kind.PARSE_ERROR, bySubjectWhat.get("10.0.2.242 mesos /version").kind());
        assertEquals(CollectionProblem.Kind.HTTP_ERROR, bySubjectWhat.get("prod marathon /v2/deployments").kind());
        for (Manifest.Problem p : r.problems()) assertFalse(p.toString().contains("tok-123"), p.toString());
        assertEquals(0, count(r, PayloadKind.EXHIBITOR_STATUS));
        assertEquals(1 + 5, r.nodes().size()); // no Exhibitor: leader + agents
        assertEquals((1 + 1 + 3) + 6 * 3 - 3, r.payloads().size(), r.payloads()::toString);
    }

    @Test
    void anUnreachableLeaderKeepsTheGivenMastersStateAndSaysSo() {
        // the leader 10.0.5.2 is mapped to a closed port
        int closed;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            closed = ss.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int port = closed;
        MesosClusterCollector c = new MesosClusterCollector(http, 2, (host, p, role) -> host.equals(LEADER)
                ? new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(port).build()
                : server.url("/node/" + host + "/" + p + "/"));
        CollectionResult r = c.collect(target(false, false));

        assertEquals(server.url("/master/state").toString(), r.payloads().get(0).payload().source());
        List<Manifest.Problem> leader = r.problems().stream().filter(p -> p.what().equals("mesos /master/state"))
                .toList();
        assertEquals(1, leader.size(), r.problems()::toString);
        assertEquals(CollectionProblem.Kind.UNREACHABLE, leader.get(0).kind());
        // the leader's own /flags etc. are unreachable too: each its own problem
        assertEquals(1 + 3, r.problems().size(), r.problems()::toString);
        assertTrue(r.problems().stream().filter(p -> !p.what().equals("mesos /master/state"))
                .allMatch(p -> p.subject().equals(LEADER) && p.kind() == CollectionProblem.Kind.UNREACHABLE));
        // slaves and agents still collected from the master that answered
        assertEquals(1, count(r, PayloadKind.MESOS_SLAVES));
        assertEquals(5, count(r, PayloadKind.MESOS_FLAGS));
    }

    @Test
    void oldMastersStateEndpointAndNoLeaderFallsBackToTheGivenMaster() throws Exception {
        faults.put("/master/state", r -> new MockResponse().setResponseCode(404));
        faults.put("/state", r -> json("{\"version\":\"0.20.1\",\"slaves\":[{\"id\":\"s1\",\"hostname\":\"10.1.1.1\","
                + "\"pid\":\"slave(1)@10.1.1.1:5052\",\"active\":true}],\"frameworks\":[]}"));
        CollectionResult r = collector(2).collect(target(false, false));

        assertEquals(server.url("/state").toString(), r.payloads().get(0).payload().source());
        assertEquals(2, r.nodes().size(), r.nodes()::toString);
        Manifest.Node given = r.nodes().get(0);
        assertEquals(server.url("/").host(), given.host());
        assertEquals(Role.MASTER, given.role());
        assertEquals(new Manifest.Node("10.1.1.1", Role.AGENT, "mesos"), r.nodes().get(1));
        assertTrue(requested.contains("/node/10.1.1.1/5052/flags"), requested::toString); // the pid's port
        assertTrue(requested.contains("/flags"), requested::toString); // the given master, at its own URL
    }

    @Test
    void anUnreachableMesosIsAProblemAndNoCrash() throws Exception {
        int closed;
        try (java.net.ServerSocket ss = new java.net.ServerSocket(0)) {
            closed = ss.getLocalPort();
        }
        HttpUrl dead = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(closed).build();
        CollectionResult r = new MesosClusterCollector(http, 2).collect(
                new MesosClusterCollector.Target("prod", dead, server.url("/marathon/"), null, List.of()));
        assertEquals(CollectionProblem.Kind.UNREACHABLE, r.problems().get(0).kind());
        assertEquals("prod", r.problems().get(0).subject());
        assertEquals(4, count(r, PayloadKind.MARATHON_INFO) + count(r, PayloadKind.MARATHON_LEADER)
                + count(r, PayloadKind.MARATHON_APPS) + count(r, PayloadKind.MARATHON_DEPLOYMENTS));
    }

    @Test
    void theResultIsAReadableBundle(@TempDir Path dir) throws Exception {
        faults.put("/node/10.0.6.64/5051/flags", r -> new MockResponse().setResponseCode(500));
        CollectionResult r = collector(4).collect(target(true, true));
        Manifest m = Manifest.of(new Manifest.Tool("preflight", "test"), Instant.parse("2026-01-01T00:00:00Z"),
                new Manifest.Cluster("prod", server.url("/").toString(), server.url("/marathon/").toString(),
                        server.url("/").toString()), r.nodes(), r.manifestPayloads(), r.problems());
        Path out = dir.resolve("bundle");
        BundleWriter.write(out, m, r.bodiesByFile());
        Bundle b = BundleReader.read(out);
        assertEquals(100, all(b.facts(), MarathonApp.class).size());
        assertEquals(3, all(b.facts(), ExhibitorServer.class).size());
        assertEquals(1, all(b.facts(), CollectionProblem.class).stream()
                .filter(p -> p.subject().equals("10.0.6.64") && p.what().equals("mesos /flags")).count());
    }
}
