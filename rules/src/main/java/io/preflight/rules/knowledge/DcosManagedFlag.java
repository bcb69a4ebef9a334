package io.preflight.rules.knowledge;

import java.util.List;

/** A {@code MESOS_*} variable DC/OS itself sets in its rendered env files, and the releases that set it. */
public record DcosManagedFlag(String envVar, String flag, List<String> releases, String source) {
    public DcosManagedFlag {
        releases = releases == null ? List.of() : List.copyOf(releases);
    }
}
