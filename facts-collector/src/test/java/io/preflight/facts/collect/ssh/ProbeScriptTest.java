package io.preflight.facts.collect.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.DockerDaemon;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import io.preflight.facts.RoleFiles;
import io.preflight.facts.TimeSync;
import io.preflight.facts.parse.PayloadKind;
import io.preflight.facts.parse.Payloads;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe script run directly by /bin/sh (dash here) on fixture trees: the fallbacks the SSH test does not reach. */
class ProbeScriptTest {
    private static final Path FIXTURES = Paths.get("src/test/resources/fixtures/node-facts");
    private static final List<String> BASE_TOOLS = List.of("sh", "cat", "ls", "sed", "uname", "tr", "wc", "stat",
            "date", "head", "sleep", "timeout", "find");

    @TempDir
    Path tmp;

    @Test
    void ntpstatAloneDecidesAndDockerMissingIsNotInstalled() throws Exception {
        Path root = root();
        write(root, "etc/mesosphere/roles/slave", "");
        tool("ntpstat", "cat '" + fixture("ntpstat_synchronised_pingcap-docs.txt") + "'");
        String doc = run(root);
        assertFalse(doc.contains("section chronyc-tracking"), doc);
        List<Fact> facts = parse(doc, Role.AGENT);
        TimeSync t = one(facts, TimeSync.class);
        assertTrue(t.synced());
        assertEquals("ntpstat", t.tool());
        DockerDaemon d = one(facts, DockerDaemon.class);
        assertFalse(d.installed());
        assertTrue(doc.contains("### section docker-version rc=127\n"), doc);
        // a package file changed after the install stamp is named; the untouched one is not
        io.preflight.facts.OptIntegrity opt = one(facts, io.preflight.facts.OptIntegrity.class);
        assertEquals(List.of("/opt/mesosphere/packages/marathon--1/conf/edited.conf"), opt.modifiedFiles());
    }

    @Test
    void dockerInfoIsSentBesideDockerVersionWhichDecides() throws Exception {
        Path root = root();
        write(root, "etc/mesosphere/roles/slave", "");
        tool("docker", "case \"$1\" in info) cat '"
                + fixture("docker-info-json_no-swarm_server-17.06.1-ce_ubuntu16.04_docker-cli-v19.03.5-golden.json")
                + "' ;; version) cat '" + fixture("docker-version-json_client-server-17.03.0-ce_inspec-fixture.json")
                + "' ;; *) exit 2 ;; esac");
        String doc = run(root);
        assertTrue(doc.contains("### section docker-info rc=0\n{\"ID\":\"EKHL:"), doc);
        DockerDaemon d = one(parse(doc, Role.AGENT), DockerDaemon.class);
        assertTrue(d.answering());
        assertEquals("17.03.0-ce", d.serverVersion(), "docker version decides, not docker info (17.06.1-ce)");
    }

    @Test
    void timedatectlIsReadWhenNothingElseIsInstalled() throws Exception {
        Path root = root();
        write(root, "etc/mesosphere/roles/slave", "");
        tool("timedatectl", "cat '" + fixture(
                "timedatectl_rhel7-systemd-219-format_NTP-synchronized_openshift-3.11-day-two-guide.txt") + "'");
        List<Fact> facts = parse(run(root), Role.AGENT);
        assertEquals("timedatectl", one(facts, TimeSync.class).tool());
    }

    @Test
    void noTimeToolNoRolesAndNoExhibitorAreGapsNotGuesses() throws Exception {
        Path root = root();
        Files.createDirectories(root.resolve("etc/mesosphere"));
        String doc = run(root);
        assertTrue(doc.contains("### section chronyc-tracking rc=127\n"), doc);
        assertFalse(doc.contains("section zookeeper"), "no master role file: master sections skipped");
        List<Fact> facts = parse(doc, Role.UNKNOWN);
        assertEquals(List.of(), one(facts, RoleFiles.class).roles());
        assertTrue(problems(facts).stream().anyMatch(p -> p.what().equals("time-sync")
                && p.kind() == CollectionProblem.Kind.MISSING), String.valueOf(problems(facts)));

        // a master whose Exhibitor is not running and whose ZooKeeper dir is not found
        write(root, "etc/mesosphere/roles/master", "");
        List<Fact> master = parse(run(root), Role.MASTER);
        assertTrue(problems(master).stream().anyMatch(p -> p.what().equals("exhibitor-fds")
                && p.detail().contains("no Exhibitor java process")), String.valueOf(problems(master)));
        assertTrue(problems(master).stream().anyMatch(p -> p.what().equals("zookeeper")),
                String.valueOf(problems(master)));
    }

