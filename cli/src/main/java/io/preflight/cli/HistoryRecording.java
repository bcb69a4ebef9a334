package io.preflight.cli;

import io.preflight.reports.Report;
import io.preflight.reports.history.HistoryException;
import io.preflight.reports.history.HistoryStore;
import io.preflight.reports.history.ScanDiff;
import io.preflight.reports.history.ScanSummary;
import io.preflight.reports.history.StoreLocation;
import io.preflight.reports.history.StoredFinding;
import io.preflight.rules.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code check}'s use of the scan history: which store (option, {@code $PREFLIGHT_HISTORY_STORE}, or the default
 * file), recording the scan with its cluster's trend, and the {@code --fail-on-new} exit code.
 */
final class HistoryRecording {
    /** Earlier scans attached to the report as its trend. */
    static final int TREND_POINTS = 30;
    private static final int LISTED = 10;

    private final StoreLocation location;
    private final String password;
    private final boolean failOnNew;

    private HistoryRecording(StoreLocation location, String password, boolean failOnNew) {
        this.location = location;
        this.password = password;
        this.failOnNew = failOnNew;
    }

    /**
     * The history {@code check} records into, or null when it records none. Recording is on with {@code --history},
     * {@code --history-store}, {@code --fail-on-new} or a store named in {@code $PREFLIGHT_HISTORY_STORE};
     * {@code --no-history} turns it off.
     */
    static HistoryRecording of(Boolean history, String store, boolean failOnNew, Map<String, String> env) {
        String configured = env.get(StoreLocation.ENV_STORE);
        boolean envStore = configured != null && !configured.isBlank();
        if (Boolean.FALSE.equals(history)) {
            if (store != null) throw new UserError("--no-history and --history-store contradict each other");
            if (failOnNew) throw new UserError("--fail-on-new compares with the scan history: drop --no-history");
            return null;
        }
        if (!Boolean.TRUE.equals(history) && store == null && !failOnNew && !envStore) return null;
        try {
            StoreLocation loc = store != null ? StoreLocation.parse(store) : defaultLocation(env);
            return new HistoryRecording(loc, env.get(StoreLocation.ENV_PASSWORD), failOnNew);
        } catch (HistoryException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** The store named by {@code $PREFLIGHT_HISTORY_STORE}, else the file under the user's data directory. */
    static StoreLocation defaultLocation(Map<String, String> env) {
        // $HOME first, as the XDG base directory spec says (the JVM's user.home comes from the password database)
        String home = env.get("HOME");
        return StoreLocation.byDefault(env, home != null && !home.isBlank() && Path.of(home).isAbsolute()
                ? Path.of(home) : Path.of(System.getProperty("user.home")));
    }

    /** Opens (creating and migrating) the store and closes it: a bad store fails before a long collection does. */
    void check() {
        try {
            HistoryStore.open(location, password, HistoryStore.Mode.CREATE).close();
        } catch (HistoryException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /**
     * Attaches the cluster's trend (its last {@value #TREND_POINTS} earlier scans, oldest first) and, for
     * {@code --fail-on-new}, a note on what is new; records the report so; returns it with its exit code.
     */
    Recorded record(Report report, Severity failOn) {
        try (HistoryStore store = HistoryStore.open(location, password, HistoryStore.Mode.CREATE)) {
            Optional<ScanSummary> previous = store.latest(report.cluster());
            Report r = report.withTrend(store.trend(report.cluster(), TREND_POINTS));
            List<StoredFinding> newBlocking = null;
            if (failOnNew) {
                List<StoredFinding> before = previous.map(p -> store.findings(p.id())).orElse(List.of());
                newBlocking = ScanDiff.newBlocking(before, r.findings().stream().map(StoredFinding::of).toList(),
                        failOn);
                r = r.withNotes(List.of(note(report.cluster(), previous, newBlocking)));
            }
            long id = store.record(r);
            return new Recorded(r, id, newBlocking);
        } catch (HistoryException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private static String note(String cluster, Optional<ScanSummary> previous, List<StoredFinding> added) {
        if (previous.isEmpty()) {
            return "--fail-on-new: no earlier scan of cluster " + cluster + " in the scan history, so every blocking"
                    + " finding counts as new";
        }
        ScanSummary p = previous.get();
        StringBuilder s = new StringBuilder("--fail-on-new: the exit code counts only blocking findings that did not"
                + " block in scan #" + p.id() + " (" + p.time() + "): ");
        if (added.isEmpty()) return s.append("none is new").toString();
        s.append(added.size()).append(" new: ");
        for (int i = 0; i < Math.min(LISTED, added.size()); i++) {
            if (i > 0) s.append(", ");
            s.append(added.get(i).ruleId()).append(' ').append(added.get(i).subject());
        }
        if (added.size() > LISTED) s.append(" and ").append(added.size() - LISTED).append(" more");
        return s.toString();
    }

    /**
     * A recorded scan.
     *
     * @param report      the report as recorded (with its trend and any {@code --fail-on-new} note)
     * @param newBlocking for {@code --fail-on-new}, the blocking findings new since the previous scan; else null
     */
    record Recorded(Report report, long scanId, List<StoredFinding> newBlocking) {
        /** The exit code: with {@code --fail-on-new} only new blocking findings fail; else the verdict decides. */
        int exitCode() {
            if (newBlocking != null) return newBlocking.isEmpty() ? Main.GO : Main.NO_GO;
            return report.verdict() == io.preflight.reports.Verdict.GO ? Main.GO : Main.NO_GO;
        }
    }
}
