package io.preflight.facts.collect.ssh;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import io.preflight.facts.bundle.PayloadMasker;
import io.preflight.facts.parse.PayloadException;
import io.preflight.facts.parse.PayloadKind;
import io.preflight.facts.parse.Payloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.io.resource.PathResource;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * The SSH node probe: one SSH connection and one exec channel per node, running {@code sh -s} with the probe script
 * ({@code probe.sh} beside this class) on its standard input; the script prints every node fact as one document
 * in the format {@code NodeProbeParser} specifies.
 *
 * <p>Public-key authentication only, with the key file of {@link SshSettings}, loaded once per instance; a
 * passphrase-protected key is decrypted with the passphrase of {@link SshSettings#passphrase()}. The server's host key must be in the
 * known_hosts file: an unknown host, a changed key or a revoked key is a {@code HOST_KEY} problem and the connection
 * is dropped before authenticating; the file is never written. Every node has its own deadline
 * ({@link SshSettings#timeout()}) covering connect, key exchange, authentication and the probe; when it passes the
 * channel and the session are closed (so the command on the node loses its channel; the probe also bounds its daemon
 * commands with {@code timeout} where the node has it) and the node gets a {@code TIMEOUT} problem.
 *
 * <p>Thread-safe; one instance holds one started MINA SSHD client: {@link #close()} it.
 */
public final class NodeProber implements AutoCloseable {
    /** The command the probe script is fed to. */
    public static final String COMMAND = "sh -s";
    /** {@link CollectionProblem#what()} of every problem this class reports. */
    public static final String WHAT = "ssh-probe";
    private static final String SCRIPT_RESOURCE = "probe.sh";
    private static final int MAX_STDERR_BYTES = 16 * 1024;

    /**
     * A node to probe.
     *
     * @param host the address or name to connect to (also the subject of its facts)
     * @param port the SSH port, or 0 for {@link SshSettings#port()}
     */
    public record Node(String host, int port) {
        public Node {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) throw new IllegalArgumentException("blank host");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        }

        public static Node of(String host) {
            return new Node(host, 0);
        }
    }

    /**
     * What one node gave: the probe's output, or the problem that kept it from running. {@code output} may also
     * accompany a problem (output cut at the size cap).
     */
    public record ProbeResult(Node node, byte[] output, CollectionProblem problem) {
        public boolean ok() {
            return problem == null && output != null;
        }

        /** {@code ssh:<host>:probe}, the source of this node's facts. */
        public String source() {
            return source(node.host());
        }

        /**
         * The node's facts: the parsed document, or the problem. A document the parser rejects as a whole is
         * returned as a {@code PARSE_ERROR} problem.
         *
         * @param role the node's role as the cluster sees it ({@link Role#UNKNOWN} when not known)
         */
        public List<Fact> facts(Role role) {
            if (!ok()) return List.of(problem);
            try {
                return Payloads.parse(PayloadKind.NODE_PROBE, node.host(), role, source(), output);
            } catch (PayloadException e) {
                return List.of(new CollectionProblem(node.host(), source(), CollectionProblem.Kind.PARSE_ERROR, WHAT,
                        e.getMessage()));
            }
        }

        static String source(String host) {
            return "ssh:" + host + ":probe";
        }
    }

    private final SshSettings settings;
    private final SshClient client;
    private final List<KeyPair> identities;
    private final String identityError;
    private final List<String> warnings;
    private final byte[] script;
    /** Why the host key of a session was refused (the session's own attributes are cleared when it closes). */
    private final Map<ClientSession, String> hostKeyVerdicts = new ConcurrentHashMap<>();

    public NodeProber(SshSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.script = probeScript();
        List<String> warn = new ArrayList<>();
        tooOpen(settings.privateKey(), "private key").ifPresent(warn::add);
        Path passphraseFile = settings.passphrase().file();
        if (passphraseFile != null) tooOpen(passphraseFile, "passphrase file").ifPresent(warn::add);
        this.warnings = List.copyOf(warn);
        List<KeyPair> keys = new ArrayList<>();
        this.identityError = loadIdentity(settings.privateKey(), settings.passphrase(), keys);
        this.identities = List.copyOf(keys);
        client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY); // no ~/.ssh/config
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER); // no ~/.ssh/id_*
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setServerKeyVerifier(new StrictKnownHosts(settings.knownHosts(), hostKeyVerdicts));
        client.start();
    }

    /** The probe script as sent to the nodes. */
    public static byte[] probeScript() {
        try (InputStream in = NodeProber.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + SCRIPT_RESOURCE);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why the private key cannot be used (unreadable, passphrase missing or wrong, unsupported type), once for the run;
     * empty when it loaded. Every node's probe then fails with this text as an {@code AUTH} problem. Never contains the
     * passphrase.
     */
    public Optional<String> identityProblem() {
        return Optional.ofNullable(identityError);
    }

    /**
     * Warnings about the run's files that do not stop it: a private key or passphrase file that group or others may
     * read (OpenSSH refuses such a key; preflight uses it and says so).
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * Probes every node, at most {@link SshSettings#concurrency()} at a time. A node that fails does not stop the
     * others; every node gets a result.
     *
     * @return one result per node, in the order given (a node listed twice is probed once)
     */
    public Map<Node, ProbeResult> probeAll(List<Node> nodes) {
        return probeAll(nodes, r -> { });
    }

    /**
     * As {@link #probeAll(List)}, calling {@code done} with each node's result as soon as that node finishes (from
     * the probe threads, in no particular order); for progress reports. An exception from {@code done} becomes that
     * node's {@code OTHER} problem.
     */
    public Map<Node, ProbeResult> probeAll(List<Node> nodes, Consumer<ProbeResult> done) {
        Objects.requireNonNull(done, "done");
        List<Node> distinct = nodes.stream().distinct().toList();
        Map<Node, ProbeResult> results = new LinkedHashMap<>();
        if (distinct.isEmpty()) return results;
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.concurrency(), distinct.size()), r -> {
            Thread t = new Thread(r, "preflight-ssh-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Node, Future<ProbeResult>> futures = new LinkedHashMap<>();
            for (Node node : distinct) {
                futures.put(node, pool.submit(() -> {
                    ProbeResult r = probe(node);
                    done.accept(r);
                    return r;
                }));
            }
            for (Map.Entry<Node, Future<ProbeResult>> e : futures.entrySet()) {
                ProbeResult r;
                try {
                    r = e.getValue().get();
                } catch (ExecutionException ex) {
                    r = failed(e.getKey(), CollectionProblem.Kind.OTHER, message(ex.getCause()));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    r = failed(e.getKey(), CollectionProblem.Kind.OTHER, "interrupted");
                }
                results.put(e.getKey(), r);
            }
        } finally {
            pool.shutdownNow();
        }
        return results;
    }

    /** Probes one node within the per-node timeout; never throws for a node-side failure. */
    public ProbeResult probe(Node node) {
        int port = node.port() == 0 ? settings.port() : node.port();
        String at = node.host() + ":" + port;
        if (identityError != null) return failed(node, CollectionProblem.Kind.AUTH, identityError);
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        ClientSession session = null;
        ChannelExec channel = null;
        try {
            ConnectFuture connect;
            try {
                connect = client.connect(settings.user(), node.host(), port);
            } catch (IOException | UnresolvedAddressException e) {
                return failed(node, CollectionProblem.Kind.UNREACHABLE, "cannot connect to " + at + ": " + message(e));
            }
            if (!connect.await(remaining(deadline))) {
                connect.cancel();
                return timedOut(node, "no connection to " + at);
            }
            if (connect.getException() != null) {
                Throwable e = connect.getException();
                return failed(node, unreachable(e) ? CollectionProblem.Kind.UNREACHABLE : CollectionProblem.Kind.OTHER,
                        "cannot connect to " + at + ": " + message(e));
            }
            session = connect.getSession();
            for (KeyPair kp : identities) session.addPublicKeyIdentity(kp);
            AuthFuture auth = session.auth();
            boolean done = auth.await(remaining(deadline));
            String verdict = hostKeyVerdicts.get(session);
            if (verdict != null) return failed(node, CollectionProblem.Kind.HOST_KEY, verdict + " for " + at);
            if (!done) return timedOut(node, "no key exchange / authentication with " + at);
            if (!auth.isSuccess()) {
                Throwable e = auth.getException();
                String m = message(e);
                // MINA reports a refused login as "No more authentication methods available"
                boolean refused = m.toLowerCase(java.util.Locale.ROOT).contains("authentication");
                return failed(node, refused ? CollectionProblem.Kind.AUTH : CollectionProblem.Kind.OTHER,
                        (refused ? "public key authentication as " + settings.user() + " refused by " + at
                                : "SSH handshake with " + at + " failed") + ": " + m);
            }

            channel = session.createExecChannel(COMMAND);
            CappedOutputStream out = new CappedOutputStream(settings.maxOutputBytes());
            CappedOutputStream err = new CappedOutputStream(MAX_STDERR_BYTES);
            channel.setOut(out);
            channel.setErr(err);
            OpenFuture open = channel.open();
            if (!open.await(remaining(deadline))) return timedOut(node, "the exec channel did not open on " + at);
            if (!open.isOpened()) {
                return failed(node, CollectionProblem.Kind.OTHER, at + " refused the exec channel"
                        + (open.getException() == null ? "" : ": " + message(open.getException())));
            }
            try (OutputStream stdin = channel.getInvertedIn()) {
                stdin.write(script);
                stdin.flush();
            } // closing stdin sends EOF: sh -s runs to the end of the script
            while (true) {
                long left = remaining(deadline);
                if (left <= 0) {
                    return timedOut(node, "the probe did not finish on " + at + " (" + out.size() + " bytes read)");
                }
                Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                        Math.min(left, 100));
                if (events.contains(ClientChannelEvent.CLOSED)) break;
                if (out.overflowed()) break;
            }
            if (out.overflowed()) {
                return new ProbeResult(node, out.toByteArray(), problem(node, CollectionProblem.Kind.OTHER,
                        "the probe printed more than " + settings.maxOutputBytes() + " bytes on " + at
                                + "; the output was cut"));
            }
            byte[] bytes = out.toByteArray();
            Integer exit = channel.getExitStatus();
            if (!startsWithHeader(bytes)) {
                String e = new String(err.toByteArray(), StandardCharsets.UTF_8).strip();
                return failed(node, CollectionProblem.Kind.OTHER, "'" + COMMAND + "' on " + at + " printed no probe "
                        + "document (exit " + (exit == null ? "unknown" : exit) + (e.isEmpty() ? "" : ": " + PayloadMasker.maskText(firstLine(e)))
                        + ")");
            }
            return new ProbeResult(node, bytes, null);
        } catch (IOException | RuntimeException e) {
            String verdict = session == null ? null : hostKeyVerdicts.get(session);
            if (verdict != null) return failed(node, CollectionProblem.Kind.HOST_KEY, verdict + " for " + at);
            return failed(node, unreachable(e) ? CollectionProblem.Kind.UNREACHABLE : CollectionProblem.Kind.OTHER,
                    at + ": " + message(e));
        } finally {
            // immediate close: a command still running loses its channel (and MINA's server kills it)
            if (channel != null) channel.close(true);
            if (session != null) {
                session.close(true);
                hostKeyVerdicts.remove(session);
            }
        }
    }

    @Override
    public void close() {
        try {
            client.stop();
        } finally {
            try {
                client.close();
            } catch (IOException ignored) {
                // stopping is best effort
            }
        }
    }

    /**
     * Loads the key pair(s) of {@code keyFile} into {@code out} with MINA's key parsers, asking {@code passphrase}
     * (through MINA's {@link FilePasswordProvider}) only when the file is encrypted, and only once: a wrong passphrase
     * is not retried. Returns why the key cannot be used, or null. The message never contains the passphrase, nor a
     * parser message once a passphrase was tried (a failed decryption is reported as a wrong passphrase).
     */
    static String loadIdentity(Path keyFile, KeyPassphrase passphrase, List<KeyPair> out) {
        if (!Files.isReadable(keyFile)) return "cannot read the private key file " + keyFile;
        AtomicBoolean asked = new AtomicBoolean();
        AtomicReference<String> unreadable = new AtomicReference<>();
        FilePasswordProvider provider = (session, resource, retry) -> {
            asked.set(true);
            if (!passphrase.given()) return null;
            try {
                return passphrase.read();
            } catch (IOException e) {
                unreadable.set(e.getMessage());
                throw e;
            }
        };
        Iterable<KeyPair> keys;
        try (InputStream in = Files.newInputStream(keyFile)) {
            keys = SecurityUtils.loadKeyPairIdentities(null, new PathResource(keyFile), in, provider);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String cannot = "cannot decrypt the private key " + keyFile + ": ";
            if (unreadable.get() != null) return cannot + unreadable.get();
            if (asked.get() && !passphrase.given()) {
                return cannot + "it is passphrase-protected and no passphrase was given (a passphrase file in the "
                        + "inventory, or " + KeyPassphrase.ENV + ")";
            }
            if (asked.get()) return cannot + "wrong passphrase? (" + passphrase.describe() + ")";
            return "cannot load the private key " + keyFile + ": " + message(e);
        }
        if (keys != null) for (KeyPair kp : keys) out.add(kp);
        return out.isEmpty() ? "no key in " + keyFile : null;
    }

    /** OpenSSH's rule for private keys: no access for group or others. Empty when fine or not a POSIX file system. */
    static Optional<String> tooOpen(Path file, String what) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> open = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
                    PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
            open.retainAll(perms);
            if (open.isEmpty()) return Optional.empty();
            return Optional.of("the " + what + " " + file + " is accessible by group or others ("
                    + PosixFilePermissions.toString(perms) + "; OpenSSH would refuse it): chmod 600 " + file);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // unreadable: loading says so; non-POSIX: nothing to check
        }
    }

    private static boolean startsWithHeader(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.UTF_8).stripLeading();
        return head.startsWith("### preflight-probe ");
    }

    private static long remaining(long deadline) {
        return Math.max(0, Duration.ofNanos(deadline - System.nanoTime()).toMillis());
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof UnresolvedAddressException
                    || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private ProbeResult timedOut(Node node, String what) {
        return failed(node, CollectionProblem.Kind.TIMEOUT, what + " within " + settings.timeout().toMillis() + " ms");
    }

    private static ProbeResult failed(Node node, CollectionProblem.Kind kind, String detail) {
        return new ProbeResult(node, null, problem(node, kind, detail));
    }

    private static CollectionProblem problem(Node node, CollectionProblem.Kind kind, String detail) {
        return new CollectionProblem(node.host(), ProbeResult.source(node.host()), kind, WHAT, detail);
    }

    private static String message(Throwable e) {
        if (e == null) return "unknown error";
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == e ? m : m + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** known_hosts checking that accepts only a listed, matching key, and records why it refused one. */
    private static final class StrictKnownHosts extends KnownHostsServerKeyVerifier {
        private final Map<ClientSession, String> verdicts;

        StrictKnownHosts(Path knownHosts, Map<ClientSession, String> verdicts) {
            super(RejectAllServerKeyVerifier.INSTANCE, knownHosts);
            this.verdicts = verdicts;
            setModifiedServerKeyAcceptor(this::changed);
        }

        @Override
        protected boolean acceptUnknownHostKey(ClientSession session, SocketAddress remote, PublicKey key) {
            verdict(session, "unknown host key (" + KeyUtils.getKeyType(key) + " "
                    + KeyUtils.getFingerPrint(key) + " is not in " + getPath() + ")");
            return false; // never added to the file
        }

        private boolean changed(ClientSession session, SocketAddress remote, KnownHostEntry entry, PublicKey expected,
                                PublicKey actual) {
            verdict(session, "host key changed (" + getPath() + " lists " + KeyUtils.getFingerPrint(expected)
                    + ", the server offered " + KeyUtils.getKeyType(actual) + " " + KeyUtils.getFingerPrint(actual) + ")");
            return false;
        }

        @Override
        public boolean acceptModifiedServerKey(ClientSession session, SocketAddress remote, KnownHostEntry entry,
                                               PublicKey expected, PublicKey actual) {
            return changed(session, remote, entry, expected, actual);
        }

        @Override
        protected void handleRevokedKey(ClientSession session, SocketAddress remote, PublicKey key) {
            verdict(session, "revoked host key (" + KeyUtils.getFingerPrint(key) + " is @revoked in " + getPath() + ")");
        }

        @Override
        protected boolean acceptIncompleteHostKeys(ClientSession session, SocketAddress remote, PublicKey key,
                                                   Throwable reason) {
            verdict(session, "cannot read " + getPath() + " (" + message(reason) + ")");
            return false;
        }

        private void verdict(ClientSession session, String v) {
            if (session != null) verdicts.putIfAbsent(session, v);
        }
    }

    /** Keeps the first {@code max} bytes written and notes that more came. */
    private static final class CappedOutputStream extends OutputStream {
        private final int max;
        private byte[] buf = new byte[8192];
        private int size;
        private volatile boolean overflowed;

        CappedOutputStream(int max) {
            this.max = max;
        }

        @Override
        public synchronized void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int take = Math.min(len, max - size);
            if (take < len) overflowed = true;
            if (take <= 0) return;
            if (size + take > buf.length) buf = Arrays.copyOf(buf, Math.min(max, Math.max(buf.length * 2, size + take)));
            System.arraycopy(b, off, buf, size, take);
            size += take;
        }

        synchronized int size() {
            return size;
        }

        synchronized byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }

        boolean overflowed() {
            return overflowed;
        }
    }
}
