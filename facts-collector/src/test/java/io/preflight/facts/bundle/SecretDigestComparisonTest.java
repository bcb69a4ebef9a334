package io.preflight.facts.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.ConfigEntry;
import io.preflight.facts.ConfigScope;
import io.preflight.facts.Fact;
import io.preflight.facts.parse.ConfigYamlParser;
import io.preflight.facts.parse.PayloadKind;
import io.preflight.facts.parse.SecretDigest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A secret of the running config, masked by the bundle writer into a digest marker, compared with the target
 * config's value: the writer ({@link PayloadMasker}) and the reader ({@link ConfigYamlParser}) together.
 */
class SecretDigestComparisonTest {
    static final String HASH = "$6$Xq3vR8pLm2$rHLWf80eTo7aS7H7EE4lRC6mHxvdE.fPPk62t/KTOohuDbYdCDA8kdE5VjbX2/s4RZFG";
    static final String RUNNING = """
            cluster_name: prod-east
            master_list: [10.0.0.1]
            superuser_password_hash: '%s'
            exhibitor_azure_account_key: azureKEY==
            license_key: 1.50
            cluster_docker_credentials:
              auths:
                'https://registry.example.com/v1/':
                  auth: Zm9vOmJhcg==
                  email: ops@example.com
            oauth:
              issuer: https://auth
              client_secret: hunter2hunter2
            ca_certificate_key: /etc/ssl/ca.key
            """.formatted(HASH);

