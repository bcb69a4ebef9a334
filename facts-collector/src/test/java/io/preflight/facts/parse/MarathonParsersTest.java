package io.preflight.facts.parse;

import static io.preflight.facts.parse.Fixtures.all;
import static io.preflight.facts.parse.Fixtures.bySubject;
import static io.preflight.facts.parse.Fixtures.one;
import static io.preflight.facts.parse.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.AppConstraint;
import io.preflight.facts.Fact;
import io.preflight.facts.MarathonApp;
import io.preflight.facts.MarathonDeployment;
import io.preflight.facts.MarathonInfo;
import io.preflight.facts.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarathonParsersTest {
    private static final String DIR = "marathon/";

    private static List<Fact> apps(String file) throws PayloadException {
        return parse(PayloadKind.MARATHON_APPS, "cluster", Role.UNKNOWN, DIR + file);
    }

    private static List<Fact> apps(byte[] body) throws PayloadException {
        return Payloads.parse(PayloadKind.MARATHON_APPS, "cluster", Role.UNKNOWN, "s", body);
    }

    @Test
    void infoOfThreeMarathonReleases() throws Exception {
        MarathonInfo i110 = one(parse(PayloadKind.MARATHON_INFO, "c", Role.UNKNOWN,
                DIR + "v2-info.example_marathon-master-1.10.json"), MarathonInfo.class);
        assertEquals("marathon", i110.subject());
        assertEquals("1.5.0-SNAPSHOT", i110.version());
        assertEquals("localhost:8080", i110.leader());
        assertEquals("1.4.8", one(parse(PayloadKind.MARATHON_INFO, "c", Role.UNKNOWN,
                DIR + "v2-info.example_marathon-v1.4.12.json"), MarathonInfo.class).version());
        assertEquals("1.5.0-SNAPSHOT", one(parse(PayloadKind.MARATHON_INFO, "c", Role.UNKNOWN,
                DIR + "v2-info.example_marathon-v1.6.567.json"), MarathonInfo.class).version());
    }

    @Test
    void infoWithNullLeader() throws Exception {
        MarathonInfo i = one(Payloads.parse(PayloadKind.MARATHON_INFO, "c", Role.UNKNOWN, "s",
                "{\"version\":\"1.6.567\",\"leader\":null}".getBytes(StandardCharsets.UTF_8)), MarathonInfo.class);
        assertNull(i.leader());
    }

    @Test
    void leaderAndNoLeader() throws Exception {
        MarathonInfo leader = one(parse(PayloadKind.MARATHON_LEADER, "c", Role.UNKNOWN,
                DIR + "v2-leader.example_marathon-raml.json"), MarathonInfo.class);
        assertEquals(new MarathonInfo("marathon-leader", "test:" + DIR + "v2-leader.example_marathon-raml.json",
                null, "marathon.globalcorp.com:8080"), leader);
        MarathonInfo none = one(parse(PayloadKind.MARATHON_LEADER, "c", Role.UNKNOWN,
                DIR + "v2-leader-404-no-leader.example_marathon-raml.json"), MarathonInfo.class);
        assertEquals("marathon-leader", none.subject());
        assertNull(none.leader());
    }

    @Test
    void leaderPayloadOfAnotherShapeIsRejected() {
        assertThrows(PayloadException.class, () -> Payloads.parse(PayloadKind.MARATHON_LEADER, "c", Role.UNKNOWN,
                "s", "{\"apps\":[]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deployments() throws Exception {
        MarathonDeployment d = one(parse(PayloadKind.MARATHON_DEPLOYMENTS, "c", Role.UNKNOWN,
                DIR + "v2-deployments.example_marathon-master-1.10.json"), MarathonDeployment.class);
        assertEquals("97c136bf-5a28-4821-9d94-480d9fbb01c8", d.subject());
        assertEquals(List.of("/foo"), d.affectedApps());
        assertEquals("ScaleApplication", d.currentAction());

        List<Fact> three = parse(PayloadKind.MARATHON_DEPLOYMENTS, "c", Role.UNKNOWN,
                DIR + "v2-deployments_three_dcos-ui.json");
        assertEquals(3, all(three, MarathonDeployment.class).size());
        MarathonDeployment kafka = bySubject(three, MarathonDeployment.class, "b4f69082-6f96-4c92-a778-37bf61c59686");
        assertEquals(List.of("/kafka"), kafka.affectedApps());
        assertEquals("ScaleApplication", kafka.currentAction());
        assertEquals("StopApplication", bySubject(three, MarathonDeployment.class, "staleId-2").currentAction());
    }

    @Test
    void appListDocExamplesKeepTheEmptyUniqueValueAsWritten() throws Exception {
        for (String file : List.of("v2-app_list.example_marathon-master-1.10.json",
                "v2-app_list.example_marathon-v1.4.12.json")) {
            List<Fact> facts = apps(file);
            MarathonApp app = one(facts, MarathonApp.class);
            assertEquals("/myapp", app.subject());
            assertEquals(3, app.instances());
            assertEquals(0, app.tasksRunning());
            AppConstraint c = one(facts, AppConstraint.class);
            assertEquals("/myapp", c.subject());
            assertEquals(0, c.index());
            assertEquals(List.of("hostname", "UNIQUE", ""), c.fields());
        }
    }

    @Test
    void embeddedTasksGiveHosts() throws Exception {
        List<Fact> facts = apps("v2-apps_embed-tasks_marathon-1.5_marathon-lb-test.json");
        MarathonApp app = one(facts, MarathonApp.class);
        assertEquals("/pywebserver", app.subject());
        assertEquals(1, app.tasksRunning());
        assertEquals(List.of("10.0.2.148"), app.hosts());
        assertEquals(Map.of("HAPROXY_GROUP", "external", "HAPROXY_0_VHOST", "myvhost.com"), app.labels());
        assertTrue(all(facts, AppConstraint.class).isEmpty());
    }

    @Test
    void blueGreenAppsHaveDistinctHosts() throws Exception {
        List<Fact> facts = apps("v2-apps_zdd-blue-green_marathon-lb-test.json");
        MarathonApp green = bySubject(facts, MarathonApp.class, "/nginx-green");
        assertEquals(3, green.instances());
        assertEquals(3, green.tasksRunning());
        assertEquals(List.of("10.0.6.25"), green.hosts(), "three tasks on one host");
        assertEquals("green", green.labels().get("HAPROXY_DEPLOYMENT_COLOUR"));
        assertEquals(8, green.labels().size());
        assertEquals(List.of("10.0.1.147"), bySubject(facts, MarathonApp.class, "/nginx-blue").hosts());
    }

    @Test
    void hundredRealWorldAppsEachWithTwoClusterConstraints() throws Exception {
        List<Fact> facts = apps("v2-apps_real-world-anonymized-100apps_marathon-benchmark-2018.json");
        assertEquals(100, all(facts, MarathonApp.class).size());
        List<AppConstraint> constraints = all(facts, AppConstraint.class);
        assertEquals(200, constraints.size());
        AppConstraint first = constraints.stream().filter(c -> c.subject().equals("/cudcos/mactest42")
                && c.index() == 1).findFirst().orElseThrow();
        assertEquals("rack:CLUSTER:bax-bar", first.text());
        assertNull(first.problem());
        assertTrue(constraints.stream().allMatch(c -> "CLUSTER".equals(c.operator())));
        assertEquals(0, bySubject(facts, MarathonApp.class, "/cudcos/mactest1").instances());
    }

    @Test
    void groupTreeAppsAreFoundRecursivelyAndPodsIgnored() throws Exception {
        List<Fact> facts = parse(PayloadKind.MARATHON_APPS, "c", Role.UNKNOWN,
                DIR + "v2-groups_with-region-constraints_dcos-ui.json");
        assertEquals(List.of("/sleep", "/unhealthy-sleep"), all(facts, MarathonApp.class).stream()
                .map(MarathonApp::subject).toList());
        assertTrue(all(facts, AppConstraint.class).isEmpty(), "the pod's placement constraint is not an app's");
        assertTrue(bySubject(facts, MarathonApp.class, "/sleep").hosts().isEmpty(), "tasks without host");
    }

    @Test
    void malformedAndObjectFormConstraintsAreKeptAsWritten() throws Exception {
        String body = "{\"apps\":[{\"id\":\"/pinned\",\"instances\":2,\"tasksStaged\":1,\"tasksUnhealthy\":1,"
                + "\"constraints\":[[\"hostname\"],[\"hostname\",\"LIKE\",\"10.0.0.[\",\"x\"],"
                + "{\"fieldName\":\"@region\",\"operator\":\"IS\",\"value\":\"eu\"},"
                + "{\"fieldName\":\"hostname\",\"operator\":\"UNIQUE\"},[\"rack\",\"MAX_PER\",2],\"hostname:UNIQUE\"]}]}";
        List<Fact> facts = apps(body.getBytes(StandardCharsets.UTF_8));
        MarathonApp app = one(facts, MarathonApp.class);
        assertEquals(1, app.tasksStaged());
        assertEquals(1, app.tasksUnhealthy());
        List<List<String>> fields = all(facts, AppConstraint.class).stream().map(AppConstraint::fields).toList();
        assertEquals(List.of(List.of("hostname"), List.of("hostname", "LIKE", "10.0.0.[", "x"),
                List.of("@region", "IS", "eu"), List.of("hostname", "UNIQUE"), List.of("rack", "MAX_PER", "2"),
                List.of("hostname:UNIQUE")), fields);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), all(facts, AppConstraint.class).stream()
                .map(AppConstraint::index).toList());
        assertTrue(all(facts, AppConstraint.class).get(0).problem() != null);
        assertNull(all(facts, AppConstraint.class).get(4).problem());
    }

    @Test
    void appWithoutIdIsRejectedWithItsPath() {
        PayloadException e = assertThrows(PayloadException.class,
                () -> apps("{\"apps\":[{\"id\":\"/a\"},{\"instances\":1}]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("$.apps[1].id: missing, expected a string", e.getMessage());
    }

    @Test
    void truncatedAppsNamePath() {
        String full = Fixtures.text(DIR + "v2-apps_zdd-blue-green_marathon-lb-test.json");
        byte[] cut = full.substring(0, full.indexOf("\"labels\"") + 30).getBytes(StandardCharsets.UTF_8);
        PayloadException e = assertThrows(PayloadException.class, () -> apps(cut));
        assertTrue(e.getMessage().contains("(in $.apps[0].labels"), e.getMessage());
    }
}
