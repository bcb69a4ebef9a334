package io.preflight.reports.history;

import java.util.List;

/**
 * The child JVM of {@link KilledScanTest}: records one small scan (committed), then starts a 1,200-finding scan and
 * stops inside its transaction after the first 500 finding rows, saying {@code PAUSED}, until it is killed. With
 * {@code after-commit} it stops right after the first commit instead.
 */
public final class KillableScan {
    private KillableScan() {
    }

    public static void main(String[] args) throws Exception {
        StoreLocation loc = StoreLocation.parse(args[0]);
        try (HistoryStore store = HistoryStore.open(loc, null, HistoryStore.Mode.CREATE)) {
            long kept = store.record(ScanReports.report("killed", "2026-11-20T05:00:00Z",
                    List.of(ScanReports.blocker("X-CHILD n1"))));
            System.out.println("RECORDED " + kept);
            System.out.flush();
            if (args.length > 1 && args[1].equals("after-commit")) Thread.sleep(600_000);
            store.record(ScanReports.big("killed", "2026-11-20T06:00:00Z", 1200), rows -> {
                System.out.println("PAUSED " + rows);
                System.out.flush();
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        System.out.println("NOT KILLED");
    }
}
