package io.preflight.facts.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void secretKeys() {
        for (String k : new String[] {"superuser_password_hash", "aws_secret_access_key", "zk_super_credentials",
                "cluster_docker_credentials", "exhibitor_azure_account_key", "license_key_contents", "credentials"}) {
            assertTrue(Secrets.isSecretKey(k), k);
        }
        for (String k : new String[] {"ssh_key_path", "ca_certificate_key_path", "cluster_docker_credentials_enabled",
                "cluster_docker_credentials_dcos_owned", "master_list", "ssh_public_key", null}) {
            assertFalse(Secrets.isSecretKey(k), k);
        }
    }

    @Test
    void maskValueKeepsPathsAndMasksUrlPasswords() {
        assertEquals("/opt/mesosphere/etc/credentials", Secrets.maskValue("credentials", "/opt/mesosphere/etc/credentials"));
        assertEquals("file:///etc/mesos/secret", Secrets.maskValue("executor_secret_key", "file:///etc/mesos/secret"));
        assertEquals(Secrets.MASK, Secrets.maskValue("credentials", "{\"principal\":\"a\",\"secret\":\"b\"}"));
        assertEquals("", Secrets.maskValue("password", ""));
        assertEquals("zk://user:****@zk-1:2181,zk-2:2181/mesos",
                Secrets.maskValue("zk", "zk://user:pw@zk-1:2181,zk-2:2181/mesos"));
        assertEquals("http://proxy:3128", Secrets.maskUrlCredentials("http://proxy:3128"));
    }
}
