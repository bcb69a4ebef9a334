package io.preflight.facts.collect.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link NodeProber} reaches the nodes.
 *
 * @param user           the SSH login user
 * @param privateKey     the client's private key file (Ed25519, ECDSA or RSA; OpenSSH or PEM format; readable by
 *                       its owner only, else a warning as OpenSSH would refuse it)
 * @param knownHosts     the known_hosts file every node's host key must be listed in (strict: an unknown or changed
 *                       key is a problem, never accepted, and the file is never written)
 * @param port           the SSH port, used for every node that does not name its own
 * @param concurrency    at most this many nodes are probed at the same time
 * @param timeout        per node, from the start of the connection to the end of the probe
 * @param maxOutputBytes the probe's output is cut (and the node reported) beyond this many bytes
 * @param passphrase     where the passphrase of a protected {@code privateKey} comes from ({@link KeyPassphrase#NONE}
 *                       when the key is not protected); the passphrase itself is never held here
 */
public record SshSettings(String user, Path privateKey, Path knownHosts, int port, int concurrency, Duration timeout,
                          int maxOutputBytes, KeyPassphrase passphrase) {
    public static final int DEFAULT_PORT = 22;
    public static final int DEFAULT_CONCURRENCY = 32;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

    public SshSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(passphrase, "passphrase");
        if (user.isBlank()) throw new IllegalArgumentException("the SSH user is blank");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("SSH port out of range: " + port);
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxOutputBytes < 1024) throw new IllegalArgumentException("maxOutputBytes too small: " + maxOutputBytes);
    }

    /** Settings for a key that is not passphrase-protected. */
    public SshSettings(String user, Path privateKey, Path knownHosts, int port, int concurrency, Duration timeout,
                       int maxOutputBytes) {
        this(user, privateKey, knownHosts, port, concurrency, timeout, maxOutputBytes, KeyPassphrase.NONE);
    }

    /** Port 22, 32 nodes at a time, 20 s per node, 4 MiB of output, no passphrase. */
    public static SshSettings of(String user, Path privateKey, Path knownHosts) {
        return new SshSettings(user, privateKey, knownHosts, DEFAULT_PORT, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT,
                DEFAULT_MAX_OUTPUT_BYTES);
    }

    public SshSettings withPort(int p) {
        return new SshSettings(user, privateKey, knownHosts, p, concurrency, timeout, maxOutputBytes, passphrase);
    }

    public SshSettings withConcurrency(int c) {
        return new SshSettings(user, privateKey, knownHosts, port, c, timeout, maxOutputBytes, passphrase);
    }

    public SshSettings withTimeout(Duration t) {
        return new SshSettings(user, privateKey, knownHosts, port, concurrency, t, maxOutputBytes, passphrase);
    }

    public SshSettings withMaxOutputBytes(int max) {
        return new SshSettings(user, privateKey, knownHosts, port, concurrency, timeout, max, passphrase);
    }

    public SshSettings withPassphrase(KeyPassphrase k) {
        return new SshSettings(user, privateKey, knownHosts, port, concurrency, timeout, maxOutputBytes, k);
    }
}
