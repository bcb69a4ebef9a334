package io.preflight.facts.collect.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.CollectionProblem.Kind;
import io.preflight.facts.ExhibitorServer;
import io.preflight.facts.MarathonApp;
import io.preflight.facts.MarathonInfo;
import io.preflight.facts.parse.PayloadKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ClusterHttpTest {
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.SECRET-token-value.sig";
    private static final String EXHIBITOR = "exhibitor/cluster-status_3-masters-serving_dcos-docs-troubleshooting.json";

    private MockWebServer server;
    private ClusterHttp http;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (http != null) http.close();
        server.shutdown();
    }

    private static HttpSettings fast() {
        return HttpSettings.defaults().withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300))
                .withRetries(3, Duration.ofMillis(10));
    }

    private ClusterHttp client(HttpSettings s) throws IOException {
        http = new ClusterHttp(s);
        return http;
    }

    private HttpUrl url(String path) {
        return server.url(path);
    }

    private static MockResponse json(byte[] body) {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(new Buffer().write(body));
    }

    private static MockResponse json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertNoToken(Fetched f) {
        assertFalse(f.toString().contains(TOKEN), f.toString());
        assertFalse(f.toString().contains("SECRET"), f.toString());
        if (f.problem() != null) {
            assertFalse(f.problem().toString().contains("SECRET"), f.problem().toString());
            assertFalse(f.manifestProblem().toString().contains("SECRET"));
        }
    }

    @Test
    void fetchesARealPayloadSendsTheTokenAndParsesIt() throws Exception {
        server.enqueue(json(TestFixtures.bytes(EXHIBITOR)));
        Fetched f = client(fast().withToken(TOKEN)).fetch(PayloadKind.EXHIBITOR_STATUS, "prod",
                url("/exhibitor/v1/cluster/status"));
        assertTrue(f.ok(), f::toString);
        assertEquals(200, f.status());
        assertEquals(1, f.attempts());
        assertEquals(3, f.facts().stream().filter(x -> x instanceof ExhibitorServer).count());
        assertEquals("cluster/exhibitor-status.json", f.payload().file());
        assertEquals(url("/exhibitor/v1/cluster/status").toString(), f.payload().source());
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertEquals("GET", r.getMethod());
        assertEquals("token=" + TOKEN, r.getHeader("Authorization"));
    }

    @Test
    void noAuthorizationHeaderWithoutAToken() throws Exception {
        server.enqueue(json(TestFixtures.bytes(EXHIBITOR)));
        assertTrue(client(fast()).fetch(PayloadKind.EXHIBITOR_STATUS, "c", url("/s")).ok());
        assertNull(server.takeRequest(1, TimeUnit.SECONDS).getHeader("Authorization"));
    }

    @Test
    void unauthorizedIsAnAuthProblemNotRetriedAndNeverShowsTheToken() throws Exception {
        // an error body that echoes the token must be scrubbed too
        server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"title\":\"Unauthorized\",\"token\":\""
                + TOKEN + "\"}"));
        server.enqueue(json(TestFixtures.bytes(EXHIBITOR)));
        Fetched f = client(fast().withToken(TOKEN)).fetch(PayloadKind.EXHIBITOR_STATUS, "prod", url("/s"));
        assertFalse(f.ok());
        assertEquals(Kind.AUTH, f.problem().kind());
        assertEquals(401, f.status());
        assertEquals(1, server.getRequestCount());
        assertEquals("token=" + TOKEN, server.takeRequest().getHeader("Authorization"));
        assertTrue(f.problem().detail().contains("HTTP 401"), f.problem().detail());
        assertTrue(f.problem().detail().contains("Unauthorized"), f.problem().detail());
        assertEquals("prod", f.problem().subject());
        assertEquals("exhibitor /exhibitor/v1/cluster/status", f.problem().what());
        assertNoToken(f);
        assertFalse(http.settings().toString().contains("SECRET"));
    }

    @Test
    void forbiddenIsAuth() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(403));
        Fetched f = client(fast()).fetch(PayloadKind.MARATHON_APPS, "c", url("/v2/apps"));
        assertEquals(Kind.AUTH, f.problem().kind());
        assertTrue(f.problem().detail().contains("no token was given"), f.problem().detail());
    }

    @Test
    void serverErrorThenSuccessIsRetried() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(500).setBody("boom"));
        server.enqueue(json(TestFixtures.bytes("marathon/v2-apps_embed-tasks_marathon-1.5_marathon-lb-test.json")));
        Fetched f = client(fast()).fetch(PayloadKind.MARATHON_APPS, "c", url("/v2/apps"));
        assertTrue(f.ok(), f::toString);
        assertEquals(2, f.attempts());
        assertEquals(2, server.getRequestCount());
        assertTrue(f.facts().stream().anyMatch(x -> x instanceof MarathonApp));
    }

    @Test
    void persistentServerErrorGivesUpAfterExactlyTheConfiguredAttempts() throws Exception {
        for (int i = 0; i < 5; i++) server.enqueue(new MockResponse().setResponseCode(503).setBody("unavailable"));
        Fetched f = client(fast()).fetch(PayloadKind.MESOS_STATE, "c", url("/master/state"));
        assertEquals(Kind.HTTP_ERROR, f.problem().kind());
        assertEquals(503, f.status());
        assertEquals(3, f.attempts());
        assertEquals(3, server.getRequestCount());
        assertTrue(f.problem().detail().startsWith("HTTP 503: unavailable"), f.problem().detail());
        assertTrue(f.problem().detail().contains("after 3 attempts"), f.problem().detail());
    }

    @Test
    void backoffDoubles() {
        HttpSettings s = HttpSettings.defaults();
        assertEquals(Duration.ZERO, s.backoffBefore(1));
        assertEquals(Duration.ofMillis(200), s.backoffBefore(2));
        assertEquals(Duration.ofMillis(400), s.backoffBefore(3));
        assertEquals(Duration.ofSeconds(5), s.connectTimeout());
        assertEquals(Duration.ofSeconds(20), s.readTimeout());
        assertEquals(3, s.attempts());
        assertEquals(64L * 1024 * 1024, s.maxBodyBytes());
    }

    @Test
    void anErrorPageNeverPutsCredentialsIntoTheProblem() throws Exception {
        // Marathon's 500 page may echo its --zk URL, credentials and all; problem details go into the manifest
        server.enqueue(new MockResponse().setResponseCode(500).setBody(
                "zk connect failed: zk://marathon:Zk-SECRET-pw@10.0.0.1:2181/marathon"));
        Fetched f = client(fast().withRetries(1, Duration.ofMillis(10))).fetch(PayloadKind.MARATHON_INFO, "prod", url("/v2/info"));
        assertEquals(Kind.HTTP_ERROR, f.problem().kind());
        assertTrue(f.problem().detail().contains("HTTP 500: zk connect failed: zk://marathon:"), f.problem().detail());
        assertFalse(f.problem().detail().contains("Zk-SECRET-pw"), f.problem().detail());
    }

    @Test
    void clientErrorIsNotRetried() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("Not Found"));
        server.enqueue(json("{}"));
        Fetched f = client(fast()).fetch(PayloadKind.MESOS_FLAGS, "10.0.0.1", url("/flags"));
        assertEquals(Kind.HTTP_ERROR, f.problem().kind());
        assertEquals(404, f.status());
        assertEquals(1, server.getRequestCount());
        assertEquals("10.0.0.1", f.problem().subject());
    }

    @Test
    void aBodySlowerThanTheReadTimeoutIsATimeout() throws Exception {
        server.enqueue(json(TestFixtures.bytes(EXHIBITOR)).setBodyDelay(1, TimeUnit.SECONDS));
        Fetched f = client(fast().withRetries(1, Duration.ZERO)).fetch(PayloadKind.EXHIBITOR_STATUS, "c", url("/s"));
        assertEquals(Kind.TIMEOUT, f.problem().kind(), f::toString);
        assertTrue(f.problem().detail().contains("300 ms"), f.problem().detail());
    }

    @Test
    void timeoutsAreRetried() throws Exception {
        server.enqueue(json(TestFixtures.bytes(EXHIBITOR)).setBodyDelay(1, TimeUnit.SECONDS));
        server.enqueue(json(TestFixtures.bytes(EXHIBITOR)));
        Fetched f = client(fast()).fetch(PayloadKind.EXHIBITOR_STATUS, "c", url("/s"));
        assertTrue(f.ok(), f::toString);
        assertEquals(2, f.attempts());
    }

    @Test
    void truncatedJsonIsAParseErrorNamingThePosition() throws Exception {
        byte[] full = TestFixtures.bytes(EXHIBITOR);
        byte[] cut = java.util.Arrays.copyOf(full, full.length / 2);
        server.enqueue(json(cut));
        Fetched f = client(fast()).fetch(PayloadKind.EXHIBITOR_STATUS, "c", url("/s"));
        assertEquals(Kind.PARSE_ERROR, f.problem().kind());
        assertEquals(1, server.getRequestCount());
        assertTrue(f.problem().detail().matches("(?s).*line \\d+, column \\d+.*"), f.problem().detail());
        assertNull(f.body());
    }

    @Test
    void malformedJsonIsAParseError() throws Exception {
        server.enqueue(json("<html><body>502 Bad Gateway</body></html>"));
        Fetched f = client(fast()).fetch(PayloadKind.MARATHON_INFO, "c", url("/v2/info"));
        assertEquals(Kind.PARSE_ERROR, f.problem().kind());
        assertTrue(f.problem().detail().contains("malformed JSON"), f.problem().detail());
    }

    @Test
    void wrongShapeIsAParseErrorWithTheParsersPath() throws Exception {
        server.enqueue(json("{\"git_sha\":\"x\"}"));
        Fetched f = client(fast()).fetch(PayloadKind.MESOS_VERSION, "10.0.0.1", url("/version"));
        assertEquals(Kind.PARSE_ERROR, f.problem().kind());
        assertTrue(f.problem().detail().endsWith("$.version: missing, expected a string"), f.problem().detail());
    }

    @Test
    void aDeclaredBodyOverTheCapIsRefusedUnread() throws Exception {
        server.enqueue(json(new byte[4096]));
        Fetched f = client(fast().withMaxBodyBytes(1024)).fetch(PayloadKind.MARATHON_APPS, "c", url("/v2/apps"));
        assertEquals(Kind.OTHER, f.problem().kind());
        assertTrue(f.problem().detail().contains("larger than 1024 bytes"), f.problem().detail());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aChunkedBodyOverTheCapIsRefused() throws Exception {
        Buffer big = new Buffer();
        big.writeUtf8("[");
        for (int i = 0; i < 2000; i++) big.writeUtf8("{\"id\":\"/a\"},");
        big.writeUtf8("{}]");
        server.enqueue(new MockResponse().setChunkedBody(big, 512));
        Fetched f = client(fast().withMaxBodyBytes(4096)).fetch(PayloadKind.MARATHON_APPS, "c", url("/v2/apps"));
        assertEquals(Kind.OTHER, f.problem().kind());
        assertTrue(f.problem().detail().contains("larger than 4096 bytes: stopped reading"), f.problem().detail());
    }

    /** A server that never stops sending: the capped read must end anyway (or this test times out). */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void anEndlessBodyIsCutAtTheCap() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (ServerSocket ss = new ServerSocket(0)) {
            Thread t = new Thread(() -> {
                try (Socket s = ss.accept()) {
                    InputStream in = s.getInputStream();
                    byte[] req = new byte[4096];
                    in.read(req); // the request head; its content is not needed
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n["
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = "0,".repeat(4096).getBytes(StandardCharsets.US_ASCII);
                    while (true) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                } catch (IOException expected) {
                    // the client hung up
                }
            });
            t.setDaemon(true);
            t.start();
            HttpUrl u = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(ss.getLocalPort())
                    .addPathSegments("v2/apps").build();
            Fetched f = client(fast().withMaxBodyBytes(1 << 20)).fetch(PayloadKind.MARATHON_APPS, "c", u);
            assertEquals(Kind.OTHER, f.problem().kind(), f::toString);
            assertTrue(f.problem().detail().contains("larger than 1048576 bytes"), f.problem().detail());
            assertEquals(1, f.attempts());
            t.join(5000);
            assertFalse(t.isAlive(), "the client kept the endless response open");
        }
    }

    @Test
    void aClosedPortIsUnreachableAfterRetries() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        HttpUrl u = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(port).addPathSegment("flags").build();
        Fetched f = client(fast()).fetch(PayloadKind.MESOS_FLAGS, "10.0.0.9", u);
        assertEquals(Kind.UNREACHABLE, f.problem().kind(), f::toString);
        assertEquals(3, f.attempts());
        assertTrue(f.problem().detail().contains("127.0.0.1:" + port), f.problem().detail());
    }

    @Test
    void marathonNoLeader404IsStoredAsAPayload() throws Exception {
        server.enqueue(json(TestFixtures.bytes("marathon/v2-leader-404-no-leader.example_marathon-raml.json"))
                .setResponseCode(404));
        Fetched f = client(fast()).fetch(PayloadKind.MARATHON_LEADER, "c", url("/v2/leader"));
        assertTrue(f.ok(), f::toString);
        assertEquals(404, f.status());
        MarathonInfo info = (MarathonInfo) f.facts().get(0);
        assertNull(info.leader());
    }

    @Test
    void marathonLeader404WithoutTheMarathonBodyIsAnError() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(404).setBody("404 page not found"));
        Fetched f = client(fast()).fetch(PayloadKind.MARATHON_LEADER, "c", url("/v2/leader"));
        assertEquals(Kind.HTTP_ERROR, f.problem().kind());
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void userInfoIsStrippedFromTheSource() throws Exception {
        server.enqueue(json(TestFixtures.bytes(EXHIBITOR)));
        HttpUrl u = url("/s").newBuilder().username("bob").password("hunter2").build();
        Fetched f = client(fast()).fetch(PayloadKind.EXHIBITOR_STATUS, "c", u);
        assertTrue(f.ok());
        assertFalse(f.source().contains("hunter2"), f.source());
    }

    @Test
    void anUnreadableCaFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, "not a certificate");
        IOException e = assertThrows(IOException.class, () -> new ClusterHttp(fast().withCaPem(pem)));
        assertTrue(e.getMessage().contains("ca.pem"), e.getMessage());
    }

    @Test
    void tokenSourceReadsAndTrims(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "  " + TOKEN + "\n");
        assertEquals(TOKEN, TokenSource.fromFile(file));
        assertEquals(TOKEN, TokenSource.fromEnv("DCOS_TOKEN", Map.of("DCOS_TOKEN", TOKEN + "\n")));
        IOException unset = assertThrows(IOException.class, () -> TokenSource.fromEnv("NOPE", Map.of()));
        assertTrue(unset.getMessage().contains("NOPE"));
        Files.writeString(file, "  \n");
        assertThrows(IOException.class, () -> TokenSource.fromFile(file));
    }

    @Test
    void settingsNeverShowTheToken() {
        HttpSettings s = HttpSettings.defaults().withToken(TOKEN);
        assertEquals(TOKEN, s.token());
        assertFalse(s.toString().contains("SECRET"), s.toString());
        assertTrue(s.toString().contains("token=****"));
        assertNotNull(HttpSettings.defaults().withToken("  ").toString());
        assertNull(HttpSettings.defaults().withToken("  ").token());
    }
}
