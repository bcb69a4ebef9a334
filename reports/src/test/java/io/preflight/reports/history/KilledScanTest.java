package io.preflight.reports.history;

import static io.preflight.reports.history.ScanReports.blocker;
import static io.preflight.reports.history.ScanReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scan killed in the middle of recording (SIGKILL to a child JVM paused inside the transaction, after 500 of its
 * 1,200 finding rows) loses nothing: the store opens, every earlier scan is intact — including one the child
 * committed just before — and no part of the killed scan is visible.
 */
class KilledScanTest {
    @TempDir
    Path tmp;

    @Test
    void onH2() throws Exception {
        StoreLocation loc = StoreLocation.atPath(tmp.resolve("history"));
        killMidWriteAndCheck(loc, loc.file().toString(), false);
    }

    @Test
    void onH2WhileAnotherProcessWaitsForTheFile() throws Exception {
        StoreLocation loc = StoreLocation.atPath(tmp.resolve("history"));
        killMidWriteAndCheck(loc, loc.file().toString(), true);
    }

    /** Killed within milliseconds of a commit, the scan is kept: H2 writes a commit through ({@code WRITE_DELAY=0}). */
    @Test
    void onH2RightAfterACommit() throws Exception {
        StoreLocation loc = StoreLocation.atPath(tmp.resolve("history"));
        for (int run = 0; run < 2; run++) {
            Process child = child(loc.file().toString(), "after-commit");
            long kept;
            try {
                BufferedReader out = reader(child);
                String recorded = CompletableFuture.supplyAsync(() -> line(out)).get(120, TimeUnit.SECONDS);
                assertTrue(recorded != null && recorded.startsWith("RECORDED "), "child said: " + recorded);
                kept = Long.parseLong(recorded.substring("RECORDED ".length()));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
            }
            try (HistoryStore store = HistoryStore.open(loc, null, HistoryStore.Mode.EXISTING)) {
                assertEquals(run + 1, store.scans("killed", 0).size());
                assertEquals(kept, store.latest("killed").orElseThrow().id());
            }
        }
    }

    @Test
    void onPostgres() throws Exception {
        StoreLocation loc = PostgresTestDatabase.freshStore();
        try {
            killMidWriteAndCheck(loc, loc.jdbcUrl(), false);
        } finally {
            PostgresTestDatabase.drop(loc);
        }
    }

    /**
     * @param probeLock while the child holds the H2 file, check that a second process is told it is in use; this
     *                  waits, so without it the kill comes within milliseconds of the child's last commit
     */
    private static void killMidWriteAndCheck(StoreLocation loc, String spec, boolean probeLock) throws Exception {
        List<Long> earlier = new ArrayList<>(); // newest first, as the store lists them
        try (HistoryStore store = HistoryStore.open(loc, null, HistoryStore.Mode.CREATE)) {
            earlier.add(0, store.record(report("killed", "2026-11-18T06:00:00Z", List.of(blocker("X-ONE n1")))));
            earlier.add(0, store.record(report("killed", "2026-11-19T06:00:00Z", List.of(blocker("X-TWO n1")))));
        }
        Process child = child(spec, "mid-write");
        try {
            BufferedReader out = reader(child);
            String recorded = CompletableFuture.supplyAsync(() -> line(out)).get(120, TimeUnit.SECONDS);
            assertTrue(recorded != null && recorded.startsWith("RECORDED "), "child said: " + recorded);
            earlier.add(0, Long.parseLong(recorded.substring("RECORDED ".length())));
            String paused = CompletableFuture.supplyAsync(() -> line(out)).get(120, TimeUnit.SECONDS);
            assertEquals("PAUSED 500", paused);
            if (probeLock) {
                // the child still has the file open: another process waits a while, then says so in one line
                HistoryException busy = assertThrows(HistoryException.class,
                        () -> HistoryStore.open(loc, null, HistoryStore.Mode.CREATE, Duration.ofMillis(300)));
                assertTrue(busy.getMessage().startsWith("history store " + loc.display() + " is in use by another"
                        + " process"), busy.getMessage());
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not die");
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        try (HistoryStore store = HistoryStore.open(loc, null, HistoryStore.Mode.EXISTING)) {
            assertEquals(earlier, store.scans("killed", 0).stream().map(ScanSummary::id).toList());
            for (long id : earlier) assertEquals(1, store.findings(id).size());
            long after = store.record(report("killed", "2026-11-21T06:00:00Z", List.of(blocker("X-THREE n1"))));
            assertTrue(after > earlier.get(0));
        }
        assertEquals(4, HistoryStoreContract.count(loc, "SELECT COUNT(*) FROM preflight_finding"));
        assertEquals(4, HistoryStoreContract.count(loc, "SELECT COUNT(*) FROM preflight_scan"));
        assertFalse(HistoryStoreContract.count(loc, "SELECT COUNT(*) FROM preflight_scan WHERE blockers = 1200") > 0);
    }

    private static Process child(String spec, String mode) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), KillableScan.class.getName(),
                spec, mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    private static String line(BufferedReader r) {
        try {
            return r.readLine();
        } catch (java.io.IOException e) {
            return "read failed: " + e;
        }
    }
}
