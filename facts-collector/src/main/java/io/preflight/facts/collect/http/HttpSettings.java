package io.preflight.facts.collect.http;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@link ClusterHttp} talks to the cluster. Immutable. {@link #toString()} never shows the token.
 *
 * @param connectTimeout per connection attempt
 * @param readTimeout    longest wait for the next bytes of a response
 * @param attempts       total tries of a GET (1 = no retry); retried on I/O errors, timeouts and 5xx only
 * @param backoffBase    wait before the 2nd try; doubled before each further try
 * @param maxBodyBytes   a response body larger than this is refused (enforced while streaming)
 * @param token          DC/OS authentication token sent as {@code Authorization: token=<t>}, or null
 * @param caPem          PEM file of the CA certificate(s) to trust instead of the system trust store, or null
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, int attempts, Duration backoffBase,
                           long maxBodyBytes, String token, Path caPem) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);
    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;

    public HttpSettings {
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive");
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("read timeout must be positive");
        }
        if (attempts < 1 || attempts > 10) throw new IllegalArgumentException("attempts must be 1..10: " + attempts);
        if (backoffBase == null || backoffBase.isNegative()) throw new IllegalArgumentException("backoff must be >= 0");
        if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBodyBytes must be 1.." + (Integer.MAX_VALUE - 16));
        }
        if (token != null && token.isBlank()) token = null;
    }

    /** Connect 5 s, read 20 s, 3 attempts, 200 ms backoff doubling, 64 MiB cap, no token, system CAs. */
    public static HttpSettings defaults() {
        return new HttpSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF,
                DEFAULT_MAX_BODY_BYTES, null, null);
    }

    public HttpSettings withTimeouts(Duration connect, Duration read) {
        return new HttpSettings(connect, read, attempts, backoffBase, maxBodyBytes, token, caPem);
    }

    public HttpSettings withRetries(int attempts, Duration backoffBase) {
        return new HttpSettings(connectTimeout, readTimeout, attempts, backoffBase, maxBodyBytes, token, caPem);
    }

    public HttpSettings withMaxBodyBytes(long max) {
        return new HttpSettings(connectTimeout, readTimeout, attempts, backoffBase, max, token, caPem);
    }

    public HttpSettings withToken(String token) {
        return new HttpSettings(connectTimeout, readTimeout, attempts, backoffBase, maxBodyBytes, token, caPem);
    }

    public HttpSettings withCaPem(Path caPem) {
        return new HttpSettings(connectTimeout, readTimeout, attempts, backoffBase, maxBodyBytes, token, caPem);
    }

    /** The wait before try {@code attempt} (2, 3, ...): base, 2×base, 4×base ... */
    public Duration backoffBefore(int attempt) {
        if (attempt <= 1) return Duration.ZERO;
        return backoffBase.multipliedBy(1L << Math.min(attempt - 2, 16));
    }

    @Override
    public String toString() {
        return "HttpSettings[connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", attempts="
                + attempts + ", backoffBase=" + backoffBase + ", maxBodyBytes=" + maxBodyBytes + ", token="
                + (token == null ? "none" : "****") + ", caPem=" + caPem + "]";
    }
}
