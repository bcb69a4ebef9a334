package io.preflight.facts;

import java.util.List;

/** The entries of {@code /etc/mesosphere/roles/} on a node (e.g. {@code [master]} or {@code [slave]}). */
public record RoleFiles(String subject, String source, List<String> roles) implements Fact {
    public RoleFiles {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** The single role, or {@link Role#UNKNOWN} when there is none or several. */
    public Role role() {
        return roles.size() == 1 ? Role.parse(roles.get(0)) : Role.UNKNOWN;
    }
}
