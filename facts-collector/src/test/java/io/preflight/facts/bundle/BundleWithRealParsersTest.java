package io.preflight.facts.bundle;

import static io.preflight.facts.bundle.BundleSamples.T0;
import static io.preflight.facts.bundle.BundleSamples.T1;
import static io.preflight.facts.bundle.BundleSamples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.ClusterNode;
import io.preflight.facts.ConfigEntry;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosFlags;
import io.preflight.facts.MesosVersion;
import io.preflight.facts.Role;
import io.preflight.facts.RoleFiles;
import io.preflight.facts.parse.PayloadKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public {@link BundleReader#read(Path)} with the real {@code Payloads.parse}: a bundle written by
 * {@link BundleWriter} reads back into the facts the rules use, with each payload's recorded source.
 */
class BundleWithRealParsersTest {
    @TempDir
    Path tmp;

    private static final String HASH = BundleMaskingTest.PASSWORD_HASH;

    private Path write(String name) throws Exception {
        Manifest m = Manifest.of(new Manifest.Tool("preflight", "0.1.0"), T0,
                new Manifest.Cluster("prod-east", "http://10.0.0.1:5050", null, null),
                List.of(new Manifest.Node("10.0.0.1", Role.MASTER, "master_list,mesos"),
                        new Manifest.Node("10.0.0.7", Role.AGENT, "mesos")),
                List.of(Manifest.Payload.of(PayloadKind.MESOS_VERSION, "10.0.0.1", "http://10.0.0.1:5050/version", T0),
                        Manifest.Payload.of(PayloadKind.MESOS_FLAGS, "10.0.0.1", "http://10.0.0.1:5050/flags", T0),
                        Manifest.Payload.of(PayloadKind.NODE_PROBE, "10.0.0.7", "ssh://10.0.0.7:22", T1),
                        Manifest.Payload.of(PayloadKind.CONFIG_RUNNING, "prod-east",
                                "ssh://10.0.0.1:22/opt/mesosphere/etc/user.config.yaml", T1)),
                List.of());
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("nodes/10.0.0.1/mesos-version.json", utf8("{\"build_date\":\"2020-02-06 17:10:09\",\"build_time\":"
                + "1581009009.0,\"build_user\":\"\",\"git_sha\":\"d8f627f1\",\"git_tag\":\"1.9.1\",\"version\":\"1.9.1\"}"));
        bodies.put("nodes/10.0.0.1/mesos-flags.json", utf8("{\"flags\":{\"work_dir\":\"/var/lib/mesos/master\","
                + "\"quorum\":\"2\",\"zk\":\"zk://zk-1.zk:2181/mesos\"}}"));
        bodies.put("nodes/10.0.0.7/probe.txt", utf8("""
                ### preflight-probe v1 host=10.0.0.7
                ### section roles rc=0
                slave
                ### end
                """));
        bodies.put("cluster/config-running.yaml", utf8("cluster_name: prod-east\nmaster_list:\n- 10.0.0.1\n"
                + "superuser_password_hash: '" + HASH + "'\n"));
        Path target = tmp.resolve(name);
        BundleWriter.write(target, m, bodies);
        return target;
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod-east", "prod-east.tar.gz"})
    void readsTheFactsTheRulesUse(String name) throws Exception {
        List<Fact> facts = BundleReader.read(write(name)).facts();

        assertTrue(facts.contains(new ClusterNode("10.0.0.1", "bundle:manifest.json", Role.MASTER, "master_list,mesos")));
        assertTrue(facts.stream().anyMatch(f -> f instanceof MesosVersion v && v.subject().equals("10.0.0.1")
                && v.version().equals("1.9.1") && v.source().equals("http://10.0.0.1:5050/version")), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f instanceof MesosFlags fl && fl.subject().equals("10.0.0.1")
                && "/var/lib/mesos/master".equals(fl.flag("work_dir"))
                && fl.source().equals("http://10.0.0.1:5050/flags")), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f instanceof RoleFiles r && r.subject().equals("10.0.0.7")
                && r.roles().equals(List.of("slave"))), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f instanceof ConfigEntry c && c.key().equals("cluster_name")
                && c.value().contains("prod-east")), facts.toString());
        assertTrue(facts.stream().anyMatch(f -> f instanceof ConfigEntry c && c.key().equals("superuser_password_hash")
                && c.secret()), facts.toString());
        assertFalse(facts.toString().contains(HASH), "the password hash was masked on write");
    }

    @Test
    void malformedPayloadIsReportedWithTheFileAndTheParsersPlace() throws Exception {
        Path b = write("b");
        Files.writeString(b.resolve("nodes/10.0.0.1/mesos-flags.json"), "{\n  \"flags\": {\n    \"quorum\": ");
        BundleException e = assertThrows(BundleException.class, () -> BundleReader.read(b));
        String m = e.getMessage();
        assertTrue(m.startsWith(b + "/nodes/10.0.0.1/mesos-flags.json: "), m);
        assertTrue(m.contains("line 3"), m);
        assertFalse(m.contains("\n"), m);
        assertEquals(-1, m.indexOf("UnsupportedOperationException"), m);
    }
}
