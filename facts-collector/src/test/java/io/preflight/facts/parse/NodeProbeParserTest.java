package io.preflight.facts.parse;

import static io.preflight.facts.parse.Fixtures.all;
import static io.preflight.facts.parse.Fixtures.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.CredentialsFile;
import io.preflight.facts.DcosInstall;
import io.preflight.facts.DiskSpace;
import io.preflight.facts.DockerDaemon;
import io.preflight.facts.ExhibitorProcess;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosFlagSetting;
import io.preflight.facts.OptIntegrity;
import io.preflight.facts.OsRelease;
import io.preflight.facts.Role;
import io.preflight.facts.RoleFiles;
import io.preflight.facts.TimeSync;
import io.preflight.facts.UpgradeOptions;
import io.preflight.facts.ZooKeeperState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The probe document: framing, the simple sections, and which gaps become problems. */
class NodeProbeParserTest {
    private static final String DF = """
            Filesystem     1024-blocks     Used Available Capacity Mounted on
            /dev/xvda1        52416492 18350072  34066420      36% /
            /dev/xvda1        52416492 18350072  34066420      36% /
            /dev/xvdb        104806400  1048576 103757824       2% /var/lib
            """;

    /** A complete, healthy master probe built from real command outputs. */
    static Fixtures.Probe masterProbe() {
        return new Fixtures.Probe("10.0.0.7")
                .section("roles rc=0", "master\n")
                .fixture("dcos-version rc=0", "dcos/dcos-version_2.2.0_dcos-ui.json")
                .fixture("os-release rc=0", "node-facts/etc-os-release_centos7_python-distro.txt")
                .fixture("centos-release rc=0", "node-facts/etc-centos-release_centos7_python-distro.txt")
                .section("uname-r rc=0", "3.10.0-1160.el7.x86_64\n")
                .fixture("docker-version rc=0",
                        "node-facts/docker-version-json_client-server-17.03.0-ce_inspec-fixture.json")
                .fixture("chronyc-tracking rc=0", "node-facts/chronyc-tracking_leap-normal_pingcap-docs.txt")
                .section("env-file rc=0 path=/opt/mesosphere/etc/mesos-master",
                        "MESOS_QUORUM=2\nMESOS_WORK_DIR=/var/lib/dcos/mesos/master\n")
                .section("env-file rc=1 path=/opt/mesosphere/etc/mesos-master-extras",
                        "cat: /opt/mesosphere/etc/mesos-master-extras: No such file or directory\n")
                .section("df rc=0", DF)
                .section("zookeeper rc=0", "datadir=/var/lib/dcos/exhibitor/zookeeper\n"
                        + "backup_path=/var/tmp/zookeeper.tar\nbackup_age_seconds=3600\n")
                .section("exhibitor-fds rc=0", "213\n")
                .section("opt-integrity rc=0", "")
                .section("upgrade-env rc=0", "SKIP_CHECKS=false\n");
    }

    @Test
    void healthyMasterProbeGivesEveryFactAndNoProblem() throws Exception {
        List<Fact> facts = masterProbe().parse(Role.MASTER);
        assertTrue(all(facts, CollectionProblem.class).isEmpty(), all(facts, CollectionProblem.class).toString());
        assertEquals(List.of("master"), one(facts, RoleFiles.class).roles());
        assertEquals(Role.MASTER, one(facts, RoleFiles.class).role());
        DcosInstall dcos = one(facts, DcosInstall.class);
        assertEquals("2.2.0", dcos.version());
        assertNull(dcos.variant());
        assertEquals("88d5b8c52eba580b9ee8418410a0d85cfe4c19e5", dcos.bootstrapId());
        OsRelease os = one(facts, OsRelease.class);
        assertEquals("CentOS 7.1", os.platform());
        assertEquals("3.10.0-1160.el7.x86_64", os.kernel());
        assertEquals("17.03.0-ce", one(facts, DockerDaemon.class).serverVersion());
        assertTrue(one(facts, TimeSync.class).synced());
        assertEquals(2, all(facts, MesosFlagSetting.class).size(), "the missing -extras file is no problem");
        assertEquals(new ZooKeeperState("10.0.0.7", "ssh:10.0.0.7", "/var/lib/dcos/exhibitor/zookeeper", false,
                "/var/tmp/zookeeper.tar", 3600L), one(facts, ZooKeeperState.class));
        assertEquals(213, one(facts, ExhibitorProcess.class).openFds());
        assertTrue(one(facts, OptIntegrity.class).modifiedFiles().isEmpty());
        UpgradeOptions up = one(facts, UpgradeOptions.class);
        assertEquals("upgrade", up.subject());
        assertFalse(up.skipChecks());
        assertEquals("10.0.0.7: SKIP_CHECKS", up.origin());
    }

