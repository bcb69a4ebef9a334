package io.preflight.facts.parse;

/**
 * The raw payloads preflight collects, and the file each is stored as in a fact bundle. Cluster-level payloads
 * live under {@code cluster/}, per-node ones under {@code nodes/<host>/}.
 */
public enum PayloadKind {
    /** Leading master's {@code /master/state} (or {@code /state}). Cluster-level. */
    MESOS_STATE("mesos-state.json", false),
    /** Leading master's {@code /master/slaves}. Cluster-level. */
    MESOS_SLAVES("mesos-slaves.json", false),
    /** A master's or agent's {@code /flags}. Per node. */
    MESOS_FLAGS("mesos-flags.json", true),
    /** A master's or agent's {@code /version}. Per node. */
    MESOS_VERSION("mesos-version.json", true),
    /** A master's or agent's {@code /metrics/snapshot}. Per node. */
    MESOS_METRICS("mesos-metrics.json", true),
    /** Marathon {@code /v2/info}. Cluster-level. */
    MARATHON_INFO("marathon-info.json", false),
    /** Marathon {@code /v2/leader}; its 404 answer ({"message": ...}) is stored as is and reads as "no leader". Cluster-level. */
    MARATHON_LEADER("marathon-leader.json", false),
    /** Marathon {@code /v2/apps} (with {@code embed=apps.tasks} when available). Cluster-level. */
    MARATHON_APPS("marathon-apps.json", false),
    /** Marathon {@code /v2/deployments}. Cluster-level. */
    MARATHON_DEPLOYMENTS("marathon-deployments.json", false),
    /** Exhibitor {@code /exhibitor/v1/cluster/status}. Cluster-level. */
    EXHIBITOR_STATUS("exhibitor-status.json", false),
    /** The SSH node probe's output document (see {@code docs/bundle-format.md}). Per node. */
    NODE_PROBE("probe.txt", true),
    /** The running config.yaml (a master's {@code user.config.yaml}), secrets masked. Cluster-level. */
    CONFIG_RUNNING("config-running.yaml", false);

    private final String fileName;
    private final boolean perNode;

    PayloadKind(String fileName, boolean perNode) {
        this.fileName = fileName;
        this.perNode = perNode;
    }

    public String fileName() {
        return fileName;
    }

    public boolean perNode() {
        return perNode;
    }

    /** The kind stored under {@code fileName}, or null. */
    public static PayloadKind byFileName(String name) {
        for (PayloadKind k : values()) if (k.fileName.equals(name)) return k;
        return null;
    }
}
