package io.preflight.facts;

/**
 * Where a master keeps ZooKeeper state, and its newest backup.
 *
 * @param dataDir          the data directory in use
 * @param legacyDataDir    state lives in {@code /var/lib/zookeeper} instead of {@code /var/lib/dcos/exhibitor/zookeeper}
 * @param backupPath       the newest backup found (null when none)
 * @param backupAgeSeconds its age in seconds at collection time (null when none)
 */
public record ZooKeeperState(String subject, String source, String dataDir, boolean legacyDataDir,
                             String backupPath, Long backupAgeSeconds) implements Fact {
}
