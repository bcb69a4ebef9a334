package io.preflight.facts;

/**
 * A node's operating system from {@code /etc/os-release} (minor version from {@code centos-release} /
 * {@code redhat-release} where os-release only says "7").
 *
 * @param family   normalized family as the version policy names it: {@code CentOS}, {@code RHEL},
 *                 {@code CoreOS}, {@code Flatcar}, {@code Ubuntu}, {@code Oracle}, or the raw ID
 * @param version  the version the policy compares: {@code 7.4}, {@code 1632.3.0}, {@code 16.04}
 * @param kernel   {@code uname -r}, may be null
 */
public record OsRelease(String subject, String source, String family, String version, String prettyName,
                        String kernel) implements Fact {
    /** The key used by the version-policy table, e.g. {@code CentOS 7.4}. */
    public String platform() {
        return version == null || version.isBlank() ? family : family + " " + version;
    }
}
