package io.preflight.facts;

import java.util.List;

/** A deployment in progress ({@code /v2/deployments}). */
public record MarathonDeployment(String subject, String source, List<String> affectedApps, String currentAction)
        implements Fact {
    public MarathonDeployment {
        affectedApps = affectedApps == null ? List.of() : List.copyOf(affectedApps);
    }
}