    @Test
    void dfGivesOneFactPerMountInBytes() throws Exception {
        List<DiskSpace> disks = all(masterProbe().parse(Role.MASTER), DiskSpace.class);
        assertEquals(List.of("/", "/var/lib"), disks.stream().map(DiskSpace::mount).toList());
        assertEquals(34066420L * 1024, disks.get(0).freeBytes());
        assertEquals(52416492L * 1024, disks.get(0).totalBytes());
        assertEquals(103757824L * 1024, disks.get(1).freeBytes());
    }

    @Test
    void emptyProbeOfAMasterReportsEveryRequiredSectionMissing() throws Exception {
        List<Fact> facts = new Fixtures.Probe("10.0.0.7").parse(Role.MASTER);
        Map<String, CollectionProblem.Kind> problems = all(facts, CollectionProblem.class).stream()
                .collect(Collectors.toMap(CollectionProblem::what, CollectionProblem::kind));
        assertEquals(Map.of("roles", CollectionProblem.Kind.MISSING, "dcos-version", CollectionProblem.Kind.MISSING,
                "os-release", CollectionProblem.Kind.MISSING, "docker-version", CollectionProblem.Kind.MISSING,
                "time-sync", CollectionProblem.Kind.MISSING, "env-file", CollectionProblem.Kind.MISSING,
                "df", CollectionProblem.Kind.MISSING, "zookeeper", CollectionProblem.Kind.MISSING,
                "exhibitor-fds", CollectionProblem.Kind.MISSING, "opt-integrity", CollectionProblem.Kind.MISSING),
                problems);
        assertEquals(problems.size(), facts.size(), "nothing but problems");
        assertTrue(all(facts, CollectionProblem.class).stream().allMatch(p -> p.subject().equals("10.0.0.7")));
    }

    @Test
    void agentsNeedNoZooKeeperOrExhibitorSections() throws Exception {
        List<Fact> facts = new Fixtures.Probe("10.0.0.8").parse(Role.AGENT);
        List<String> what = all(facts, CollectionProblem.class).stream().map(CollectionProblem::what).toList();
        assertFalse(what.contains("zookeeper"));
        assertFalse(what.contains("exhibitor-fds"));
        assertTrue(what.contains("roles"));
    }

    @Test
    void truncatedProbeKeepsEarlierSectionsAndFlagsTheCutOne() throws Exception {
        byte[] full = masterProbe().bytes();
        String text = new String(full, StandardCharsets.UTF_8);
        String cut = text.substring(0, text.indexOf("### section zookeeper") + 60);
        List<Fact> facts = Payloads.parse(PayloadKind.NODE_PROBE, "10.0.0.7", Role.MASTER, "s",
                cut.getBytes(StandardCharsets.UTF_8));
        assertEquals("CentOS 7.1", one(facts, OsRelease.class).platform());
        Map<String, CollectionProblem> problems = all(facts, CollectionProblem.class).stream()
                .collect(Collectors.toMap(CollectionProblem::what, p -> p));
        assertEquals(CollectionProblem.Kind.PARSE_ERROR, problems.get("zookeeper").kind());
        assertTrue(problems.get("zookeeper").detail().contains("truncated"));
        assertEquals(CollectionProblem.Kind.MISSING, problems.get("exhibitor-fds").kind());
        assertEquals(CollectionProblem.Kind.MISSING, problems.get("opt-integrity").kind());
        assertTrue(all(facts, ZooKeeperState.class).isEmpty());
    }

