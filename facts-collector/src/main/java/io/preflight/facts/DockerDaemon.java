package io.preflight.facts;

/**
 * Docker on a node ({@code docker version} / {@code docker info}).
 *
 * @param installed     a docker client or daemon exists on the node
 * @param answering     the daemon answered {@code docker version}'s server part
 * @param serverVersion the daemon's version (e.g. {@code 18.09.2}, {@code 17.06.2-ee-16}); null when not answering
 * @param detail        the error text when not answering
 */
public record DockerDaemon(String subject, String source, boolean installed, boolean answering,
                           String serverVersion, String clientVersion, String detail) implements Fact {
}
