package io.preflight.facts;

/**
 * A node the cluster expects, with the role the cluster sees it in: from Mesos ({@code /master/slaves}), the
 * running config's {@code master_list}, Exhibitor's ensemble or the inventory. Every rule that needs a
 * per-node fact treats a {@code ClusterNode} without that fact as unverified.
 *
 * @param seenBy which source(s) named the node, e.g. {@code master_list}, {@code mesos}
 */
public record ClusterNode(String subject, String source, Role role, String seenBy) implements Fact {
    public boolean isMaster() { return role == Role.MASTER; }
    public boolean isAgent() { return role == Role.AGENT || role == Role.AGENT_PUBLIC; }
}