    @Test
    void failedSectionsAreMissingWithRcAndMalformedOnesAreParseErrors() throws Exception {
        List<Fact> facts = new Fixtures.Probe("10.0.0.9")
                .section("roles rc=2", "ls: cannot access /etc/mesosphere/roles: No such file or directory")
                .section("dcos-version rc=1", "cat: /opt/mesosphere/etc/dcos-version.json: Permission denied")
                .section("os-release rc=0", "NAME=Something\n")
                .section("exhibitor-fds rc=0", "lots\n")
                .section("opt-integrity rc=0", "/opt/mesosphere/etc/mesos-master\n/opt/mesosphere/bin/x\n")
                .parse(Role.MASTER);
        assertEquals(List.of(), one(facts, RoleFiles.class).roles(), "no roles directory = no roles");
        Map<String, CollectionProblem> p = all(facts, CollectionProblem.class).stream()
                .collect(Collectors.toMap(CollectionProblem::what, x -> x));
        assertEquals(CollectionProblem.Kind.MISSING, p.get("dcos-version").kind());
        assertEquals("rc=1: cat: /opt/mesosphere/etc/dcos-version.json: Permission denied",
                p.get("dcos-version").detail());
        assertEquals(CollectionProblem.Kind.PARSE_ERROR, p.get("os-release").kind());
        assertEquals(CollectionProblem.Kind.PARSE_ERROR, p.get("exhibitor-fds").kind());
        assertEquals(List.of("/opt/mesosphere/etc/mesos-master", "/opt/mesosphere/bin/x"),
                one(facts, OptIntegrity.class).modifiedFiles());
    }

    @Test
    void dcosVersionWithVariant() throws Exception {
        DcosInstall d = one(new Fixtures.Probe("h")
                .fixture("dcos-version rc=0", "dcos-node/dcos-version_1.13.0-alpha-ee.json").parse(Role.AGENT),
                DcosInstall.class);
        assertEquals(new DcosInstall("10.0.0.7", "ssh:10.0.0.7", "1.13.0-alpha", "enterprise",
                "1c5b7331b17e5c21e46c85ff1486389c0de1504e"), d);
    }

    @Test
    void truncatedDcosVersionJsonIsAParseErrorNamingThePosition() throws Exception {
        String json = Fixtures.text("dcos/dcos-version_2.2.0_dcos-ui.json");
        List<Fact> facts = new Fixtures.Probe("h").section("dcos-version rc=0", json.substring(0, 40))
                .parse(Role.AGENT);
        CollectionProblem p = all(facts, CollectionProblem.class).stream()
                .filter(x -> x.what().equals("dcos-version")).findFirst().orElseThrow();
        assertEquals(CollectionProblem.Kind.PARSE_ERROR, p.kind());
        assertTrue(p.detail().contains("malformed JSON at line"), p.detail());
        assertTrue(p.detail().contains("malformed JSON at line 3, column 17 (in $.version)"), p.detail());
    }

    @Test
    void skipChecksCredentialsAndZooKeeperLegacyDir() throws Exception {
        List<Fact> facts = new Fixtures.Probe("h")
                .section("upgrade-env rc=0", "export SKIP_CHECKS=true\nDCOS_VERSION=1.11.3\n")
                .section("credentials rc=0 path=/opt/mesosphere/etc/mesos-credentials flag=credentials", "TEXT\n")
                .section("credentials rc=0 path=/etc/my%20creds.json", "JSON\n")
                .section("zookeeper rc=0", "datadir=/var/lib/zookeeper/data\nbackup_path=\nbackup_age_seconds=\n")
                .parse(Role.MASTER);
        assertTrue(one(facts, UpgradeOptions.class).skipChecks());
        List<CredentialsFile> creds = all(facts, CredentialsFile.class);
        assertEquals(new CredentialsFile("10.0.0.7", "ssh:10.0.0.7", "credentials",
                "/opt/mesosphere/etc/mesos-credentials", "TEXT"), creds.get(0));
        assertTrue(creds.get(0).plainText());
        assertEquals("/etc/my creds.json", creds.get(1).path());
        assertNull(creds.get(1).flag());
        ZooKeeperState zk = one(facts, ZooKeeperState.class);
        assertTrue(zk.legacyDataDir());
        assertNull(zk.backupPath());
        assertNull(zk.backupAgeSeconds());
    }

