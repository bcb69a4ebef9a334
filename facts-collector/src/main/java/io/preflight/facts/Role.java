package io.preflight.facts;

import java.util.Locale;

/** The DC/OS role of a node, as the cluster or the node's role files name it. */
public enum Role {
    MASTER("master"), AGENT("slave"), AGENT_PUBLIC("slave_public"), UNKNOWN("");

    private final String roleFile;

    Role(String roleFile) {
        this.roleFile = roleFile;
    }

    /** The file name under {@code /etc/mesosphere/roles/} that marks this role. */
    public String roleFile() {
        return roleFile;
    }

    /** Parses a role file name or a role word ({@code master}, {@code agent}, {@code slave_public}, ...). */
    public static Role parse(String s) {
        if (s == null) return UNKNOWN;
        switch (s.trim().toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "master": case "masters": return MASTER;
            case "slave": case "agent": case "agents": case "private_agent": return AGENT;
            case "slave_public": case "agent_public": case "public_agent": case "public": return AGENT_PUBLIC;
            default: return UNKNOWN;
        }
    }
}
