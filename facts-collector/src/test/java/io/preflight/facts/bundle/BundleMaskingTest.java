package io.preflight.facts.bundle;

import static io.preflight.facts.bundle.BundleSamples.allText;
import static io.preflight.facts.bundle.BundleSamples.text;
import static io.preflight.facts.bundle.BundleSamples.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.preflight.facts.parse.PayloadKind;
import io.preflight.facts.parse.SecretDigest;
import io.preflight.facts.parse.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bundle holds no secrets: they are masked when written. */
class BundleMaskingTest {
    /** {@code openssl passwd -6 -salt Xq3vR8pLm2 'correct horse battery staple'}: a real SHA-512 crypt hash. */
    static final String PASSWORD_HASH =
            "$6$Xq3vR8pLm2$rHLWf80eTo7aS7H7EE4lRC6mHxvdE.fPPk62t/KTOohuDbYdCDA8kdE5VjbX2/s4RZFGVUnXIvDMeoDEPhLWM.";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"; // from the aws fixture
    static final String JWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1aWQiOiJib290c3RyYXB1c2VyIiwiZXhwIjoxNjAwMDAwMDAwfQ"
            + ".c2lnbmF0dXJlLXRoYXQtaXMtbG9uZy1lbm91Z2g";
    static String pem;             // a freshly generated private key, never stored in the repository
    static List<String> keyLines;  // its base64 lines, each of which must not appear anywhere

    @TempDir
    Path tmp;

    @BeforeAll
    static void generateKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
        pem = "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n";
        keyLines = List.of(b64.split("\n"));
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = BundleMaskingTest.class.getResourceAsStream("/fixtures/dcos/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String indent(String s, String by) {
        return by + s.strip().replace("\n", "\n" + by);
    }

    /** The aws config.yaml example plus the secrets a real cluster's config has. */
    static String runningConfig() throws IOException {
        return fixture("config.yaml_example_dcos-2.2_03_aws.yaml")
                + "superuser_password_hash: '" + PASSWORD_HASH + "'\n"
                + "ca_certificate_key: |\n" + indent(pem, "  ") + "\n"
                + "ca_certificate_chain: |\n" + indent(pem, "  ") + "\n"     // a key where no key belongs
                + "cluster_docker_credentials_enabled: true\n"
                + "custom_check_cmd: \"curl -H 'Authorization: token=" + JWT + "' http://localhost\"\n"
                + "http_proxy: http://proxyuser:pr0xy-pass@proxy.example.com:3128\n";
    }

    static String probe(String userConfig) {
        return "### preflight-probe v1 host=10.0.0.7\n"
                + "### section os-release rc=0 path=/etc/os-release\nNAME=\"CentOS Linux\"\nVERSION_ID=\"7\"\n### end\n"
                + "### section env-file rc=0 path=/opt/mesosphere/etc/mesos-slave-common\n"
                + "MESOS_WORK_DIR=/var/lib/mesos/slave\n"
                + "MESOS_CREDENTIALS=/opt/mesosphere/etc/credentials\n"
                + "export AWS_SECRET_ACCESS_KEY=" + AWS_SECRET + "\n"
                + "MESOS_EXECUTOR_SECRET_KEY: s3cr3t-executor-key\n"
                + "### end\n"
                + "### section credentials rc=0 path=/opt/mesosphere/etc/credentials flag=credentials\nJSON\n### end\n"
                + "### section credentials rc=0 path=/run/creds flag=http_credentials\n"
                + "principal-a leaked-credential-secret\n### end\n"
                + "### section upgrade-env rc=0\nSKIP_CHECKS=true\nDCOS_AUTH_TOKEN=" + JWT + "\n### end\n"
                + "### section user-config rc=0 path=/opt/mesosphere/etc/user.config.yaml\n"
                + userConfig
                + "### end\n";
    }

    static String marathonApps() {
        return "{\"apps\":[{\"id\":\"/db\",\"cmd\":\"./run --token=" + JWT.substring(0, 40) + "xyz\","
                + "\"env\":{\"DB_PASSWORD\":\"hunter2-db\",\"MODE\":\"prod\",\"RETRIES\":3},"
                + "\"labels\":{\"HAPROXY_0_AUTH\":\"Authorization: Basic dXNlcjpwYXNzd29yZA==\"},"
                + "\"secrets\":{\"secret0\":{\"source\":\"/vault/db-password\"}},"
                + "\"instances\":2,\"cpus\":0.25,\"fetch\":[{\"uri\":\"https://x/y.tgz?token=abc123secret\"}]}]}";
    }

