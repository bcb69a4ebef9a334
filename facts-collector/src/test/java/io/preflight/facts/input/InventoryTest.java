package io.preflight.facts.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryTest {
    @TempDir
    Path tmp;

    Path file(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsThePreflightInventoryOfTheProductSpec() throws Exception {
        Inventory inv = Inventory.read(file("prod.yaml", String.join("\n",
                "cluster:",
                "  name: prod-east",
                "  mesos: http://10.0.0.1:5050",
                "  marathon: http://10.0.0.1:8080",
                "  exhibitor: http://10.0.0.1:8181/",
                "  token_file: /etc/preflight/token",
                "ssh:",
                "  user: centos",
                "  private_key: ~/.ssh/id_ed25519",
                "  known_hosts: /etc/preflight/known_hosts",
                "  port: 22",
                "  concurrency: 16",
                "  timeout: 20s",
                "nodes:",
                "  - host: 10.0.0.1",
                "  - host: 10.0.0.7",
                "    port: 2222",
                "    role: agent_public", "")));
        assertEquals("prod-east", inv.cluster().name());
        assertEquals("http://10.0.0.1:5050", inv.cluster().mesos());
        assertEquals("http://10.0.0.1:8181", inv.cluster().exhibitor(), "trailing slash dropped");
        assertEquals(Path.of("/etc/preflight/token"), inv.cluster().tokenFile());
        assertEquals("centos", inv.ssh().user());
        assertEquals(Path.of(System.getProperty("user.home"), ".ssh/id_ed25519"), inv.ssh().privateKey());
        assertEquals(16, inv.ssh().concurrency());
        assertEquals(Duration.ofSeconds(20), inv.ssh().timeout());
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 0, Role.UNKNOWN),
                new Inventory.Node("10.0.0.7", 2222, Role.AGENT_PUBLIC)), inv.nodes());
    }

    @Test
    void readsAnAnsibleIniInventory() throws Exception {
        Inventory inv = Inventory.read(file("hosts.ini", String.join("\n",
                "# DC/OS cluster",
                "[masters]",
                "m1 ansible_host=10.0.0.1",
                "10.0.0.2",
                "[agents]",
                "10.0.1.1 ansible_port=2222",
                "[agent_public]",
                "10.0.2.1",
                "[all:vars]",
                "ansible_user=centos", "")));
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 0, Role.MASTER), new Inventory.Node("10.0.0.2", 0, Role.MASTER),
                new Inventory.Node("10.0.1.1", 2222, Role.AGENT), new Inventory.Node("10.0.2.1", 0, Role.AGENT_PUBLIC)),
                inv.nodes());
        assertEquals("http://10.0.0.1:5050", inv.cluster().mesos());
        assertEquals("http://10.0.0.1:8080", inv.cluster().marathon());
        assertEquals("http://10.0.0.1:8181", inv.cluster().exhibitor());
        assertEquals("hosts", inv.cluster().name());
        assertEquals("centos", inv.ssh().user());
        assertEquals(22, inv.ssh().port());
        assertEquals(List.of(), inv.warnings());
    }

    @Test
    void readsAnAnsibleYamlInventoryWithNestedGroups() throws Exception {
        Inventory inv = Inventory.read(file("inventory.yaml", String.join("\n",
                "all:",
                "  children:",
                "    masters:",
                "      hosts:",
                "        10.0.0.1:",
                "    agents:",
                "      children:",
                "        agents_private:",
                "          hosts:",
                "            10.0.1.1:",
                "              ansible_port: 2200",
                "        agents_public:",
                "          hosts:",
                "            10.0.2.1:", "")));
        assertEquals(List.of(new Inventory.Node("10.0.0.1", 0, Role.MASTER), new Inventory.Node("10.0.1.1", 2200, Role.AGENT),
                new Inventory.Node("10.0.2.1", 0, Role.AGENT_PUBLIC)), inv.nodes());
    }

    @Test
    void badInventoriesAreOneLineErrorsNamingFileAndPlace() throws Exception {
        assertError("cluster:\n  mesos: http://m:5050\n  marathon: ftp://x\n", "cluster.marathon: 'ftp://x' is not an http(s) URL");
        assertError("cluster:\n  name: x\n", "cluster.mesos is required");
        assertError("cluster:\n  mesos: https://admin:Inv-SECRET@m:5050\n",
                "cluster.mesos: 'https://admin:****@m:5050' holds credentials");
        assertError("cluster:\n  mesos: https://admin:Inv-SECRET@m :5050\n", "'https://admin:****@m :5050' is not");
        assertError("cluster:\n  mesos: http://m:5050\n  tokn_file: /x\n", "unknown key 'cluster.tokn_file'");
        assertError("cluster:\n  mesos: http://m:5050\nssh:\n  user: u\n  timeout: soon\n", "ssh.timeout: 'soon' is not a duration");
        assertError("cluster:\n  mesos: http://m:5050\nssh:\n  user: u\n  port: twenty\n", "ssh.port: 'twenty' is not a number");
        assertError("cluster:\n  mesos: http://m:5050\nnodes:\n  - port: 22\n", "nodes[0]: needs a host");
        assertError("cluster:\n  mesos: http://m:5050\nnodes:\n  - host: a\n    role: boss\n", "unknown role 'boss'");
        assertError("cluster:\n  mesos: [http://m\n", "inv.yaml:2: not valid YAML");
        Path ini = file("bad.ini", "[masters]\n10.0.0.1 ansible_port\n");
        InputFileException e = assertThrows(InputFileException.class, () -> Inventory.read(ini));
        assertEquals(ini + ":2: expected key=value, got 'ansible_port'", e.getMessage());
        Path noMasters = file("agents.ini", "[agents]\n10.0.1.1\n");
        assertTrue(assertThrows(InputFileException.class, () -> Inventory.read(noMasters)).getMessage()
                .contains("no host in a masters group"));
        assertTrue(assertThrows(InputFileException.class, () -> Inventory.read(tmp.resolve("none.yaml"))).getMessage()
                .endsWith("none.yaml: no such file"));
    }

    @Test
    void thePreflightInventoryNamesAKeyPassphraseFileButNeverHoldsAPassphrase() throws Exception {
        Inventory inv = Inventory.read(file("prod.yaml", String.join("\n",
                "cluster:",
                "  mesos: http://10.0.0.1:5050",
                "ssh:",
                "  user: centos",
                "  private_key: /etc/preflight/id_rsa",
                "  private_key_passphrase_file: /etc/preflight/id_rsa.passphrase", "")));
        assertEquals(Path.of("/etc/preflight/id_rsa.passphrase"), inv.ssh().privateKeyPassphraseFile());
        assertEquals(Path.of("/etc/preflight/id_rsa"), inv.ssh().privateKey());
        Inventory none = Inventory.read(file("none.yaml", "cluster:\n  mesos: http://10.0.0.1:5050\n"));
        assertEquals(null, none.ssh().privateKeyPassphraseFile());

        String secret = "hunter2-do-not-echo";
        for (String[] c : List.of(
                new String[] {"ssh:\n  user: u\n  passphrase: " + secret + "\n", "ssh.passphrase would put a secret in "
                        + "the inventory: name a file holding it with ssh.private_key_passphrase_file, or set "
                        + "PREFLIGHT_SSH_KEY_PASSPHRASE"},
                new String[] {"ssh:\n  user: u\n  private_key_passphrase: " + secret + "\n", "ssh.private_key_passphrase "
                        + "would put a secret in the inventory: name a file holding it with "
                        + "ssh.private_key_passphrase_file, or set PREFLIGHT_SSH_KEY_PASSPHRASE"},
                new String[] {"ssh:\n  user: u\n  password: " + secret + "\n", "ssh.password would put a secret in the "
                        + "inventory: preflight logs in with a key only"})) {
            Path f = file("secret.yaml", "cluster:\n  mesos: http://10.0.0.1:5050\n" + c[0]);
            InputFileException e = assertThrows(InputFileException.class, () -> Inventory.read(f));
            assertEquals(f + ": " + c[1], e.getMessage());
            assertFalse(e.getMessage().contains(secret));
        }
        Path token = file("token.yaml", "cluster:\n  mesos: http://10.0.0.1:5050\n  token: " + secret + "\n");
        assertEquals(token + ": cluster.token would put a secret in the inventory: name a file holding it with "
                + "cluster.token_file", assertThrows(InputFileException.class, () -> Inventory.read(token)).getMessage());
    }

    private void assertError(String yaml, String expected) throws Exception {
        Path f = file("inv.yaml", yaml);
        InputFileException e = assertThrows(InputFileException.class, () -> Inventory.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
