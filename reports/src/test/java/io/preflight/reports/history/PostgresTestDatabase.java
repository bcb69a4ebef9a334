package io.preflight.reports.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL server of {@code $PREFLIGHT_TEST_PG_URL} (started by {@code .ci/services.sh}). Each store
 * lives in a new schema of its own ({@code currentSchema=…}), dropped afterwards, so reruns start clean. Without the
 * variable the tests are skipped with a visible message, never passed silently.
 */
final class PostgresTestDatabase {
    static final String ENV = "PREFLIGHT_TEST_PG_URL";

    private PostgresTestDatabase() {
    }

    /** The server's base URL; aborts the test (visibly) when none is configured. */
    static String baseUrl() {
        String url = System.getenv(ENV);
        if (url == null || url.isBlank()) {
            String why = ENV + " is not set: the PostgreSQL history tests are SKIPPED (run `. .ci/services.sh` first)";
            System.err.println("preflight test: " + why);
            Assumptions.abort(why);
        }
        return url;
    }

    /** A store location in a fresh schema (created by the store's migration, dropped by {@link #drop}). */
    static StoreLocation freshStore() {
        String base = baseUrl();
        String schema = "preflight_test_" + ProcessHandle.current().pid() + "_"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        return StoreLocation.parse(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    static void drop(StoreLocation loc) throws SQLException {
        if (loc == null) return;
        String url = loc.jdbcUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = new org.postgresql.Driver().connect(baseUrl(), new Properties());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
