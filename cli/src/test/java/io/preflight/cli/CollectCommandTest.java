package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.preflight.facts.collect.LiveCollector;
import io.preflight.facts.collect.SimulatedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code collect} and {@code check --inventory} against a simulated cluster over loopback (MockWebServer + MINA SSHD
 * nodes running the real probe, see {@link SimulatedCluster}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CollectCommandTest {
    @TempDir
    static Path tmp;
    private static SimulatedCluster cluster;
    private static Function<LiveCollector.Progress, LiveCollector> saved;

    @BeforeAll
    static void setUp() throws Exception {
        cluster = new SimulatedCluster(tmp);
        saved = Collecting.collectors;
        Collecting.collectors = cluster::collector;
    }

    @AfterAll
    static void tearDown() throws Exception {
        Collecting.collectors = saved;
        if (cluster != null) cluster.close();
    }

    @Test
    void collectThenCheckBundleJudgesTheSameFactsAsCheckInventory() throws Exception {
        Path out = tmp.resolve("out.tar.gz");
        CliRun collect = CliRun.of("collect", "--inventory", cluster.inventory().toString(), "--output", out.toString());
        assertEquals(0, collect.exit(), collect.err());
        assertEquals("collected sim: 4/5 nodes reported, " + problems(collect.out()) + " -> " + out + "\n",
                collect.out().replace("\r\n", "\n"));
        assertTrue(Files.isRegularFile(out));
        // not a terminal: plain progress lines on stderr, the last one complete
        assertTrue(collect.err().contains("preflight: probing nodes: 5/5 done, 1 failed"), collect.err());

        CliRun fromBundle = CliRun.of("check", "--bundle", out.toString(), "--format", "json");
        List<Path> before = tempDirs();
        CliRun live = CliRun.of("check", "--inventory", cluster.inventory().toString(), "--format", "json");
        assertEquals(before, tempDirs(), "the temporary bundle is deleted");

        assertEquals(fromBundle.exit(), live.exit(), live.err());
        assertTrue(fromBundle.exit() == 0 || fromBundle.exit() == 1, fromBundle.err());
        Set<String> a = findings(fromBundle.out());
        Set<String> b = findings(live.out());
        assertFalse(a.isEmpty());
        assertEquals(a, b);
        // the unreachable node is judged, not ignored
        assertTrue(a.stream().anyMatch(f -> f.endsWith(" " + SimulatedCluster.DEAD_AGENT)), a::toString);
    }

    @Test
    void checkInventoryAppliesWaiversLikeCheckBundle() throws Exception {
        // every blocker of the simulated cluster, waived (globs for the per-node ones): the live gate turns GO
        Path waivers = Files.writeString(tmp.resolve("waivers.yaml"), """
                waivers:
                  - {rule: COLLECT-UNVERIFIED, subject: "127.0.0.*", owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: CONFIG-INVALID, subject: "config.yaml(running)", owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: MASTER-COUNT-INVALID, subject: masters, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: MASTER-MISSING, subject: 127.0.0.6, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: NODE-DOCKER-UNHEALTHY, subject: 127.0.0.3, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: NODE-NTP-UNSYNCED, subject: 127.0.0.3, owner: sre, reason: lab, expires: 2026-12-31}
                  - {rule: PLATFORM-UNSUPPORTED-TARGET, subject: "127.0.0.?", owner: sre, reason: lab, expires: 2026-12-31}
                """);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = Main.run(new String[] {"check", "--inventory", cluster.inventory().toString(), "--waivers",
                waivers.toString(), "--format", "json"}, new java.io.PrintWriter(out, true),
                new java.io.PrintWriter(err, true), java.time.Clock.fixed(java.time.Instant.parse("2026-11-22T12:00:00Z"),
                        java.time.ZoneOffset.UTC));
        assertEquals(0, exit, err.toString());
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertEquals("GO", report.get("verdict").asText());
        Set<String> waived = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("waived").asBoolean()) waived.add(f.get("ruleId").asText() + " " + f.get("subject").asText());
            if (f.get("severity").asText().equals("BLOCKER")) assertTrue(f.get("waived").asBoolean(), f.toString());
            assertFalse(f.get("ruleId").asText().startsWith("WAIVER-"), f.toString());
        }
        assertEquals(new TreeSet<>(List.of("COLLECT-UNVERIFIED 127.0.0.2", "COLLECT-UNVERIFIED 127.0.0.3",
                "COLLECT-UNVERIFIED 127.0.0.5", "COLLECT-UNVERIFIED 127.0.0.6", "CONFIG-INVALID config.yaml(running)",
                "MASTER-COUNT-INVALID masters", "MASTER-MISSING 127.0.0.6", "NODE-DOCKER-UNHEALTHY 127.0.0.3",
                "NODE-NTP-UNSYNCED 127.0.0.3", "PLATFORM-UNSUPPORTED-TARGET 127.0.0.2",
                "PLATFORM-UNSUPPORTED-TARGET 127.0.0.4", "PLATFORM-UNSUPPORTED-TARGET 127.0.0.6")), waived);
    }

    @Test
    void checkNeedsExactlyOneSource() {
        CliRun both = CliRun.of("check", "--bundle", tmp.toString(), "--inventory", cluster.inventory().toString());
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
        CliRun neither = CliRun.of("check");
        assertEquals(2, neither.exit());
        assertTrue(neither.err().contains("--bundle") && neither.err().contains("--inventory"), neither.err());
    }

    @Test
    void aBadInventoryIsOneLineAndExit2() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "cluster:\n  name: x\n");
        for (String cmd : List.of("check", "collect")) {
            List<String> args = cmd.equals("check") ? List.of(cmd, "--inventory", bad.toString())
                    : List.of(cmd, "--inventory", bad.toString(), "--output", tmp.resolve("never").toString());
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(2, run.exit(), run.err());
            assertEquals("preflight: " + bad + ": cluster.mesos is required (the URL of any master)\n",
                    run.err().replace("\r\n", "\n"));
            assertEquals("", run.out());
        }
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    @Test
    void onATerminalProgressIsOneSelfUpdatingLine() {
        java.io.StringWriter w = new java.io.StringWriter();
        Collecting.ProgressLine p = new Collecting.ProgressLine(new java.io.PrintWriter(w), true);
        p.nodes(0, 0, 40);
        p.nodes(12, 1, 40);
        p.finish();
        assertEquals("\rprobing nodes: 0/40 done, 0 failed   \rprobing nodes: 12/40 done, 1 failed   "
                + System.lineSeparator(), w.toString());
    }

    private static String problems(String out) {
        return out.replaceFirst("(?s).*reported, (\\d+ problems?).*", "$1");
    }

    private static Set<String> findings(String json) throws IOException {
        JsonNode report = new ObjectMapper().readTree(json);
        Set<String> s = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            s.add(f.get("ruleId").asText() + " " + f.get("subject").asText());
        }
        return s;
    }

    private static List<Path> tempDirs() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("preflight-check-")).sorted().toList();
        }
    }
}
