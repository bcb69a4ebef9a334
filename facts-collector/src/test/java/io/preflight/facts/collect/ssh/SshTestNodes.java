package io.preflight.facts.collect.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import io.preflight.facts.synthetic.ShellCommand;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

/**
 * In-process MINA SSHD servers that run the received command with /bin/sh against a fixture tree per node (fake
 * docker / chronyc / df on PATH), as {@link NodeProberTest} does; for end-to-end tests of other packages. Each server
 * can be bound to its own loopback address (127.0.0.2, ...) so nodes stay distinct by host. {@link #close()} stops
 * the servers and kills what they started.
 */
public final class SshTestNodes implements AutoCloseable {
    private static final List<String> BASE_TOOLS = List.of("sh", "cat", "ls", "sed", "uname", "tr", "wc", "stat",
            "date", "head", "sleep", "timeout", "find");

    private final Path tmp;
    private final KeyPair hostKey;
    private final KeyPair clientKey;
    private final Path clientKeyFile;
    private final Path baseBin;
    private final List<SshServer> servers = new ArrayList<>();
    private final List<Process> started = new CopyOnWriteArrayList<>();
    private final StringBuilder knownHosts = new StringBuilder("# test known_hosts\n");

    public SshTestNodes(Path tmp) throws Exception {
        this.tmp = tmp;
        hostKey = ecKeyPair();
        clientKey = ecKeyPair();
        clientKeyFile = tmp.resolve("client_key");
        try (OutputStream out = Files.newOutputStream(clientKeyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "preflight-test", null, out);
        }
        Files.setPosixFilePermissions(clientKeyFile, PosixFilePermissions.fromString("rw-------"));
        baseBin = Files.createDirectories(tmp.resolve("base-bin"));
        for (String tool : BASE_TOOLS) {
            Path w = baseBin.resolve(tool);
            Files.writeString(w, "#!/bin/sh\nexec " + which(tool) + " \"$@\"\n");
            Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    public Path clientKeyFile() {
        return clientKeyFile;
    }

    /**
     * The same client key written to {@code file} in OpenSSH's format encrypted with {@code passphrase} (AES-256-CTR,
     * bcrypt KDF, as {@code ssh-keygen -N} writes it), mode 0600.
     */
    public Path writeEncryptedClientKey(Path file, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setCipherName("AES");
        encryption.setCipherType("256");
        encryption.setPassword(passphrase);
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "preflight-test", encryption, out);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Writes the known_hosts file listing every server started so far. */
    public Path writeKnownHosts() throws IOException {
        return Files.writeString(tmp.resolve("known_hosts"), knownHosts.toString());
    }

    /** Starts a server for the node tree {@code node} on {@code host:port} (port 0 = any); returns its port. */
    public int start(String host, int port, Path node) throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost(host);
        s.setPort(port);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        PublicKey allowed = clientKey.getPublic();
        s.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(allowed, key));
        s.setPasswordAuthenticator(null);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setCommandFactory((channel, command) -> new ShellCommand(command,
                Map.of("PREFLIGHT_ROOT", node.resolve("root").toString(), "PATH", node.resolve("bin") + ":" + baseBin),
                started::add));
        s.start();
        servers.add(s);
        knownHosts.append("[").append(host).append("]:").append(s.getPort()).append(' ')
                .append(PublicKeyEntry.toString(hostKey.getPublic())).append('\n');
        return s.getPort();
    }

