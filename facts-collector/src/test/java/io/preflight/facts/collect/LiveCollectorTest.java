package io.preflight.facts.collect;

import static io.preflight.facts.collect.SimulatedCluster.AGENT;
import static io.preflight.facts.collect.SimulatedCluster.CONFIG_MASTER;
import static io.preflight.facts.collect.SimulatedCluster.DEAD_AGENT;
import static io.preflight.facts.collect.SimulatedCluster.MASTER;
import static io.preflight.facts.collect.SimulatedCluster.PUBLIC_AGENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.ClusterNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.DcosConfig;
import io.preflight.facts.DcosInstall;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosAgent;
import io.preflight.facts.Role;
import io.preflight.facts.RoleFiles;
import io.preflight.facts.bundle.Bundle;
import io.preflight.facts.bundle.BundleReader;
import io.preflight.facts.bundle.Manifest;
import io.preflight.facts.collect.ssh.KeyPassphrase;
import io.preflight.facts.input.InputFileException;
import io.preflight.facts.input.Inventory;
import io.preflight.facts.parse.PayloadKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LiveCollector} end to end over loopback: real HTTP (MockWebServer with real Mesos/Marathon/Exhibitor
 * payloads), real SSH (MINA SSHD servers on 127.0.0.2..6 running the real probe script), the bundle written and
 * read back with {@link BundleReader}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LiveCollectorTest {
    @TempDir
    static Path tmp;
    private static SimulatedCluster cluster;

    @BeforeAll
    static void setUp() throws Exception {
        cluster = new SimulatedCluster(tmp);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (cluster != null) cluster.close();
    }

    @Test
    void collectsTheWholeClusterAndTheBundleReadsBack() throws Exception {
        List<int[]> progress = new CopyOnWriteArrayList<>();
        LiveCollector.Collected c = cluster.collector((d, f, t) -> progress.add(new int[] {d, f, t}))
                .collect(Inventory.read(cluster.inventory()));
        Manifest m = c.manifest();

        // nodes: inventory ∪ Mesos/Exhibitor ∪ master_list, merged by host
        Map<String, Manifest.Node> nodes = m.nodes().stream().collect(Collectors.toMap(Manifest.Node::host,
                Function.identity()));
        assertEquals(Set.of(MASTER, AGENT, PUBLIC_AGENT, DEAD_AGENT, CONFIG_MASTER), nodes.keySet(), nodes::toString);
        assertEquals(Role.MASTER, nodes.get(MASTER).role());
        assertTrue(nodes.get(MASTER).seenBy().startsWith("inventory,"), nodes.get(MASTER).seenBy());
        assertTrue(nodes.get(MASTER).seenBy().contains("mesos"), nodes.get(MASTER).seenBy());
        assertEquals(Role.AGENT, nodes.get(AGENT).role());
        assertEquals(Role.AGENT_PUBLIC, nodes.get(PUBLIC_AGENT).role());
        assertEquals(Role.AGENT_PUBLIC, nodes.get(DEAD_AGENT).role());
        assertEquals(new Manifest.Node(CONFIG_MASTER, Role.MASTER, "master_list"), nodes.get(CONFIG_MASTER));

        // the unreachable node is one SSH problem; everyone else was probed
        List<Manifest.Problem> ssh = m.problems().stream().filter(p -> p.what().equals("ssh-probe")).toList();
        assertEquals(1, ssh.size(), m.problems()::toString);
        assertEquals(DEAD_AGENT, ssh.get(0).subject());
        assertEquals(CollectionProblem.Kind.UNREACHABLE, ssh.get(0).kind(), ssh.get(0).detail());
        assertEquals(4, c.nodesReported());
        assertEquals(Set.of(MASTER, AGENT, PUBLIC_AGENT, CONFIG_MASTER), m.payloads().stream()
                .filter(p -> p.kind() == PayloadKind.NODE_PROBE).map(Manifest.Payload::subject)
                .collect(Collectors.toSet()));
        // HTTP: the dead agent's Mesos endpoints are not served (404) -> HTTP problems, nothing else failed
        assertTrue(m.problems().stream().allMatch(p -> p.subject().equals(DEAD_AGENT)), m.problems()::toString);

        // the running config comes from a master probe's user-config section
        Manifest.Payload cfg = m.payloads().stream().filter(p -> p.kind() == PayloadKind.CONFIG_RUNNING).findFirst()
                .orElseThrow();
        assertEquals("cluster/config-running.yaml", cfg.file());
        String cfgText = new String(c.bodies().get(cfg.file()), StandardCharsets.UTF_8);
        assertTrue(cfgText.startsWith("cluster_name: examplecluster\n"), cfgText);
        assertTrue(cfgText.contains("- " + CONFIG_MASTER + "\n"), cfgText);
        assertEquals(new Manifest.Tool("preflight", "0.1.0"), m.tool());
        assertEquals("sim", m.cluster().name());

        // progress: monotone, ends with every node done and the dead one failed
        int[] last = progress.get(progress.size() - 1);
        assertEquals(5, last[0]);
        assertEquals(1, last[1]);
        assertEquals(5, last[2]);

        // write, read back: the facts the rules see
        Path dir = tmp.resolve("bundle");
        c.write(dir);
        Bundle b = BundleReader.read(dir);
        List<Fact> facts = b.facts();
        Map<String, Role> clusterNodes = all(facts, ClusterNode.class).stream().collect(Collectors.toMap(
                ClusterNode::subject, ClusterNode::role));
        assertEquals(Map.of(MASTER, Role.MASTER, AGENT, Role.AGENT, PUBLIC_AGENT, Role.AGENT_PUBLIC,
                DEAD_AGENT, Role.AGENT_PUBLIC, CONFIG_MASTER, Role.MASTER), clusterNodes);
        Map<String, List<String>> roles = all(facts, RoleFiles.class).stream().collect(Collectors.toMap(
                RoleFiles::subject, RoleFiles::roles));
        assertEquals(Set.of(MASTER, AGENT, PUBLIC_AGENT, CONFIG_MASTER), roles.keySet());
        assertEquals(List.of("master"), roles.get(MASTER));
        assertEquals(List.of("slave"), roles.get(AGENT));
        assertEquals(List.of("slave_public"), roles.get(PUBLIC_AGENT));
        List<DcosInstall> installs = all(facts, DcosInstall.class);
        assertEquals(4, installs.size());
        assertTrue(installs.stream().allMatch(i -> i.version().equals("2.0.6")), installs::toString);
        Set<String> agents = all(facts, MesosAgent.class).stream().map(MesosAgent::subject).collect(Collectors.toSet());
        assertEquals(Set.of(AGENT, PUBLIC_AGENT, DEAD_AGENT), agents);
        List<DcosConfig> configs = all(facts, DcosConfig.class);
        assertFalse(configs.isEmpty(), "the running config is read");
        assertTrue(configs.stream().allMatch(d -> d.parseError() == null), configs::toString);
        assertTrue(all(facts, CollectionProblem.class).stream().anyMatch(p -> p.subject().equals(DEAD_AGENT)
                && p.kind() == CollectionProblem.Kind.UNREACHABLE));

        // the same as a .tar.gz
        Path tgz = tmp.resolve("bundle.tar.gz");
        c.write(tgz);
        assertTrue(Files.isRegularFile(tgz));
        assertEquals(c.manifest().payloads().stream().map(Manifest.Payload::file).toList(),
                BundleReader.read(tgz).manifest().payloads().stream().map(Manifest.Payload::file).toList());
        assertEquals(c.manifest().problems().size(), BundleReader.read(tgz).manifest().problems().size());
    }

    @Test
    void aMissingTokenFileIsAnInputError() throws Exception {
        Path inv = Files.writeString(tmp.resolve("bad-token.yaml"), Files.readString(cluster.inventory())
                .replaceFirst("token_file: .*", "token_file: " + tmp.resolve("no-such-token")));
        InputFileException e = assertThrows(InputFileException.class,
                () -> cluster.collector(null).collect(Inventory.read(inv)));
        assertTrue(e.getMessage().contains("token_file"), e.getMessage());
    }

    private static final String PASSPHRASE = "live passphrase 42%";

    /** An Ansible INI inventory of the simulated cluster: preflight_* endpoints, the key and port as Ansible names. */
    private static Path ansibleInventory(String name, Path key, String extra) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "[masters]",
                "master-1 ansible_host=" + MASTER,
                "[agents]",
                AGENT,
                "[all:vars]"));
        lines.addAll(cluster.ansibleVars(key));
        lines.add(extra);
        lines.add("");
        return Files.writeString(tmp.resolve(name), String.join("\n", lines));
    }

    @Test
    void anAnsibleInventoryWithAnEncryptedKeyAndThePassphraseInTheEnvironmentCollectsEveryNode() throws Exception {
        Path key = cluster.encryptedClientKey(tmp.resolve("env_key"), PASSPHRASE);
        Inventory inv = Inventory.read(ansibleInventory("env.ini", key, ""));
        List<String> warnings = new CopyOnWriteArrayList<>();
        LiveCollector.Collected c = cluster.collector(recording(warnings))
                .withEnvironment(Map.of(KeyPassphrase.ENV, PASSPHRASE)).collect(inv);
        assertEquals(List.of(), warnings);
        assertEquals(4, c.nodesReported(), c.manifest().problems()::toString);
        assertEquals(Set.of(MASTER, AGENT, PUBLIC_AGENT, DEAD_AGENT, CONFIG_MASTER), c.manifest().nodes().stream()
                .map(Manifest.Node::host).collect(Collectors.toSet()));
        Path dir = tmp.resolve("env-bundle");
        c.write(dir);
        assertNotInAnyFile(dir, PASSPHRASE);
    }

    @Test
    void aWrongPassphraseIsWarnedOnceAndEveryNodeIsAnAuthProblem() throws Exception {
        Path key = cluster.encryptedClientKey(tmp.resolve("wrong_key"), PASSPHRASE);
        String wrong = "not the passphrase 17";
        Path pass = Files.writeString(tmp.resolve("wrong.pass"), wrong + "\n");
        Files.setPosixFilePermissions(pass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Inventory inv = Inventory.read(ansibleInventory("wrong.ini", key, "preflight_ssh_key_passphrase_file=" + pass));
        List<String> warnings = new CopyOnWriteArrayList<>();
        // the inventory's passphrase file wins over the environment
        LiveCollector.Collected c = cluster.collector(recording(warnings))
                .withEnvironment(Map.of(KeyPassphrase.ENV, PASSPHRASE)).collect(inv);
        String why = "cannot decrypt the private key " + key + ": wrong passphrase? (passphrase file " + pass + ")";
        assertEquals(List.of(why + " (every node's probe fails with it)"), warnings);
        List<Manifest.Problem> ssh = c.manifest().problems().stream().filter(p -> p.what().equals("ssh-probe"))
                .toList();
        assertEquals(Set.of(MASTER, AGENT, PUBLIC_AGENT, DEAD_AGENT), ssh.stream().map(Manifest.Problem::subject)
                .collect(Collectors.toSet()), "without a probe the running config's extra master stays unknown");
        assertTrue(ssh.stream().allMatch(p -> p.kind() == CollectionProblem.Kind.AUTH && p.detail().equals(why)),
                ssh::toString);
        assertEquals(0, c.nodesReported());
        Path dir = tmp.resolve("wrong-bundle");
        c.write(dir);
        assertNotInAnyFile(dir, wrong);
        assertNotInAnyFile(dir, PASSPHRASE);
    }

    private static LiveCollector.Progress recording(List<String> warnings) {
        return new LiveCollector.Progress() {
            @Override
            public void nodes(int done, int failed, int total) {
            }

            @Override
            public void warning(String line) {
                warnings.add(line);
            }
        };
    }

    static void assertNotInAnyFile(Path dir, String secret) throws Exception {
        List<Path> files;
        try (var s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret), f::toString);
        }
    }

    private static <T> List<T> all(List<Fact> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
