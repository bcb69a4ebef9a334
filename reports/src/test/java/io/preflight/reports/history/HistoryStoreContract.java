package io.preflight.reports.history;

import static io.preflight.reports.history.ScanReports.blocker;
import static io.preflight.reports.history.ScanReports.finding;
import static io.preflight.reports.history.ScanReports.info;
import static io.preflight.reports.history.ScanReports.report;
import static io.preflight.reports.history.ScanReports.warning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.preflight.reports.JsonRenderer;
import io.preflight.reports.Report;
import io.preflight.reports.ReportFinding;
import io.preflight.reports.TrendPoint;
import io.preflight.rules.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What every store does, on H2 and on PostgreSQL alike. Each test gets a new, empty store. */
abstract class HistoryStoreContract {
    /** A new, empty store for this test. */
    abstract StoreLocation newStore() throws Exception;

    static HistoryStore open(StoreLocation loc) {
        return HistoryStore.open(loc, null, HistoryStore.Mode.CREATE);
    }

    /** A row count straight from the database, past the store's API. */
    static long count(StoreLocation loc, String sql) throws SQLException {
        java.sql.Driver d = loc.kind() == StoreLocation.Kind.H2 ? new org.h2.Driver() : new org.postgresql.Driver();
        try (Connection c = d.connect(loc.jdbcUrl(), new Properties()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void recordsAScanAndReadsItBack() throws Exception {
        StoreLocation loc = newStore();
        Report r = report("prod-east", "2026-11-20T06:00:00Z", List.of(blocker("NODE-NTP-UNSYNCED 10.0.2.242"),
                blocker("APP-CONSTRAINT-INVALID </script><script>alert(1)</script>"),
                finding("MASTER-COUNT-INVALID cluster", Severity.BLOCKER, true), warning("PATH-EOS 1.10.2 -> 1.12.0"),
                info("MESOS-FLAG-DCOS-SET MESOS_REGISTRY_STRICT"), info("COLLECT-PARTIAL ünïcødé ✓ " + "x".repeat(5000))));
        try (HistoryStore store = open(loc)) {
            long id = store.record(r);
            ScanSummary s = store.scan(id).orElseThrow();
            assertEquals(new ScanSummary(id, "prod-east", Instant.parse("2026-11-20T06:00:00Z"), "2.0.6", "2.2.1",
                    "NO_GO", "BLOCKER", "preflight test", 2, 1, 2), s);
            List<StoredFinding> expected = r.findings().stream().map(StoredFinding::of).toList();
            assertEquals(expected, store.findings(id));
            assertEquals(JsonRenderer.toJson(r).toString(), store.reportJson(id).orElseThrow());
            Report back = store.report(id).orElseThrow();
            assertEquals(JsonRenderer.toJson(r), JsonRenderer.toJson(back));
            assertTrue(store.scan(id + 1000).isEmpty());
            assertTrue(store.findings(id + 1000).isEmpty());
            assertTrue(store.report(id + 1000).isEmpty());
        }
    }

    @Test
    void listsNewestFirstPerClusterAndTrendsOldestFirst() throws Exception {
        StoreLocation loc = newStore();
        try (HistoryStore store = open(loc)) {
            long a1 = store.record(report("a", "2026-11-18T06:00:00Z", List.of(blocker("X-ONE n1"), warning("X-TWO n1"))));
            long b1 = store.record(report("b", "2026-11-18T06:05:00Z", List.of()));
            long a2 = store.record(report("a", "2026-11-19T06:00:00Z", List.of(warning("X-TWO n1"))));
            long a3 = store.record(report("a", "2026-11-20T06:00:00Z", List.of(info("X-THREE n2"))));
            assertTrue(a1 < b1 && b1 < a2 && a2 < a3, "ids increase in recording order");
            assertEquals(List.of(a3, a2, a1), store.scans("a", 10).stream().map(ScanSummary::id).toList());
            assertEquals(List.of(a3, a2), store.scans("a", 2).stream().map(ScanSummary::id).toList());
            assertEquals(List.of(a3, a2, b1, a1), store.scans(null, 0).stream().map(ScanSummary::id).toList());
            assertEquals(List.of("a", "b"), store.clusters());
            assertEquals(a3, store.latest("a").orElseThrow().id());
            assertTrue(store.latest("nope").isEmpty());
            assertEquals(List.of(new TrendPoint(a2, "2026-11-19T06:00:00Z", "GO", 0, 1, 0),
                    new TrendPoint(a3, "2026-11-20T06:00:00Z", "GO", 0, 0, 1)), store.trend("a", 2));
            assertEquals(List.of(new TrendPoint(a1, "2026-11-18T06:00:00Z", "NO_GO", 1, 1, 0),
                    new TrendPoint(a2, "2026-11-19T06:00:00Z", "GO", 0, 1, 0),
                    new TrendPoint(a3, "2026-11-20T06:00:00Z", "GO", 0, 0, 1)), store.trend("a", 30));
        }
    }

    @Test
    void aFailedRecordLeavesNoPartOfItsScan() throws Exception {
        StoreLocation loc = newStore();
        try (HistoryStore store = open(loc)) {
            long kept = store.record(report("c", "2026-11-19T06:00:00Z", List.of(blocker("X-ONE n1"))));
            // a null subject breaks the NOT NULL constraint after the scan row and 600 finding rows were written
            List<ReportFinding> fs = new java.util.ArrayList<>(ScanReports.big("c", "x", 600).findings());
            fs.add(new ReportFinding("X-BAD", Severity.BLOCKER, null, "t", "m", "r", "ref", java.util.Map.of(),
                    false, null));
            HistoryException e = assertThrows(HistoryException.class,
                    () -> store.record(report("c", "2026-11-20T06:00:00Z", fs)));
            assertTrue(e.getMessage().startsWith("history store " + loc.display() + ": cannot record the scan: "),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertEquals(List.of(kept), store.scans("c", 0).stream().map(ScanSummary::id).toList());
            // the store goes on working on the same connection
            long next = store.record(report("c", "2026-11-21T06:00:00Z", List.of(blocker("X-TWO n1"))));
            assertEquals(List.of(next, kept), store.scans("c", 0).stream().map(ScanSummary::id).toList());
        }
        assertEquals(2, count(loc, "SELECT COUNT(*) FROM preflight_scan"));
        assertEquals(2, count(loc, "SELECT COUNT(*) FROM preflight_finding"));
    }

    @Test
    void reopeningKeepsTheScansAndMigratesOnce() throws Exception {
        StoreLocation loc = newStore();
        long id;
        try (HistoryStore store = open(loc)) {
            id = store.record(report("d", "2026-11-20T06:00:00Z", List.of(blocker("X-ONE n1"))));
        }
        try (HistoryStore store = open(loc)) {
            assertEquals(List.of(id), store.scans("d", 0).stream().map(ScanSummary::id).toList());
            assertEquals(List.of(new StoredFinding("X-ONE", "n1", Severity.BLOCKER, false)), store.findings(id));
        }
        assertEquals(1, count(loc, "SELECT COUNT(*) FROM \"" + HistoryStore.SCHEMA_HISTORY_TABLE + "\""
                + " WHERE \"version\" = '1' AND \"success\""));
    }

    @Test
    void openingAndRecordingPrintNothing() throws Exception {
        StoreLocation loc = newStore();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try (HistoryStore store = open(loc)) {
            store.record(report("e", "2026-11-20T06:00:00Z", List.of(blocker("X-ONE n1"))));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aThousandFindingScanIsRecordedWhole() throws Exception {
        StoreLocation loc = newStore();
        try (HistoryStore store = open(loc)) {
            Report big = ScanReports.big("f", "2026-11-20T06:00:00Z", 1200);
            long t0 = System.nanoTime();
            long id = store.record(big);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.err.println("history: recorded a 1,200-finding scan in " + ms + " ms (" + loc.kind() + ")");
            assertEquals(1200, store.findings(id).size());
            assertEquals(1200, store.scan(id).orElseThrow().blockers());
            assertFalse(store.findings(id).stream().anyMatch(StoredFinding::waived));
        }
    }
    // --- prune ---

    static List<Long> ids(HistoryStore store, String cluster) {
        return store.scans(cluster, 0).stream().map(ScanSummary::id).toList();
    }

    static Retention keepLast(int n) {
        return new Retention(n, null);
    }

    static Retention olderThan(String instant) {
        return new Retention(0, Instant.parse(instant));
    }

    @Test
    void pruneKeepsTheLastNPerClusterAndTouchesNoOtherCluster() throws Exception {
        StoreLocation loc = newStore();
        try (HistoryStore store = open(loc)) {
            long a1 = store.record(report("a", "2026-11-01T06:00:00Z", List.of(blocker("X-ONE n1"))));
            long b1 = store.record(report("b", "2026-11-01T06:05:00Z", List.of(blocker("X-ONE n1"))));
            long a2 = store.record(report("a", "2026-11-02T06:00:00Z", List.of(blocker("X-ONE n1"))));
            long b2 = store.record(report("b", "2026-11-02T06:05:00Z", List.of()));
            long a3 = store.record(report("a", "2026-11-03T06:00:00Z", List.of()));
            long a4 = store.record(report("a", "2026-11-04T06:00:00Z", List.of()));
            long c1 = store.record(report("c", "2026-11-04T06:05:00Z", List.of()));

            PruneResult onlyA = store.prune("a", keepLast(3), false);
            assertEquals(java.util.Map.of("a", List.of(a1)), onlyA.deleted());
            assertFalse(onlyA.dryRun());
            assertEquals(List.of(a4, a3, a2), ids(store, "a"));
            assertEquals(List.of(b2, b1), ids(store, "b"), "--cluster a leaves b alone");

            PruneResult all = store.prune(null, keepLast(1), false);
            assertEquals(List.of("a", "b", "c"), List.copyOf(all.deleted().keySet()), "every cluster, sorted");
            assertEquals(List.of(a2, a3), all.deleted().get("a"));
            assertEquals(List.of(b1), all.deleted().get("b"));
            assertEquals(List.of(), all.deleted().get("c"));
            assertEquals(3, all.total());
            assertEquals(List.of(c1, a4, b2), ids(store, null));

            PruneResult unknown = store.prune("nope", keepLast(1), false);
            assertEquals(java.util.Map.of("nope", List.of()), unknown.deleted());
            assertEquals(List.of(c1, a4, b2), ids(store, null));
        }
    }

    @Test
    void pruneOlderThanDeletesOnlyWhatIsStrictlyBeforeTheCutoff() throws Exception {
        StoreLocation loc = newStore();
        try (HistoryStore store = open(loc)) {
            long before = store.record(report("a", "2026-11-01T05:59:59.999Z", List.of()));
            long at = store.record(report("a", "2026-11-01T06:00:00Z", List.of()));
            long after = store.record(report("a", "2026-11-01T06:00:00.001Z", List.of()));
            long newest = store.record(report("a", "2026-11-05T06:00:00Z", List.of()));
            PruneResult r = store.prune(null, olderThan("2026-11-01T06:00:00Z"), false);
            assertEquals(java.util.Map.of("a", List.of(before)), r.deleted());
            assertEquals(List.of(newest, after, at), ids(store, "a"), "a scan exactly at the cutoff is kept");
        }
    }

    @Test
    void pruneWithBothRulesDeletesOnlyWhatBothSelect() throws Exception {
        StoreLocation loc = newStore();
        try (HistoryStore store = open(loc)) {
            long d1 = store.record(report("a", "2026-11-01T06:00:00Z", List.of()));
            long d2 = store.record(report("a", "2026-11-02T06:00:00Z", List.of()));
            long d3 = store.record(report("a", "2026-11-03T06:00:00Z", List.of()));
            long d4 = store.record(report("a", "2026-11-04T06:00:00Z", List.of()));
            long d5 = store.record(report("a", "2026-11-05T06:00:00Z", List.of()));
            // keep-last 2 alone selects d1..d3, older-than 11-02 alone selects d1: both select d1 only
            Retention both = new Retention(2, Instant.parse("2026-11-02T00:00:00Z"));
            assertEquals(List.of(d1), store.prune(null, both, false).deleted().get("a"));
            // keep-last 3 alone selects d2, older-than 11-05 alone selects d2..d4: both select d2 only
            Retention again = new Retention(3, Instant.parse("2026-11-05T00:00:00Z"));
            assertEquals(List.of(d2), store.prune(null, again, false).deleted().get("a"));
            assertEquals(List.of(d5, d4, d3), ids(store, "a"));
        }
    }

    @Test
    void pruneNeverDeletesTheNewestScanOfACluster() throws Exception {
        StoreLocation loc = newStore();
        try (HistoryStore store = open(loc)) {
            long only = store.record(report("single", "2020-01-01T06:00:00Z", List.of()));
            long a1 = store.record(report("a", "2020-01-02T06:00:00Z", List.of()));
            // recorded last, though its report says it ran earlier (a clock set wrong): the newest is by id
            long a2 = store.record(report("a", "2019-12-31T06:00:00Z", List.of()));
            PruneResult r = store.prune(null, olderThan("2099-01-01T00:00:00Z"), false);
            assertEquals(java.util.Map.of("a", List.of(a1), "single", List.of()), r.deleted());
            assertEquals(List.of(a2, only), ids(store, null));
            assertEquals(0, store.prune(null, keepLast(1), false).total());
            assertEquals(List.of(a2, only), ids(store, null));
        }
    }

    @Test
    void pruneTakesTheFindingRowsOfDeletedScansWithThem() throws Exception {
        StoreLocation loc = newStore();
        long kept;
        try (HistoryStore store = open(loc)) {
            store.record(ScanReports.big("a", "2026-11-01T06:00:00Z", 700));
            store.record(ScanReports.big("a", "2026-11-02T06:00:00Z", 3));
            long b = store.record(ScanReports.big("b", "2026-11-02T06:00:00Z", 5));
            kept = store.record(ScanReports.big("a", "2026-11-03T06:00:00Z", 2));
            assertEquals(2, store.prune(null, keepLast(1), false).total());
            assertEquals(2, store.findings(kept).size());
            assertEquals(5, store.findings(b).size());
        }
        assertEquals(7, count(loc, "SELECT COUNT(*) FROM preflight_finding"));
        assertEquals(0, count(loc, "SELECT COUNT(*) FROM preflight_finding f WHERE NOT EXISTS"
                + " (SELECT 1 FROM preflight_scan s WHERE s.id = f.scan_id)"));
        assertEquals(2, count(loc, "SELECT COUNT(*) FROM preflight_scan"));
    }

    @Test
    void aDryRunSaysWhatItWouldDeleteAndDeletesNothing() throws Exception {
        StoreLocation loc = newStore();
        try (HistoryStore store = open(loc)) {
            long a1 = store.record(report("a", "2026-11-01T06:00:00Z", List.of(blocker("X-ONE n1"))));
            long a2 = store.record(report("a", "2026-11-02T06:00:00Z", List.of(blocker("X-ONE n1"))));
            long a3 = store.record(report("a", "2026-11-03T06:00:00Z", List.of(blocker("X-ONE n1"))));
            PruneResult dry = store.prune(null, keepLast(1), true);
            assertTrue(dry.dryRun());
            assertEquals(java.util.Map.of("a", List.of(a1, a2)), dry.deleted());
            assertEquals(List.of(a3, a2, a1), ids(store, "a"));
            assertEquals(3, count(loc, "SELECT COUNT(*) FROM preflight_finding"));
            assertEquals(dry.deleted(), store.prune(null, keepLast(1), false).deleted(), "the real run does the same");
            assertEquals(List.of(a3), ids(store, "a"));
        }
        assertEquals(1, count(loc, "SELECT COUNT(*) FROM preflight_finding"));
    }
}
