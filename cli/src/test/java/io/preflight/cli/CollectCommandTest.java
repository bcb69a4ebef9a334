package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preflight.facts.collect.LiveCollector;
import io.preflight.facts.collect.SimulatedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect} and {@code check --inventory} against a simulated cluster over loopback (MockWebServer + MINA SSHD
 * nodes running the real probe, see {@link SimulatedCluster}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CollectCommandTest {
    @TempDir
    static Path tmp;
    private static SimulatedCluster cluster;
    private static Function<LiveCollector.Progress, LiveCollector> saved;

    @BeforeAll
    static void setUp() throws Exception {
        cluster = new SimulatedCluster(tmp);
        saved = Collecting.collectors;
        Collecting.collectors = cluster::collector;
    }

    @AfterAll
    static void tearDown() throws Exception {
        Collecting.collectors = saved;
        if (cluster != null) cluster.close();
    }

    @Test
    void collectThenCheckBundleJudgesTheSameFactsAsCheckInventory() throws Exception {
        Path out = tmp.resolve("out.tar.gz");
        CliRun collect = CliRun.of("collect", "--inventory", cluster.inventory().toString(), "--output", out.toString());
        assertEquals(0, collect.exit(), collect.err());
        assertEquals("collected sim: 4/5 nodes reported, " + problems(collect.out()) + " -> " + out + "\n",
                collect.out().replace("\r\n", "\n"));
        assertTrue(Files.isRegularFile(out));
        // not a terminal: plain progress lines on stderr, the last one complete
        assertTrue(collect.err().contains("preflight: probing nodes: 5/5 done, 1 failed"), collect.err());

        CliRun fromBundle = CliRun.of("check", "--bundle", out.toString(), "--format", "json");
        List<Path> before = tempDirs();
        CliRun live = CliRun.of("check", "--inventory", cluster.inventory().toString(), "--format", "json");
        assertEquals(before, tempDirs(), "the temporary bundle is deleted");

        assertEquals(1, fromBundle.exit(), fromBundle.err()); // NO-GO: a node did not answer, among others
        assertEquals(fromBundle.exit(), live.exit(), live.err());
        Set<String> a = findings(fromBundle.out());
        Set<String> b = findings(live.out());
        assertFalse(a.isEmpty());
        assertEquals(a, b);
        // the unreachable node is judged, not ignored
        assertTrue(a.stream().anyMatch(f -> f.endsWith(" " + SimulatedCluster.DEAD_AGENT)), a::toString);
    }

    @Test
    void checkInventoryAppliesWaiversLikeCheckBundle() throws Exception {
        // every blocker of the simulated cluster, waived (globs for the per-node ones): the live gate turns GO
        Path waivers = Files.writeString(tmp.resolve("waivers.yaml"), """
                waivers:
                  - {rule: COLLECT-UNVERIFIED, subject: "127.0.0.*", owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: CONFIG-INVALID, subject: "config.yaml(running)", owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: MASTER-COUNT-INVALID, subject: masters, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: MASTER-MISSING, subject: 127.0.0.6, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: NODE-DOCKER-UNHEALTHY, subject: 127.0.0.3, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: NODE-NTP-UNSYNCED, subject: 127.0.0.3, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: PLATFORM-UNSUPPORTED-TARGET, subject: "127.0.0.?", owner: sre, reason: lab, expires: 2026-12-31}
                """);
        JsonNode report = checkInventoryWithWaivers(waivers, 0);
        assertEquals("GO", report.get("verdict").asText());
        Set<String> waived = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("waived").asBoolean()) waived.add(f.get("ruleId").asText() + " " + f.get("subject").asText());
            if (f.get("severity").asText().equals("BLOCKER")) assertTrue(f.get("waived").asBoolean(), f.toString());
            assertFalse(f.get("ruleId").asText().startsWith("WAIVER-"), f.toString());
        }
        assertEquals(new TreeSet<>(List.of("COLLECT-UNVERIFIED 127.0.0.2", "COLLECT-UNVERIFIED 127.0.0.3",
                "COLLECT-UNVERIFIED 127.0.0.5", "COLLECT-UNVERIFIED 127.0.0.6", "CONFIG-INVALID config.yaml(running)",
                "MASTER-COUNT-INVALID masters", "MASTER-MISSING 127.0.0.6", "NODE-DOCKER-UNHEALTHY 127.0.0.3",
                "NODE-NTP-UNSYNCED 127.0.0.3", "PLATFORM-UNSUPPORTED-TARGET 127.0.0.2",
                "PLATFORM-UNSUPPORTED-TARGET 127.0.0.4", "PLATFORM-UNSUPPORTED-TARGET 127.0.0.6")), waived);
    }

    @Test
    void anUnreachableNodeAloneMakesCheckInventoryNoGo() throws Exception {
        // every blocker of the simulated cluster waived except the dead agent's: the collection failure must block
        Path waivers = Files.writeString(tmp.resolve("waivers-but-dead.yaml"), """
                waivers:
                  - {rule: COLLECT-UNVERIFIED, subject: 127.0.0.2, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: COLLECT-UNVERIFIED, subject: 127.0.0.3, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: COLLECT-UNVERIFIED, subject: 127.0.0.6, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: CONFIG-INVALID, subject: "config.yaml(running)", owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: MASTER-COUNT-INVALID, subject: masters, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: MASTER-MISSING, subject: 127.0.0.6, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: NODE-DOCKER-UNHEALTHY, subject: 127.0.0.3, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: NODE-NTP-UNSYNCED, subject: 127.0.0.3, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: PLATFORM-UNSUPPORTED-TARGET, subject: "127.0.0.?", owner: sre, reason: lab, expires: 2026-12-31}
                """);
        JsonNode report = checkInventoryWithWaivers(waivers, 1);
        assertEquals("NO_GO", report.get("verdict").asText());
        Set<String> blocking = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("severity").asText().equals("BLOCKER") && !f.get("waived").asBoolean()) {
                blocking.add(f.get("ruleId").asText() + " " + f.get("subject").asText());
            }
        }
        assertEquals(Set.of("COLLECT-UNVERIFIED " + SimulatedCluster.DEAD_AGENT), blocking);
    }

    /** {@code check --inventory} of the simulated cluster with {@code waivers}, on 2026-11-22: the JSON report. */
    private static JsonNode checkInventoryWithWaivers(Path waivers, int expectedExit) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = Main.run(new String[] {"check", "--inventory", cluster.inventory().toString(), "--waivers",
                waivers.toString(), "--format", "json"}, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true), java.time.Clock.fixed(java.time.Instant.parse("2026-11-22T12:00:00Z"),
                        java.time.ZoneOffset.UTC));
        assertEquals(expectedExit, exit, err.toString());
        return new ObjectMapper().readTree(out.toString());
    }

    // ------------------------------------------------------------------------------------------ secret digests

    private static final String HASH = io.preflight.facts.collect.ssh.SshTestNodes.PASSWORD_HASH;
    private static final String AWS = io.preflight.facts.collect.ssh.SshTestNodes.AWS_SECRET;
    private static final List<String> FORMATS = List.of("json", "text", "markdown", "html", "sarif", "junit");

    /**
     * The running config of the simulated masters as an operator would prepare it for the upgrade: the same values,
     * written differently (keys reordered, other quoting, a flow list), which must not count as a change.
     */
    private static String preparedConfig(String passwordHash) {
        return "aws_secret_access_key: \"" + AWS + "\"\n"
                + "superuser_password_hash: \"" + passwordHash + "\"\n"
                + "master_list: [" + SimulatedCluster.MASTER + ", " + SimulatedCluster.CONFIG_MASTER + "]\n"
                + "cluster_name: 'examplecluster'\n";
    }

    /** {@code check --bundle B --target-config T} in every report format: the findings on config.yaml keys. */
    private static Map<String, JsonNode> configKeyFindings(Path bundle, String target, String name) throws IOException {
        Path targetFile = Files.writeString(tmp.resolve(name + ".yaml"), target);
        List<String> args = new java.util.ArrayList<>(List.of("check", "--bundle", bundle.toString(), "--target-config",
                targetFile.toString()));
        for (String f : FORMATS) args.addAll(List.of("--format", f + "=" + tmp.resolve(name + "." + f)));
        CliRun check = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, check.exit(), check.err()); // the simulated cluster has blockers of its own
        for (String secret : List.of(HASH, AWS)) {
            assertNoSecret(check, secret);
            for (String f : FORMATS) {
                String report = Files.readString(tmp.resolve(name + "." + f));
                assertFalse(report.isBlank(), f);
                assertFalse(report.contains(secret), f + " report shows a secret");
                assertFalse(report.contains(io.preflight.facts.parse.SecretDigest.PREFIX), f + " report shows a digest");
                assertFalse(report.contains(io.preflight.facts.ConfigEntry.DIGESTED), f + " report shows a fingerprint");
            }
        }
        Map<String, JsonNode> byKey = new java.util.TreeMap<>();
        for (JsonNode f : new ObjectMapper().readTree(tmp.resolve(name + ".json").toFile()).get("findings")) {
            String subject = f.get("subject").asText();
            if (subject.startsWith("config.yaml:")) {
                JsonNode old = byKey.put(f.get("ruleId").asText() + " " + subject, f);
                assertEquals(null, old, "one finding per rule and key");
            }
        }
        return byKey;
    }

    @Test
    void aSecretOfTheRunningConfigIsComparedWithTheTargetWithoutBeingStoredOrShown() throws Exception {
        Path bundle = tmp.resolve("secret-bundle");
        CliRun collect = CliRun.of("collect", "--inventory", cluster.inventory().toString(), "--output",
                bundle.toString());
        assertEquals(0, collect.exit(), collect.err());
        for (String secret : List.of(HASH, AWS)) {
            assertNoSecret(collect, secret);
            assertNotInAnyFile(bundle, secret);
        }
        String running = Files.readString(bundle.resolve("cluster/config-running.yaml"));
        assertTrue(running.contains("superuser_password_hash: '" + io.preflight.facts.parse.SecretDigest.PREFIX),
                running);

        // unchanged (formatted differently): no finding on any key, neither unverified nor changed
        assertEquals(Map.of(), configKeyFindings(bundle, preparedConfig(HASH), "same"));

        // the password hash changed, the AWS key did not: exactly one change, both values shown masked
        Map<String, JsonNode> changed = configKeyFindings(bundle, preparedConfig(HASH.replace("Zs3", "Zs4")),
                "changed");
        assertEquals(Set.of("CONFIG-CHANGED-DURING-UPGRADE config.yaml:superuser_password_hash"), changed.keySet());
        JsonNode f = changed.values().iterator().next();
        assertEquals("BLOCKER", f.get("severity").asText());
        assertEquals("superuser_password_hash changes: running \"****\", target \"****\" (secret: values masked,"
                + " they differ)", f.get("message").asText());
        assertTrue(f.get("evidence").get("secret").asBoolean(), f.toString());

        // a bundle without digests (collect --no-secret-digests, or an older preflight): unverified, as before
        Path bare = tmp.resolve("bare-bundle");
        CliRun collectBare = CliRun.of("collect", "--inventory", cluster.inventory().toString(), "--output",
                bare.toString(), "--no-secret-digests");
        assertEquals(0, collectBare.exit(), collectBare.err());
        String bareRunning = Files.readString(bare.resolve("cluster/config-running.yaml"));
        assertFalse(bareRunning.contains(io.preflight.facts.parse.SecretDigest.PREFIX), bareRunning);
        for (String secret : List.of(HASH, AWS)) assertNotInAnyFile(bare, secret);
        assertEquals(Set.of("COLLECT-UNVERIFIED config.yaml:aws_secret_access_key",
                "COLLECT-UNVERIFIED config.yaml:superuser_password_hash"),
                configKeyFindings(bare, preparedConfig(HASH), "bare").keySet());
    }

    @Test
    void checkNeedsExactlyOneSource() {
        CliRun both = CliRun.of("check", "--bundle", tmp.toString(), "--inventory", cluster.inventory().toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        CliRun neither = CliRun.of("check");
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("--bundle") && neither.err().contains("--inventory"), neither.err());
    }

    @Test
    void aBadInventoryIsOneLineAndExit2() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "cluster:\n  name: x\n");
        for (String cmd : List.of("check", "collect")) {
            List<String> args = cmd.equals("check") ? List.of(cmd, "--inventory", bad.toString())
                    : List.of(cmd, "--inventory", bad.toString(), "--output", tmp.resolve("never").toString());
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exit(), run.err());
            assertEquals("preflight: " + bad + ": cluster.mesos is required (the URL of any master)\n",
                    run.err().replace("\r\n", "\n"));
            assertEquals("", run.out());
        }
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    // ------------------------------------------------------------------------------------------------ Ansible

    /** Never expected in any output, problem or bundle file. */
    private static final String PASSPHRASE = "cli passphrase #9 never-printed";
    private static final String BECOME = "become-secret-314";
    /** The cluster's own preflight inventory, judged once: {@code [exit, coverage, findings...]}. */
    private static Judged reference;

    private record Judged(int exit, String coverage, Set<String> findings) {
    }

    private static Judged judge(Path inventory, String... secrets) throws IOException {
        CliRun run = CliRun.of("check", "--inventory", inventory.toString(), "--format", "json");
        assertEquals(1, run.exit(), run.err()); // NO-GO: the dead agent (and more) blocks
        for (String s : secrets) assertNoSecret(run, s);
        JsonNode report = new ObjectMapper().readTree(run.out());
        return new Judged(run.exit(), report.get("coverage").toString(), findings(run.out()));
    }

    private static synchronized Judged reference() throws IOException {
        if (reference == null) reference = judge(cluster.inventory());
        return reference;
    }

    private static Path secretFile(String name, String content) throws IOException {
        Path f = Files.writeString(tmp.resolve(name), content);
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    @Test
    void anAnsibleIniInventoryWithAnEncryptedKeyCollectsAndJudgesLikeThePreflightInventory() throws Exception {
        Path key = cluster.encryptedClientKey(tmp.resolve("ini_key"), PASSPHRASE);
        Path pass = secretFile("ini.pass", PASSPHRASE + "\n");
        List<String> lines = new java.util.ArrayList<>(List.of(
                "# the site's own inventory",
                "[masters]",
                "master-1 ansible_host=" + SimulatedCluster.MASTER,
                "[agents]",
                SimulatedCluster.AGENT,
                "[dcos:children]",
                "masters",
                "agents",
                "[dcos:vars]",
                "ansible_become=yes",
                "ansible_become_pass=" + BECOME,
                "[all:vars]"));
        lines.addAll(cluster.ansibleVars(key));
        lines.add("preflight_ssh_key_passphrase_file=" + pass);
        Path ini = Files.writeString(tmp.resolve("hosts.ini"), String.join("\n", lines) + "\n");

        Path bundle = tmp.resolve("ini-bundle");
        CliRun collect = CliRun.of("collect", "--inventory", ini.toString(), "--output", bundle.toString());
        assertEquals(0, collect.exit(), collect.err());
        Path yamlBundle = tmp.resolve("yaml-bundle");
        CliRun yaml = CliRun.of("collect", "--inventory", cluster.inventory().toString(), "--output",
                yamlBundle.toString());
        assertEquals(yaml.out().replace(yamlBundle.toString(), "BUNDLE"), collect.out().replace(bundle.toString(),
                "BUNDLE"), "same nodes and problems as the preflight inventory");
        assertTrue(collect.out().startsWith("collected sim: 4/5 nodes reported, "), collect.out());
        assertTrue(collect.err().contains("preflight: warning: " + ini + ":11: ansible_become_pass ignored: preflight "
                + "takes no password from an inventory"), collect.err());
        assertNoSecret(collect, PASSPHRASE);
        assertNoSecret(collect, BECOME);
        assertNotInAnyFile(bundle, PASSPHRASE);
        assertNotInAnyFile(bundle, BECOME);

        Judged live = judge(ini, PASSPHRASE, BECOME);
        assertEquals(reference(), live);
        assertTrue(live.findings().stream().anyMatch(f -> f.endsWith(" " + SimulatedCluster.DEAD_AGENT)),
                live.findings()::toString);
    }

    @Test
    void anAnsibleYamlInventoryCollectsAndJudgesLikeThePreflightInventory() throws Exception {
        StringBuilder y = new StringBuilder("all:\n  vars:\n");
        for (String v : cluster.ansibleVars(cluster.clientKeyFile())) {
            int eq = v.indexOf('=');
            y.append("    ").append(v, 0, eq).append(": '").append(v.substring(eq + 1)).append("'\n");
        }
        y.append("  children:\n")
                .append("    masters:\n      hosts:\n        master-1:\n          ansible_host: ")
                .append(SimulatedCluster.MASTER).append('\n')
                .append("    agents:\n      children:\n        agent_public:\n          hosts:\n            ")
                .append(SimulatedCluster.PUBLIC_AGENT).append(":\n");
        Path inventory = Files.writeString(tmp.resolve("inventory.yml"), y.toString());
        Judged live = judge(inventory);
        assertEquals(reference(), live);
    }

    @Test
    void aWrongPassphraseIsOneWarningAndEveryNodeUnverified() throws Exception {
        Path key = cluster.encryptedClientKey(tmp.resolve("wrong_key"), PASSPHRASE);
        String wrong = "wrong-passphrase-271";
        Path pass = secretFile("wrong.pass", wrong);
        List<String> lines = new java.util.ArrayList<>(List.of("[masters]", SimulatedCluster.MASTER, "[all:vars]"));
        lines.addAll(cluster.ansibleVars(key));
        lines.add("preflight_ssh_key_passphrase_file=" + pass);
        Path ini = Files.writeString(tmp.resolve("wrong.ini"), String.join("\n", lines) + "\n");

        Path bundle = tmp.resolve("wrong-bundle");
        CliRun collect = CliRun.of("collect", "--inventory", ini.toString(), "--output", bundle.toString());
        assertEquals(0, collect.exit(), "a bundle is still written: " + collect.err());
        String warning = "preflight: warning: cannot decrypt the private key " + key + ": wrong passphrase? (passphrase "
                + "file " + pass + ") (every node's probe fails with it)\n";
        String err = collect.err().replace("\r\n", "\n");
        assertEquals(1, err.split(java.util.regex.Pattern.quote(warning), -1).length - 1, err);
        assertFalse(err.contains("Exception"), err);
        assertTrue(collect.out().startsWith("collected sim: 0/4 nodes reported, "), collect.out());
        assertNoSecret(collect, wrong);
        assertNoSecret(collect, PASSPHRASE);
        assertNotInAnyFile(bundle, wrong);

        CliRun check = CliRun.of("check", "--inventory", ini.toString(), "--format", "json");
        assertEquals(1, check.exit(), check.err());
        Set<String> f = findings(check.out());
        for (String node : List.of(SimulatedCluster.MASTER, SimulatedCluster.AGENT, SimulatedCluster.PUBLIC_AGENT)) {
            assertTrue(f.contains("COLLECT-UNVERIFIED " + node), f::toString);
        }
        assertNoSecret(check, wrong);
    }

    @Test
    void aBadAnsibleInventoryIsOneLineAndExit2() throws IOException {
        Path ini = Files.writeString(tmp.resolve("typo.ini"), "[masters]\n10.0.0.1\n[all:vars]\n"
                + "preflight_mesos=http://10.0.0.1:5050\n");
        CliRun run = CliRun.of("collect", "--inventory", ini.toString(), "--output", tmp.resolve("never2").toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("preflight: " + ini + ":4: unknown variable preflight_mesos (preflight's own: "
                + "preflight_cluster_name, preflight_mesos_url, preflight_marathon_url, preflight_exhibitor_url, "
                + "preflight_token_file, preflight_ca_file, preflight_known_hosts, preflight_ssh_concurrency, "
                + "preflight_ssh_timeout, preflight_ssh_key_passphrase_file)\n", run.err().replace("\r\n", "\n"));
        assertEquals("", run.out());
        Path users = Files.writeString(tmp.resolve("users.ini"), "[masters]\n10.0.0.1 ansible_user=centos\n"
                + "[agents]\n10.0.1.1 ansible_user=core\n");
        CliRun check = CliRun.of("check", "--inventory", users.toString());
        assertEquals(2, check.exit(), check.err());
        assertTrue(check.err().startsWith("preflight: " + users + ":4: ansible_user 'core' for 10.0.1.1 differs"),
                check.err());
        assertEquals(1, check.err().strip().lines().count(), check.err());
    }

    private static void assertNoSecret(CliRun run, String secret) {
        assertFalse(run.out().contains(secret), "stdout shows a secret");
        assertFalse(run.err().contains(secret), "stderr shows a secret");
    }

    private static void assertNotInAnyFile(Path dir, String secret) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
                    f::toString);
        }
    }

    @Test
    void onATerminalProgressIsOneSelfUpdatingLine() {
        java.io.StringWriter w = new java.io.StringWriter();
        Collecting.ProgressLine p = new Collecting.ProgressLine(new java.io.PrintWriter(w), true);
        p.nodes(0, 0, 40);
        p.nodes(12, 1, 40);
        p.finish();
        assertEquals("\rprobing nodes: 0/40 done, 0 failed   \rprobing nodes: 12/40 done, 1 failed   "
                + System.lineSeparator(), w.toString());
    }

    private static String problems(String out) {
        return out.replaceFirst("(?s).*reported, (\\d+ problems?).*", "$1");
    }

    private static Set<String> findings(String json) throws IOException {
        JsonNode report = new ObjectMapper().readTree(json);
        Set<String> s = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            s.add(f.get("ruleId").asText() + " " + f.get("subject").asText());
        }
        return s;
    }

    private static List<Path> tempDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("preflight-check-")).sorted().toList();
        }
    }
}
