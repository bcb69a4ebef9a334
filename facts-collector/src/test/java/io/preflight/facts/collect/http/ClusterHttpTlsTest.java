package io.preflight.facts.collect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.CollectionProblem.Kind;
import io.preflight.facts.parse.PayloadKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A custom CA: the PEM's certificates are trusted, nothing else is. Certificates are made with the JDK's keytool. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterHttpTlsTest {
    private static final char[] PASS = "changeit".toCharArray();
    private static final String EXHIBITOR = "exhibitor/cluster-status_3-masters-serving_dcos-docs-troubleshooting.json";

    @TempDir
    static Path dir;
    private static MockWebServer server;
    private static Path serverPem;
    private static Path otherPem;

    @BeforeAll
    static void start() throws Exception {
        Path ks = keyPair("server");
        serverPem = exportPem("server", ks);
        otherPem = exportPem("other", keyPair("other"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, PASS);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASS);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = new MockWebServer();
        server.useHttps(ctx.getSocketFactory(), false);
        server.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.shutdown();
    }

    private static Path keyPair(String alias) throws Exception {
        Path ks = dir.resolve(alias + ".p12");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + alias, "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASS), "-keypass", new String(PASS));
        return ks;
    }

    private static Path exportPem(String alias, Path ks) throws Exception {
        Path pem = dir.resolve(alias + ".pem");
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", ks.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASS), "-file", pem.toString());
        return pem;
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("keytool: " + out);
    }

    private static HttpSettings settings() {
        return HttpSettings.defaults().withTimeouts(Duration.ofMillis(2000), Duration.ofMillis(2000))
                .withRetries(1, Duration.ZERO);
    }

    private static MockResponse ok() {
        return new MockResponse().setBody(new Buffer().write(TestFixtures.bytes(EXHIBITOR)));
    }

    @Test
    void theGivenCaIsTrusted() throws Exception {
        server.enqueue(ok());
        try (ClusterHttp http = new ClusterHttp(settings().withCaPem(serverPem))) {
            Fetched f = http.fetch(PayloadKind.EXHIBITOR_STATUS, "c", server.url("/exhibitor/v1/cluster/status"));
            assertTrue(f.ok(), f::toString);
            assertTrue(f.source().startsWith("https://"), f.source());
        }
    }

    @Test
    void anotherCaIsNotTrusted() throws Exception {
        server.enqueue(ok());
        try (ClusterHttp http = new ClusterHttp(settings().withCaPem(otherPem))) {
            Fetched f = http.fetch(PayloadKind.EXHIBITOR_STATUS, "c", server.url("/s"));
            assertEquals(Kind.OTHER, f.problem().kind(), f::toString);
            assertTrue(f.problem().detail().startsWith("TLS failure"), f.problem().detail());
            assertEquals(1, f.attempts());
        }
    }

    @Test
    void withoutTheCaTheSystemStoreRefusesTheSelfSignedServer() throws Exception {
        server.enqueue(ok());
        try (ClusterHttp http = new ClusterHttp(settings())) {
            Fetched f = http.fetch(PayloadKind.EXHIBITOR_STATUS, "c", server.url("/s"));
            assertEquals(Kind.OTHER, f.problem().kind(), f::toString);
            assertTrue(f.problem().detail().startsWith("TLS failure"), f.problem().detail());
        }
    }
}
