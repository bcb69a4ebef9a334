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
}
