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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as shipped (shaded): it starts, judges an example bundle, and loads the shipped rules from the
 * packages precompiled at build time (shading once silently broke that path, costing 2 s per start).
 */
class ShadedJarIT {
    static final Path JAR = Path.of(System.getProperty("preflight.jar", "target/preflight.jar"));

    record Result(int exit, String out, String err) {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dpreflight.debug=true", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the jar did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void jarJudgesTheHealthyExampleFromPrecompiledRules() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " missing");
        Result r = run("check", "--bundle", Path.of("..", "examples", "bundles", "healthy-2.0").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("GO  healthy-2.0"), r.out());
        assertFalse(r.err().contains("precompiled packs not usable"), r.err());
    }

    @Test
    void jarValidatesTestsAndRunsTheExampleSitePack() throws Exception {
        String acme = Path.of("..", "examples", "site-rules", "acme").toString();
        Result validate = run("rules", "validate", acme);
        assertEquals(0, validate.exit(), validate.err());
        assertEquals("OK: 1 pack, 3 rules, 15 cases (acme: prefix ACME, 3 rules, 15 cases)\n", validate.out());
        Result shipped = run("rules", "test", "--shipped", acme);
        assertEquals(0, shipped.exit(), shipped.err());
        assertTrue(shipped.out().matches("(?s).*\nOK: \\d+ cases passed in 10 packs\n"), shipped.out());
        Result check = run("check", "--bundle", Path.of("..", "examples", "bundles", "healthy-2.0").toString(),
                "--rules", acme);
        assertEquals(0, check.exit(), check.err());
        assertTrue(check.out().contains("  ACME-APP-OWNER-MISSING  Marathon app has no owner label  (2 subjects)"),
                check.out());
    }

    @Test
    void jarExitsTwoWithOneLineOnBadInput() throws Exception {
        Result r = run("check", "--bundle", "no/such/bundle");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("preflight:")).count(), r.err());
    }
}
