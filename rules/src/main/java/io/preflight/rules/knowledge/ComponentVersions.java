package io.preflight.rules.knowledge;

/** The Mesos, Marathon, ZooKeeper and Metronome versions bundled with one DC/OS release. */
public record ComponentVersions(String dcos, String mesos, String marathon, String zookeeper, String metronome,
                                String source) {
    /** {@link Version#key()} of the bundled Mesos, -1 if unknown. */
    public long mesosKey() {
        return Version.keyOf(mesos);
    }
}