    /** The running config as a check reads it back from a bundle. */
    static List<Fact> running(String yaml) {
        byte[] masked = PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, yaml.getBytes(StandardCharsets.UTF_8));
        return ConfigYamlParser.parseConfig(ConfigScope.RUNNING, "bundle", masked);
    }

    static List<Fact> target(String yaml, List<Fact> running) {
        return ConfigYamlParser.parseConfig(ConfigScope.TARGET, "target.yaml", yaml.getBytes(StandardCharsets.UTF_8),
                running);
    }

    static Map<String, ConfigEntry> entries(List<Fact> facts) {
        Map<String, ConfigEntry> m = new LinkedHashMap<>();
        for (Fact f : facts) if (f instanceof ConfigEntry e) m.put(e.key(), e);
        return m;
    }

    /** The keys whose running and target entries compare as different, as the config pack judges them. */
    static List<String> changed(List<Fact> running, List<Fact> target) {
        Map<String, ConfigEntry> r = entries(running);
        Map<String, ConfigEntry> t = entries(target);
        return r.keySet().stream().filter(t::containsKey).filter(k -> {
            assertTrue(t.get(k).comparableWith(r.get(k)), k + " must be comparable");
            return !t.get(k).fingerprint().equals(r.get(k).fingerprint());
        }).toList();
    }

    @Test
    void theRunningEntryIsMaskedForDisplayAndCarriesAComparableDigest() {
        List<Fact> run = running(RUNNING);
        ConfigEntry hash = entries(run).get("superuser_password_hash");
        assertEquals("\"****\"", hash.value());
        assertTrue(hash.secret());
        assertTrue(hash.digested());
        assertFalse(hash.masked(), "comparable, unlike a bare mask");
        assertTrue(hash.fingerprint().startsWith("pbkdf2-sha256:210000:"), hash.fingerprint());
        assertEquals("{\"client_secret\":\"****\",\"issuer\":\"https://auth\"}", entries(run).get("oauth").value());
        // no plaintext and no marker in any fact (the fingerprint is a hash over the markers)
        for (Fact f : run) {
            for (String s : List.of(HASH, "azureKEY", "Zm9vOmJhcg", "ops@example", "hunter2", SecretDigest.PREFIX)) {
                assertFalse(f.toString().contains(s), f + " shows " + s);
            }
        }
        // what holds no secret stays plainly comparable
        assertFalse(entries(run).get("cluster_name").digested());
        assertFalse(entries(run).get("ca_certificate_key").digested(), "a file path is kept, not digested");
    }

    @Test
    void anUnchangedConfigWrittenDifferentlyHasNoChange() {
        List<Fact> run = running(RUNNING);
        String same = """
                oauth: {client_secret: "hunter2hunter2", issuer: "https://auth"}
                ca_certificate_key: "/etc/ssl/ca.key"
                cluster_docker_credentials: {auths: {"https://registry.example.com/v1/": {email: ops@example.com, auth: "Zm9vOmJhcg=="}}}
                license_key: 1.5
                exhibitor_azure_account_key: "azureKEY=="
                superuser_password_hash: "%s"
                master_list:
                  - 10.0.0.1
                cluster_name: "prod-east"
                """.formatted(HASH);
        List<Fact> t = target(same, run);
        assertEquals(List.of(), changed(run, t));
        assertTrue(entries(t).get("superuser_password_hash").digested(), "digested with the running salt");
        for (Fact f : t) assertFalse(f.toString().contains(HASH), f.toString());
    }

    @Test
    void eachChangedSecretIsAChangeAndOnlyThat() {
        List<Fact> run = running(RUNNING);
        String changed = RUNNING.replace(HASH, HASH + "x").replace("ops@example.com", "dev@example.com")
                .replace("hunter2hunter2", "hunter3hunter3").replace("license_key: 1.50", "license_key: '1.50'");
        assertEquals(List.of("superuser_password_hash", "license_key", "cluster_docker_credentials", "oauth"),
                changed(run, target(changed, run)));
        // a file path under a secret key becoming a real key is a change too
        assertEquals(List.of("ca_certificate_key"), changed(run, target(RUNNING.replace("/etc/ssl/ca.key",
                "-----BEGIN EC PRIVATE KEY-----"), run)));
    }

    @Test
    void twoBundlesHaveDifferentSaltsAndEachComparesWithItsOwn() {
        List<Fact> one = running(RUNNING);
        List<Fact> two = running(RUNNING);
        String a = entries(one).get("superuser_password_hash").fingerprint();
        String b = entries(two).get("superuser_password_hash").fingerprint();
        assertNotEquals(a, b, "a fresh salt per bundle (and per key)");
        assertNotEquals(entries(one).get("oauth").fingerprint().split(":")[2], a.split(":")[2], "a salt per key");
        assertEquals(List.of(), changed(one, target(RUNNING, one)));
        assertEquals(List.of(), changed(two, target(RUNNING, two)));
        // a target digested with the other bundle's salt does not compare equal: never a false "unchanged"
        ConfigEntry crossed = entries(target(RUNNING, two)).get("superuser_password_hash");
        assertNotEquals(a, crossed.fingerprint());
    }

    @Test
    void whatCannotBeComparedIsMaskedNeverEqual() {
        // a bundle of an older preflight (or --no-secret-digests): bare masks
        byte[] bare = PayloadMasker.mask(PayloadKind.CONFIG_RUNNING, RUNNING.getBytes(StandardCharsets.UTF_8), false);
        Map<String, ConfigEntry> old = entries(ConfigYamlParser.parseConfig(ConfigScope.RUNNING, "b", bare));
        assertTrue(old.get("superuser_password_hash").masked());
        assertTrue(old.get("oauth").masked());
        assertFalse(old.get("cluster_name").masked());
        // a target parsed against bare masks stays plain: not comparable with them
        ConfigEntry t = entries(target(RUNNING, List.copyOf(old.values()))).get("superuser_password_hash");
        assertFalse(t.digested());
        assertFalse(t.comparableWith(old.get("superuser_password_hash")));

        String marker = SecretDigest.marker(SecretDigest.Params.fresh(SecretDigest.DEFAULT_ITERATIONS),
                com.fasterxml.jackson.databind.node.TextNode.valueOf("x"));
        String other = SecretDigest.marker(SecretDigest.Params.fresh(SecretDigest.DEFAULT_ITERATIONS),
                com.fasterxml.jackson.databind.node.TextNode.valueOf("y"));
        Map<String, ConfigEntry> odd = entries(ConfigYamlParser.parseConfig(ConfigScope.RUNNING, "b", ("""
                garbled_key: '%s'
                mixed_secret: {password: '%s', token: '****'}
                two_salts_secret: ['%s', '%s']
                http_proxy: http://u:****@proxy:3128
                """.formatted(marker.substring(0, marker.length() - 2) + "!!", marker, marker, other))
                .getBytes(StandardCharsets.UTF_8)));
        for (String k : List.of("garbled_key", "mixed_secret", "two_salts_secret", "http_proxy")) {
            assertTrue(odd.get(k).masked(), k);
            assertFalse(odd.get(k).value().contains("pbkdf2"), k + ": a marker is never shown");
        }
        // in a target file a marker is literal text (DC/OS would take it as the password): never compared
        ConfigEntry literal = entries(target("superuser_password_hash: '" + marker + "'\n", running(RUNNING)))
                .get("superuser_password_hash");
        assertTrue(literal.masked());
    }

    @Test
    void aTargetParsedWithoutTheRunningEntriesIsNotComparableWithADigest() {
        List<Fact> run = running(RUNNING);
        ConfigEntry t = entries(target(RUNNING, List.of())).get("superuser_password_hash");
        assertFalse(t.digested());
        assertFalse(t.comparableWith(entries(run).get("superuser_password_hash")));
        assertTrue(entries(target(RUNNING, List.of())).get("cluster_name")
                .comparableWith(entries(run).get("cluster_name")), "plain keys compare as before");
    }
}