    /** A bundle whose payloads carry every kind of secret. */
    private Path writeSecretBundle(String name) throws IOException {
        Manifest base = BundleSamples.manifest();
        List<Manifest.Payload> payloads = new ArrayList<>(base.payloads());
        payloads.add(Manifest.Payload.of(PayloadKind.MARATHON_APPS, "prod-east", "http://10.0.0.1:8080/v2/apps", BundleSamples.T0));
        Manifest m = Manifest.of(base.tool(), base.createdAt(), base.cluster(), base.nodes(), payloads, base.problems());
        Map<String, byte[]> bodies = new LinkedHashMap<>(BundleSamples.bodies());
        bodies.put("cluster/config-running.yaml", utf8(runningConfig()));
        bodies.put("nodes/10.0.0.7/probe.txt", utf8(probe(runningConfig())));
        bodies.put("nodes/10.0.0.1/mesos-flags.json", utf8("{\"flags\":{\"credentials\":\"/opt/mesosphere/etc/credentials\","
                + "\"quorum\":\"2\",\"authenticate_agents\":\"true\",\"ssl_key\":\"" + pem.replace("\n", "\\n") + "\"}}"));
        bodies.put("cluster/marathon-apps.json", utf8(marathonApps()));
        Path target = tmp.resolve(name);
        BundleWriter.write(target, m, bodies);
        return target;
    }

    @ParameterizedTest
    @ValueSource(strings = {"b", "b.tar.gz"})
    void noSecretReachesTheBundleBytes(String name) throws IOException {
        Path target = writeSecretBundle(name);
        String all = allText(target);
        for (String secret : List.of(PASSWORD_HASH, AWS_SECRET, "AKIAIOSFODNN7EXAMPLE", JWT, JWT.substring(0, 40),
                "hunter2-db", "s3cr3t-executor-key", "leaked-credential-secret", "dXNlcjpwYXNzd29yZA==",
                "abc123secret", "pr0xy-pass")) {
            assertFalse(all.contains(secret), "secret in bundle: " + secret);
        }
        for (String line : keyLines) assertFalse(all.contains(line), "private key line in bundle: " + line);
        // and what is not secret is still there
        for (String kept : List.of("s3-example", "mybucket", "VERSION_ID=\"7\"", "MESOS_WORK_DIR=/var/lib/mesos/slave",
                "SKIP_CHECKS=true", "\"MODE\":\"prod\"", "\"quorum\":\"2\"", "-----BEGIN PRIVATE KEY-----",
                "MESOS_CREDENTIALS=/opt/mesosphere/etc/credentials", "\"credentials\":\"/opt/mesosphere/etc/credentials\"",
                "/vault/db-password", "http://proxyuser:****@proxy.example.com:3128")) {
            assertTrue(all.contains(kept), "lost: " + kept);
        }
        // and the bundle still reads
        assertEquals(5, BundleReader.read(target, BundleSamples.FAKE, BundleFiles.Limits.DEFAULT).manifest().payloads().size());
    }

