package io.preflight.facts.parse;

import static io.preflight.facts.parse.Fixtures.all;
import static io.preflight.facts.parse.Fixtures.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.DockerDaemon;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosFlagSetting;
import io.preflight.facts.OsRelease;
import io.preflight.facts.Role;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** os-release, docker and env-file sections, from real command outputs. */
class ProbeSectionParsersTest {
    private static final String NF = "node-facts/";

    @ParameterizedTest(name = "{0} + {1} -> {2} {3}")
    @CsvSource({
            "etc-os-release_centos7_python-distro.txt, etc-centos-release_centos7_python-distro.txt, CentOS, 7.1",
            "etc-os-release_centos7_python-distro.txt, , CentOS, 7",
            "etc-os-release_rhel7_python-distro.txt, etc-redhat-release_rhel7_python-distro.txt, RHEL, 7.0",
            "etc-os-release_redhat_7.2_ansible-fixture.txt, etc-redhat-release_redhat_7.2_ansible-fixture.txt, RHEL, 7.2",
            "etc-os-release_redhat_7.7_ansible-fixture.txt, etc-redhat-release_redhat_7.7_ansible-fixture.txt, RHEL, 7.7",
            "etc-os-release_redhat_7.7_ansible-fixture.txt, , RHEL, 7.7",
            "etc-os-release_coreos_python-distro.txt, , CoreOS, 899.15.0",
            "etc-os-release_core_os_976.0.0_ansible-fixture.txt, , CoreOS, 976.0.0",
            "usr-lib-os-release_core_os_1911.5.0_ansible-fixture.txt, , CoreOS, 1911.5.0",
            "etc-os-release_flatcar_3139.2.0_ansible-fixture.txt, , Flatcar, 3139.2.0",
            "etc-os-release_oracle7_python-distro.txt, , Oracle Linux, 7.5",
            "etc-os-release_ubuntu14_python-distro.txt, , Ubuntu, 14.04",
            "etc-os-release_ubuntu16_python-distro.txt, , Ubuntu, 16.04",
            "etc-os-release_ubuntu_16.04_ansible-fixture.txt, , Ubuntu, 16.04",
            "etc-os-release_ubuntu_18.04_ansible-fixture.txt, , Ubuntu, 18.04",
    })
    void osRelease(String osRelease, String release, String family, String version) throws Exception {
        Fixtures.Probe probe = new Fixtures.Probe("h").fixture("os-release rc=0", NF + osRelease);
        if (release != null) {
            probe.fixture((release.contains("centos") ? "centos-release" : "redhat-release") + " rc=0", NF + release);
        }
        OsRelease os = one(probe.parse(Role.AGENT), OsRelease.class);
        assertEquals(family, os.family());
        assertEquals(version, os.version());
        assertEquals(family + " " + version, os.platform());
        assertNull(os.kernel());
    }

    @Test
    void prettyNameAndFailedReleaseFileFallsBack() throws Exception {
        OsRelease os = one(new Fixtures.Probe("h")
                .fixture("os-release rc=0", NF + "etc-os-release_ubuntu_18.04_ansible-fixture.txt")
                .section("redhat-release rc=1", "cat: /etc/redhat-release: No such file or directory")
                .section("uname-r rc=0", "4.15.0-66-generic\n")
                .parse(Role.AGENT), OsRelease.class);
        assertEquals("Ubuntu 18.04.3 LTS", os.prettyName());
        assertEquals("4.15.0-66-generic", os.kernel());
    }

    private static Fact docker(String header, String body) throws Exception {
        List<Fact> facts = new Fixtures.Probe("h").section(header, body).parse(Role.AGENT);
        List<Fact> docker = facts.stream().filter(f -> f instanceof DockerDaemon
                || (f instanceof CollectionProblem p && p.what().startsWith("docker"))).toList();
        assertEquals(1, docker.size(), docker.toString());
        return docker.get(0);
    }

    @Test
    void dockerVersionJson() throws Exception {
        DockerDaemon d = (DockerDaemon) docker("docker-version rc=0",
                Fixtures.text(NF + "docker-version-json_client-server-17.03.0-ce_inspec-fixture.json"));
        assertEquals(new DockerDaemon("10.0.0.7", "ssh:10.0.0.7", true, true, "17.03.0-ce", "17.03.0-ce", null), d);
    }

