package io.preflight.facts.parse;

import static io.preflight.facts.parse.Fixtures.one;
import static io.preflight.facts.parse.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.MasterStatus;
import io.preflight.facts.MesosFlags;
import io.preflight.facts.MesosVersion;
import io.preflight.facts.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /flags, /version and /metrics/snapshot, classic and v1 operator API shapes. */
class MesosEndpointParsersTest {

    @Test
    void classicFlagsFromTheStateFlagsObject() throws Exception {
        // /flags returns {"flags": {...}}: the same map /master/state carries under "flags"
        String state = Fixtures.text("mesos-master/state_mesos-1.5.0_dcos_dcos-go-nodeutil.json");
        byte[] body = ("{\"flags\":" + JsonPayload.MAPPER.readTree(state).get("flags") + "}")
                .getBytes(StandardCharsets.UTF_8);
        MesosFlags f = one(Payloads.parse(PayloadKind.MESOS_FLAGS, "10.0.4.125", Role.MASTER, "s", body),
                MesosFlags.class);
        assertEquals("master", f.component());
        assertEquals("10.0.4.125", f.subject());
        assertEquals(50, f.flags().size());
        assertEquals("1", f.flag("quorum"));
        assertEquals("false", f.flag("registry_strict"));
        assertEquals("/var/lib/dcos/mesos/master", f.flag("work_dir"));
        assertEquals("1/20mins", f.flag("slave_removal_rate_limit"));
    }

    @Test
    void classicFlagsOf022ShapedStateAsAgentWhenRoleIsNotMaster() throws Exception {
        MesosFlags f = one(parse(PayloadKind.MESOS_FLAGS, "localhost", Role.AGENT,
                "mesos-master/state_version-field-1.7.1-but-0.22-shape_datadog-fixture.json"), MesosFlags.class);
        assertEquals("agent", f.component());
        assertEquals("zk://localhost:2181/mesos", f.flag("zk"));
    }

    @Test
    void v1GetFlagsMasksTheZooKeeperPasswordInTheZkUrl() throws Exception {
        MesosFlags f = one(parse(PayloadKind.MESOS_FLAGS, "10.0.5.2", Role.MASTER,
                "mesos-master/v1-GET_FLAGS_dcos-ui.json"), MesosFlags.class);
        assertEquals(52, f.flags().size());
        assertEquals("zk://dcos_mesos_master:****@zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181,zk-4.zk:2181,"
                + "zk-5.zk:2181/mesos", f.flag("zk"));
        assertFalse(f.flags().values().stream().anyMatch(v -> v != null && v.contains("fGO1QsNWEN4gPHPnngJ9")));
        assertEquals("15secs", f.flag("agent_ping_timeout"));
    }

    @Test
    void v1GetFlagsDocExamplesKeepCredentialFilePaths() throws Exception {
        MesosFlags master = one(parse(PayloadKind.MESOS_FLAGS, "m", Role.MASTER,
                "mesos-master/v1-GET_FLAGS_example_mesos-1.11.0-operator-http-api-doc.json"), MesosFlags.class);
        assertEquals(37, master.flags().size());
        assertEquals("/tmp/directory/credentials", master.flag("credentials"), "a path names a secret, it is none");
        assertEquals("true", master.flag("registry_strict"));
        MesosFlags agent = one(parse(PayloadKind.MESOS_FLAGS, "a", Role.AGENT,
                "mesos-agent/v1-GET_FLAGS_example_mesos-1.11.0-operator-http-api-doc.json"), MesosFlags.class);
        assertEquals("agent", agent.component());
        assertEquals(63, agent.flags().size());
        assertEquals("/tmp/directory", agent.flag("work_dir"));
    }

    @Test
    void inlineSecretFlagValueIsMasked() throws Exception {
        byte[] body = "{\"flags\":{\"credentials\":\"{\\\"principal\\\":\\\"p\\\",\\\"secret\\\":\\\"s3cr3t\\\"}\"}}"
                .getBytes(StandardCharsets.UTF_8);
        MesosFlags f = one(Payloads.parse(PayloadKind.MESOS_FLAGS, "m", Role.MASTER, "s", body), MesosFlags.class);
        assertEquals(Secrets.MASK, f.flag("credentials"));
    }