    @Test
    void rootMayAlsoBeGivenAsAnArgumentAndNothingIsWrittenUnderIt() throws Exception {
        Path root = root();
        write(root, "etc/mesosphere/roles/master", "");
        write(root, "opt/mesosphere/etc/mesos-master", "MESOS_QUORUM=1\n");
        List<Path> before;
        try (var s = Files.walk(root)) {
            before = s.sorted().toList();
        }
        ProcessBuilder pb = new ProcessBuilder("sh", "-s", "--", "PREFLIGHT_ROOT=" + root);
        pb.environment().clear();
        pb.environment().put("PATH", tmp.resolve("bin") + ":" + base());
        String doc = exec(pb);
        assertTrue(doc.contains("### section roles rc=0\nmaster\n### end\n"), doc);
        assertTrue(doc.contains("path=/opt/mesosphere/etc/mesos-master\nMESOS_QUORUM=1\n"), doc);
        try (var s = Files.walk(root)) {
            assertEquals(before, s.sorted().toList());
        }
    }

    // ---------------------------------------------------------------- helpers

    private String run(Path root) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-s");
        pb.environment().clear();
        pb.environment().put("PREFLIGHT_ROOT", root.toString());
        pb.environment().put("PATH", tmp.resolve("bin") + ":" + base());
        return exec(pb);
    }

    private static String exec(ProcessBuilder pb) throws Exception {
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(NodeProber.probeScript());
        }
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        return new String(out, StandardCharsets.UTF_8);
    }

    private static List<Fact> parse(String doc, Role role) throws Exception {
        return Payloads.parse(PayloadKind.NODE_PROBE, "10.0.0.1", role, "test",
                doc.getBytes(StandardCharsets.UTF_8));
    }

    private static List<CollectionProblem> problems(List<Fact> facts) {
        return facts.stream().filter(CollectionProblem.class::isInstance).map(CollectionProblem.class::cast).toList();
    }

    private static <T extends Fact> T one(List<Fact> facts, Class<T> type) {
        List<T> found = facts.stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), () -> type.getSimpleName() + " in " + facts);
        return found.get(0);
    }

    private Path root() throws IOException {
        Files.createDirectories(tmp.resolve("bin"));
        base();
        Path root = Files.createDirectories(tmp.resolve("root"));
        write(root, "etc/os-release", Files.readString(FIXTURES.resolve("etc-os-release_centos7_python-distro.txt")));
        Path pkg = write(root, "opt/mesosphere/packages/marathon--1/conf/app.conf", "x=1\n");
        Files.setLastModifiedTime(pkg, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path stamp = write(root, "opt/mesosphere/etc/dcos-version.json", "{\"version\": \"2.0.6\"}\n");
        Files.setLastModifiedTime(stamp, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 1_800_000));
        // edited by hand after the install: opt-integrity must name it
        write(root, "opt/mesosphere/packages/marathon--1/conf/edited.conf", "x=2\n");
        write(root, "opt/mesosphere/etc/mesos-slave-common", "MESOS_WORK_DIR=/var/lib/mesos/slave\n");
        tool("df", "echo 'Filesystem 1024-blocks Used Available Capacity Mounted on'\n"
                + "echo '/dev/sda1 1000 10 990 1% /opt/mesosphere'");
        return root;
    }

    private Path base() throws IOException {
        Path base = tmp.resolve("base-bin");
        if (Files.isDirectory(base)) return base;
        Files.createDirectories(base);
        for (String tool : BASE_TOOLS) {
            Path real = null;
            for (String dir : List.of("/usr/bin", "/bin")) {
                if (Files.isExecutable(Paths.get(dir, tool))) {
                    real = Paths.get(dir, tool);
                    break;
                }
            }
            if (real == null) throw new IllegalStateException("no " + tool);
            script(base.resolve(tool), "exec " + real + " \"$@\"");
        }
        return base;
    }

    private void tool(String name, String body) throws IOException {
        script(tmp.resolve("bin").resolve(name), body);
    }

    private static void script(Path f, String body) throws IOException {
        Files.writeString(f, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String fixture(String name) {
        return FIXTURES.toAbsolutePath().resolve(name).toString();
    }

    private static Path write(Path root, String rel, String content) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }
}
