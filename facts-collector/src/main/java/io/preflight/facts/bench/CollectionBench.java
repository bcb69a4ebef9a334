package io.preflight.facts.bench;

import io.preflight.facts.collect.ssh.NodeProber;
import io.preflight.facts.collect.ssh.SshSettings;
import io.preflight.facts.synthetic.NodeFarm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The collection benchmark of {@code preflight bench collect}: the SSH node probe ({@link NodeProber}) against a
 * {@link NodeFarm} of simulated nodes running in a child JVM, so this process's CPU time is the collector's alone.
 *
 * <ol>
 *   <li><b>Latency hiding</b>: each exchange costs a simulated round trip ({@link LatencyOptions#rtt}); the time to
 *   probe every node at the configured concurrency against concurrency 1. Concurrency 1 is measured on a sample of
 *   nodes (at 100 ms a node costs about a second, so 1,000 nodes one by one would take a quarter of an hour) and
 *   scaled to the whole cluster; the sample size is printed, and {@code --serial-sample} large enough measures it
 *   all.</li>
 *   <li><b>Cost per node</b>: plain loopback, no added delay: wall time and CPU time per node of this collector, side
 *   by side with raw parallel OpenSSH ({@code ssh host 'sh -s' < probe.sh}, the same concurrency, the same nodes, the
 *   same probe), whose CPU is read from the kernel's account of reaped children ({@code /proc/self/stat}).</li>
 *   <li><b>Memory</b>: heap retained by the results per node, and the heap's peak during the largest run.</li>
 * </ol>
 * Figures come from one run each, so compare them within a run: the machine is shared.
 */
public final class CollectionBench {
    private CollectionBench() {
    }

    /**
     * @param sizes        cluster sizes for the latency run
     * @param rtt          the simulated round trip
     * @param concurrency  nodes probed at a time (the product's default: {@link SshSettings#DEFAULT_CONCURRENCY})
     * @param serialSample nodes probed one by one to measure concurrency 1
     * @param costNodes    nodes in the cost-per-node run (no added delay)
     */
    public record LatencyOptions(List<Integer> sizes, Duration rtt, int concurrency, int serialSample, int costNodes) {
        public static LatencyOptions defaults() {
            return new LatencyOptions(List.of(200, 1000), Duration.ofMillis(100), SshSettings.DEFAULT_CONCURRENCY, 40,
                    200);
        }
    }

    public static void run(LatencyOptions o, PrintWriter out) throws IOException {
        out.printf(Locale.ROOT, "preflight collection benchmark: SSH node probe, %d cores, concurrency %d%n",
                Runtime.getRuntime().availableProcessors(), o.concurrency());
        out.printf(Locale.ROOT, "%nLatency hiding (simulated round trip %d ms per exchange)%n", o.rtt().toMillis());
        out.printf(Locale.ROOT, "%8s %14s %16s %14s %9s %10s %12s%n", "nodes", "concurrent", "one at a time",
                "serial est.", "speed-up", "ok nodes", "heap/node");
        for (int n : o.sizes()) {
            out.printf(Locale.ROOT, "%s%n", latencyRow(n, o));
            out.flush();
        }
        out.printf(Locale.ROOT, "%nCost per node (plain loopback, %d nodes, concurrency %d)%n", o.costNodes(),
                o.concurrency());
        costRows(o, out);
        out.flush();
    }

    private static String latencyRow(int n, LatencyOptions o) throws IOException {
        try (Farm farm = Farm.start(n, o.rtt())) {
            SshSettings s = farm.settings(o.concurrency());
            List<NodeProber.Node> nodes = farm.nodes();
            long wall;
            int ok;
            long retained;
            long peak;
            try (NodeProber p = new NodeProber(s)) {
                p.probeAll(nodes.subList(0, Math.min(nodes.size(), o.concurrency()))); // warm-up
                long before = HeapMeter.usedAfterGc();
                HeapMeter.resetPeak();
                long t0 = System.nanoTime();
                Map<NodeProber.Node, NodeProber.ProbeResult> r = p.probeAll(nodes);
                wall = System.nanoTime() - t0;
                peak = HeapMeter.peak();
                retained = HeapMeter.usedAfterGc() - before; // the results are still referenced below
                ok = (int) r.values().stream().filter(NodeProber.ProbeResult::ok).count();
                if (r.size() != n) throw new IllegalStateException("results for " + r.size() + " of " + n + " nodes");
            }
            int sample = Math.min(n, o.serialSample());
            long serial;
            int okSerial;
            try (NodeProber p = new NodeProber(s.withConcurrency(1))) {
                long t0 = System.nanoTime();
                Map<NodeProber.Node, NodeProber.ProbeResult> r = p.probeAll(nodes.subList(0, sample));
                serial = System.nanoTime() - t0;
                okSerial = (int) r.values().stream().filter(NodeProber.ProbeResult::ok).count();
            }
            double serialEstimate = (double) serial / sample * n;
            return String.format(Locale.ROOT, "%8d %12.2f s %9.2f s (%d) %12.1f s %8.1f× %10s %9.0f KiB   (heap peak %d MiB)",
                    n, wall / 1e9, serial / 1e9, sample, serialEstimate / 1e9, serialEstimate / wall,
                    ok + okSerial == n + sample ? "all" : ok + "/" + n + "+" + okSerial + "/" + sample, retained / 1024.0 / n, peak >> 20);
        }
    }

    private static void costRows(LatencyOptions o, PrintWriter out) throws IOException {
        try (Farm farm = Farm.start(o.costNodes(), Duration.ZERO)) {
            List<NodeProber.Node> nodes = farm.nodes();
            int n = nodes.size();
            Measured ours;
            try (NodeProber p = new NodeProber(farm.settings(o.concurrency()))) {
                p.probeAll(nodes); // warm-up: JIT, key exchange code paths
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                Map<NodeProber.Node, NodeProber.ProbeResult> r = p.probeAll(nodes);
                long wall = System.nanoTime() - t0;
                ours = new Measured(wall, processCpuNanos() - cpu0,
                        (int) r.values().stream().filter(NodeProber.ProbeResult::ok).count());
            }
            out.printf(Locale.ROOT, "%-28s %12s %12s %10s%n", "client", "wall/node", "CPU/node", "ok nodes");
            out.printf(Locale.ROOT, "%-28s %9.2f ms %9.2f ms %10s%n", "preflight (MINA SSHD)", ours.wall / 1e6 / n,
                    ours.cpu / 1e6 / n, ours.ok + "/" + n);
            Path ssh = findSsh();
            if (ssh == null) {
                out.printf("%-28s not measured: no ssh client on PATH%n", "OpenSSH");
                return;
            }
            openSsh(farm, ssh, o.concurrency()); // warm-up: page cache, first exec
            Measured raw = openSsh(farm, ssh, o.concurrency());
            out.printf(Locale.ROOT, "%-28s %9.2f ms %9.2f ms %10s%n", "OpenSSH (ssh, raw parallel)",
                    raw.wall / 1e6 / n, raw.cpu / 1e6 / n, raw.ok + "/" + n);
            out.printf(Locale.ROOT, "%-28s %11.2f× %11.2f×%n", "preflight / OpenSSH", (double) ours.wall / raw.wall,
                    (double) ours.cpu / raw.cpu);
        }
    }

    private record Measured(long wall, long cpu, int ok) {
    }

    /** {@code ssh -F /dev/null ... host 'sh -s' < probe.sh} for every node, {@code concurrency} at a time. */
    private static Measured openSsh(Farm farm, Path ssh, int concurrency) throws IOException {
        Path outDir = Files.createTempDirectory(farm.dir(), "ssh-out-");
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long child0 = childrenCpuNanos();
        long t0 = System.nanoTime();
        List<Future<Boolean>> futures = new ArrayList<>();
        for (NodeProber.Node node : farm.nodes()) {
            futures.add(pool.submit(() -> {
                Path out = outDir.resolve(node.host());
                Process p = new ProcessBuilder(ssh.toString(), "-F", "/dev/null", "-o", "BatchMode=yes",
                        "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + farm.knownHosts(),
                        "-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                        "-o", "ControlMaster=no", "-o", "LogLevel=ERROR", "-i", farm.privateKey().toString(),
                        "-p", String.valueOf(farm.port()), "-l", NodeFarm.USER, node.host(), NodeProber.COMMAND)
                        .redirectInput(farm.dir().resolve("probe.sh").toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return false;
                }
                return p.exitValue() == 0 && Files.readString(out, StandardCharsets.ISO_8859_1)
                        .startsWith("### preflight-probe ");
            }));
        }
        int ok = 0;
        for (Future<Boolean> f : futures) {
            try {
                if (f.get()) ok++;
            } catch (Exception e) {
                // counted as a failed node
            }
        }
        long wall = System.nanoTime() - t0;
        long cpu = childrenCpuNanos() - child0;
        pool.shutdownNow();
        return new Measured(wall, cpu, ok);
    }

    private static Path findSsh() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d, "ssh");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User + system CPU of this process's reaped children, from /proc/self/stat (cutime, cstime), in ns. */
    private static long childrenCpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command name: state is field 3 (index 0 here); cutime and cstime are fields 16 and 17
        long ticks = Long.parseLong(f[16 - 3]) + Long.parseLong(f[17 - 3]);
        return ticks * 1_000_000_000L / clockTicks();
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            p.waitFor();
            return Long.parseLong(s);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    /** A {@link NodeFarm} in a child JVM: started by {@link #start}, stopped by closing its standard input. */
    static final class Farm implements AutoCloseable {
        private final Process process;
        private final int port;
        private final Path dir;
        private final List<String> hosts;

        private Farm(Process process, int port, Path dir) throws IOException {
            this.process = process;
            this.port = port;
            this.dir = dir;
            this.hosts = Files.readAllLines(dir.resolve("hosts.txt"));
        }

        static Farm start(int nodes, Duration rtt) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), NodeFarm.class.getName(), "--nodes", String.valueOf(nodes),
                    "--rtt-ms", String.valueOf(rtt.toMillis()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = r.readLine();
            if (line == null || !line.startsWith("ready ")) {
                p.destroyForcibly();
                throw new IOException("the node farm did not start (" + (line == null ? "no output" : line) + ")");
            }
            String[] f = line.split(" ", 3);
            return new Farm(p, Integer.parseInt(f[1]), Path.of(f[2]));
        }

        SshSettings settings(int concurrency) {
            return new SshSettings(NodeFarm.USER, privateKey(), knownHosts(), port, concurrency,
                    Duration.ofSeconds(120), SshSettings.DEFAULT_MAX_OUTPUT_BYTES);
        }

        List<NodeProber.Node> nodes() {
            return hosts.stream().map(NodeProber.Node::of).toList();
        }

        Path dir() {
            return dir;
        }

        int port() {
            return port;
        }

        Path privateKey() {
            return dir.resolve("id_farm");
        }

        Path knownHosts() {
            return dir.resolve("known_hosts");
        }

        @Override
        public void close() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