    @Test
    void configYamlIsReEmittedWithOnlyTheSecretsChanged() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        String original = runningConfig();
        String masked = text(PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, utf8(original)));
        ObjectNode before = (ObjectNode) yaml.readTree(original);
        ObjectNode after = (ObjectNode) yaml.readTree(masked);
        assertEquals(before.size(), after.size());
        List<String> maskedKeys = new ArrayList<>();
        before.fieldNames().forEachRemaining(k -> {
            if (!before.get(k).equals(after.get(k))) maskedKeys.add(k);
        });
        assertEquals(List.of("aws_access_key_id", "aws_secret_access_key", "superuser_password_hash",
                "ca_certificate_key", "ca_certificate_chain", "custom_check_cmd", "http_proxy"), maskedKeys);
        // values of secret keys become digest markers, each key with its own salt; text rules stay bare masks
        SecretDigest.Params awsParams = SecretDigest.parse(after.get("aws_secret_access_key").textValue()).orElseThrow();
        SecretDigest.Params hashParams = SecretDigest.parse(after.get("superuser_password_hash").textValue()).orElseThrow();
        assertEquals(SecretDigest.DEFAULT_ITERATIONS, awsParams.iterations());
        assertNotEquals(awsParams, hashParams, "one salt per key");
        assertEquals("curl -H 'Authorization: ****' http://localhost", after.get("custom_check_cmd").textValue());
        assertTrue(after.get("ca_certificate_chain").textValue().startsWith("-----BEGIN PRIVATE KEY-----\n****\n"));
        // types survive the round trip: quoted numbers stay strings, booleans stay booleans
        assertTrue(after.get("process_timeout").isInt());
        assertTrue(after.get("exhibitor_explicit_keys").isTextual());
        assertTrue(after.get("cluster_docker_credentials_enabled").isBoolean());

        // without digests (collect --no-secret-digests): bare masks, and the same keys changed
        JsonNode bare = yaml.readTree(text(PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, utf8(original), false)));
        assertEquals("****", bare.get("aws_secret_access_key").textValue());
        assertEquals("****", bare.get("superuser_password_hash").textValue());
        for (String k : maskedKeys) {
            if (Secrets.isSecretKey(k)) {
                assertEquals("****", bare.get(k).textValue(), k);
                assertTrue(SecretDigest.parse(after.get(k).textValue()).isPresent(), k);
            } else {
                assertEquals(after.get(k), bare.get(k), k + ": text rules mask without digests");
            }
        }
        assertFalse(text(PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, utf8(original), false))
                .contains(SecretDigest.PREFIX));
    }

    @Test
    void maskingAPayloadAgainKeepsItsDigests() {
        byte[] once = PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, utf8("superuser_password_hash: " + PASSWORD_HASH
                + "\nhttp_proxy: http://u:pw@proxy:3128\ncluster_name: prod\n"));
        assertSame(once, PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, once), "a masked payload is left as it is");
        assertTrue(text(once).contains(SecretDigest.PREFIX));
    }

    @Test
    void nestedSecretsAreMaskedLeafByLeaf() throws IOException {
        String original = fixture("config.yaml_example_dcos-2.2_07_docker-credentials.yaml");
        JsonNode after = new YAMLMapper().readTree(PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, utf8(original)));
        JsonNode registry = after.at("/cluster_docker_credentials/auths").get("https://registry.example.com/v1/");
        // every leaf under the secret key is its own marker, with the key's one salt
        SecretDigest.Params auth = SecretDigest.parse(registry.get("auth").textValue()).orElseThrow();
        assertEquals(auth, SecretDigest.parse(registry.get("email").textValue()).orElseThrow());
        assertNotEquals(registry.get("auth").textValue(), registry.get("email").textValue());
        assertTrue(after.get("cluster_docker_credentials_enabled").booleanValue());
        assertEquals("https://registry.example.com", after.get("cluster_docker_registry_url").textValue());
    }

    @Test
    void yamlThatDoesNotParseIsMaskedLineByLineKeepingLineNumbers() throws IOException {
        String original = fixture("config.yaml_example_dcos-1.13_01_all-parameters.yaml")
                + "superuser_password_hash: " + PASSWORD_HASH + "\n"
                + "ca_key: |\n" + indent(pem, "  ") + "\n"
                + "# superuser_password: commented-out-secret\n";
        assertThrows(IOException.class, () -> new YAMLMapper().readTree(original), "the fixture is not valid YAML");
        String masked = text(PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, utf8(original)));
        String[] before = original.split("\n", -1);
        String[] after = masked.split("\n", -1);
        assertEquals(before.length, after.length, "same lines");
        assertFalse(masked.contains(PASSWORD_HASH));
        assertFalse(masked.contains("commented-out-secret"));
        for (String line : keyLines) assertFalse(masked.contains(line));
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < before.length; i++) if (!before[i].equals(after[i])) changed.add(after[i]);
        assertTrue(changed.contains("superuser_password_hash: ****"), changed.toString());
        assertTrue(changed.contains("aws_secret_access_key: ****"), changed.toString());
        assertTrue(changed.contains("zk_super_credentials: ****"), changed.toString());
        assertTrue(changed.contains("# superuser_password: ****"), changed.toString());
        assertTrue(changed.contains("  ****"), changed.toString());
        assertTrue(masked.contains("\nbootstrap_url: <path-to-installer>\n"), "non-secret lines stay");
        assertTrue(masked.contains("\nca_certificate_key_path: <path-to-private-key>\n"), "a key's path is no secret");
    }

    @Test
    void probeSectionsAreMaskedLineForLine() {
        // escaped body lines (a leading backslash) are masked too, and an escaped "### end" does not end the section
        String original = probe("\\### end\n\\# superuser_password: commented-out\n"
                + "superuser_password_hash: " + PASSWORD_HASH + "\ncluster_name: prod-east\n");
        String masked = text(PayloadMasker.mask(PayloadKind.NODE_PROBE, utf8(original)));
        assertEquals(original.split("\n", -1).length, masked.split("\n", -1).length);
        assertTrue(masked.contains("\nexport AWS_SECRET_ACCESS_KEY=****\n"), masked);
        assertTrue(masked.contains("\nMESOS_EXECUTOR_SECRET_KEY: ****\n"), masked);
        assertTrue(masked.contains("\nDCOS_AUTH_TOKEN=****\n"), masked);
        assertTrue(masked.contains("flag=credentials\nJSON\n### end\n"), masked);
        assertTrue(masked.contains("flag=http_credentials\n****\n### end\n"), masked);
        assertTrue(masked.contains("\n\\### end\n\\# superuser_password: ****\nsuperuser_password_hash: ****\n"
                + "cluster_name: prod-east\n"), masked);
        assertTrue(masked.contains("\nNAME=\"CentOS Linux\"\n"), masked);
    }

    @Test
    void jsonValuesUnderSecretKeysAreMaskedAndTheRestKept() throws IOException {
        JsonNode after = JsonMapper.builder().build().readTree(PayloadMasker.mask(PayloadKind.MARATHON_APPS, utf8(marathonApps())));
        JsonNode app = after.at("/apps/0");
        assertEquals("****", app.at("/env/DB_PASSWORD").textValue());
        assertEquals("prod", app.at("/env/MODE").textValue());
        assertEquals(3, app.at("/env/RETRIES").intValue());
        assertEquals("/vault/db-password", app.at("/secrets/secret0/source").textValue(), "a path names a secret, holds none");
        assertEquals("Authorization: ****", app.at("/labels/HAPROXY_0_AUTH").textValue());
        assertEquals("https://x/y.tgz?token=****", app.at("/fetch/0/uri").textValue());
        assertEquals("./run --token=****", app.at("/cmd").textValue());
        assertEquals(0.25, app.get("cpus").doubleValue());
    }

    @Test
    void payloadsWithoutSecretsAreKeptByteForByte() {
        byte[] flags = utf8(BundleSamples.FLAGS);
        assertSame(flags, PayloadMasker.mask(PayloadKind.MESOS_FLAGS, flags));
        byte[] probe = utf8(BundleSamples.PROBE);
        assertSame(probe, PayloadMasker.mask(PayloadKind.NODE_PROBE, probe));
        byte[] config = utf8("# comment kept\n" + BundleSamples.CONFIG);
        assertSame(config, PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, config));
    }

    @Test
    void malformedJsonIsStillMasked() {
        String body = "<html>oops</html> {\"password\": \"p4ss\", \"user\": \"bob\", \"n\": 1, ";
        String masked = text(PayloadMasker.mask(PayloadKind.EXHIBITOR_STATUS, utf8(body)));
        assertEquals("<html>oops</html> {\"password\": \"****\", \"user\": \"bob\", \"n\": 1, ", masked);
    }

    @Test
    void maskTextFindsKeysAndTokensInFreeText() {
        assertEquals("a\n-----BEGIN RSA PRIVATE KEY-----\n****\n****\n-----END RSA PRIVATE KEY-----\nb",
                PayloadMasker.maskText("a\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nAAAA\n-----END RSA PRIVATE KEY-----\nb"));
        assertEquals("-----BEGIN OPENSSH PRIVATE KEY-----\n****", PayloadMasker.maskText(
                "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"), "a block cut short is masked to the end");
        assertEquals("Cookie: dcos_acs_token=****; x=1", PayloadMasker.maskText("Cookie: dcos_acs_token=abc.def; x=1"));
        assertEquals("bearer ****", PayloadMasker.maskText("bearer " + JWT));
        assertEquals("nothing to see", PayloadMasker.maskText("nothing to see"));
    }
}
