package io.preflight.facts;

/** One ZooKeeper server of Exhibitor's {@code /exhibitor/v1/cluster/status}. */
public record ExhibitorServer(String subject, String source, int code, String description, boolean leader)
        implements Fact {
    public boolean serving() {
        return "serving".equalsIgnoreCase(description);
    }
}
