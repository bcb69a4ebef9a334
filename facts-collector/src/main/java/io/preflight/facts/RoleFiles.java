package io.preflight.facts;

import java.util.List;

/**
 * The entries of {@code /etc/mesosphere/roles/} on a node (e.g. {@code [master]} or {@code [slave]}). Other entries
 * exist on some installs ({@code aws}, {@code aws_master}, {@code azure} on cloud-template clusters) and are not roles.
 */
public record RoleFiles(String subject, String source, List<String> roles) implements Fact {
    public RoleFiles {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** The entries that name a DC/OS role ({@code master}, {@code slave}, {@code slave_public}). */
    public List<String> dcosRoles() {
        return roles.stream().filter(r -> Role.parse(r) != Role.UNKNOWN).toList();
    }

    /** The single DC/OS role, or {@link Role#UNKNOWN} when there is none or several. */
    public Role role() {
        List<String> r = dcosRoles();
        return r.size() == 1 ? Role.parse(r.get(0)) : Role.UNKNOWN;
    }
}
