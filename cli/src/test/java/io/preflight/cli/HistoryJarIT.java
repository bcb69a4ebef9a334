package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scan history in the shaded jar, in a clean environment: Flyway finds its migrations and database plugins
 * inside the jar, the default store lands under {@code $XDG_DATA_HOME}, {@code $PREFLIGHT_HISTORY_STORE} and
 * {@code $PREFLIGHT_HISTORY_PASSWORD} work, and nothing but the report reaches stdout.
 */
class HistoryJarIT {
    static final String HEALTHY = Path.of("..", "examples", "bundles", "healthy-2.0").toString();

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                // never the real home, even if the code fell back to user.home
                "-Duser.home=" + tmp.resolve("java-home"), "-jar", ShadedJarIT.JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("PREFLIGHT_HISTORY_STORE");
        pb.environment().remove("PREFLIGHT_HISTORY_PASSWORD");
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().remove("XDG_DATA_HOME");
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the jar did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void historyGoesToTheUsersDataDirectoryAndPrintsOnlyTheReport() throws Exception {
        Map<String, String> env = Map.of("XDG_DATA_HOME", tmp.resolve("xdg").toString());
        Result check = run(env, "check", "--bundle", HEALTHY, "--history");
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().startsWith("GO  healthy-2.0"), check.out());
        assertEquals("", check.err());
        assertTrue(Files.isRegularFile(tmp.resolve("xdg/preflight/history.mv.db")));
        Result list = run(env, "history", "list");
        assertEquals(0, list.exit(), list.err());
        assertEquals(2, list.out().lines().count(), list.out());
        assertTrue(list.out().lines().toList().get(1).contains("healthy-2.0"), list.out());
        // without XDG_DATA_HOME: ~/.local/share/preflight
        Result home = run(Map.of(), "check", "--bundle", HEALTHY, "--history", "--quiet");
        assertEquals(0, home.exit(), home.err());
        assertTrue(Files.isRegularFile(tmp.resolve("home/.local/share/preflight/history.mv.db")));
        assertFalse(Files.exists(tmp.resolve("java-home")), "$HOME comes first");
        assertFalse(Files.exists(tmp.resolve("xdg/preflight/history.trace.db")), "no H2 error trace");
    }

    @Test
    void aStoreNamedInTheEnvironmentRecordsEveryCheckUnlessNoHistory() throws Exception {
        Path store = tmp.resolve("env-store");
        Map<String, String> env = Map.of("PREFLIGHT_HISTORY_STORE", store.toString(),
                "PREFLIGHT_HISTORY_PASSWORD", "env-Secret-42");
        assertEquals(0, run(env, "check", "--bundle", HEALTHY, "--quiet").exit());
        assertEquals(0, run(env, "check", "--bundle", HEALTHY, "--quiet", "--no-history").exit());
        Result list = run(env, "history", "list", "--format", "json");
        assertEquals(0, list.exit(), list.err());
        assertEquals(1, new com.fasterxml.jackson.databind.ObjectMapper().readTree(list.out()).size(), list.out());
        // the store was created with the password: without it (or with another) it will not open, and says so
        Result wrong = run(Map.of("PREFLIGHT_HISTORY_PASSWORD", "not-env-Secret-42"), "history", "list", "--store",
                store.toString());
        assertEquals(2, wrong.exit());
        assertEquals(1, wrong.err().lines().count(), wrong.err());
        assertTrue(wrong.err().startsWith("preflight: history store " + store + ".mv.db: authentication failed"),
                wrong.err());
        assertFalse(wrong.err().contains("Secret-42"), wrong.err());
    }
}
