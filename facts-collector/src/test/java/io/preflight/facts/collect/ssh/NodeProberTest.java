package io.preflight.facts.collect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.DiskSpace;
import io.preflight.facts.DockerDaemon;
import io.preflight.facts.ExhibitorProcess;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosFlagSetting;
import io.preflight.facts.OsRelease;
import io.preflight.facts.Role;
import io.preflight.facts.RoleFiles;
import io.preflight.facts.TimeSync;
import io.preflight.facts.ZooKeeperState;
import io.preflight.facts.collect.ssh.NodeProber.Node;
import io.preflight.facts.collect.ssh.NodeProber.ProbeResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import io.preflight.facts.synthetic.ShellCommand;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH probe end to end: the real probe script, sent over a real SSH connection (MINA SSHD client against an
 * in-process MINA SSHD server on 127.0.0.1) and run by /bin/sh against a fixture tree per node, with fake
 * docker / chronyc / df on PATH; then parsed with the real parser.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeProberTest {
    private static final Path FIXTURES = Paths.get("src/test/resources/fixtures/node-facts");
    /** The only programs the probe finds besides the fakes (the machine's own timedatectl, docker... stay out). */
    private static final List<String> BASE_TOOLS = List.of("sh", "cat", "ls", "sed", "uname", "tr", "wc", "stat",
            "date", "head", "sleep", "timeout", "find");

    @TempDir
    static Path tmp;
    private static KeyPair hostKey;
    private static KeyPair clientKey;
    /** A second client identity the servers accept: Ed25519, ssh-keygen's default type. */
    private static KeyPair edClientKey;
    private static Path clientKeyFile;
    private static Path baseBin;
    private static final List<SshServer> servers = new ArrayList<>();
    /** Every command the servers started, with its command line. */
    private static final List<Map.Entry<String, Process>> started = new CopyOnWriteArrayList<>();
    private static SshServer master;
    private static SshServer agent;
    private static SshServer publicAgent;
    private static SshServer hanging;
    /** Prints no probe document, only an error line that carries a password. */
    private static SshServer failing;
    private static Path knownHosts;

    @BeforeAll
    static void setUp() throws Exception {
        hostKey = SshTestNodes.ecKeyPair();
        clientKey = SshTestNodes.ecKeyPair();
        edClientKey = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA).generateKeyPair();
        clientKeyFile = writePrivateKey(clientKey, "client_key");
        baseBin = Files.createDirectories(tmp.resolve("base-bin"));
        for (String tool : BASE_TOOLS) {
            // a wrapper, not a symlink: JUnit warns about links leaving the temp dir
            Path w = baseBin.resolve(tool);
            Files.writeString(w, "#!/bin/sh\nexec " + SshTestNodes.which(tool) + " \"$@\"\n");
            Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        master = startServer(centosMaster(), null);
        agent = startServer(rhelAgent(), null);
        publicAgent = startServer(coreosPublicAgent(), null);
        hanging = startServer(centosMaster(), "sleep 30");
        failing = startServer(centosMaster(),
                "echo 'mesos: cannot reach zk://admin:hunter2@zk-1:2181/mesos' >&2; exit 3");
        StringBuilder kh = new StringBuilder("# test known_hosts\n");
        for (SshServer s : servers) kh.append(knownHostsLine(s.getPort(), hostKey.getPublic()));
        knownHosts = Files.writeString(tmp.resolve("known_hosts"), kh.toString());
    }

    @AfterAll
    static void tearDown() throws IOException {
        for (SshServer s : servers) s.stop(true);
        for (Map.Entry<String, Process> e : started) {
            Process p = e.getValue();
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------- facts from healthy and degraded nodes

    @Test
    void probesThreeNodesConcurrentlyAndTheDocumentsParse() {
        SshSettings settings = SshSettings.of("core", clientKeyFile, knownHosts).withConcurrency(2);
        Node m = node(master);
        Node a = node(agent);
        Node p = node(publicAgent);
        Map<Node, ProbeResult> results;
        try (NodeProber prober = new NodeProber(settings)) {
            results = prober.probeAll(List.of(m, a, p));
        }
        assertEquals(List.of(m, a, p), List.copyOf(results.keySet()));

        // CentOS 7 master: chrony synced, docker up, every master section present, no gap
        List<Fact> mf = facts(results.get(m), Role.MASTER);
        assertEquals(Role.MASTER, one(mf, RoleFiles.class).role());
        assertEquals("CentOS 7.1", one(mf, OsRelease.class).platform());
        TimeSync mt = one(mf, TimeSync.class);
        assertTrue(mt.synced());
        assertEquals("chrony", mt.tool());
        DockerDaemon md = one(mf, DockerDaemon.class);
        assertTrue(md.answering());
        assertEquals("17.03.0-ce", md.serverVersion());
        ZooKeeperState zk = one(mf, ZooKeeperState.class);
        assertEquals("/var/lib/dcos/exhibitor/zookeeper", zk.dataDir());
        assertEquals("/var/tmp/zookeeper.tar", zk.backupPath());
        assertNotNull(zk.backupAgeSeconds());
        assertTrue(zk.backupAgeSeconds() >= 3500 && zk.backupAgeSeconds() < 4000, "age " + zk.backupAgeSeconds());
        assertEquals(5, one(mf, ExhibitorProcess.class).openFds());
        assertEquals(List.of("/opt/mesosphere", "/var/lib", "/tmp"),
                all(mf, DiskSpace.class).stream().map(DiskSpace::mount).toList());
        assertTrue(all(mf, MesosFlagSetting.class).stream().anyMatch(f -> "MESOS_QUORUM".equals(f.envVar())));
        String mdoc = new String(results.get(m).output(), StandardCharsets.UTF_8);
        assertTrue(mdoc.contains("\n\\### a comment that looks like a section\n"), "body lines are escaped");
        assertTrue(mdoc.contains("### section user-config rc=0\n"), mdoc);
        assertTrue(mdoc.contains("### section env-file rc=0 path=/opt/mesosphere/etc/mesos-master\n"));

        // RHEL 7.7 agent: chrony not synchronised, docker daemon down
        List<Fact> af = facts(results.get(a), Role.AGENT);
        assertEquals(Role.AGENT, one(af, RoleFiles.class).role());
        assertEquals("RHEL 7.7", one(af, OsRelease.class).platform());
        assertFalse(one(af, TimeSync.class).synced());
        DockerDaemon ad = one(af, DockerDaemon.class);
        assertTrue(ad.installed());
        assertFalse(ad.answering());
        assertTrue(all(af, ZooKeeperState.class).isEmpty());
        String adoc = new String(results.get(a).output(), StandardCharsets.UTF_8);
        assertFalse(adoc.contains("section zookeeper"), "masters only");
        assertTrue(adoc.contains("path=/opt/mesosphere/etc/mesos-slave-common"));

        // CoreOS public agent (os-release via the /usr/lib symlink): chronyd down, docker EE up
        List<Fact> pf = facts(results.get(p), Role.AGENT_PUBLIC);
        assertEquals(Role.AGENT_PUBLIC, one(pf, RoleFiles.class).role());
        assertEquals("CoreOS 1911.5.0", one(pf, OsRelease.class).platform());
        TimeSync pt = one(pf, TimeSync.class);
        assertFalse(pt.synced());
        assertTrue(pt.detail().contains("not running"), pt.detail());
        assertTrue(one(pf, DockerDaemon.class).answering());
    }

    // ---------------------------------------------------------------- faults

    @Test
    void wrongClientKeyIsAnAuthProblem() throws Exception {
        Path other = writePrivateKey(SshTestNodes.ecKeyPair(), "other_key");
        CollectionProblem p = problemOf(SshSettings.of("core", other, knownHosts), node(master));
        assertEquals(CollectionProblem.Kind.AUTH, p.kind(), p.detail());
    }

    @Test
    void aNodeThatPrintsNoDocumentIsOneProblemQuotingItsErrorWithTheSecretMasked() {
        ProbeResult r;
        try (NodeProber prober = new NodeProber(SshSettings.of("core", clientKeyFile, knownHosts))) {
            r = prober.probe(node(failing));
        }
        assertFalse(r.ok());
        CollectionProblem p = r.problem();
        assertEquals(CollectionProblem.Kind.OTHER, p.kind());
        assertTrue(p.detail().startsWith("'sh -s' on 127.0.0.1:" + failing.getPort() + " printed no probe document"
                + " (exit 3: mesos: cannot reach zk://"), p.detail());
        assertFalse(p.detail().contains("hunter2"), p.detail());
        assertFalse(p.detail().contains("\n"), "one line: " + p.detail());
    }

    @Test
    void changedHostKeyIsRefused() throws Exception {
        Path kh = Files.writeString(tmp.resolve("known_hosts_changed"),
                knownHostsLine(master.getPort(), SshTestNodes.ecKeyPair().getPublic()));
        CollectionProblem p = problemOf(SshSettings.of("core", clientKeyFile, kh), node(master));
        assertEquals(CollectionProblem.Kind.HOST_KEY, p.kind(), p.detail());
        assertTrue(p.detail().startsWith("host key changed"), p.detail());
        // the file is left alone
        assertFalse(Files.readString(kh).contains(PublicKeyEntry.toString(hostKey.getPublic())));
    }

    @Test
    void unknownHostIsRefused() throws Exception {
        Path kh = Files.writeString(tmp.resolve("known_hosts_empty"), "");
        CollectionProblem p = problemOf(SshSettings.of("core", clientKeyFile, kh), node(master));
        assertEquals(CollectionProblem.Kind.HOST_KEY, p.kind(), p.detail());
        assertTrue(p.detail().startsWith("unknown host key"), p.detail());
        assertEquals("", Files.readString(kh), "never added to known_hosts");
    }

    @Test
    void connectionRefusedIsUnreachable() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CollectionProblem p = problemOf(SshSettings.of("core", clientKeyFile, knownHosts),
                new Node("127.0.0.1", closed));
        assertEquals(CollectionProblem.Kind.UNREACHABLE, p.kind(), p.detail());
    }

    @Test
    void hungCommandTimesOutAndIsKilledWhileOtherNodesSucceed() {
        SshSettings settings = SshSettings.of("core", clientKeyFile, knownHosts).withTimeout(Duration.ofSeconds(1));
        int before = started.size();
        long t0 = System.nanoTime();
        Map<Node, ProbeResult> results;
        List<ProbeResult> reported = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (NodeProber prober = new NodeProber(settings)) {
            results = prober.probeAll(List.of(node(hanging), node(agent)), reported::add);
        }
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        // each node reported to the listener once, as it finished: the quick agent before the hung node
        assertEquals(List.of(results.get(node(agent)), results.get(node(hanging))), reported);
        ProbeResult hung = results.get(node(hanging));
        assertNotNull(hung.problem());
        assertEquals(CollectionProblem.Kind.TIMEOUT, hung.problem().kind(), hung.problem().detail());
        assertTrue(ms < 6000, "took " + ms + " ms");
        assertTrue(results.get(node(agent)).ok(), () -> String.valueOf(results.get(node(agent)).problem()));
        // the server-side `sleep 30` was killed when the channel closed
        Process sleeper = started.subList(before, started.size()).stream()
                .filter(e -> e.getKey().equals("sleep 30")).map(Map.Entry::getValue)
                .findFirst().orElseThrow();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sleeper.isAlive() && System.nanoTime() < until) sleep(50);
        assertFalse(sleeper.isAlive(), "the hung command is still running");
    }

    // ---------------------------------------------------------------- passphrase-protected keys

    /** Never expected in any problem, warning or output. */
    private static final String PASSPHRASE = "correct horse 7! battery";
    private static final String WRONG = "incorrect donkey 9?";

    @Test
    void anEncryptedKeyWithTheRightPassphraseFromAFileOrTheEnvironmentProbes() throws Exception {
        Path key = writeEncryptedKey(clientKey, "encrypted_key", PASSPHRASE);
        assertTrue(Files.readString(key).contains("BEGIN OPENSSH PRIVATE KEY"));
        Path pass = writeSecretFile("passphrase", PASSPHRASE + "\n");
        for (KeyPassphrase source : List.of(KeyPassphrase.fromFile(pass),
                KeyPassphrase.of(null, Map.of(KeyPassphrase.ENV, PASSPHRASE)))) {
            SshSettings settings = SshSettings.of("core", key, knownHosts).withPassphrase(source);
            try (NodeProber prober = new NodeProber(settings)) {
                assertEquals(java.util.Optional.empty(), prober.identityProblem(), source.describe());
                assertEquals(List.of(), prober.warnings());
                ProbeResult r = prober.probe(node(master));
                assertEquals(Role.MASTER, one(facts(r, Role.MASTER), RoleFiles.class).role());
                assertFalse(new String(r.output(), StandardCharsets.UTF_8).contains(PASSPHRASE));
            }
        }
    }

    @Test
    void aWrongPassphraseIsOneAuthProblemNamingTheKeyNeverThePassphrase() throws Exception {
        Path key = writeEncryptedKey(clientKey, "encrypted_key_w", PASSPHRASE);
        Path wrong = writeSecretFile("wrong_passphrase", WRONG + "\n");
        String expected = "cannot decrypt the private key " + key + ": wrong passphrase? (passphrase file " + wrong + ")";
        CollectionProblem p = problemOf(SshSettings.of("core", key, knownHosts)
                .withPassphrase(KeyPassphrase.fromFile(wrong)), node(master));
        assertEquals(CollectionProblem.Kind.AUTH, p.kind());
        assertEquals(expected, p.detail());
        assertNoSecret(p.toString());

        CollectionProblem env = problemOf(SshSettings.of("core", key, knownHosts)
                .withPassphrase(KeyPassphrase.of(null, Map.of(KeyPassphrase.ENV, WRONG))), node(master));
        assertEquals("cannot decrypt the private key " + key + ": wrong passphrase? (environment variable "
                + "PREFLIGHT_SSH_KEY_PASSPHRASE)", env.detail());
        assertNoSecret(env.toString());

        // every node fails with the same one-line problem; the key was decrypted (and refused) once for the run
        try (NodeProber prober = new NodeProber(SshSettings.of("core", key, knownHosts)
                .withPassphrase(KeyPassphrase.fromFile(wrong)))) {
            assertEquals(java.util.Optional.of(expected), prober.identityProblem());
            Map<Node, ProbeResult> all = prober.probeAll(List.of(node(master), node(agent), node(publicAgent)));
            for (ProbeResult r : all.values()) {
                assertEquals(CollectionProblem.Kind.AUTH, r.problem().kind());
                assertEquals(expected, r.problem().detail());
            }
        }
    }

    @Test
    void aMissingPassphraseOrPassphraseFileIsAnAuthProblem() throws Exception {
        Path key = writeEncryptedKey(clientKey, "encrypted_key_m", PASSPHRASE);
        CollectionProblem none = problemOf(SshSettings.of("core", key, knownHosts), node(master));
        assertEquals(CollectionProblem.Kind.AUTH, none.kind());
        assertEquals("cannot decrypt the private key " + key + ": it is passphrase-protected and no passphrase was "
                + "given (a passphrase file in the inventory, or PREFLIGHT_SSH_KEY_PASSPHRASE)", none.detail());

        Path absent = tmp.resolve("no_such_passphrase");
        CollectionProblem missing = problemOf(SshSettings.of("core", key, knownHosts)
                .withPassphrase(KeyPassphrase.fromFile(absent)), node(master));
        assertEquals(CollectionProblem.Kind.AUTH, missing.kind());
        assertEquals("cannot decrypt the private key " + key + ": passphrase file " + absent + " not found",
                missing.detail());

        Path empty = writeSecretFile("empty_passphrase", "\n");
        CollectionProblem blank = problemOf(SshSettings.of("core", key, knownHosts)
                .withPassphrase(KeyPassphrase.fromFile(empty)), node(master));
        assertEquals("cannot decrypt the private key " + key + ": passphrase file " + empty + " is empty",
                blank.detail());
    }

    @Test
    void aPassphraseForAKeyThatHasNoneIsNotNeededAndHarmless() throws Exception {
        Path pass = writeSecretFile("unneeded_passphrase", PASSPHRASE);
        try (NodeProber prober = new NodeProber(SshSettings.of("core", clientKeyFile, knownHosts)
                .withPassphrase(KeyPassphrase.fromFile(pass)))) {
            assertTrue(prober.probe(node(agent)).ok());
        }
    }

    @Test
    void aKeyOthersCanReadIsUsedWithAWarningAsOpenSshWouldRefuseIt() throws Exception {
        Path key = writeEncryptedKey(clientKey, "open_key", PASSPHRASE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Path pass = writeSecretFile("open_passphrase", PASSPHRASE);
        Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rw-r-----"));
        try (NodeProber prober = new NodeProber(SshSettings.of("core", key, knownHosts)
                .withPassphrase(KeyPassphrase.fromFile(pass)))) {
            assertEquals(List.of(
                    "the private key " + key + " is accessible by group or others (rw-r--r--; OpenSSH would refuse "
                            + "it): chmod 600 " + key,
                    "the passphrase file " + pass + " is accessible by group or others (rw-r-----; OpenSSH would "
                            + "refuse it): chmod 600 " + pass), prober.warnings());
            assertTrue(prober.probe(node(master)).ok(), "a warning, not a refusal");
        }
    }

    @Test
    void anEncryptedEd25519KeyProbesAndAWrongPassphraseIsRefused() throws Exception {
        Path key = writeEncryptedKey(edClientKey, "ed25519_key", PASSPHRASE);
        Path pass = writeSecretFile("ed25519_passphrase", PASSPHRASE);
        try (NodeProber prober = new NodeProber(SshSettings.of("core", key, knownHosts)
                .withPassphrase(KeyPassphrase.fromFile(pass)))) {
            assertEquals(java.util.Optional.empty(), prober.identityProblem());
            ProbeResult r = prober.probe(node(agent));
            assertEquals(Role.AGENT, one(facts(r, Role.AGENT), RoleFiles.class).role());
        }
        Path wrong = writeSecretFile("ed25519_wrong", WRONG);
        CollectionProblem p = problemOf(SshSettings.of("core", key, knownHosts)
                .withPassphrase(KeyPassphrase.fromFile(wrong)), node(agent));
        assertEquals(CollectionProblem.Kind.AUTH, p.kind());
        assertEquals("cannot decrypt the private key " + key + ": wrong passphrase? (passphrase file " + wrong + ")",
                p.detail());
    }

    @Test
    void anEd25519KeyFromSshKeygenLoads() throws Exception {
        Path keygen = Paths.get("/usr/bin/ssh-keygen");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(keygen), "no ssh-keygen on this machine");
        Path key = tmp.resolve("keygen_ed25519");
        Process p = new ProcessBuilder(keygen.toString(), "-q", "-t", "ed25519", "-N", PASSPHRASE, "-C", "",
                "-f", key.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        List<KeyPair> keys = new ArrayList<>();
        assertEquals(null, NodeProber.loadIdentity(key, KeyPassphrase.fromFile(writeSecretFile("kg_pass", PASSPHRASE)),
                keys));
        assertEquals("EdDSA", keys.get(0).getPrivate().getAlgorithm());
    }

    @Test
    void aPemKeyEncryptedBySshKeygenWorksToo() throws Exception {
        Path keygen = Paths.get("/usr/bin/ssh-keygen");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(keygen), "no ssh-keygen on this machine");
        Path key = tmp.resolve("pem_key");
        Process p = new ProcessBuilder(keygen.toString(), "-q", "-t", "ecdsa", "-m", "PEM", "-N", PASSPHRASE, "-C", "",
                "-f", key.toString()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(Files.readString(key).contains("Proc-Type: 4,ENCRYPTED"));
        Path pass = writeSecretFile("pem_passphrase", PASSPHRASE);
        Path wrong = writeSecretFile("pem_wrong", WRONG);
        List<KeyPair> keys = new ArrayList<>();
        assertEquals(null, NodeProber.loadIdentity(key, KeyPassphrase.fromFile(pass), keys));
        assertEquals(1, keys.size());
        String problem = NodeProber.loadIdentity(key, KeyPassphrase.fromFile(wrong), new ArrayList<>());
        assertEquals("cannot decrypt the private key " + key + ": wrong passphrase? (passphrase file " + wrong + ")",
                problem);
    }

    private static void assertNoSecret(String text) {
        assertFalse(text.contains(PASSPHRASE), text);
        assertFalse(text.contains(WRONG), text);
    }

    /** The key in OpenSSH's format, encrypted (AES-256-CTR, bcrypt KDF) as {@code ssh-keygen -N} would. */
    private static Path writeEncryptedKey(KeyPair kp, String name, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        encryption.setPassword(passphrase);
        Path f = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "preflight-test", encryption, out);
        }
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private static Path writeSecretFile(String name, String content) throws IOException {
        Path f = Files.writeString(tmp.resolve(name), content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    // ---------------------------------------------------------------- helpers

    private static CollectionProblem problemOf(SshSettings settings, Node node) {
        try (NodeProber prober = new NodeProber(settings.withTimeout(Duration.ofSeconds(10)))) {
            ProbeResult r = prober.probeAll(List.of(node)).get(node);
            assertFalse(r.ok());
            assertEquals(node.host(), r.problem().subject());
            assertEquals(NodeProber.WHAT, r.problem().what());
            return r.problem();
        }
    }

    private static List<Fact> facts(ProbeResult r, Role role) {
        assertTrue(r.ok(), () -> "probe failed: " + r.problem());
        List<Fact> facts = r.facts(role);
        List<Fact> problems = facts.stream().filter(f -> f instanceof CollectionProblem).toList();
        assertTrue(problems.isEmpty(), () -> problems + "\n" + new String(r.output(), StandardCharsets.UTF_8));
        return facts;
    }

    private static <T extends Fact> List<T> all(List<Fact> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends Fact> T one(List<Fact> facts, Class<T> type) {
        List<T> found = all(facts, type);
        assertEquals(1, found.size(), () -> type.getSimpleName() + " in " + facts);
        return found.get(0);
    }

    private static Node node(SshServer s) {
        return new Node("127.0.0.1", s.getPort());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private static Path writePrivateKey(KeyPair kp, String name) throws Exception {
        Path f = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(kp, "preflight-test", null, out);
        }
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private static String knownHostsLine(int port, PublicKey key) {
        return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key) + "\n";
    }

    /** An SSH server for one node: runs the received command (or {@code forced}) with /bin/sh on its fixture root. */
    private static SshServer startServer(Path root, String forced) throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(0);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        PublicKey allowed = clientKey.getPublic();
        PublicKey alsoAllowed = edClientKey.getPublic();
        s.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(allowed, key)
                || KeyUtils.compareKeys(alsoAllowed, key));
        s.setPasswordAuthenticator(null);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setCommandFactory((channel, command) -> new ShellCommand(forced == null ? command : forced,
                Map.of("PREFLIGHT_ROOT", root.resolve("root").toString(),
                        "PATH", root.resolve("bin") + ":" + baseBin),
                p -> started.add(Map.entry(forced == null ? command : forced, p))));
        s.start();
        servers.add(s);
        return s;
    }

    // ---------------------------------------------------------------- fixture nodes

    private static Path centosMaster() throws IOException {
        Path n = newNode("centos-master");
        Path r = n.resolve("root");
        SshTestNodes.write(r, "etc/mesosphere/roles/master", "");
        SshTestNodes.write(r, "etc/os-release", SshTestNodes.fixture("etc-os-release_centos7_python-distro.txt"));
        SshTestNodes.write(r, "etc/centos-release", SshTestNodes.fixture("etc-centos-release_centos7_python-distro.txt"));
        SshTestNodes.dcosVersion(r);
        SshTestNodes.write(r, "opt/mesosphere/etc/mesos-master", "MESOS_QUORUM=2\nMESOS_CLUSTER=examplecluster\n"
                + "### a comment that looks like a section\n\\not an escape\nMESOS_HOSTNAME_LOOKUP=false\n");
        SshTestNodes.write(r, "opt/mesosphere/etc/user.config.yaml", "cluster_name: examplecluster\n# comment\nmaster_list:\n"
                + "- 10.0.6.68\n");
        Files.createDirectories(r.resolve("var/lib/dcos/exhibitor/zookeeper"));
        Path tar = SshTestNodes.write(r, "var/tmp/zookeeper.tar", "tar");
        Files.setLastModifiedTime(tar, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 3600_000L));
        SshTestNodes.write(r, "proc/1/cmdline", "/usr/lib/systemd/systemd\0--system\0");
        SshTestNodes.write(r, "proc/4242/cmdline", "java\0-Xmx1g\0-jar\0/opt/mesosphere/active/exhibitor/usr/exhibitor/"
                + "exhibitor.jar\0--port\0" + "8181\0");
        for (int fd = 0; fd < 5; fd++) SshTestNodes.write(r, "proc/4242/fd/" + fd, "");
        SshTestNodes.tool(n, "chronyc", "cat '" + FIXTURES.toAbsolutePath().resolve(
                "chronyc-tracking_leap-normal_pingcap-docs.txt") + "'");
        SshTestNodes.tool(n, "docker", "cat '" + FIXTURES.toAbsolutePath().resolve(
                "docker-version-json_client-server-17.03.0-ce_inspec-fixture.json") + "'");
        SshTestNodes.fakeDf(n);
        return n;
    }

    private static Path rhelAgent() throws IOException {
        Path n = newNode("rhel-agent");
        Path r = n.resolve("root");
        SshTestNodes.write(r, "etc/mesosphere/roles/slave", "");
        SshTestNodes.write(r, "etc/os-release", SshTestNodes.fixture("etc-os-release_redhat_7.7_ansible-fixture.txt"));
        SshTestNodes.write(r, "etc/redhat-release", SshTestNodes.fixture("etc-redhat-release_redhat_7.7_ansible-fixture.txt"));
        SshTestNodes.dcosVersion(r);
        SshTestNodes.write(r, "opt/mesosphere/etc/mesos-slave-common", "MESOS_CONTAINERIZERS=docker,mesos\n"
                + "MESOS_WORK_DIR=/var/lib/mesos/slave\n");
        SshTestNodes.write(r, "opt/mesosphere/etc/mesos-slave", "MESOS_RESOURCES=[]\n");
        SshTestNodes.tool(n, "chronyc", "cat '" + FIXTURES.toAbsolutePath().resolve(
                "chronyc-tracking_leap-not-synchronized_telegraf-v1.26.0-test.txt") + "'");
        SshTestNodes.tool(n, "docker", "echo '{\"Client\":{\"Version\":\"18.09.2\"},\"Server\":null}'\n"
                + "echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
                + "Is the docker daemon running?' >&2\nexit 1");
        SshTestNodes.fakeDf(n);
        return n;
    }

    private static Path coreosPublicAgent() throws IOException {
        Path n = newNode("coreos-public");
        Path r = n.resolve("root");
        SshTestNodes.write(r, "etc/mesosphere/roles/slave_public", "");
        SshTestNodes.write(r, "usr/lib/os-release", SshTestNodes.fixture("usr-lib-os-release_core_os_1911.5.0_ansible-fixture.txt"));
        Files.createSymbolicLink(r.resolve("etc/os-release"), Paths.get("../usr/lib/os-release"));
        SshTestNodes.dcosVersion(r);
        SshTestNodes.write(r, "opt/mesosphere/etc/mesos-slave-common", "MESOS_CONTAINERIZERS=docker,mesos\n");
        SshTestNodes.write(r, "etc/mesosphere/mesos/mesos-slave-public", "MESOS_DEFAULT_ROLE=slave_public\n");
        SshTestNodes.tool(n, "chronyc", "cat '" + FIXTURES.toAbsolutePath().resolve(
                "chronyc-tracking_daemon-not-running_pingcap-docs.txt") + "'\nexit 1");
        SshTestNodes.tool(n, "docker", "cat '" + FIXTURES.toAbsolutePath().resolve(
                "docker-version-json_client18.99.5-ce_server-ee-17.06.2_docker-cli-HEAD-golden.json") + "'");
        SshTestNodes.fakeDf(n);
        return n;
    }

    private static Path newNode(String name) throws IOException {
        Path n = Files.createDirectories(tmp.resolve("nodes").resolve(name + "-" + servers.size()));
        Files.createDirectories(n.resolve("root/etc"));
        Files.createDirectories(n.resolve("bin"));
        return n;
    }

}
