package io.preflight.facts.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.facts.DcosInstall;
import io.preflight.facts.Fact;
import io.preflight.facts.OsRelease;
import io.preflight.facts.Role;
import io.preflight.facts.TimeSync;
import io.preflight.facts.collect.ssh.NodeProber;
import io.preflight.facts.collect.ssh.NodeProber.Node;
import io.preflight.facts.collect.ssh.NodeProber.ProbeResult;
import io.preflight.facts.collect.ssh.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The collection benchmark's simulated nodes: real SSH, a real recorded probe document, and real added latency. */
class NodeFarmTest {

    private static SshSettings settings(NodeFarm farm, int concurrency) {
        return new SshSettings(NodeFarm.USER, farm.privateKey(), farm.knownHosts(), farm.port(), concurrency,
                Duration.ofSeconds(30), SshSettings.DEFAULT_MAX_OUTPUT_BYTES);
    }

    @Test
    void everyNodeAnswersTheProbeWithTheRecordedDocumentOfARealProbeRun() throws Exception {
        try (NodeFarm farm = NodeFarm.start(5, Duration.ZERO); NodeProber prober = new NodeProber(settings(farm, 3))) {
            assertEquals(List.of("127.1.0.1", "127.1.0.2", "127.1.0.3", "127.1.0.4", "127.1.0.5"), farm.hosts());
            Map<Node, ProbeResult> results = prober.probeAll(farm.hosts().stream().map(Node::of).toList());
            assertEquals(5, results.size());
            for (ProbeResult r : results.values()) {
                assertTrue(r.ok(), () -> String.valueOf(r.problem()));
                assertArrayEquals(farm.document(), r.output());
            }
            // the recorded document is the real probe's output for the demo's first private agent
            List<Fact> facts = results.get(Node.of("127.1.0.3")).facts(Role.AGENT);
            assertEquals("2.0.6", facts.stream().filter(f -> f instanceof DcosInstall).map(f -> ((DcosInstall) f)
                    .version()).findFirst().orElseThrow());
            assertTrue(facts.stream().anyMatch(f -> f instanceof OsRelease o && "127.1.0.3".equals(o.subject())));
            assertTrue(facts.stream().anyMatch(f -> f instanceof TimeSync t && t.synced()));
        }
    }

    @Test
    void theLatencyProxyChargesARoundTripPerExchange() throws Exception {
        Duration rtt = Duration.ofMillis(150);
        try (NodeFarm farm = NodeFarm.start(2, rtt); NodeProber prober = new NodeProber(settings(farm, 1))) {
            long t0 = System.nanoTime();
            ProbeResult r = prober.probe(Node.of("127.1.0.2"));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(r.ok(), () -> String.valueOf(r.problem()));
            assertArrayEquals(farm.document(), r.output());
            // TCP handshake, versions, key exchange, service request, two auth steps, channel open, exec: at least 6
            // exchanges that each wait for the other side. A lower bound only: a slow machine makes it longer.
            assertTrue(ms >= 6 * rtt.toMillis(), "one probe through the proxy took only " + ms + " ms");
        }
    }

    @Test
    void theOpenSshClientProbesAFarmNodeAsTheBenchmarkRunsIt() throws Exception {
        Path ssh = Path.of("/usr/bin/ssh");
        if (!Files.isExecutable(ssh)) {
            System.err.println("NodeFarmTest: SKIPPED the OpenSSH interoperability check: no /usr/bin/ssh");
            Assumptions.abort("no /usr/bin/ssh on this machine");
        }
        try (NodeFarm farm = NodeFarm.start(1, Duration.ZERO)) {
            Path out = Files.createTempFile("farm-ssh-", ".out");
            try {
                Process p = new ProcessBuilder(ssh.toString(), "-F", "/dev/null", "-o", "BatchMode=yes",
                        "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + farm.knownHosts(),
                        "-o", "GlobalKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                        "-i", farm.privateKey().toString(), "-p", String.valueOf(farm.port()), "-l", NodeFarm.USER,
                        farm.hosts().get(0), NodeProber.COMMAND)
                        .redirectInput(farm.dir().resolve("probe.sh").toFile()).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ssh did not finish");
                assertEquals(0, p.exitValue());
                assertArrayEquals(farm.document(), Files.readAllBytes(out));
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }
}