    @Test
    void nullFlagValuesBecomeEmptyStrings() throws Exception {
        MesosFlags f = one(Payloads.parse(PayloadKind.MESOS_FLAGS, "m", Role.MASTER, "s",
                "{\"type\":\"GET_FLAGS\",\"get_flags\":{\"flags\":[{\"name\":\"acls\"}]}}"
                        .getBytes(StandardCharsets.UTF_8)), MesosFlags.class);
        assertEquals("", f.flag("acls"));
        MesosFlags classic = one(Payloads.parse(PayloadKind.MESOS_FLAGS, "m", Role.MASTER, "s",
                "{\"flags\":{\"acls\":null,\"quorum\":2}}".getBytes(StandardCharsets.UTF_8)), MesosFlags.class);
        assertEquals("", classic.flag("acls"));
        assertEquals("2", classic.flag("quorum"));
    }

    @Test
    void versionClassicAndV1() throws Exception {
        MesosVersion classic = one(parse(PayloadKind.MESOS_VERSION, "10.0.0.1", Role.MASTER,
                "mesos-master/version_mesos-1.3.0_openvas-nasl-comment.json"), MesosVersion.class);
        assertEquals(new MesosVersion("10.0.0.1", "test:mesos-master/version_mesos-1.3.0_openvas-nasl-comment.json",
                "master", "1.3.0"), classic);
        assertEquals("1.5.0", one(parse(PayloadKind.MESOS_VERSION, "a", Role.AGENT_PUBLIC,
                "mesos-master/v1-GET_VERSION_mesos-1.5.0_dcos-ui.json"), MesosVersion.class).version());
        MesosVersion doc = one(parse(PayloadKind.MESOS_VERSION, "a", Role.AGENT,
                "mesos-master/v1-GET_VERSION_example_mesos-1.11.0-operator-http-api-doc.json"), MesosVersion.class);
        assertEquals("1.0.0", doc.version());
        assertEquals("agent", doc.component());
    }

    @Test
    void versionWithoutVersionFieldIsRejected() {
        PayloadException e = assertThrows(PayloadException.class, () -> Payloads.parse(PayloadKind.MESOS_VERSION,
                "m", Role.MASTER, "s", "{\"git_sha\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("$.version: missing, expected a string", e.getMessage());
    }

    @Test
    void metricsOfAMasterV1DocExample() throws Exception {
        MasterStatus s = one(parse(PayloadKind.MESOS_METRICS, "10.0.0.1", Role.MASTER,
                "mesos-master/v1-GET_METRICS_example_mesos-1.11.0-operator-http-api-doc.json"), MasterStatus.class);
        assertTrue(s.elected());
        assertEquals(1.0, s.replogRecovered());
    }

    @Test
    void classicMasterSnapshot() throws Exception {
        List<Fact> facts = Payloads.parse(PayloadKind.MESOS_METRICS, "10.0.0.2", Role.MASTER, "s",
                "{\"master/elected\":0.0,\"registrar/log/recovered\":0.0,\"master/uptime_secs\":12.5}"
                        .getBytes(StandardCharsets.UTF_8));
        MasterStatus s = one(facts, MasterStatus.class);
        assertFalse(s.elected());
        assertEquals(0.0, s.replogRecovered());
        assertEquals(1, facts.size());
    }

    @Test
    void masterSnapshotWithoutElectedIsFlagged() throws Exception {
        List<Fact> facts = Payloads.parse(PayloadKind.MESOS_METRICS, "10.0.0.2", Role.MASTER, "s",
                "{\"master/uptime_secs\":12.5}".getBytes(StandardCharsets.UTF_8));
        assertFalse(one(facts, MasterStatus.class).elected());
        assertNull(one(facts, MasterStatus.class).replogRecovered());
        assertEquals("mesos-metrics", one(facts, CollectionProblem.class).what());
    }

    @Test
    void agentMetricsYieldNothing() throws Exception {
        assertTrue(parse(PayloadKind.MESOS_METRICS, "a", Role.AGENT,
                "mesos-agent/metrics-snapshot-plus-legacy-stats_mesos-0.22-era_datadog-fixture.json").isEmpty());
    }

    @Test
    void truncatedFlagsNamePosition() {
        byte[] full = Fixtures.bytes("mesos-master/v1-GET_FLAGS_dcos-ui.json");
        byte[] cut = new String(full, StandardCharsets.UTF_8).substring(0, 300).getBytes(StandardCharsets.UTF_8);
        PayloadException e = assertThrows(PayloadException.class,
                () -> Payloads.parse(PayloadKind.MESOS_FLAGS, "m", Role.MASTER, "s", cut));
        assertTrue(e.getMessage().startsWith("mesos flags: malformed JSON at line "), e.getMessage());
        assertTrue(e.getMessage().contains("$.get_flags.flags["), e.getMessage());
    }
}
