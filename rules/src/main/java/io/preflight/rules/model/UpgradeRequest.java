package io.preflight.rules.model;

/**
 * The question being judged: from the cluster's current DC/OS version to the target. Inserted once per evaluation.
 *
 * @param currentKnown / targetKnown  the version is in the release catalog
 * @param currentOrdinal / targetOrdinal minor ordinal in the catalog (-1 when unknown)
 * @param currentMesosKey / targetMesosKey {@code Version.key()} of the bundled Mesos (-1 when unknown)
 * @param targetConfigGiven an explicit target config.yaml was supplied
 */
public record UpgradeRequest(String current, String target, boolean currentKnown, boolean targetKnown,
                             int currentOrdinal, int targetOrdinal, String currentMesos, String targetMesos,
                             long currentMesosKey, long targetMesosKey, String targetMinor,
                             boolean targetConfigGiven) {
    public String subject() {
        return current + " -> " + target;
    }
}
