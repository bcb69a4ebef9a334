package io.preflight.facts.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible inventories (INI and YAML): the connection variables and preflight's own, their precedence (host over
 * deeper group over shallower group over all), the one-value-per-run rule, secrets, and every error as one exact line.
 */
class AnsibleInventoryTest {
    private static final String OWN = "preflight_cluster_name, preflight_mesos_url, preflight_marathon_url, "
            + "preflight_exhibitor_url, preflight_token_file, preflight_ca_file, preflight_known_hosts, "
            + "preflight_ssh_concurrency, preflight_ssh_timeout, preflight_ssh_key_passphrase_file";
    private static final String ONE_LOGIN = "preflight logs in to every node as one user with one key per run: set "
            + "it once for all hosts (e.g. in [all:vars] or all: vars:), or split the inventory";
    private static final String ONE_VALUE = "it is one value per run: set it once for all hosts (e.g. in [all:vars] "
            + "or all: vars:)";

    @TempDir
    Path tmp;

    private Path file(String name, String... lines) throws Exception {
        return Files.writeString(tmp.resolve(name), String.join("\n", lines) + "\n");
    }

    // ------------------------------------------------------------------------------------------------ variables

    @Test
    void iniAllVarsSetEveryConnectionAndPreflightVariable() throws Exception {
        Inventory inv = Inventory.read(file("dcos.ini",
                "[masters]",
                "m1 ansible_host=10.0.0.1",
                "[agents]",
                "10.0.1.1",
                "[all:vars]",
                "ansible_user=centos",
                "ansible_port=2222",
                "ansible_ssh_private_key_file=/etc/preflight/id_ecdsa",
                "preflight_cluster_name = prod-east",
                "preflight_mesos_url=https://leader.mesos:5050/",
                "preflight_marathon_url=https://marathon.mesos:8443",
                "preflight_exhibitor_url=http://10.0.0.1:8181",
                "preflight_token_file=/etc/preflight/token",
                "preflight_ca_file=/etc/preflight/ca.pem",
                "preflight_known_hosts=\"/etc/preflight/known hosts\"",
                "preflight_ssh_concurrency=8",
                "preflight_ssh_timeout=45s",
                "preflight_ssh_key_passphrase_file=~/.preflight/passphrase"));
        Inventory.Cluster c = inv.cluster();
        assertEquals("prod-east", c.name());
        assertEquals("https://leader.mesos:5050", c.mesos());
        assertEquals("https://marathon.mesos:8443", c.marathon());
        assertEquals("http://10.0.0.1:8181", c.exhibitor());
        assertEquals(Path.of("/etc/preflight/token"), c.tokenFile());
        assertEquals(Path.of("/etc/preflight/ca.pem"), c.caFile());
        Inventory.Ssh s = inv.ssh();
        assertEquals("centos", s.user());
        assertEquals(2222, s.port());
        assertEquals(Path.of("/etc/preflight/id_ecdsa"), s.privateKey());
        assertEquals(Path.of("/etc/preflight/known hosts"), s.knownHosts());
        assertEquals(8, s.concurrency());
        assertEquals(Duration.ofSeconds(45), s.timeout());
        assertEquals(Path.of(System.getProperty("user.home"), ".preflight/passphrase"), s.privateKeyPassphraseFile());
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 0, Role.MASTER), new Inventory.Node("10.0.1.1", 0, Role.AGENT)),
                inv.nodes());
        assertEquals(List.of(), inv.warnings());
    }

    @Test
    void withoutVariablesTheDefaultsOfAPlainInventoryApply() throws Exception {
        Inventory inv = Inventory.read(file("plain.ini", "[masters]", "10.0.0.1"));
        assertEquals(System.getProperty("user.name"), inv.ssh().user());
        assertEquals(22, inv.ssh().port());
        assertEquals(Path.of(System.getProperty("user.home"), ".ssh/id_ed25519"), inv.ssh().privateKey());
        assertEquals(Path.of(System.getProperty("user.home"), ".ssh/known_hosts"), inv.ssh().knownHosts());
        assertEquals(32, inv.ssh().concurrency());
        assertEquals(Duration.ofSeconds(20), inv.ssh().timeout());
        assertNull(inv.ssh().privateKeyPassphraseFile());
        assertNull(inv.cluster().tokenFile());
        assertNull(inv.cluster().caFile());
        assertEquals("plain", inv.cluster().name());
    }

    @Test
    void olderAnsibleNamesMeanTheSame() throws Exception {
        Inventory inv = Inventory.read(file("old.ini",
                "[masters]",
                "m1 ansible_ssh_host=10.0.0.1 ansible_ssh_port=2200",
                "[all:vars]",
                "ansible_ssh_user=core",
                "ansible_private_key_file=/keys/core"));
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 0, Role.MASTER)), inv.nodes());
        assertEquals(2200, inv.ssh().port(), "the one port every host shares is the run's port");
        assertEquals("core", inv.ssh().user());
        assertEquals(Path.of("/keys/core"), inv.ssh().privateKey());
    }

    @Test
    void iniPrecedenceIsHostThenDeeperGroupThenShallowerGroupThenAll() throws Exception {
        Inventory inv = Inventory.read(file("prec.ini",
                "[masters]",
                "10.0.0.1",
                "[agents]",
                "10.0.1.1",
                "10.0.1.2 ansible_port=2400",
                "[zone_b]",
                "10.0.1.3",
                "[agents_gpu]",
                "10.0.1.3",
                "[dcos:children]",
                "masters",
                "agents",
                "[agents:children]",
                "agents_gpu",
                "[all:vars]",
                "ansible_port=22",
                "ansible_user=root",
                "[dcos:vars]",
                "ansible_port=2200",
                "ansible_user=centos",
                "[agents:vars]",
                "ansible_port=2300",
                "[zone_b:vars]",
                "ansible_port=2500",
                "[agents_gpu:vars]",
                "ansible_port=2600"));
        // all (22) < dcos (depth 1: 2200) < agents (depth 2: 2300) < host (2400); 10.0.1.3 is in zone_b (depth 1)
        // and agents_gpu (depth 3, child of agents): the deeper group wins
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 2200, Role.MASTER),
                new Inventory.Node("10.0.1.1", 2300, Role.AGENT), new Inventory.Node("10.0.1.2", 2400, Role.AGENT),
                new Inventory.Node("10.0.1.3", 2600, Role.AGENT)), inv.nodes());
        assertEquals(22, inv.ssh().port(), "hosts disagree: [all:vars] is the port for discovered nodes");
        assertEquals("centos", inv.ssh().user(), "[dcos:vars] overrides [all:vars] for every host");
    }

    @Test
    void groupsOfTheSameDepthApplyInNameOrderTheLaterNameWinning() throws Exception {
        Inventory inv = Inventory.read(file("same.ini",
                "[masters]",
                "10.0.0.1",
                "[zone_b]",
                "10.0.0.1",
                "[zone_a]",
                "10.0.0.1",
                "[zone_b:vars]",
                "ansible_port=2002",
                "[zone_a:vars]",
                "ansible_port=2001"));
        assertEquals(2002, inv.ssh().port());
    }

    @Test
    void oneSharedPortBecomesTheRunPortEvenFromAGroup() throws Exception {
        Inventory inv = Inventory.read(file("shared.ini",
                "[masters]", "10.0.0.1", "[agents]", "10.0.1.1",
                "[dcos:children]", "masters", "agents",
                "[dcos:vars]", "ansible_port=2222"));
        assertEquals(2222, inv.ssh().port());
        assertTrue(inv.nodes().stream().allMatch(n -> n.port() == 0), inv.nodes()::toString);
    }

    @Test
    void hostPortAndHostRangesExpandAsInAnsible() throws Exception {
        Inventory inv = Inventory.read(file("ranges.ini",
                "[masters]",
                "10.0.0.1:2201",
                "[agents]",
                "agent[08:10].dc ansible_port=2300",
                "[agent_public]",
                "edge-[a:c:2]",
                "10.0.6.[50:51]:2222",
                "[all:vars]",
                "ansible_port=22"));
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 2201, Role.MASTER),
                new Inventory.Node("agent08.dc", 2300, Role.AGENT), new Inventory.Node("agent09.dc", 2300, Role.AGENT),
                new Inventory.Node("agent10.dc", 2300, Role.AGENT), new Inventory.Node("edge-a", 0, Role.AGENT_PUBLIC),
                new Inventory.Node("edge-c", 0, Role.AGENT_PUBLIC), new Inventory.Node("10.0.6.50", 2222, Role.AGENT_PUBLIC),
                new Inventory.Node("10.0.6.51", 2222, Role.AGENT_PUBLIC)), inv.nodes());
    }

    @Test
    void yamlVarsFollowTheSamePrecedence() throws Exception {
        Inventory inv = Inventory.read(file("cluster.yml",
                "all:",
                "  vars:",
                "    ansible_user: centos",
                "    ansible_port: 22",
                "    ansible_ssh_private_key_file: /keys/dcos",
                "    preflight_mesos_url: http://10.0.0.1:5050",
                "    preflight_known_hosts: /keys/known_hosts",
                "    preflight_ssh_timeout: 1m",
                "    preflight_ssh_key_passphrase_file: /keys/dcos.pass",
                "  children:",
                "    masters:",
                "      hosts:",
                "        m1:",
                "          ansible_host: 10.0.0.1",
                "    agents:",
                "      vars:",
                "        ansible_port: 2300",
                "      children:",
                "        agents_public:",
                "          vars:",
                "            ansible_port: 2400",
                "          hosts:",
                "            10.0.2.1:",
                "      hosts:",
                "        10.0.1.1:",
                "        10.0.1.2:",
                "          ansible_port: 2500"));
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 0, Role.MASTER),
                new Inventory.Node("10.0.2.1", 2400, Role.AGENT_PUBLIC), new Inventory.Node("10.0.1.1", 2300, Role.AGENT),
                new Inventory.Node("10.0.1.2", 2500, Role.AGENT)), inv.nodes());
        assertEquals(22, inv.ssh().port());
        assertEquals("centos", inv.ssh().user());
        assertEquals(Path.of("/keys/dcos"), inv.ssh().privateKey());
        assertEquals(Path.of("/keys/known_hosts"), inv.ssh().knownHosts());
        assertEquals(Duration.ofMinutes(1), inv.ssh().timeout());
        assertEquals(Path.of("/keys/dcos.pass"), inv.ssh().privateKeyPassphraseFile());
        assertEquals("http://10.0.0.1:5050", inv.cluster().mesos());
        assertEquals("http://10.0.0.1:8080", inv.cluster().marathon(), "not given: the first master's");
    }

    @Test
    void aRunWideValueMaySitOnOneHostWhenNoOtherDisagrees() throws Exception {
        Inventory inv = Inventory.read(file("onhost.ini",
                "[masters]",
                "10.0.0.1 preflight_mesos_url=http://10.0.0.1:5050 preflight_cluster_name=east",
                "[agents]",
                "10.0.1.1"));
        assertEquals("http://10.0.0.1:5050", inv.cluster().mesos());
        assertEquals("east", inv.cluster().name());
    }

    @Test
    void aMesosUrlMakesAMastersGroupOptional() throws Exception {
        Inventory inv = Inventory.read(file("agents.ini",
                "[agents]", "10.0.1.1", "[all:vars]", "preflight_mesos_url=http://10.0.0.1:5050"));
        assertEquals("http://10.0.0.1:5050", inv.cluster().mesos());
        assertNull(inv.cluster().marathon(), "no master to guess Marathon from");
        assertNull(inv.cluster().exhibitor());
    }

    @Test
    void siteAndAnsibleVariablesPreflightDoesNotUseAreLeftAlone() throws Exception {
        Inventory inv = Inventory.read(file("site.ini",
                "[masters]",
                "10.0.0.1 dcos_role=master ansible_python_interpreter=/usr/bin/python3",
                "[all:vars]",
                "ansible_become=yes",
                "ansible_connection=ssh",
                "dcos_version=2.0.6",
                "bootstrap_url={{ lookup('env', 'BOOTSTRAP') }}"));
        assertEquals(List.of(), inv.warnings());
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 0, Role.MASTER)), inv.nodes());
    }

    // ------------------------------------------------------------------------------------------------ secrets

    @Test
    void passwordVariablesAreIgnoredWithAWarningThatNeverShowsTheValue() throws Exception {
        String secret = "s3cr3t-value-xyz";
        Path f = file("pw.ini",
                "[masters]",
                "10.0.0.1 ansible_password=" + secret,
                "[all:vars]",
                "ansible_ssh_pass=" + secret,
                "ansible_become_pass='" + secret + "'",
                "ansible_become_password=" + secret,
                "ansible_ssh_common_args='-o ProxyJump=bastion'",
                "ansible_connection=docker");
        Inventory inv = Inventory.read(f);
        String ignored = " ignored: preflight takes no password from an inventory (SSH key authentication only, no "
                + "sudo; a key passphrase goes in a file named by preflight_ssh_key_passphrase_file, or in "
                + "PREFLIGHT_SSH_KEY_PASSPHRASE)";
        assertEquals(List.of(
                f + ":2: ansible_password" + ignored,
                f + ":4: ansible_ssh_pass" + ignored,
                f + ":5: ansible_become_pass" + ignored,
                f + ":6: ansible_become_password" + ignored,
                f + ":7: ansible_ssh_common_args ignored: preflight opens direct SSH connections (no ssh options, "
                        + "ProxyCommand or jump host)",
                f + ":8: ansible_connection=docker ignored: preflight always connects with SSH"), inv.warnings());
        assertFalse(inv.toString().contains(secret), "the inventory never holds a password");

        Path y = file("pw.yml",
                "all:",
                "  vars:",
                "    ansible_become_pass: !vault |",
                "      $ANSIBLE_VAULT;1.1;AES256",
                "      62313365396662343061393464336163383764373764613633653634306231386433626436623361",
                "  hosts:",
                "    10.0.0.1:",
                "      ansible_ssh_pass: " + secret,
                "  children:",
                "    masters:",
                "      hosts:",
                "        10.0.0.1:");
        Inventory yi = Inventory.read(y);
        assertEquals(List.of(y + ":3: all.vars: ansible_become_pass" + ignored,
                y + ":8: all.hosts.10.0.0.1: ansible_ssh_pass" + ignored), yi.warnings());
        assertFalse(yi.toString().contains(secret));
        assertFalse(yi.toString().contains("ANSIBLE_VAULT"));
    }

    @Test
    void aPreflightVariableThatWouldHoldASecretIsRefusedWithoutEchoingIt() throws Exception {
        String secret = "eyJhbGciOi-token-value";
        String why = " would put a secret in the inventory: preflight reads secrets only from files "
                + "(preflight_token_file, preflight_ssh_key_passphrase_file) or the environment "
                + "(PREFLIGHT_SSH_KEY_PASSPHRASE)";
        Path ini = file("tok.ini", "[masters]", "10.0.0.1", "[all:vars]", "preflight_token=" + secret);
        assertError(ini, ini + ":4: preflight_token" + why);
        Path pass = file("pass.ini", "[masters]", "10.0.0.1 preflight_ssh_key_passphrase=" + secret);
        assertError(pass, pass + ":2: preflight_ssh_key_passphrase" + why);
        Path yaml = file("tok.yml", "all:", "  vars:", "    preflight_token: " + secret, "  hosts:", "    10.0.0.1:");
        assertError(yaml, yaml + ":3: all.vars: preflight_token" + why);
    }

    // ------------------------------------------------------------------------------------------------ errors

    @Test
    void unknownPreflightVariablesAreOneLineErrorsWithTheirPlace() throws Exception {
        Path ini = file("typo.ini", "[masters]", "10.0.0.1", "[all:vars]", "preflight_mesos_ur=http://x:5050");
        assertError(ini, ini + ":4: unknown variable preflight_mesos_ur (preflight's own: " + OWN + ")");
        Path host = file("typo2.ini", "[masters]", "10.0.0.1 preflight_ssh_user=core");
        assertError(host, host + ":2: unknown variable preflight_ssh_user (preflight's own: " + OWN + ")");
        Path yaml = file("typo.yml",
                "all:",
                "  children:",
                "    masters:",
                "      vars:",
                "        preflight_mesos_ur: http://x:5050",
                "      hosts:",
                "        10.0.0.1:");
        assertError(yaml, yaml + ":5: all.children.masters.vars: unknown variable preflight_mesos_ur"
                + " (preflight's own: " + OWN + ")");
    }

    @Test
    void differentLoginUsersOrKeysAreRefusedNotSilentlyMerged() throws Exception {
        Path users = file("users.ini",
                "[masters]", "10.0.0.1", "[agents]", "10.0.1.1",
                "[masters:vars]", "ansible_user=centos",
                "[agents:vars]", "ansible_user=core");
        assertError(users, users + ":8: ansible_user 'core' for 10.0.1.1 differs from 'centos' for 10.0.0.1 ("
                + users + ":6): " + ONE_LOGIN);
        Path partial = file("partial.ini",
                "[masters]", "10.0.0.1", "[agents]", "10.0.1.1", "[agents:vars]", "ansible_user=core");
        assertError(partial, partial + ":6: ansible_user is set for 10.0.1.1 but not for 10.0.0.1: " + ONE_LOGIN);
        Path keys = file("keys.ini",
                "[masters]", "10.0.0.1 ansible_ssh_private_key_file=/keys/a",
                "[agents]", "10.0.1.1 ansible_ssh_private_key_file=/keys/b");
        assertError(keys, keys + ":4: ansible_ssh_private_key_file '/keys/b' for 10.0.1.1 differs from '/keys/a' for "
                + "10.0.0.1 (" + keys + ":2): " + ONE_LOGIN);
        Path yaml = file("users.yml",
                "masters:", "  hosts:", "    10.0.0.1:", "      ansible_user: centos",
                "agents:", "  hosts:", "    10.0.1.1:", "      ansible_user: core");
        assertError(yaml, yaml + ":8: agents.hosts.10.0.1.1: ansible_user 'core' for 10.0.1.1 differs "
                + "from 'centos' for 10.0.0.1 (" + yaml + ":4: masters.hosts.10.0.0.1): " + ONE_LOGIN);
    }

    @Test
    void runWidePreflightValuesMustAgree() throws Exception {
        Path f = file("urls.ini",
                "[masters]", "10.0.0.1 preflight_mesos_url=http://10.0.0.1:5050",
                "[agents]", "10.0.1.1 preflight_mesos_url=http://10.0.0.2:5050");
        assertError(f, f + ":4: preflight_mesos_url 'http://10.0.0.2:5050' for 10.0.1.1 differs from "
                + "'http://10.0.0.1:5050' for 10.0.0.1 (" + f + ":2): " + ONE_VALUE);
    }

    @Test
    void badValuesNameTheirLine() throws Exception {
        String[][] cases = {
            {"ansible_port=22x", ":4: ansible_port: '22x' is not a port number (1-65535)"},
            {"ansible_port=70000", ":4: ansible_port: '70000' is not a port number (1-65535)"},
            {"preflight_ssh_concurrency=0", ":4: preflight_ssh_concurrency: '0' is not a number (1-1024)"},
            {"preflight_ssh_timeout=soon", ":4: preflight_ssh_timeout: 'soon' is not a duration (20s, 500ms, 2m)"},
            {"preflight_marathon_url=ftp://m", ":4: preflight_marathon_url: 'ftp://m' is not an http(s) URL"},
            {"ansible_user={{ lookup('env', 'USER') }}", ":4: ansible_user: '{{ lookup('env', 'USER') }}' is a "
                    + "Jinja2 template; preflight does not evaluate templates, give the value itself"},
            {"ansible_host=10.0.0.9", ":4: ansible_host belongs to a host, not to group variables (every host would "
                    + "get the same address)"},
            {"preflight_ca_file=", ":4: preflight_ca_file is empty"},
            {"just words", ":4: expected name=value in [all:vars], got 'just words'"},
        };
        for (String[] c : cases) {
            Path f = file("bad.ini", "[masters]", "10.0.0.1", "[all:vars]", c[0]);
            assertError(f, f + c[1]);
        }
        Path list = file("list.yml", "all:", "  vars:", "    ansible_user: [a, b]", "  hosts:", "    10.0.0.1:");
        assertError(list, list + ":3: all.vars: ansible_user: expected a single value, not a list or mapping");
    }

    @Test
    void badStructureIsOneLineWithItsPlace() throws Exception {
        Path header = file("h.ini", "[masters:hosts]", "10.0.0.1");
        assertError(header, header + ":1: unknown section [masters:hosts] (a group, [group:vars] or [group:children])");
        Path open = file("o.ini", "[masters", "10.0.0.1");
        assertError(open, open + ":1: unterminated group header");
        Path quote = file("q.ini", "[masters]", "10.0.0.1 ansible_user='centos");
        assertError(quote, quote + ":2: unterminated ' quote");
        Path loop = file("loop.ini", "[masters]", "10.0.0.1", "[a:children]", "b", "[b:children]", "a");
        assertError(loop, loop + ":3: group a is its own ancestor ([group:children] loop)");
        Path range = file("r.ini", "[masters]", "m[1:x].dc");
        assertError(range, range + ":2: cannot read the host range [1:x] (numbers like [01:20] or letters like [a:f])");
        Path width = file("w.ini", "[masters]", "m[01:100].dc");
        assertError(width, width + ":2: host range [01:100] must have equal-length begin and end");
        Path noMaster = file("nm.ini", "[agents]", "10.0.1.1");
        assertError(noMaster, noMaster + ": no host in a masters group (masters, dcos_masters, ...) and no "
                + "preflight_mesos_url");
        Path empty = file("empty.ini", "[all:vars]", "ansible_user=centos");
        assertError(empty, empty + ": no hosts found");
        Path hosts = file("h.yml", "all:", "  children:", "    masters:", "      hosts: [10.0.0.1]");
        assertError(hosts, hosts + ":4: all.children.masters.hosts: expected a mapping");
    }

    @Test
    void unexpectedYamlGroupKeysAreSkippedWithAWarning() throws Exception {
        Path f = file("typo.yml", "all:", "  children:", "    masters:", "      host:", "        10.0.0.2:",
                "      hosts:", "        10.0.0.1:");
        Inventory inv = Inventory.read(f);
        assertEquals(List.of(f + ":4: all.children.masters.host: skipped (an Ansible group has hosts, vars and "
                + "children)"), inv.warnings());
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 0, Role.MASTER)), inv.nodes());
    }

    @Test
    void groupVarsAndHostVarsDirectoriesAreNotReadAndSaySo() throws Exception {
        Path site = Files.createDirectories(tmp.resolve("site"));
        Files.createDirectories(site.resolve("group_vars"));
        Files.writeString(Files.createDirectories(site.resolve("host_vars")).resolve("10.0.0.1.yml"), "ansible_user: x\n");
        Inventory inv = Inventory.read(Files.writeString(site.resolve("hosts"), "[masters]\n10.0.0.1\n"));
        String why = ": not read: preflight takes variables from the inventory file only (put the ones it uses, such "
                + "as ansible_user, there)";
        assertEquals(List.of(site.resolve("group_vars") + why, site.resolve("host_vars") + why), inv.warnings());
        assertEquals(System.getProperty("user.name"), inv.ssh().user());
    }

    private static void assertError(Path f, String expected) {
        InputFileException e = assertThrows(InputFileException.class, () -> Inventory.read(f));
        assertEquals(expected, e.getMessage());
    }
}
