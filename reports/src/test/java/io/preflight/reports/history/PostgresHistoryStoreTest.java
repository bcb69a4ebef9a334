package io.preflight.reports.history;

import static io.preflight.reports.history.ScanReports.blocker;
import static io.preflight.reports.history.ScanReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store on the real PostgreSQL server of {@code $PREFLIGHT_TEST_PG_URL}: the shared contract, concurrent
 * scanners, a database that already holds other tables. Skipped, visibly, without the server.
 */
class PostgresHistoryStoreTest extends HistoryStoreContract {
    private final List<StoreLocation> made = new ArrayList<>();

    @Override
    StoreLocation newStore() {
        StoreLocation loc = PostgresTestDatabase.freshStore();
        made.add(loc);
        return loc;
    }

    @AfterEach
    void dropSchemas() throws Exception {
        for (StoreLocation loc : made) PostgresTestDatabase.drop(loc);
    }

    @Test
    void concurrentScannersGetDistinctIdsAndLoseNothing() throws Exception {
        StoreLocation loc = newStore();
        int scanners = 4;
        int each = 5;
        CyclicBarrier start = new CyclicBarrier(scanners);
        ExecutorService pool = Executors.newFixedThreadPool(scanners);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < scanners; t++) {
                int scanner = t;
                Callable<List<Long>> job = () -> {
                    start.await(30, TimeUnit.SECONDS); // all open (and migrate) the new schema at once
                    List<Long> ids = new ArrayList<>();
                    try (HistoryStore store = open(loc)) {
                        for (int i = 0; i < each; i++) {
                            ids.add(store.record(ScanReports.big("cluster-" + scanner, "2026-11-20T06:00:00Z", 30 + i)));
                        }
                    }
                    return ids;
                };
                results.add(pool.submit(job));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<List<Long>> f : results) ids.addAll(f.get(120, TimeUnit.SECONDS));
            assertEquals(scanners * each, ids.size(), "every scan has its own id");
        } finally {
            pool.shutdownNow();
        }
        try (HistoryStore store = open(loc)) {
            for (int t = 0; t < scanners; t++) {
                List<ScanSummary> scans = store.scans("cluster-" + t, 0);
                assertEquals(each, scans.size());
                for (ScanSummary s : scans) assertEquals(s.blockers(), store.findings(s.id()).size());
            }
        }
        assertEquals(scanners * (30L * each + 10), count(loc, "SELECT COUNT(*) FROM preflight_finding"));
    }

    @Test
    void aDatabaseWithOtherTablesIsSharedNotRefused() throws Exception {
        StoreLocation loc = newStore();
        String url = loc.jdbcUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = new org.postgresql.Driver().connect(PostgresTestDatabase.baseUrl(), new Properties());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("CREATE TABLE " + schema + ".other_application (x INT)");
        }
        try (HistoryStore store = open(loc)) {
            long id = store.record(report("g", "2026-11-20T06:00:00Z", List.of(blocker("X-ONE n1"))));
            assertEquals(1, store.findings(id).size());
        }
        assertEquals(0, count(loc, "SELECT COUNT(*) FROM other_application"));
    }
}