    @Test
    void escapedBodyLinesAndCrLfAreRead() throws Exception {
        String doc = "\r\n### preflight-probe v1 host=10.0.0.7\r\n"
                + "### section env-file rc=0 path=/opt/mesosphere/etc/mesos-slave-common-extras\r\n"
                + "\\### end of DC/OS settings\r\n"
                + "\\\\MESOS_NOT_A_SETTING=1\r\n"
                + "MESOS_MODULES=file:///opt/site/modules.json\r\n"
                + "### end\r\n";
        List<Fact> facts = Payloads.parse(PayloadKind.NODE_PROBE, "10.0.0.7", Role.AGENT, "s",
                doc.getBytes(StandardCharsets.UTF_8));
        MesosFlagSetting s = one(facts, MesosFlagSetting.class);
        assertEquals("modules", s.flag());
        assertEquals(3, s.line(), "line numbers count the escaped lines too");
        assertFalse(s.dcosManaged());
    }

    @Test
    void strayTextDuplicatesAndBadHeadersAreProblemsNotFailures() throws Exception {
        byte[] doc = new Fixtures.Probe("h")
                .raw("garbage between sections\n### end\n")
                .section("roles rc=0", "slave\n")
                .section("roles rc=0", "master\n")
                .section("df", "")
                .bytes();
        List<Fact> facts = Payloads.parse(PayloadKind.NODE_PROBE, "h", Role.AGENT, "s", doc);
        List<CollectionProblem> p = all(facts, CollectionProblem.class);
        assertEquals(2, p.stream().filter(x -> x.what().equals("probe")).count());
        assertTrue(p.stream().anyMatch(x -> x.what().equals("roles") && x.detail().contains("appears 2 times")));
        assertEquals(List.of("slave"), one(facts, RoleFiles.class).roles(), "the first copy is used");
        assertTrue(p.stream().anyMatch(x -> x.what().equals("df") && x.detail().contains("no rc=")));
    }

    @Test
    void notAProbeOrAnotherVersionIsRejectedAsAWhole() {
        PayloadException notProbe = assertThrows(PayloadException.class, () -> Payloads.parse(PayloadKind.NODE_PROBE,
                "h", Role.AGENT, "s", "NAME=CentOS\n".getBytes(StandardCharsets.UTF_8)));
        assertTrue(notProbe.getMessage().startsWith("line 1: not a preflight probe document"), notProbe.getMessage());
        PayloadException v2 = assertThrows(PayloadException.class, () -> Payloads.parse(PayloadKind.NODE_PROBE,
                "h", Role.AGENT, "s", "\n### preflight-probe v2 host=h\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("line 2: probe format v2 is not supported (this version reads v1)", v2.getMessage());
    }

    @Test
    void unknownSectionsAndUserConfigAreIgnored() throws Exception {
        List<Fact> facts = new Fixtures.Probe("h")
                .section("user-config rc=0", "superuser_password_hash: $6$secret\n")
                .section("future-thing rc=0", "x\n")
                .parse(Role.UNKNOWN);
        assertTrue(facts.stream().allMatch(f -> f instanceof CollectionProblem));
        assertTrue(facts.stream().noneMatch(f -> f.toString().contains("secret")));
        assertFalse(all(facts, CollectionProblem.class).stream().anyMatch(p -> p.what().equals("zookeeper")),
                "master-only sections are not required when the role is unknown");
    }
}
