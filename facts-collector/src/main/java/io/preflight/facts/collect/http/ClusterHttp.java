package io.preflight.facts.collect.http;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.CollectionProblem.Kind;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import io.preflight.facts.bundle.PayloadMasker;
import io.preflight.facts.parse.PayloadException;
import io.preflight.facts.parse.PayloadKind;
import io.preflight.facts.parse.Payloads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GETs cluster endpoints (Mesos, Marathon, Exhibitor) with OkHttp and turns every outcome into either a parsed
 * payload or a {@link CollectionProblem}; never throws for a network or payload failure. Thread-safe.
 *
 * <ul>
 *   <li>{@code Authorization: token=<t>} when {@link HttpSettings#token()} is set; the token is never logged nor put
 *       into a problem (error bodies are scrubbed of it).
 *   <li>{@link HttpSettings#caPem()}: only the PEM's certificates are trusted (not the system store).
 *   <li>retries: only GETs (the only method used), on I/O errors, timeouts and 5xx, up to
 *       {@link HttpSettings#attempts()} tries with doubling backoff; 4xx, TLS failures, oversize and unparsable
 *       bodies are not retried. OkHttp's own silent connection retry is off, so the count is exact.
 *   <li>the body is streamed with {@link HttpSettings#maxBodyBytes()} enforced while reading (a larger
 *       {@code Content-Length} is refused before reading).
 *   <li>problem kinds: 401/403 {@code AUTH}; other non-2xx {@code HTTP_ERROR} (with the status); timeouts
 *       {@code TIMEOUT}; refused / unknown host / no route {@code UNREACHABLE}; a body that {@code Payloads.parse}
 *       rejects {@code PARSE_ERROR} (with the parser's message); oversize, TLS and other I/O errors {@code OTHER}.
 *   <li>Marathon {@code /v2/leader} answering 404 with its {@code {"message": "There is no leader"}} body: the
 *       body is kept as a normal payload (it parses to a {@code MarathonInfo} with a null leader, which the rules
 *       read as "no leader"); a 404 without that body is an {@code HTTP_ERROR}.
 * </ul>
 */
public final class ClusterHttp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterHttp.class);
    private static final int ERROR_SNIPPET = 200;

    private final HttpSettings settings;
    private final OkHttpClient client;
    private final Clock clock;

    public ClusterHttp(HttpSettings settings) throws IOException {
        this(settings, Clock.systemUTC());
    }

    /**
     * @throws IOException when the CA file cannot be read or holds no certificate (the message names the file)
     */
    public ClusterHttp(HttpSettings settings, Clock clock) throws IOException {
        this.settings = settings == null ? HttpSettings.defaults() : settings;
        this.clock = clock == null ? Clock.systemUTC() : clock;
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(this.settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(this.settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(this.settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .retryOnConnectionFailure(false)
                .followRedirects(true);
        if (this.settings.caPem() != null) {
            X509TrustManager tm = trustOnly(this.settings.caPem());
            try {
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {tm}, null);
                b.sslSocketFactory(ctx.getSocketFactory(), tm);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot set up TLS with " + this.settings.caPem() + ": " + e.getMessage(), e);
            }
        }
        this.client = b.build();
    }

    public HttpSettings settings() {
        return settings;
    }

    /** {@link #fetch(PayloadKind, String, Role, HttpUrl)} with {@link Role#UNKNOWN}. */
    public Fetched fetch(PayloadKind kind, String subject, HttpUrl url) {
        return fetch(kind, subject, Role.UNKNOWN, url);
    }

    /**
     * GETs {@code url} and validates the body as a {@code kind} payload.
     *
     * @param subject the node's host for per-node kinds, the cluster name otherwise; also the problem's subject
     * @param role    the node's role, passed to the parser
     */
    public Fetched fetch(PayloadKind kind, String subject, Role role, HttpUrl url) {
        String source = url.newBuilder().username("").password("").build().toString();
        Outcome out = null;
        int attempts = 0;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (attempt > 1) {
                try {
                    Thread.sleep(settings.backoffBefore(attempt).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            attempts = attempt;
            out = once(kind, url);
            if (!out.retry) break;
            LOG.debug("GET {} attempt {} failed ({}), {}", source, attempt, out.kind,
                    attempt < settings.attempts() ? "retrying" : "giving up");
        }
        Instant now = clock.instant();
        if (out == null) {
            return problem(kind, subject, source, now, 0, attempts, Kind.OTHER, "interrupted before the request");
        }
        if (out.kind != null) {
            String detail = out.detail + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
            return problem(kind, subject, source, now, out.status, attempts, out.kind, detail);
        }
        try {
            List<Fact> facts = Payloads.parse(kind, subject, role, source, out.body);
            LOG.debug("GET {} -> {} ({} bytes)", source, out.status, out.body.length);
            return new Fetched(kind, subject, source, now, out.status, attempts, out.body, facts, null);
        } catch (PayloadException | RuntimeException e) {
            return problem(kind, subject, source, now, out.status, attempts, Kind.PARSE_ERROR,
                    "HTTP " + out.status + " body (" + out.body.length + " bytes) does not parse: "
                            + scrub(e.getMessage()));
        }
    }

    private Fetched problem(PayloadKind kind, String subject, String source, Instant at, int status, int attempts,
                            Kind k, String detail) {
        LOG.info("GET {}: {} {}", source, k, detail);
        return new Fetched(kind, subject, source, at, status, attempts, null, List.of(),
                new CollectionProblem(subject, source, k, what(kind), detail));
    }

    /** What a problem says could not be verified, e.g. {@code mesos /flags}. */
    static String what(PayloadKind kind) {
        return switch (kind) {
            case MESOS_STATE -> "mesos /master/state";
            case MESOS_SLAVES -> "mesos /master/slaves";
            case MESOS_FLAGS -> "mesos /flags";
            case MESOS_VERSION -> "mesos /version";
            case MESOS_METRICS -> "mesos /metrics/snapshot";
            case MARATHON_INFO -> "marathon /v2/info";
            case MARATHON_LEADER -> "marathon /v2/leader";
            case MARATHON_APPS -> "marathon /v2/apps";
            case MARATHON_DEPLOYMENTS -> "marathon /v2/deployments";
            case EXHIBITOR_STATUS -> "exhibitor /exhibitor/v1/cluster/status";
            case NODE_PROBE -> "ssh-probe";
            case CONFIG_RUNNING -> "config.yaml(running)";
        };
    }

    private record Outcome(int status, byte[] body, Kind kind, String detail, boolean retry) {
        static Outcome ok(int status, byte[] body) {
            return new Outcome(status, body, null, null, false);
        }

        static Outcome fail(int status, Kind kind, String detail, boolean retry) {
            return new Outcome(status, null, kind, detail, retry);
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    private Outcome once(PayloadKind kind, HttpUrl url) {
        Request.Builder rb = new Request.Builder().url(url).get().header("Accept", "application/json");
        if (settings.token() != null) rb.header("Authorization", "token=" + settings.token());
        try (Response r = client.newCall(rb.build()).execute()) {
            int code = r.code();
            if (code == 401 || code == 403) {
                return Outcome.fail(code, Kind.AUTH, "HTTP " + code + (settings.token() == null
                        ? ": authentication required and no token was given"
                        : ": the token was refused (expired, or lacks permission)") + snippet(r.body()), false);
            }
            if (code == 404 && kind == PayloadKind.MARATHON_LEADER) {
                byte[] body = readCapped(r.body());
                if (new String(body, StandardCharsets.UTF_8).contains("\"message\"")) return Outcome.ok(code, body);
                return Outcome.fail(code, Kind.HTTP_ERROR, "HTTP 404" + snippetOf(body), false);
            }
            if (code < 200 || code > 299) {
                return Outcome.fail(code, Kind.HTTP_ERROR, "HTTP " + code + snippet(r.body()), code >= 500);
            }
            return Outcome.ok(code, readCapped(r.body()));
        } catch (TooLarge e) {
            return Outcome.fail(0, Kind.OTHER, e.getMessage(), false);
        } catch (SocketTimeoutException e) {
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            return Outcome.fail(0, Kind.TIMEOUT, m.contains("connect")
                    ? "connect timed out after " + settings.connectTimeout().toMillis() + " ms"
                    : "no data for " + settings.readTimeout().toMillis() + " ms (read timeout)", true);
        } catch (InterruptedIOException e) {
            return Outcome.fail(0, Kind.TIMEOUT, "timed out: " + scrub(e.getMessage()), true);
        } catch (UnknownHostException e) {
            return Outcome.fail(0, Kind.UNREACHABLE, "unknown host " + url.host(), true);
        } catch (ConnectException | NoRouteToHostException e) {
            return Outcome.fail(0, Kind.UNREACHABLE, "cannot connect to " + url.host() + ":" + url.port() + ": "
                    + scrub(e.getMessage()), true);
        } catch (SSLException e) {
            return Outcome.fail(0, Kind.OTHER, "TLS failure: " + scrub(e.getMessage()), false);
        } catch (IOException e) {
            return Outcome.fail(0, Kind.OTHER, "I/O error: " + e.getClass().getSimpleName() + ": "
                    + scrub(e.getMessage()), true);
        }
    }

    /** The body, refusing (without reading further) anything over the cap. */
    private byte[] readCapped(ResponseBody body) throws IOException {
        if (body == null) return new byte[0];
        long max = settings.maxBodyBytes();
        long declared = body.contentLength();
        if (declared > max) {
            throw new TooLarge("response larger than " + max + " bytes (Content-Length " + declared
                    + "): not read");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 8192);
        byte[] buf = new byte[8192];
        long total = 0;
        try (InputStream in = body.byteStream()) {
            int n;
            while ((n = in.read(buf)) != -1) {
                total += n;
                if (total > max) throw new TooLarge("response larger than " + max + " bytes: stopped reading");
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }

    private String snippet(ResponseBody body) {
        if (body == null) return "";
        try {
            okio.BufferedSource src = body.source();
            src.request(ERROR_SNIPPET);
            return snippetOf(src.getBuffer().readByteArray(Math.min(ERROR_SNIPPET, src.getBuffer().size())));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private String snippetOf(byte[] b) {
        String s = new String(b, 0, Math.min(b.length, ERROR_SNIPPET), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return s.isEmpty() ? "" : ": " + scrub(s);
    }

    /**
     * {@code s} with the token (if any) replaced and whatever else looks like a secret masked
     * ({@link PayloadMasker#maskText}: another token, a PEM key, {@code user:password@} in a URL such as Marathon's
     * {@code zk://} in an error page), since problem details go into the bundle's manifest.
     */
    private String scrub(String s) {
        if (s == null) return "";
        String t = settings.token();
        return PayloadMasker.maskText(t == null ? s : s.replace(t, "****"));
    }

    private static X509TrustManager trustOnly(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) throw new IOException(pem + ": no certificate found");
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) ks.setCertificateEntry("ca-" + i++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) return x;
            }
            throw new IOException(pem + ": no X.509 trust manager available");
        } catch (GeneralSecurityException e) {
            throw new IOException(pem + ": not a PEM CA certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
