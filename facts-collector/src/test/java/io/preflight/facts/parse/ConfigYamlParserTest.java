package io.preflight.facts.parse;

import static io.preflight.facts.parse.Fixtures.all;
import static io.preflight.facts.parse.Fixtures.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.preflight.facts.ConfigEntry;
import io.preflight.facts.ConfigScope;
import io.preflight.facts.DcosConfig;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConfigYamlParserTest {
    private static final String EX = "dcos/config.yaml_example_dcos-2.2_";

    private static List<Fact> target(String fixture) {
        return ConfigYamlParser.parseConfig(ConfigScope.TARGET, "file:" + fixture, Fixtures.bytes(fixture));
    }

    private static Map<String, ConfigEntry> entries(List<Fact> facts) {
        return all(facts, ConfigEntry.class).stream().collect(Collectors.toMap(ConfigEntry::key, e -> e));
    }

    private static List<String> placeholders(String... names) {
        return java.util.Arrays.stream(names).map(n -> "master_list entry '" + n + "' is not an IPv4 address").toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dcos/config.yaml_example_dcos-1.13_01_all-parameters.yaml",
            "dcos/config.yaml_example_dcos-2.2_01_all-parameters.yaml"})
    void allParameterSkeletonsAreNotYamlAndSayWhere(String fixture) {
        List<Fact> facts = target(fixture);
        assertEquals(1, facts.size(), "no entries when the file does not parse");
        DcosConfig c = one(facts, DcosConfig.class);
        assertEquals("line 6, column 26: found character '`' that cannot start any token. (Do not use ` for indentation)", c.parseError());
        assertEquals("config.yaml(target)", c.subject());
        assertTrue(c.masterList().isEmpty());
        assertTrue(c.violations().isEmpty());
    }

    @Test
    void runningConfigThroughPayloads() throws Exception {
        List<Fact> facts = Fixtures.parse(PayloadKind.CONFIG_RUNNING, "cluster", Role.UNKNOWN,
                "dcos-node/config.yaml_mtds-dcos_notes.yaml");
        DcosConfig c = one(facts, DcosConfig.class);
        assertEquals(ConfigScope.RUNNING, c.scope());
        assertEquals("config.yaml(running)", c.subject());
        assertNull(c.parseError());
        assertEquals(List.of("10.1.1.49", "10.1.1.50", "10.1.1.51"), c.masterList());
        assertEquals("static", c.masterDiscovery());
        assertEquals("static", c.exhibitorStorageBackend());
        assertEquals("http://10.1.1.8:8080", c.bootstrapUrl());
        assertNull(c.security());
        assertEquals("permissive", c.securityMode());
        assertNull(c.provider());
        assertEquals(List.of(), c.violations());
        Map<String, ConfigEntry> e = entries(facts);
        assertEquals(11, e.size());
        ConfigEntry oauth = e.get("oauth_enabled");
        assertEquals("config.yaml:oauth_enabled", oauth.subject());
        assertEquals("\"false\"", oauth.value());
        assertEquals(ConfigScope.RUNNING, oauth.scope());
        assertFalse(oauth.secret());
        assertEquals(CanonicalJson.sha256("\"false\""), oauth.fingerprint());
        assertEquals("[\".devops.test\",\".gsi.de\"]", e.get("no_proxy").value());
    }

    @Test
    void zivostConfigHasNoViolationsAndSshKeyPathIsNoSecret() {
        List<Fact> facts = target("dcos-node/config.yaml_zivost-custom-setup-guide.yaml");
        DcosConfig c = one(facts, DcosConfig.class);
        assertEquals(List.of("10.2.0.4", "10.2.0.5", "10.5.0.5"), c.masterList());
        assertEquals("file:///opt/dcos_install_tmp", c.bootstrapUrl());
        assertEquals(List.of(), c.violations());
        ConfigEntry key = entries(facts).get("ssh_key_path");
        assertFalse(key.secret());
        assertEquals("\"/genconf/ssh-key\"", key.value());
        assertEquals("10000", entries(facts).get("process_timeout").value());
    }

    @Test
    void exampleConfigurationPlaceholdersAreNotIpv4() {
        DcosConfig c = one(target(EX + "02_example-configurations.yaml"), DcosConfig.class);
        assertEquals(placeholders("<master-private-ip-1>", "<master-private-ip-2>", "<master-private-ip-3>"),
                c.violations());
        assertEquals("file:///opt/dcos_install_tmp", c.bootstrapUrl());
    }

    @Test
    void awsS3BackendMasksCredentialsAndIsNotCloudFormation() {
        List<Fact> facts = target(EX + "03_aws.yaml");
        DcosConfig c = one(facts, DcosConfig.class);
        assertEquals("aws_s3", c.exhibitorStorageBackend());
        assertNull(c.provider(), "AWS keys for an S3 Exhibitor backend do not make a CloudFormation cluster");
        ConfigEntry secret = entries(facts).get("aws_secret_access_key");
        assertTrue(secret.secret());
        assertEquals("\"****\"", secret.value());
        assertFalse(secret.value().contains("wJalrXUtnFEMI"));
        assertEquals(CanonicalJson.sha256("\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\""), secret.fingerprint());
        assertEquals("\"****\"", entries(facts).get("aws_access_key_id").value());
        assertFalse(entries(facts).get("aws_region").secret());
        for (Fact f : facts) assertFalse(f.toString().contains("wJalrXUtnFEMI"), f.toString());
    }

    @Test
    void zookeeperBackendWithLoadBalancerDiscovery() {
        List<Fact> facts = target(EX + "04_zookeeper.yaml");
        DcosConfig c = one(facts, DcosConfig.class);
        assertEquals("master_http_loadbalancer", c.masterDiscovery());
        assertEquals("zookeeper", c.exhibitorStorageBackend());
        assertTrue(c.masterList().isEmpty());
        assertEquals(List.of(), c.violations());
        assertEquals("\"10.0.0.1:2181, 10.0.0.2:2181, 10.0.0.3:2181\"", entries(facts).get("exhibitor_zk_hosts").value());
    }

    @Test
    void overlayNestedValueIsCanonical() {
        ConfigEntry net = entries(target(EX + "05_overlay.yaml")).get("dcos_overlay_network");
        assertEquals("{\"overlays\":[{\"name\":\"dcos\",\"prefix\":26,\"subnet\":\"9.0.0.0/8\"},"
                + "{\"name\":\"dcos-1\",\"prefix\":24,\"subnet\":\"192.168.0.0/16\"}],"
                + "\"vtep_mac_oui\":\"70:B3:D5:00:00:00\",\"vtep_subnet\":\"44.128.0.0/20\"}", net.value());
        assertEquals(CanonicalJson.sha256(net.value()), net.fingerprint(), "no secret: fingerprint of what is shown");
    }

    @Test
    void proxyUrlPasswordsAreMasked() {
        Map<String, ConfigEntry> e = entries(target(EX + "06_http-proxy.yaml"));
        assertEquals("\"http://<user>:****@<proxy_host>:<http_proxy_port>\"", e.get("http_proxy").value());
        assertEquals("\"https://<user>:****@<proxy_host>:<https_proxy_port>\"", e.get("https_proxy").value());
        assertTrue(e.get("http_proxy").secret());
        assertFalse(e.get("http_proxy").value().contains("<pass>"));
        assertNotEquals(CanonicalJson.sha256(e.get("http_proxy").value()), e.get("http_proxy").fingerprint());
        assertFalse(e.get("use_proxy").secret());
    }

    @Test
    void dockerCredentialsAreMaskedWholeButTheirSwitchesAreNot() {
        Map<String, ConfigEntry> e = entries(target(EX + "07_docker-credentials.yaml"));
        ConfigEntry creds = e.get("cluster_docker_credentials");
        assertTrue(creds.secret());
        assertEquals("\"****\"", creds.value());
        assertFalse(creds.value().contains("foo"));
        assertEquals("true", e.get("cluster_docker_credentials_enabled").value());
        assertFalse(e.get("cluster_docker_credentials_enabled").secret());
        assertFalse(e.get("cluster_docker_credentials_dcos_owned").secret());
    }

    @Test
    void nestedSecretKeyIsMaskedInsideAnOtherwisePublicValue() {
        String yaml = "master_list: [10.0.0.1]\nbootstrap_url: http://b:8080\n"
                + "oauth:\n  issuer: https://auth\n  client_secret: hunter2hunter2\n";
        List<Fact> facts = ConfigYamlParser.parseConfig(ConfigScope.TARGET, "s", yaml.getBytes(StandardCharsets.UTF_8));
        ConfigEntry oauth = entries(facts).get("oauth");
        assertEquals("{\"client_secret\":\"****\",\"issuer\":\"https://auth\"}", oauth.value());
        assertTrue(oauth.secret());
        assertFalse(oauth.value().contains("hunter2"));
        assertEquals(CanonicalJson.sha256("{\"client_secret\":\"hunter2hunter2\",\"issuer\":\"https://auth\"}"),
                oauth.fingerprint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"08_cosmos-configuration.yaml", "09_custom-checks.yaml"})
    void singlePlaceholderMaster(String file) {
        List<Fact> facts = target(EX + file);
        DcosConfig c = one(facts, DcosConfig.class);
        assertEquals(List.of("<master-private-ip-1>"), c.masterList());
        assertEquals(placeholders("<master-private-ip-1>"), c.violations(), "one master is a valid count");
        assertTrue(entries(facts).size() > 8);
    }

    @Test
    void ansibleEmbeddedConfigIsStrict() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        var config = yaml.readTree(Fixtures.bytes("dcos-node/dcos.yaml.example")).path("dcos").path("config");
        List<Fact> facts = ConfigYamlParser.parseConfig(ConfigScope.TARGET, "s", yaml.writeValueAsBytes(config));
        DcosConfig c = one(facts, DcosConfig.class);
        assertEquals("strict", c.security());
        assertEquals(List.of("172.31.2.95"), c.masterList());
        assertEquals(List.of(), c.violations());
    }

    @Test
    void validationFailures() {
        String yaml = "master_discovery: static\nmaster_list:\n- 10.0.0.1\n- 10.0.0.1\n- 10.0.0.256\n- 010.0.0.3\n"
                + "bootstrap_url: http://bootstrap:8080/\nexhibitor_storage_backend: etcd\n";
        DcosConfig c = one(ConfigYamlParser.parseConfig(ConfigScope.TARGET, "s",
                yaml.getBytes(StandardCharsets.UTF_8)), DcosConfig.class);
        assertEquals(List.of(
                "master_list has 4 entries; DC/OS needs 1, 3, 5 or 7 masters",
                "master_list entry '10.0.0.256' is not an IPv4 address",
                "master_list entry '010.0.0.3' is not an IPv4 address",
                "master_list lists 10.0.0.1 more than once",
                "bootstrap_url must not end with '/'",
                "exhibitor_storage_backend 'etcd' is not one of aws_s3, azure, shared_filesystem, static, zookeeper"),
                c.violations());
        DcosConfig lb = one(ConfigYamlParser.parseConfig(ConfigScope.TARGET, "s",
                "master_discovery: dns\nnum_masters: 2\n".getBytes(StandardCharsets.UTF_8)), DcosConfig.class);
        assertEquals(List.of("num_masters is 2; DC/OS needs 1, 3, 5 or 7 masters",
                "master_discovery 'dns' is not one of master_http_loadbalancer, static"), lb.violations());
        DcosConfig two = one(ConfigYamlParser.parseConfig(ConfigScope.TARGET, "s",
                "master_discovery: master_http_loadbalancer\nnum_masters: 2\n".getBytes(StandardCharsets.UTF_8)),
                DcosConfig.class);
        assertEquals(List.of("num_masters is 2; DC/OS needs 1, 3, 5 or 7 masters"), two.violations());
    }

    @Test
    void cloudFormationHints() {
        assertEquals("aws-cloudformation", one(ConfigYamlParser.parseConfig(ConfigScope.RUNNING, "s",
                "provider: aws\nmaster_discovery: master_http_loadbalancer\n".getBytes(StandardCharsets.UTF_8)),
                DcosConfig.class).provider());
        assertEquals("aws-cloudformation", one(ConfigYamlParser.parseConfig(ConfigScope.RUNNING, "s",
                "aws_template_storage_bucket: b\naws_template_upload: true\nmaster_list: [10.0.0.1]\n"
                        .getBytes(StandardCharsets.UTF_8)), DcosConfig.class).provider());
        assertEquals("onprem", one(ConfigYamlParser.parseConfig(ConfigScope.RUNNING, "s",
                "provider: onprem\nmaster_list: [10.0.0.1]\n".getBytes(StandardCharsets.UTF_8)),
                DcosConfig.class).provider());
    }

    @Test
    void secretsNeverAppearInAParseError() {
        String yaml = "superuser_password_hash: $6$rounds=656000$abc\nbad: `x`\n";
        DcosConfig c = one(ConfigYamlParser.parseConfig(ConfigScope.TARGET, "s",
                yaml.getBytes(StandardCharsets.UTF_8)), DcosConfig.class);
        assertTrue(c.parseError().startsWith("line 2, column 6: "), c.parseError());
        assertFalse(c.parseError().contains("656000"));
    }

    @Test
    void emptyAndNonMappingFiles() {
        assertEquals("the file is empty", one(ConfigYamlParser.parseConfig(ConfigScope.TARGET, "s", new byte[0]),
                DcosConfig.class).parseError());
        assertEquals("line 1: the document is not a mapping of config keys (found array)",
                one(ConfigYamlParser.parseConfig(ConfigScope.TARGET, "s", "- a\n- b\n".getBytes(StandardCharsets.UTF_8)),
                        DcosConfig.class).parseError());
    }

    @Test
    void aValueMaskedBeforeReadingHasNoComparableFingerprint() {
        List<Fact> facts = ConfigYamlParser.parseConfig(io.preflight.facts.ConfigScope.RUNNING, "bundle",
                ("superuser_password_hash: \"****\"\nzk: zk://user:****@10.0.0.1:2181\ncluster_name: prod\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.Map<String, io.preflight.facts.ConfigEntry> byKey = new java.util.HashMap<>();
        for (Fact f : facts) if (f instanceof io.preflight.facts.ConfigEntry e) byKey.put(e.key(), e);
        org.junit.jupiter.api.Assertions.assertTrue(byKey.get("superuser_password_hash").masked());
        org.junit.jupiter.api.Assertions.assertTrue(byKey.get("zk").masked());
        org.junit.jupiter.api.Assertions.assertFalse(byKey.get("cluster_name").masked());
    }
}