    @Test
    void dockerEnterpriseJsonAndTextReportTheEngineVersion() throws Exception {
        DockerDaemon json = (DockerDaemon) docker("docker-version rc=0", Fixtures.text(
                NF + "docker-version-json_client18.99.5-ce_server-ee-17.06.2_docker-cli-HEAD-golden.json"));
        assertEquals("17.06.2-ee-15", json.serverVersion());
        assertEquals("18.99.5-ce", json.clientVersion());
        DockerDaemon text = (DockerDaemon) docker("docker-version rc=0", Fixtures.text(
                NF + "docker-version-text_client18.99.5-ce_server-ee-17.06.2_docker-cli-v19.03.5-golden.txt"));
        assertEquals(json.serverVersion(), text.serverVersion());
        assertEquals(json.clientVersion(), text.clientVersion());
        assertTrue(text.answering());
    }

    @Test
    void dockerDaemonDownTextAndJson() throws Exception {
        String text = Fixtures.text(
                NF + "docker-version-text_client18.99.5-ce_server-ee-17.06.2_docker-cli-v19.03.5-golden.txt");
        String clientOnly = text.substring(0, text.indexOf("Server:"));
        String error = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";
        DockerDaemon d = (DockerDaemon) docker("docker-version rc=1", clientOnly + error + "\n");
        assertTrue(d.installed());
        assertFalse(d.answering());
        assertNull(d.serverVersion());
        assertEquals("18.99.5-ce", d.clientVersion());
        assertEquals(error, d.detail());

        String json = Fixtures.text(NF + "docker-version-json_client-server-17.03.0-ce_inspec-fixture.json").trim();
        String down = json.substring(0, json.indexOf(",\"Server\"")) + ",\"Server\":null}\n" + error;
        DockerDaemon j = (DockerDaemon) docker("docker-version rc=1", down);
        assertFalse(j.answering());
        assertEquals("17.03.0-ce", j.clientVersion());
        assertEquals(error, j.detail());
    }

    @Test
    void dockerNotInstalledAndPermissionDenied() throws Exception {
        DockerDaemon missing = (DockerDaemon) docker("docker-version rc=127", "bash: docker: command not found\n");
        assertFalse(missing.installed());
        assertFalse(missing.answering());
        CollectionProblem denied = (CollectionProblem) docker("docker-version rc=1",
                "Got permission denied while trying to connect to the Docker daemon socket at "
                        + "unix:///var/run/docker.sock: Get http://%2Fvar%2Frun%2Fdocker.sock/v1.40/version: "
                        + "dial unix /var/run/docker.sock: connect: permission denied\n");
        assertEquals(CollectionProblem.Kind.AUTH, denied.kind());
    }

    @Test
    void dockerInfoIsTheFallback() throws Exception {
        DockerDaemon json = (DockerDaemon) docker("docker-info rc=0", Fixtures.text(
                NF + "docker-info-json_no-swarm_server-17.06.1-ce_ubuntu16.04_docker-cli-v19.03.5-golden.json"));
        assertEquals("17.06.1-ce", json.serverVersion());
        DockerDaemon text = (DockerDaemon) docker("docker-info rc=0",
                Fixtures.text(NF + "docker-info-text_no-swarm_docker-cli-v18.09.9-golden.txt"));
        assertEquals("17.06.1-ce", text.serverVersion());
        assertTrue(text.answering());
    }

    @Test
    void dockerVersionWinsOverDockerInfo() throws Exception {
        List<Fact> facts = new Fixtures.Probe("h")
                .fixture("docker-version rc=0", NF + "docker-version-json_client-server-17.03.0-ce_inspec-fixture.json")
                .fixture("docker-info rc=0", NF + "docker-info-text_no-swarm_docker-cli-v18.09.9-golden.txt")
                .parse(Role.AGENT);
        assertEquals("17.03.0-ce", one(facts, DockerDaemon.class).serverVersion());
    }

