package io.preflight.reports.history;

import io.preflight.reports.JsonRenderer;
import io.preflight.reports.Report;
import io.preflight.reports.ReportBuilder;
import io.preflight.reports.ReportFinding;
import io.preflight.reports.ReportJson;
import io.preflight.reports.TrendPoint;
import io.preflight.rules.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.IntConsumer;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The scan history: every recorded scan (cluster, time, versions, verdict, the full JSON report) and one row per
 * finding, in an embedded H2 file or a shared PostgreSQL database. Opening a store brings its schema up to date
 * with Flyway (versioned migrations under {@code io/preflight/reports/history/migration}); ids come from the
 * database, so any number of scanners can record into one PostgreSQL store at once.
 *
 * <p>{@link #record} is one transaction: a scan killed while recording leaves no trace, and scans recorded before
 * it are untouched. Every failure is a {@link HistoryException} with a one-line message that never holds the
 * password. One instance holds one connection and is not thread-safe; open one per thread.
 */
public final class HistoryStore implements AutoCloseable {
    /** Whether opening may create the store. */
    public enum Mode {
        /** Create the store (file and schema) when it does not exist: for recording. */
        CREATE,
        /** A path store must exist already: for reading ({@code history list|diff|show}). */
        EXISTING
    }

    static final String MIGRATIONS = "classpath:io/preflight/reports/history/migration";
    /** The newest migration shipped (a test keeps it equal to the highest {@code V<n>__} file). */
    static final String SCHEMA_VERSION = "1";
    /** Flyway's own table, named so it never meets another application's in a shared database. */
    static final String SCHEMA_HISTORY_TABLE = "preflight_schema_history";
    static final Duration LOCK_WAIT = Duration.ofSeconds(15);
    private static final int BATCH = 500;
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("(?i)[?&]currentSchema=([^&]+)");
    private static final Pattern H2_ERROR_CODE = Pattern.compile("\\s*\\[\\d+-\\d+]\\s*$");

    private final StoreLocation location;
    private final String password;
    private final Connection conn;

    private HistoryStore(StoreLocation location, String password, Connection conn) {
        this.location = location;
        this.password = password;
        this.conn = conn;
    }

    /**
     * Opens the store and migrates its schema.
     *
     * @param password the database password when the URL holds none (e.g. from {@code $PREFLIGHT_HISTORY_PASSWORD});
     *                 may be null
     */
    public static HistoryStore open(StoreLocation location, String password, Mode mode) {
        return open(location, password, mode, LOCK_WAIT);
    }

    static HistoryStore open(StoreLocation location, String password, Mode mode, Duration lockWait) {
        if (mode == Mode.EXISTING && location.file() != null && !Files.isRegularFile(location.file())) {
            throw new HistoryException("no scan history at " + location.display()
                    + " (record scans with: preflight check --history-store " + location.display() + " ...)");
        }
        if (mode == Mode.CREATE && location.file() != null) {
            try {
                Files.createDirectories(location.file().getParent());
            } catch (IOException e) {
                throw new HistoryException("history store " + location.display() + ": cannot create its directory: "
                        + e.getMessage());
            }
        }
        StoreDataSource ds = new StoreDataSource(location, password, lockWait);
        Connection c = null;
        try {
            c = ds.getConnection();
            Schema schema = schema(c);
            if (schema == Schema.NONE && mode == Mode.EXISTING) {
                closeQuietly(c);
                throw new HistoryException("history store " + location.display() + " holds no scan history (an"
                        + " empty database, or not a preflight store)");
            }
            // Flyway costs ~0.5 s of start-up per run: skip it when the newest migration is applied already
            if (schema != Schema.CURRENT) migrate(location, ds);
            return new HistoryStore(location, password, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(location, password, "cannot open", e);
        } catch (FlywayException e) {
            closeQuietly(c);
            SQLException sql = sqlCause(e);
            if (sql != null) throw failure(location, password, "cannot open", sql);
            throw new HistoryException("history store " + location.display() + ": schema migration failed: "
                    + clean(e.getMessage(), password), e);
        }
    }

    private enum Schema { NONE, OLDER, CURRENT }

    /** What the store's schema history says: none yet, older than this build's newest migration, or current. */
    private static Schema schema(Connection c) {
        // look before querying: a failed query on a new store would leave an error in H2's .trace.db file
        try (ResultSet t = c.getMetaData().getTables(null, null, SCHEMA_HISTORY_TABLE, null)) {
            if (!t.next()) return Schema.NONE;
        } catch (SQLException e) {
            return Schema.NONE;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT \"version\" FROM \""
                + SCHEMA_HISTORY_TABLE + "\" WHERE \"success\" = TRUE")) {
            while (rs.next()) if (SCHEMA_VERSION.equals(rs.getString(1))) return Schema.CURRENT;
            return Schema.OLDER;
        } catch (SQLException e) {
            return Schema.NONE; // no schema history table: a new store, or not ours
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // already failing: the first error is the one to report
        }
    }

    private static void migrate(StoreLocation location, DataSource ds) {
        var config = Flyway.configure(HistoryStore.class.getClassLoader())
                .loggers(FlywayLog.class.getName())
                .dataSource(ds)
                .locations(MIGRATIONS)
                .table(SCHEMA_HISTORY_TABLE)
                // a shared PostgreSQL database may already hold other tables: start our versions from 0
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .cleanDisabled(true);
        if (location.kind() == StoreLocation.Kind.POSTGRESQL) {
            Matcher m = CURRENT_SCHEMA.matcher(location.jdbcUrl());
            // currentSchema=a[,b...]: the first is ours, created when missing (then the connection's search_path)
            if (m.find()) config.schemas(m.group(1).split(",")[0]);
        }
        config.load().migrate();
    }

    public StoreLocation location() {
        return location;
    }

    /** Records a finished scan in one transaction and returns its id. */
    public long record(Report report) {
        return record(report, rows -> {
        });
    }

    /**
     * As {@link #record(Report)}; {@code afterRows} is told how many finding rows are written so far, inside the
     * transaction (tests use it to kill a scan mid-write).
     */
    long record(Report report, IntConsumer afterRows) {
        String json = JsonRenderer.toJson(report).toString();
        Map<Severity, Long> counts = ReportBuilder.counts(report);
        return transaction("cannot record the scan", () -> {
            long id;
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO preflight_scan (cluster_name, scanned_at,"
                    + " current_version, target_version, verdict, fail_on, tool, blockers, warnings, infos,"
                    + " report_schema, report_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"})) {
                ps.setString(1, report.cluster() == null ? "" : report.cluster());
                ps.setObject(2, OffsetDateTime.ofInstant(time(report), ZoneOffset.UTC));
                ps.setString(3, report.current());
                ps.setString(4, report.target());
                ps.setString(5, report.verdict().name());
                ps.setString(6, report.failOn() == null ? "" : report.failOn());
                ps.setString(7, report.tool());
                ps.setInt(8, counts.getOrDefault(Severity.BLOCKER, 0L).intValue());
                ps.setInt(9, counts.getOrDefault(Severity.WARNING, 0L).intValue());
                ps.setInt(10, counts.getOrDefault(Severity.INFO, 0L).intValue());
                ps.setInt(11, report.schemaVersion());
                ps.setString(12, json);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) throw new SQLException("the database returned no id for the new scan");
                    id = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO preflight_finding"
                    + " (scan_id, seq, rule_id, subject, severity, waived) VALUES (?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (ReportFinding f : report.findings()) {
                    ps.setLong(1, id);
                    ps.setInt(2, n);
                    ps.setString(3, f.ruleId());
                    ps.setString(4, f.subject());
                    ps.setString(5, f.severity().name());
                    ps.setBoolean(6, f.waived());
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                        afterRows.accept(n);
                    }
                }
                if (n % BATCH != 0) {
                    ps.executeBatch();
                    afterRows.accept(n);
                }
            }
            conn.commit();
            return id;
        });
    }

    /**
     * Deletes the scans {@code rule} selects, of {@code cluster} (null: of every cluster), in one transaction; their
     * finding rows go with them ({@code ON DELETE CASCADE}). The newest scan of each cluster is always kept. With
     * {@code dryRun} it only says what it would delete.
     */
    public PruneResult prune(String cluster, Retention rule, boolean dryRun) {
        Map<String, List<Long>> deleted = new java.util.TreeMap<>();
        if (cluster != null) deleted.put(cluster, new ArrayList<>());
        return transaction("cannot prune", () -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT id, cluster_name, scanned_at FROM preflight_scan"
                    + (cluster == null ? "" : " WHERE cluster_name = ?") + " ORDER BY cluster_name, id DESC")) {
                if (cluster != null) ps.setString(1, cluster);
                try (ResultSet rs = ps.executeQuery()) {
                    String current = null;
                    int rank = 0;
                    while (rs.next()) {
                        String c = rs.getString(2);
                        if (!c.equals(current)) {
                            current = c;
                            rank = 0;
                            deleted.putIfAbsent(c, new ArrayList<>());
                        }
                        if (rule.deletes(rank++, rs.getObject(3, OffsetDateTime.class).toInstant())) {
                            deleted.get(c).add(rs.getLong(1));
                        }
                    }
                }
            }
            deleted.values().forEach(Collections::sort);
            if (!dryRun) {
                try (PreparedStatement ps = conn.prepareStatement("DELETE FROM preflight_scan WHERE id = ?")) {
                    int n = 0;
                    for (List<Long> ids : deleted.values()) {
                        for (long id : ids) {
                            ps.setLong(1, id);
                            ps.addBatch();
                            if (++n % BATCH == 0) ps.executeBatch();
                        }
                    }
                    if (n % BATCH != 0) ps.executeBatch();
                }
                conn.commit();
            } else {
                conn.rollback();
            }
            return new PruneResult(deleted, dryRun);
        });
    }

    /** Recorded scans, newest first; {@code cluster} null for every cluster. */
    public List<ScanSummary> scans(String cluster, int limit) {
        String sql = SUMMARY + (cluster == null ? "" : " WHERE cluster_name = ?") + " ORDER BY id DESC";
        return query("cannot list scans", sql, limit, ps -> {
            if (cluster != null) ps.setString(1, cluster);
        }, HistoryStore::summary);
    }

    /** The scan with this id. */
    public Optional<ScanSummary> scan(long id) {
        return query("cannot read scan " + id, SUMMARY + " WHERE id = ?", 1, ps -> ps.setLong(1, id),
                HistoryStore::summary).stream().findFirst();
    }

    /** The most recently recorded scan of {@code cluster}. */
    public Optional<ScanSummary> latest(String cluster) {
        return scans(cluster, 1).stream().findFirst();
    }

    /** The clusters with at least one scan, sorted. */
    public List<String> clusters() {
        return query("cannot list clusters", "SELECT DISTINCT cluster_name FROM preflight_scan ORDER BY cluster_name",
                0, ps -> {
                }, rs -> rs.getString(1));
    }

    /** The findings of scan {@code id}, in report order (empty for an unknown id). */
    public List<StoredFinding> findings(long id) {
        return query("cannot read the findings of scan " + id, "SELECT rule_id, subject, severity, waived"
                + " FROM preflight_finding WHERE scan_id = ? ORDER BY seq", 0, ps -> ps.setLong(1, id),
                rs -> new StoredFinding(rs.getString(1), rs.getString(2), Severity.valueOf(rs.getString(3)),
                        rs.getBoolean(4)));
    }

    /** The stored JSON report of scan {@code id}, exactly as recorded. */
    public Optional<String> reportJson(long id) {
        return query("cannot read scan " + id, "SELECT report_json FROM preflight_scan WHERE id = ?", 1,
                ps -> ps.setLong(1, id), rs -> rs.getString(1)).stream().findFirst();
    }

    /** The stored report of scan {@code id}, read back to be rendered in any format. */
    public Optional<Report> report(long id) {
        Optional<String> json = reportJson(id);
        if (json.isEmpty()) return Optional.empty();
        try {
            return Optional.of(ReportJson.read(json.get()));
        } catch (IOException e) {
            throw new HistoryException("history store " + location.display() + ": scan " + id
                    + ": the stored report cannot be read: " + e.getMessage(), e);
        }
    }

    /** The last {@code max} scans of {@code cluster} as trend points, oldest first. */
    public List<TrendPoint> trend(String cluster, int max) {
        List<TrendPoint> points = new ArrayList<>();
        for (ScanSummary s : scans(cluster, max)) {
            points.add(new TrendPoint(s.id(), s.time().toString(), s.verdict(), s.blockers(), s.warnings(), s.infos()));
        }
        Collections.reverse(points);
        return points;
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            throw failure(location, password, "cannot close", e);
        }
    }

    private static final String SUMMARY = "SELECT id, cluster_name, scanned_at, current_version, target_version,"
            + " verdict, fail_on, tool, blockers, warnings, infos FROM preflight_scan";

    private static ScanSummary summary(ResultSet rs) throws SQLException {
        return new ScanSummary(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9),
                rs.getInt(10), rs.getInt(11));
    }

    private static Instant time(Report r) {
        try {
            return r.generatedAt() == null ? Instant.now() : Instant.parse(r.generatedAt());
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String doing, String sql, int limit, Binder binder, Row<T> row) {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            if (limit > 0) ps.setMaxRows(limit);
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(row.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure(location, password, doing, e);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} with auto-commit off: it commits (or rolls back) itself; any failure rolls back and becomes a
     * one-line {@link HistoryException}. Auto-commit is restored either way.
     */
    private <T> T transaction(String doing, Work<T> work) {
        try {
            conn.setAutoCommit(false);
            return work.run();
        } catch (SQLException e) {
            rollback();
            throw failure(location, password, doing, e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        } finally {
            try {
                conn.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the connection is gone; the next call reports it
            }
        }
    }

    private void rollback() {
        try {
            conn.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the database discards the open transaction itself
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r;
    }

    private static SQLException sqlCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof SQLException s) return s;
        return null;
    }

    /** One line naming the store and what went wrong, in the operator's terms; never the password. */
    static HistoryException failure(StoreLocation loc, String password, String doing, SQLException e) {
        String where = "history store " + loc.display();
        String msg = clean(e.getMessage(), password);
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String text;
        if (loc.kind() == StoreLocation.Kind.H2 && e.getErrorCode() == 90020) {
            text = where + " is in use by another process (waited " + LOCK_WAIT.toSeconds() + " s)";
        } else if (loc.kind() == StoreLocation.Kind.H2 && (e.getErrorCode() == 90030 || e.getErrorCode() == 90048
                || e.getErrorCode() == 90028 && rootCause(e) instanceof java.io.EOFException)) {
            text = where + " is not a readable scan history (corrupt, truncated, or not an H2 database)";
        } else if (loc.kind() == StoreLocation.Kind.H2 && e.getErrorCode() == 90028) {
            text = where + " cannot be read: " + clean(String.valueOf(rootCause(e)), password);
        } else if (state.startsWith("08")) {
            text = "cannot connect to " + where + ": " + msg;
        } else if (state.startsWith("28")) {
            text = where + ": authentication failed: " + msg;
        } else if (state.equals("3D000")) {
            text = where + ": " + msg;
        } else {
            text = where + ": " + doing + ": " + msg;
        }
        return new HistoryException(text, e);
    }

    /** The first line of a driver's message, without H2's error code suffix, any password masked. */
    static String clean(String message, String password) {
        if (message == null) return "unknown error";
        String first = message.strip().lines().findFirst().orElse("").strip();
        first = H2_ERROR_CODE.matcher(first).replaceAll("");
        first = StoreLocation.mask(first);
        if (password != null && !password.isEmpty()) first = first.replace(password, "***");
        return first;
    }

    /** Connections for Flyway and the store: the one driver the URL names, the password added when given. */
    private static final class StoreDataSource implements DataSource {
        private final StoreLocation location;
        private final String password;
        private final Duration lockWait;

        StoreDataSource(StoreLocation location, String password, Duration lockWait) {
            this.location = location;
            this.password = password;
            this.lockWait = lockWait;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Driver driver = location.kind() == StoreLocation.Kind.H2
                    ? new org.h2.Driver() : new org.postgresql.Driver();
            Properties p = new Properties();
            if (password != null && !password.isEmpty()) p.setProperty("password", password);
            if (location.kind() == StoreLocation.Kind.POSTGRESQL) p.setProperty("ApplicationName", "preflight");
            long deadline = System.nanoTime() + lockWait.toNanos();
            for (long pause = 50; ; pause = Math.min(pause * 2, 1000)) {
                try {
                    Connection c = driver.connect(location.jdbcUrl(), p);
                    if (c == null) throw new SQLException("the JDBC driver does not accept this URL", "08001");
                    return c;
                } catch (SQLException e) {
                    // an embedded H2 file is locked while another process has it open: wait for it a while
                    if (e.getErrorCode() != 90020 || location.kind() != StoreLocation.Kind.H2
                            || System.nanoTime() + pause * 1_000_000 > deadline) {
                        throw e;
                    }
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
