package io.preflight.facts.synthetic;

import io.preflight.facts.collect.ssh.NodeProber;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * Many simulated nodes for the collection benchmark: one MINA SSHD server listening on {@code N} loopback addresses
 * (127.1.x.y, one shared port), optionally behind a {@link LatencyProxy} that adds a round trip to every exchange.
 *
 * <p>Every node answers the probe like a real one: it reads the script from its standard input to the end, then
 * prints the probe document. The document is recorded once at start by running the real {@code probe.sh} with
 * {@code /bin/sh} against a demo agent's filesystem tree ({@link SimulatedCluster}), so its size and shape are real,
 * while replaying it costs the shared CPU almost nothing: on a 2-core machine, 1,000 nodes each forking the probe's
 * ~60 commands would measure the nodes, not the collector.
 *
 * <p>{@link #main} runs a farm in its own process (so a benchmark can count the collector's CPU apart from the
 * nodes'): it prints one line {@code ready PORT DIR} and serves until its standard input closes. {@code DIR} holds
 * {@code id_farm} (the client key), {@code known_hosts}, {@code hosts.txt} and {@code probe.sh}.
 */
public final class NodeFarm implements AutoCloseable {
    /** The login user the farm expects. */
    public static final String USER = "core";

    private final Path dir;
    private final List<String> hosts;
    private final SshServer server;
    private final LatencyProxy proxy;
    private final byte[] document;

    private NodeFarm(Path dir, List<String> hosts, SshServer server, LatencyProxy proxy, byte[] document) {
        this.dir = dir;
        this.hosts = hosts;
        this.server = server;
        this.proxy = proxy;
        this.document = document;
    }

    /**
     * Starts {@code nodes} simulated nodes.
     *
     * @param rtt the round trip each exchange costs ({@link Duration#ZERO}: plain loopback, no proxy)
     */
    public static NodeFarm start(int nodes, Duration rtt) throws IOException {
        if (nodes < 1 || nodes > 250 * 250) throw new IllegalArgumentException("nodes out of range: " + nodes);
        Path dir = Files.createTempDirectory("preflight-farm-");
        SshServer server = null;
        LatencyProxy proxy = null;
        try {
            byte[] document = recordProbe(dir);
            List<String> hosts = new ArrayList<>();
            for (int i = 0; i < nodes; i++) hosts.add("127.1." + (i / 250) + "." + (i % 250 + 1));
            KeyPair hostKey = SimulatedCluster.ecKeyPair();
            KeyPair clientKey = SimulatedCluster.ecKeyPair();
            SimulatedCluster.writePrivateKey(clientKey, dir.resolve("id_farm"));
            server = SshServer.setUpDefaultServer();
            server.setHost(String.join(",", hosts));
            server.setPort(0);
            server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            PublicKey allowed = clientKey.getPublic();
            server.setPublickeyAuthenticator((user, k, session) -> USER.equals(user) && KeyUtils.compareKeys(allowed, k));
            server.setPasswordAuthenticator(null);
            server.setKeyboardInteractiveAuthenticator(null);
            server.setCommandFactory((channel, command) -> new Replay(command, document));
            server.start();
            int port = server.getPort();
            if (!rtt.isZero()) {
                proxy = new LatencyProxy(hosts, port, rtt);
                port = proxy.port();
            }
            StringBuilder kh = new StringBuilder();
            String key = PublicKeyEntry.toString(hostKey.getPublic());
            for (String h : hosts) kh.append('[').append(h).append("]:").append(port).append(' ').append(key).append('\n');
            Files.writeString(dir.resolve("known_hosts"), kh);
            Files.write(dir.resolve("hosts.txt"), hosts);
            Files.write(dir.resolve("probe.sh"), NodeProber.probeScript());
            return new NodeFarm(dir, List.copyOf(hosts), server, proxy, document);
        } catch (IOException | RuntimeException e) {
            if (proxy != null) proxy.close();
            if (server != null) server.stop(true);
            delete(dir);
            throw e;
        }
    }

    /** Runs the real probe script against a demo agent's tree and returns what it printed. */
    private static byte[] recordProbe(Path dir) throws IOException {
        Path baseBin = SimulatedCluster.baseBin(dir);
        Path node = SimulatedCluster.node(dir, SimulatedCluster.AGENTS.get(0));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-s");
        pb.environment().clear();
        pb.environment().putAll(SimulatedCluster.env(node, baseBin));
        pb.environment().put("LC_ALL", "C");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(NodeProber.probeScript());
        }
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the probe did not finish on the recorded node");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (!new String(out, 0, Math.min(out.length, 64), StandardCharsets.UTF_8).startsWith("### preflight-probe ")) {
            throw new IOException("the recorded probe printed no probe document");
        }
        return out;
    }

    public List<String> hosts() {
        return hosts;
    }

    /** The port clients connect to on every host (the proxy's when a round trip is simulated). */
    public int port() {
        return proxy != null ? proxy.port() : server.getPort();
    }

    public Path privateKey() {
        return dir.resolve("id_farm");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    public Path dir() {
        return dir;
    }

    /** The probe document every node prints. */
    public byte[] document() {
        return document.clone();
    }

    @Override
    public void close() {
        if (proxy != null) proxy.close();
        try {
            server.stop(true);
        } catch (IOException e) {
            // stopping anyway
        }
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort
        }
    }

    /** {@code NodeFarm --nodes N [--rtt-ms MS]}: serves until standard input closes. */
    public static void main(String[] args) throws Exception {
        int nodes = 100;
        long rttMs = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--nodes" -> nodes = Integer.parseInt(args[i + 1]);
                case "--rtt-ms" -> rttMs = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PrintStream out = System.out;
        try (NodeFarm farm = start(nodes, Duration.ofMillis(rttMs))) {
            out.println("ready " + farm.port() + " " + farm.dir());
            out.flush();
            InputStream in = System.in;
            while (in.read() >= 0) {
                // serve until the parent closes our standard input (or dies)
            }
        }
    }

    /** A node's answer: read the script to its end, print the document, exit 0; any other command fails. */
    private static final class Replay implements Command {
        private final String command;
        private final byte[] document;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        Replay(String command, byte[] document) {
            this.command = command;
            this.document = document;
        }

        @Override public void setInputStream(InputStream in) { this.in = in; }
        @Override public void setOutputStream(OutputStream out) { this.out = out; }
        @Override public void setErrorStream(OutputStream err) { this.err = err; }
        @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread t = new Thread(() -> {
                try {
                    if (!NodeProber.COMMAND.equals(command)) {
                        err.write(("sh: " + command + ": not the probe\n").getBytes(StandardCharsets.UTF_8));
                        err.flush();
                        exit.onExit(127);
                        return;
                    }
                    ByteArrayOutputStream script = new ByteArrayOutputStream();
                    in.transferTo(script);
                    out.write(document);
                    out.flush();
                    exit.onExit(0);
                } catch (IOException e) {
                    exit.onExit(1, e.getMessage());
                }
            }, "farm-node");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
            // nothing to stop: the thread ends with the channel's streams
        }
    }
}