    @Test
    void realDcosAgentEnvFile() throws Exception {
        List<Fact> facts = new Fixtures.Probe("h")
                .fixture("env-file rc=0 path=/opt/mesosphere/etc/mesos-slave-common",
                        "dcos-node/mesos-slave-common_dcos-1.11-era.env")
                .parse(Role.AGENT);
        List<MesosFlagSetting> settings = all(facts, MesosFlagSetting.class);
        assertEquals(27, settings.size(), "GLOG_drop_log_memory is not a Mesos flag");
        MesosFlagSetting subsystems = settings.stream().filter(s -> s.flag().equals("slave_subsystems"))
                .findFirst().orElseThrow();
        assertEquals(new MesosFlagSetting("10.0.0.7", "ssh:10.0.0.7", "agent", "MESOS_SLAVE_SUBSYSTEMS",
                "slave_subsystems", "cpu,memory", "/opt/mesosphere/etc/mesos-slave-common", 12, true), subsystems);
        assertEquals("/opt/mesosphere/etc/mesos-slave-common:12", subsystems.location());
        assertEquals("zk://zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181,zk-4.zk:2181,zk-5.zk:2181/mesos",
                settings.get(0).value());
        assertEquals("20secs", settings.stream().filter(s -> s.envVar().equals("MESOS_DOCKER_STOP_TIMEOUT"))
                .findFirst().orElseThrow().value());
        assertTrue(settings.stream().allMatch(s -> s.component().equals("agent") && s.dcosManaged()));
    }

    @Test
    void envFileComponentManagedFlagQuotesCommentsAndSecrets() throws Exception {
        List<Fact> facts = new Fixtures.Probe("h")
                .section("env-file rc=0 path=/var/lib/dcos/mesos-slave-common",
                        "# operator overrides\n\nMESOS_ATTRIBUTES='rack:r1;zone:a'\n"
                                + "MESOS_CREDENTIAL=/etc/mesos/agent-credential\n"
                                + "MESOS_EXECUTOR_SECRET_KEY=\"c2VjcmV0LWtleS1ieXRlcw==\"\nnot a line\n")
                .section("env-file rc=0 path=/etc/mesosphere/mesos/flags.env", "MESOS_HOSTNAME_LOOKUP=false\n")
                .section("env-file rc=0 path=/opt/mesosphere/etc/mesos-master-extras", "MESOS_MODULES=x\n")
                .parse(Role.AGENT_PUBLIC);
        List<MesosFlagSetting> s = all(facts, MesosFlagSetting.class);
        assertEquals(List.of("attributes", "credential", "executor_secret_key", "hostname_lookup", "modules"),
                s.stream().map(MesosFlagSetting::flag).toList());
        assertEquals("rack:r1;zone:a", s.get(0).value());
        assertEquals(3, s.get(0).line());
        assertEquals("/etc/mesos/agent-credential", s.get(1).value(), "a credentials path is kept");
        assertEquals(Secrets.MASK, s.get(2).value());
        assertFalse(facts.toString().contains("c2VjcmV0"));
        assertFalse(s.get(0).dcosManaged());
        assertEquals("agent", s.get(3).component(), "no role word in the file name: the node's role decides");
        assertFalse(s.get(3).dcosManaged());
        assertEquals("master", s.get(4).component());
        assertFalse(s.get(4).dcosManaged());
    }

    @Test
    void missingRequiredEnvFileIsAProblemButMissingExtrasIsNot() throws Exception {
        List<Fact> facts = new Fixtures.Probe("h")
                .section("env-file rc=1 path=/opt/mesosphere/etc/mesos-slave-common",
                        "cat: /opt/mesosphere/etc/mesos-slave-common: No such file or directory")
                .section("env-file rc=1 path=/opt/mesosphere/etc/mesos-slave-common-extras",
                        "cat: /opt/mesosphere/etc/mesos-slave-common-extras: No such file or directory")
                .parse(Role.AGENT);
        List<CollectionProblem> env = all(facts, CollectionProblem.class).stream()
                .filter(p -> p.what().equals("env-file")).toList();
        assertEquals(1, env.size());
        assertEquals(CollectionProblem.Kind.MISSING, env.get(0).kind());
        assertTrue(env.get(0).detail().startsWith("/opt/mesosphere/etc/mesos-slave-common: rc=1"));
    }
}
