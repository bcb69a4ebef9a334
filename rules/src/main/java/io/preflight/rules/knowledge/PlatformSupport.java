package io.preflight.rules.knowledge;

/**
 * One supported (OS, Docker) pair for a DC/OS minor, from the version policy.
 *
 * @param dcosMinor {@code 1.11}
 * @param os        as {@link io.preflight.facts.OsRelease#platform()} prints it: {@code CentOS 7.4}, {@code RHEL 7.6},
 *                  {@code CoreOS 1632.3.0}
 * @param docker    the Docker version prefix tested, e.g. {@code 17.06.2}, {@code 1.13.1}; a node's server version
 *                  matches when it starts with it (at a dot/dash boundary)
 * @param edition   {@code CE}, {@code EE}, {@code Engine}, {@code RH} (Red Hat's fork) or empty; informational
 */
public record PlatformSupport(String dcosMinor, String os, String docker, String edition, String source) {
    /** True when a node's docker server version is this row's version. */
    public boolean matchesDocker(String serverVersion) {
        if (serverVersion == null) return false;
        String v = serverVersion.trim();
        if (!v.startsWith(docker)) return false;
        return v.length() == docker.length() || !Character.isDigit(v.charAt(docker.length()));
    }
}