    @Override
    public void close() throws IOException {
        for (SshServer s : servers) s.stop(true);
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------- fixture nodes

    /** The superuser password hash in every test master's user.config.yaml: a secret no bundle or report may show. */
    public static final String PASSWORD_HASH =
            "$6$rounds=656000$sImUlAtEd$Zs3cr3tHashOfTheSimulatedClusterNeverStoredInAnyBundle.0123456789ab";
    /** The AWS secret key in every test master's user.config.yaml (an S3 Exhibitor backend): another secret. */
    public static final String AWS_SECRET = "sim/AWS+secret/never-in-a-bundle-7Qx";

    /**
     * The user.config.yaml of a test master: {@code cluster_name}, a comment, {@code master_list}, and two secrets
     * ({@link #PASSWORD_HASH}, {@link #AWS_SECRET}).
     */
    public static String userConfig(List<String> masterList) {
        StringBuilder cfg = new StringBuilder("cluster_name: examplecluster\n# comment\nmaster_list:\n");
        for (String m : masterList) cfg.append("- ").append(m).append('\n');
        cfg.append("superuser_password_hash: '").append(PASSWORD_HASH).append("'\n");
        cfg.append("aws_secret_access_key: ").append(AWS_SECRET).append('\n');
        return cfg.toString();
    }

    /** A CentOS 7 master (DC/OS 2.0.6) whose user.config.yaml has {@code masterList}. */
    public Path centosMaster(String name, List<String> masterList) throws IOException {
        Path n = newNode(name);
        Path r = n.resolve("root");
        write(r, "etc/mesosphere/roles/master", "");
        write(r, "etc/os-release", fixture("etc-os-release_centos7_python-distro.txt"));
        write(r, "etc/centos-release", fixture("etc-centos-release_centos7_python-distro.txt"));
        dcosVersion(r);
        write(r, "opt/mesosphere/etc/mesos-master", "MESOS_QUORUM=1\nMESOS_CLUSTER=examplecluster\n");
        write(r, "opt/mesosphere/etc/user.config.yaml", userConfig(masterList));
        Files.createDirectories(r.resolve("var/lib/dcos/exhibitor/zookeeper"));
        Path tar = write(r, "var/tmp/zookeeper.tar", "tar");
        Files.setLastModifiedTime(tar, FileTime.fromMillis(System.currentTimeMillis() - 3600_000L));
        write(r, "proc/1/cmdline", "/usr/lib/systemd/systemd\0--system\0");
        tool(n, "chronyc", "cat '" + copied(n, "chronyc-tracking_leap-normal_pingcap-docs.txt") + "'");
        tool(n, "docker", "case \"$1\" in info) cat '"
                + copied(n, "docker-info-json_no-swarm_server-17.06.1-ce_ubuntu16.04_docker-cli-v19.03.5-golden.json")
                + "' ;; *) cat '" + copied(n, "docker-version-json_client-server-17.03.0-ce_inspec-fixture.json")
                + "' ;; esac");
        fakeDf(n);
        return n;
    }

    /** A RHEL 7.7 private agent, docker daemon down. */
    public Path rhelAgent(String name) throws IOException {
        Path n = newNode(name);
        Path r = n.resolve("root");
        write(r, "etc/mesosphere/roles/slave", "");
        write(r, "etc/os-release", fixture("etc-os-release_redhat_7.7_ansible-fixture.txt"));
        write(r, "etc/redhat-release", fixture("etc-redhat-release_redhat_7.7_ansible-fixture.txt"));
        dcosVersion(r);
        write(r, "opt/mesosphere/etc/mesos-slave-common", "MESOS_CONTAINERIZERS=docker,mesos\n"
                + "MESOS_WORK_DIR=/var/lib/mesos/slave\n");
        tool(n, "chronyc", "cat '" + copied(n, "chronyc-tracking_leap-not-synchronized_telegraf-v1.26.0-test.txt") + "'");
        tool(n, "docker", "echo '{\"Client\":{\"Version\":\"18.09.2\"},\"Server\":null}'\nexit 1");
        fakeDf(n);
        return n;
    }

    /** A CoreOS public agent. */
    public Path coreosPublicAgent(String name) throws IOException {
        Path n = newNode(name);
        Path r = n.resolve("root");
        write(r, "etc/mesosphere/roles/slave_public", "");
        write(r, "usr/lib/os-release", fixture("usr-lib-os-release_core_os_1911.5.0_ansible-fixture.txt"));
        Files.createSymbolicLink(r.resolve("etc/os-release"), Paths.get("../usr/lib/os-release"));
        dcosVersion(r);
        write(r, "opt/mesosphere/etc/mesos-slave-common", "MESOS_CONTAINERIZERS=docker,mesos\n");
        tool(n, "chronyc", "cat '" + copied(n, "chronyc-tracking_leap-normal_pingcap-docs.txt") + "'");
        tool(n, "docker", "cat '" + copied(n, "docker-version-json_client18.99.5-ce_server-ee-17.06.2_docker-cli-HEAD-golden.json") + "'");
        fakeDf(n);
        return n;
    }

    private Path newNode(String name) throws IOException {
        Path n = Files.createDirectories(tmp.resolve("nodes").resolve(name));
        Files.createDirectories(n.resolve("root/etc"));
        Files.createDirectories(n.resolve("bin"));
        return n;
    }

    static void dcosVersion(Path root) throws IOException {
        Path pkg = write(root, "opt/mesosphere/packages/mesos--abc/lib/libmesos.so", "elf");
        Files.setLastModifiedTime(pkg, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path stamp = write(root, "opt/mesosphere/etc/dcos-version.json", "{\n  \"version\": \"2.0.6\",\n  \"dcos-variant\": "
                + "\"open\",\n  \"bootstrap-id\": \"88d5b8c52eba580b9ee8418410a0d85cfe4c19e5\"\n}\n");
        Files.setLastModifiedTime(stamp, FileTime.fromMillis(System.currentTimeMillis() - 1_800_000));
    }

    static void fakeDf(Path node) throws IOException {
        tool(node, "df", "[ \"$1\" = -Pk ] || exit 2\n"
                + "echo 'Filesystem     1024-blocks     Used Available Capacity Mounted on'\n"
                + "echo '/dev/sda1        104857600 41943040  62914560      40% /opt/mesosphere'\n"
                + "echo '/dev/sda2        104857600 41943040  62914560      40% /var/lib'\n"
                + "echo 'tmpfs              4194304     1024   4193280       1% /tmp'");
    }

    static void tool(Path node, String name, String body) throws IOException {
        Path f = node.resolve("bin").resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A node-facts fixture from the classpath (works from the test-jar too). */
    static String fixture(String name) throws IOException {
        try (InputStream in = SshTestNodes.class.getResourceAsStream("/fixtures/node-facts/" + name)) {
            if (in == null) throw new IllegalArgumentException("no fixture " + name);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The fixture copied into the node's folder, for its fake tools to cat. */
    private static Path copied(Path node, String name) throws IOException {
        return write(node, "fixtures/" + name, fixture(name)).toAbsolutePath();
    }

    static Path write(Path root, String rel, String content) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content);
    }

    static Path which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path p = Paths.get(dir, tool);
            if (Files.isExecutable(p)) return p;
        }
        throw new IllegalStateException("no " + tool + " on this machine");
    }

    static KeyPair ecKeyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Runs a command line with /bin/sh -c, piping the channel's streams; destroy() kills it and its children. */
}
