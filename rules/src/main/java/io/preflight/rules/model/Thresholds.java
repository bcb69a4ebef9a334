package io.preflight.rules.model;

/**
 * Numbers the rules compare against; defaults from the catalog, changeable in the site configuration.
 *
 * @param diskFreeBytes     NODE-DISK-LOW: minimum free bytes per mount (default 10 GiB)
 * @param diskFreeRatio     NODE-DISK-LOW: minimum free share per mount (default 0.10)
 * @param clockSkewMs       NODE-CLOCK-SKEW: maximum offset from the cluster's median (default 1000 ms)
 * @param maxErrorMs        NODE-NTP-UNSYNCED: maximum kernel error estimate (default 100 ms)
 * @param zkBackupMaxAgeSec ZK-BACKUP-MISSING: newest backup must be younger (default 24 h)
 * @param fdMargin          ZK-FD-HIGH: Exhibitor's open FDs must be below node count minus this (default 0)
 */
public record Thresholds(long diskFreeBytes, double diskFreeRatio, double clockSkewMs, double maxErrorMs,
                         long zkBackupMaxAgeSec, int fdMargin) {
    public static Thresholds defaults() {
        return new Thresholds(10L * 1024 * 1024 * 1024, 0.10, 1000.0, 100.0, 24 * 3600L, 0);
    }
}
