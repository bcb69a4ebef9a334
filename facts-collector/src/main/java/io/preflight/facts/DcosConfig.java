package io.preflight.facts;

import java.util.List;

/**
 * A config.yaml as a whole: the fields rules read directly, and what DC/OS's own validation would reject.
 *
 * @param parseError  non-null when the file does not parse (then the other fields are empty)
 * @param violations  DC/OS validation failures (even master count, duplicate or non-IPv4 {@code master_list},
 *                    {@code bootstrap_url} ending in {@code /}, unknown backend/discovery)
 * @param security    {@code security} as written, null when absent (DC/OS's default applies)
 * @param provider    {@code provider} / platform hint, used to recognise CloudFormation-built clusters
 */
public record DcosConfig(String subject, String source, ConfigScope scope, String parseError,
                         List<String> masterList, String masterDiscovery, String exhibitorStorageBackend,
                         String bootstrapUrl, String security, String provider, List<String> violations)
        implements Fact {
    public DcosConfig {
        masterList = masterList == null ? List.of() : List.copyOf(masterList);
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    /** {@code security} with DC/OS's default ({@code permissive}) applied. */
    public String securityMode() {
        return security == null || security.isBlank() ? "permissive" : security;
    }

    /** The static master list in a stable order, for comparing two configs. */
    public List<String> sortedMasterList() {
        return masterList.stream().sorted().toList();
    }
}
