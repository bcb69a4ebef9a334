package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.reports.Renderers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nightly wrapper cron and Metronome run ({@code examples/nightly/preflight-nightly.sh}, as the image ships
 * it), with the shaded jar, on example bundles of one cluster over several nights: its exit codes, the exit-code
 * metrics it writes for node_exporter, and the history diff it prints.
 */
class NightlyWrapperIT {
    static final Path SCRIPT = Path.of("..", "examples", "nightly", "preflight-nightly.sh");

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    Result night(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("PREFLIGHT_JAR", ShadedJarIT.JAR.toString());
        env.put("PREFLIGHT_HISTORY_STORE", tmp.resolve("history").toString());
        env.remove("PREFLIGHT_HISTORY_PASSWORD");
        env.put("PREFLIGHT_TEXTFILE_DIR", tmp.resolve("textfile").toString());
        // the prometheus format is another renderer's: use it when this build has it
        env.put("PREFLIGHT_PROMETHEUS_FORMAT", Renderers.names().contains("prometheus") ? "prometheus" : "");
        env.put("HOME", tmp.resolve("home").toString());
        env.putAll(extraEnv);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the wrapper did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    String exitMetric(String cluster) throws IOException {
        return Files.readString(tmp.resolve("textfile").resolve("preflight-exit-" + cluster + ".prom"));
    }

    @Test
    void nightAfterNightExitCodesMetricsAndDiff() throws Exception {
        Files.createDirectories(tmp.resolve("textfile"));
        Path broken = ExampleBundles.copyAs("ntp-unsynced", "east", tmp.resolve("bundles"));
        Path fixed = ExampleBundles.copyAs("healthy-2.0", "east", tmp.resolve("bundles"));

        Result first = night(Map.of(), "east", "--bundle", broken.toString());
        assertEquals(1, first.exit(), first.err());
        assertTrue(exitMetric("east").contains("\npreflight_nightly_exit_code{cluster=\"east\"} 1\n"), exitMetric("east"));
        assertTrue(exitMetric("east").matches("(?s).*preflight_nightly_last_run_timestamp_seconds\\{cluster=\"east\"} "
                + "\\d{10}\\n"), exitMetric("east"));
        assertTrue(first.err().contains("cluster east has 1 scan"), "no diff yet: " + first.err());

        Result second = night(Map.of(), "east", "--bundle", fixed.toString(), "--fail-on-new");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("0 new, 2 resolved, 4 still open"), second.out());
        assertTrue(exitMetric("east").contains("preflight_nightly_exit_code{cluster=\"east\"} 0\n"));

        Result third = night(Map.of(), "east", "--bundle", broken.toString(), "--fail-on-new");
        assertEquals(1, third.exit(), "the NTP blockers are new again: " + third.err());
        assertTrue(third.out().contains("2 new, 0 resolved, 4 still open"), third.out());
        CliRun three = CliRun.of("history", "list", "--store", tmp.resolve("history").toString());
        assertEquals(4, three.out().lines().count(), "the default keeps 400 scans: " + three.out());
        Result fourth = night(Map.of("PREFLIGHT_HISTORY_KEEP", "2"), "east", "--bundle", broken.toString(),
                "--fail-on-new");
        assertEquals(0, fourth.exit(), "nothing new since last night: " + fourth.err());
        assertTrue(fourth.out().contains("0 new, 0 resolved, 6 still open"), fourth.out());
        assertFalse(fourth.out().contains("deleted"), "the prune's counts are not printed: " + fourth.out());
        CliRun kept = CliRun.of("history", "list", "--store", tmp.resolve("history").toString());
        assertEquals(3, kept.out().lines().count(), "PREFLIGHT_HISTORY_KEEP=2 kept the last two: " + kept.out());
        assertTrue(kept.out().lines().skip(1).allMatch(l -> l.matches(" *[34] .*")), kept.out());

        if (Renderers.names().contains("prometheus")) {
            assertTrue(Files.isRegularFile(tmp.resolve("textfile/preflight-east.prom")));
        }
        try (Stream<Path> files = Files.list(tmp.resolve("textfile"))) {
            for (Path f : files.toList()) {
                assertTrue(f.getFileName().toString().matches("preflight-[a-z-]+\\.prom"), "left behind: " + f);
            }
        }
    }

    @Test
    void aBrokenStoreIsExitTwoAndSaysSoInTheMetric() throws Exception {
        Files.createDirectories(tmp.resolve("textfile"));
        Result r = night(Map.of("PREFLIGHT_HISTORY_STORE", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2"),
                "west", "--bundle", ExampleBundles.BUNDLES.resolve("healthy-2.0").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), "one line, no diff attempted: " + r.err());
        assertTrue(r.err().startsWith("preflight: cannot connect to history store"), r.err());
        assertFalse(r.err().contains("hunter2"), r.err());
        assertTrue(exitMetric("west").contains("preflight_nightly_exit_code{cluster=\"west\"} 2\n"));
    }

    @Test
    void aBadClusterNameOrNoSourceIsRefused() throws Exception {
        assertEquals(2, night(Map.of(), "east; rm -rf /", "--bundle", "x").exit());
        assertEquals(2, night(Map.of(), "east").exit());
        Result badKeep = night(Map.of("PREFLIGHT_HISTORY_KEEP", "0"), "east", "--bundle", "x");
        assertEquals(2, badKeep.exit());
        assertTrue(badKeep.err().startsWith("preflight-nightly: PREFLIGHT_HISTORY_KEEP '0'"), badKeep.err());
    }
}
