package io.preflight.reports.history;

import static io.preflight.reports.history.ScanReports.blocker;
import static io.preflight.reports.history.ScanReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on an embedded H2 file, plus what only a file store has: creation, corruption, passwords. */
class H2HistoryStoreTest extends HistoryStoreContract {
    @TempDir
    Path tmp;

    @Override
    StoreLocation newStore() {
        return StoreLocation.parse(tmp.resolve("store-" + System.nanoTime()).toString());
    }

    @Test
    void theSchemaVersionConstantIsTheNewestMigration() throws Exception {
        int newest = 0;
        try (var files = Files.list(Path.of("src/main/resources/io/preflight/reports/history/migration"))) {
            for (Path f : files.toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("V(\\d+)__.+\\.sql")
                        .matcher(f.getFileName().toString());
                assertTrue(m.matches(), "not a versioned migration: " + f);
                newest = Math.max(newest, Integer.parseInt(m.group(1)));
            }
        }
        assertEquals(String.valueOf(newest), HistoryStore.SCHEMA_VERSION);
    }

    @Test
    void recordingCreatesTheFileAndItsDirectory() {
        StoreLocation loc = StoreLocation.atPath(tmp.resolve("deep/er/history"));
        try (HistoryStore store = open(loc)) {
            store.record(report("a", "2026-11-20T06:00:00Z", List.of(blocker("X-ONE n1"))));
        }
        assertEquals(tmp.resolve("deep/er/history.mv.db"), loc.file());
        assertTrue(Files.isRegularFile(loc.file()));
    }

    @Test
    void readingAMissingStoreSaysSoAndCreatesNothing() {
        StoreLocation loc = StoreLocation.atPath(tmp.resolve("none/history"));
        HistoryException e = assertThrows(HistoryException.class,
                () -> HistoryStore.open(loc, null, HistoryStore.Mode.EXISTING));
        assertTrue(e.getMessage().startsWith("no scan history at " + loc.file()), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("none")));
    }

    @Test
    void aCorruptFileIsOneLineNamingIt() throws Exception {
        Path file = tmp.resolve("corrupt.mv.db");
        byte[] junk = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(junk);
        Files.write(file, junk);
        StoreLocation loc = StoreLocation.parse(file.toString());
        for (HistoryStore.Mode mode : HistoryStore.Mode.values()) {
            HistoryException e = assertThrows(HistoryException.class, () -> HistoryStore.open(loc, null, mode));
            assertTrue(e.getMessage().startsWith("history store " + file
                    + " is not a readable scan history (corrupt, truncated, or not an H2 database)"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }

    @Test
    void aTextFileOrAnEmptyDatabaseIsNoHistoryToRead() throws Exception {
        Path text = tmp.resolve("notes.mv.db");
        Files.writeString(text, "this is not an H2 database\n".repeat(200));
        HistoryException e = assertThrows(HistoryException.class,
                () -> HistoryStore.open(StoreLocation.parse(text.toString()), null, HistoryStore.Mode.EXISTING));
        assertEquals("history store " + text + " is not a readable scan history (corrupt, truncated, or not an H2"
                + " database)", e.getMessage());
        // an H2 database without a scan history (someone else's, or one H2 could only recover empty)
        Path other = tmp.resolve("other");
        try (java.sql.Connection c = new org.h2.Driver().connect("jdbc:h2:file:" + other, new java.util.Properties())) {
            c.createStatement().execute("CREATE TABLE t (x INT)");
        }
        StoreLocation loc = StoreLocation.atPath(other);
        HistoryException empty = assertThrows(HistoryException.class,
                () -> HistoryStore.open(loc, null, HistoryStore.Mode.EXISTING));
        assertEquals("history store " + loc.file() + " holds no scan history (an empty database, or not a preflight"
                + " store)", empty.getMessage());
    }

    @Test
    void aPasswordProtectedStoreNeverEchoesThePassword() {
        StoreLocation loc = StoreLocation.atPath(tmp.resolve("secret"));
        try (HistoryStore store = HistoryStore.open(loc, "s3cret-Pa55", HistoryStore.Mode.CREATE)) {
            store.record(report("a", "2026-11-20T06:00:00Z", List.of()));
        }
        HistoryException wrong = assertThrows(HistoryException.class,
                () -> HistoryStore.open(loc, "not-the-s3cret", HistoryStore.Mode.EXISTING));
        assertTrue(wrong.getMessage().startsWith("history store " + loc.file() + ": authentication failed"),
                wrong.getMessage());
        assertFalse(wrong.getMessage().contains("s3cret"), wrong.getMessage());
        try (HistoryStore store = HistoryStore.open(loc, "s3cret-Pa55", HistoryStore.Mode.EXISTING)) {
            assertEquals(1, store.scans(null, 0).size());
        }
    }
}
