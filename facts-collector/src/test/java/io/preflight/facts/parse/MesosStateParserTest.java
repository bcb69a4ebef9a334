package io.preflight.facts.parse;

import static io.preflight.facts.parse.Fixtures.all;
import static io.preflight.facts.parse.Fixtures.bySubject;
import static io.preflight.facts.parse.Fixtures.one;
import static io.preflight.facts.parse.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosAgent;
import io.preflight.facts.MesosLeader;
import io.preflight.facts.MesosVersion;
import io.preflight.facts.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MesosStateParserTest {
    private static final String DIR = "mesos-master/";

    private static List<Fact> state(String file) throws PayloadException {
        return parse(PayloadKind.MESOS_STATE, "cluster", Role.UNKNOWN, DIR + file);
    }

    private static Map<String, Integer> tasksByHost(List<Fact> facts) {
        return all(facts, MesosAgent.class).stream().collect(Collectors.toMap(MesosAgent::subject, MesosAgent::tasks));
    }

    @Test
    void mesos020HandEditedStateHasNoActiveFieldSoDeactivatedAgentsAreUnverified() throws Exception {
        List<Fact> facts = state("state_mesos-0.20-era-hand-edited_mesos-dns-fake.json");
        assertEquals("1.2.3.4", one(facts, MesosLeader.class).host());
        assertEquals(Map.of("1.2.3.10", 0, "1.2.3.11", 6, "1.2.3.12", 2, "2001:db8::1", 1), tasksByHost(facts),
                "running tasks only: 1 chronos + 5 marathon on 1.2.3.11, its TASK_KILLED one is not counted");
        MesosAgent a = bySubject(facts, MesosAgent.class, "1.2.3.10");
        assertTrue(a.active());
        assertNull(a.version());
        assertEquals("dev-123-1d.c.mesos.internal", a.attribute("host"));
        assertEquals("20140916-194712-631065744-5050-4798-2", a.agentId());
        assertTrue(all(facts, MesosVersion.class).isEmpty(), "0.20 masters do not report agent versions");
        // deactivated_slaves = 2 but no per-agent 'active': every agent is unverified, none silently passes
        List<CollectionProblem> problems = all(facts, CollectionProblem.class);
        assertEquals(4, problems.size());
        assertTrue(problems.stream().allMatch(p -> p.kind() == CollectionProblem.Kind.MISSING
                && p.what().equals("mesos-agent-active")));
    }

    @Test
    void mesos022RealClusterCountsRunningTasksPerAgent() throws Exception {
        List<Fact> facts = state("state_mesos-0.22.0_real-cluster_dcos-ui.json");
        assertEquals("172.16.0.15", one(facts, MesosLeader.class).host());
        assertEquals(Map.of("srv5.hw.ca1.mesosphere.com", 21, "srv2.hw.ca1.mesosphere.com", 32,
                "srv3.hw.ca1.mesosphere.com", 31, "srv7.hw.ca1.mesosphere.com", 11,
                "srv6.hw.ca1.mesosphere.com", 19, "srv4.hw.ca1.mesosphere.com", 17), tasksByHost(facts));
        assertTrue(all(facts, MesosAgent.class).stream().allMatch(MesosAgent::active));
        assertTrue(all(facts, MesosAgent.class).stream().noneMatch(MesosAgent::publicAgent));
        assertTrue(all(facts, CollectionProblem.class).isEmpty());
    }

    @Test
    void mesos150DcosStateFindsPublicAgentAndLeaderInfo() throws Exception {
        List<Fact> facts = state("state_mesos-1.5.0_dcos_dcos-go-nodeutil.json");
        assertEquals(new MesosLeader("mesos", "test:" + DIR + "state_mesos-1.5.0_dcos_dcos-go-nodeutil.json",
                "10.0.4.125"), one(facts, MesosLeader.class));
        MesosAgent priv = bySubject(facts, MesosAgent.class, "10.0.0.157");
        MesosAgent pub = bySubject(facts, MesosAgent.class, "10.0.6.133");
        assertFalse(priv.publicAgent());
        assertEquals(6, priv.tasks());
        assertTrue(pub.publicAgent());
        assertEquals("true", pub.attribute("public_ip"));
        assertEquals(0, pub.tasks());
        assertEquals(List.of("1.5.0", "1.5.0"), all(facts, MesosVersion.class).stream()
                .map(MesosVersion::version).toList());
        assertTrue(all(facts, MesosVersion.class).stream().allMatch(v -> v.component().equals("agent")));
    }

    @Test
    void mesos191HealthyClusterHasFiveActiveAgentsTwoPublic() throws Exception {
        for (String file : List.of("state_mesos-1.9.1_dcos-2.0_ok_bun-bundle.json",
                "state_mesos-1.9.1_dcos-2.0_duplicate-ids_bun-bundle.json")) {
            List<Fact> facts = state(file);
            assertEquals("10.0.5.2", one(facts, MesosLeader.class).host(), file);
            List<MesosAgent> agents = all(facts, MesosAgent.class);
            assertEquals(5, agents.size(), file);
            assertTrue(agents.stream().allMatch(MesosAgent::active), file);
            assertEquals(List.of("10.0.6.50", "10.0.6.64"), agents.stream().filter(MesosAgent::publicAgent)
                    .map(MesosAgent::subject).sorted().toList(), file);
            assertEquals(5, all(facts, MesosVersion.class).stream().filter(v -> v.version().equals("1.9.1")).count());
        }
    }

    @Test
    void mesos191InactiveAgentsAreReportedInactiveAndRecoveredDuplicatesAreNotRepeated() throws Exception {
        List<Fact> facts = state("state_mesos-1.9.1_dcos-2.0_inactive-agents_bun-bundle.json");
        List<MesosAgent> agents = all(facts, MesosAgent.class);
        assertEquals(5, agents.size(), "10.0.6.64 is also in recovered_slaves but must appear once");
        assertEquals(List.of("10.0.2.242", "10.0.3.6"), agents.stream().filter(a -> !a.active())
                .map(MesosAgent::subject).sorted().toList());
        assertTrue(bySubject(facts, MesosAgent.class, "10.0.6.64").active());
    }

    @Test
    void recoveredAgentNotInSlavesIsAnInactiveAgent() throws Exception {
        String body = "{\"version\":\"1.9.1\",\"leader\":\"master@10.0.5.2:5050\",\"slaves\":[],"
                + "\"recovered_slaves\":[{\"id\":\"X-S9\",\"hostname\":\"10.0.9.9\",\"version\":\"1.9.1\"}]}";
        List<Fact> facts = Payloads.parse(PayloadKind.MESOS_STATE, "c", Role.UNKNOWN, "s",
                body.getBytes(StandardCharsets.UTF_8));
        MesosAgent a = one(facts, MesosAgent.class);
        assertEquals("10.0.9.9", a.subject());
        assertFalse(a.active());
    }

    @Test
    void stateClaiming171ButShapedLike022HasNoAgentVersions() throws Exception {
        List<Fact> facts = state("state_version-field-1.7.1-but-0.22-shape_datadog-fixture.json");
        assertEquals("127.0.0.1", one(facts, MesosLeader.class).host());
        MesosAgent a = one(facts, MesosAgent.class);
        assertEquals("localhost", a.subject());
        assertEquals(1, a.tasks());
        assertNull(a.version());
        assertTrue(all(facts, MesosVersion.class).isEmpty());
    }

    @Test
    void stateSummaryUsesTaskCountersAndCannotNameTheLeader() throws Exception {
        List<Fact> facts = state("state-summary_mesos-0.27.0-agents_dcos-ui.json");
        assertTrue(all(facts, MesosLeader.class).isEmpty());
        CollectionProblem p = one(facts, CollectionProblem.class);
        assertEquals("mesos", p.subject());
        assertEquals("mesos-leader", p.what());
        assertEquals(Map.of("10.0.1.108", 1, "10.0.1.107", 1, "10.0.1.111", 0, "10.0.1.109", 1, "10.0.5.136", 0,
                "10.0.1.110", 1), tasksByHost(facts));
        assertFalse(bySubject(facts, MesosAgent.class, "10.0.1.108").publicAgent(),
                "a cassandra_role reservation is not slave_public");

        List<Fact> v12 = state("state-summary_mesos-1.2.0-agents_dcos-ui.json");
        assertEquals(3, bySubject(v12, MesosAgent.class, "10.0.2.121").tasks());
        assertEquals("1.2.0", bySubject(v12, MesosVersion.class, "10.0.2.121").version());
        assertEquals("1.7.0", bySubject(state("state-summary_mesos-1.7.0_dcos-diagnostics.json"),
                MesosVersion.class, "172.17.0.3").version());
    }

    @Test
    void agentOwnStateGivesItsVersionAndAProblemInsteadOfALeader() throws Exception {
        List<Fact> facts = parse(PayloadKind.MESOS_STATE, "cluster", Role.UNKNOWN,
                "mesos-agent/state_mesos-0.27.0_dcos-ui.json");
        MesosVersion v = one(facts, MesosVersion.class);
        assertEquals("10.0.1.109", v.subject());
        assertEquals("0.27.0", v.version());
        assertEquals("agent", v.component());
        assertEquals(CollectionProblem.Kind.PARSE_ERROR, one(facts, CollectionProblem.class).kind());
        assertTrue(all(facts, MesosLeader.class).isEmpty());
    }

    @Test
    void slavesEndpointGivesAgentsWithoutTasksOrLeader() throws Exception {
        // /master/slaves has the same agent objects as /state's "slaves"
        String state = Fixtures.text(DIR + "state_mesos-1.5.0_dcos_dcos-go-nodeutil.json");
        String slaves = "{\"slaves\":" + JsonPayload.MAPPER.readTree(state).get("slaves") + "}";
        List<Fact> facts = Payloads.parse(PayloadKind.MESOS_SLAVES, "c", Role.UNKNOWN, "s",
                slaves.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, all(facts, MesosAgent.class).size());
        assertEquals(0, bySubject(facts, MesosAgent.class, "10.0.0.157").tasks());
        assertTrue(bySubject(facts, MesosAgent.class, "10.0.6.133").publicAgent());
        assertTrue(all(facts, MesosLeader.class).isEmpty());
    }

    @Test
    void noLeaderFieldMeansLeaderHostNull() throws Exception {
        List<Fact> facts = Payloads.parse(PayloadKind.MESOS_STATE, "c", Role.UNKNOWN, "s",
                "{\"version\":\"1.9.1\",\"slaves\":[]}".getBytes(StandardCharsets.UTF_8));
        assertNull(one(facts, MesosLeader.class).host());
    }

    @Test
    void pidParsing() {
        assertEquals("10.0.0.1", MesosStateParser.hostOfPid("master@10.0.0.1:5050"));
        assertEquals("2001:db8::1", MesosStateParser.hostOfPid("master@[2001:db8::1]:5050"));
        assertNull(MesosStateParser.hostOfPid(""));
    }

    @Test
    void truncatedStateNamesThePositionAndPath() {
        byte[] full = Fixtures.bytes(DIR + "state_mesos-1.9.1_dcos-2.0_ok_bun-bundle.json");
        String text = new String(full, StandardCharsets.UTF_8);
        int cut = text.indexOf("\"hostname\"", text.indexOf("\"slaves\"")) + 14;
        byte[] truncated = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
        PayloadException e = assertThrows(PayloadException.class,
                () -> Payloads.parse(PayloadKind.MESOS_STATE, "c", Role.UNKNOWN, "s", truncated));
        assertTrue(e.getMessage().contains("$.slaves[0].hostname"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*line \\d+, column \\d+.*"), e.getMessage());
    }

    @Test
    void wrongShapeNamesTheJsonPath() {
        byte[] body = "{\"slaves\":[{\"hostname\":\"a\"},{\"hostname\":{\"x\":1}}]}".getBytes(StandardCharsets.UTF_8);
        PayloadException e = assertThrows(PayloadException.class,
                () -> Payloads.parse(PayloadKind.MESOS_STATE, "c", Role.UNKNOWN, "s", body));
        assertEquals("$.slaves[1].hostname: expected a string, got object", e.getMessage());
    }
}
