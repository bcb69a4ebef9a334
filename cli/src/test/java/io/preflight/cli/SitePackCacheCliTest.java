package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --config} with the ACME pack through the cache of compiled site packs: the second run loads the pack
 * from the cache (its debug line says so) and reports exactly what the cold compile reported; a cache that cannot be
 * made or is off is silent. The cache is a temporary directory ({@code -Dpreflight.cacheDir}).
 */
class SitePackCacheCliTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final String[] CHECK = {"check", "--bundle", EXAMPLES.resolve("bundles/healthy-2.0").toString(),
            "--config", EXAMPLES.resolve("site-rules/acme-site.yaml").toString(), "--format", "json"};

    @TempDir
    Path tmp;

    record Run(CliRun cli, String stderr) {
    }

    /** The CLI with the cache in {@code cacheDir} and {@code -Dpreflight.debug=true}, capturing System.err too. */
    static Run run(String cacheDir, boolean debug) {
        String cache = System.getProperty("preflight.cacheDir");
        String dbg = System.getProperty("preflight.debug");
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setProperty("preflight.cacheDir", cacheDir);
            System.setProperty("preflight.debug", Boolean.toString(debug));
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            CliRun r = CliRun.of(CHECK);
            return new Run(r, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(err);
            restore("preflight.cacheDir", cache);
            restore("preflight.debug", dbg);
        }
    }

    static void restore(String key, String value) {
        if (value == null) System.clearProperty(key);
        else System.setProperty(key, value);
    }

    static JsonNode findings(Run r) throws Exception {
        assertEquals(1, Stream.of(0, 1).filter(c -> c == r.cli().exit()).count(), r.cli().err());
        return new ObjectMapper().readTree(r.cli().out()).get("findings");
    }

    static long files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void theSecondCheckLoadsThePackFromTheCacheWithTheSameFindings() throws Exception {
        Path cache = tmp.resolve("cache");
        Run cold = run(cache.toString(), true);
        assertTrue(cold.stderr().contains("site pack acme: compiled rules cached in"), cold.stderr());
        assertFalse(cold.stderr().contains("loaded from cache"), cold.stderr());
        Run warm = run(cache.toString(), true);
        assertTrue(warm.stderr().contains("site pack acme: compiled rules loaded from cache"), warm.stderr());
        assertFalse(warm.stderr().contains("cached in"), warm.stderr());
        assertEquals(cold.cli().exit(), warm.cli().exit());
        JsonNode f = findings(cold);
        assertTrue(f.toString().contains("ACME-"), "the site pack reported: " + f);
        assertEquals(f, findings(warm));
        assertEquals(cold.cli().err(), warm.cli().err());
        assertEquals(1, files(cache));
    }

    @Test
    void noCacheIsSilentAndWritesNothing() throws Exception {
        Path file = tmp.resolve("in-the-way");
        Files.writeString(file, "x");
        Run reference = run(tmp.resolve("ref").toString(), false);
        Supplier<String> dirs = () -> file.resolve("cache").toString();
        for (String where : new String[] {dirs.get(), "off"}) {
            Run r = run(where, false);
            assertEquals("", r.stderr(), where);
            assertEquals(reference.cli().err(), r.cli().err(), where);
            assertEquals(findings(reference), findings(r), where);
            Run debug = run(where, true);
            assertFalse(debug.stderr().contains("loaded from cache"), debug.stderr());
        }
        assertEquals(1, files(tmp.resolve("ref")));
        assertEquals("x", Files.readString(file));
        assertEquals(2, files(tmp), "off wrote nothing anywhere under the test directory");
    }
}
