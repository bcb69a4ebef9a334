package io.preflight.facts;

/**
 * One observed thing about a cluster. Every fact names the {@code subject} it describes (a node's host, an
 * app id, {@code marathon}, {@code config.yaml(running)} ...) and the {@code source} it came from (an HTTP
 * endpoint, the SSH probe section, a bundle file). Facts are immutable records; rules only read them.
 */
public interface Fact {
    /** What the fact is about; findings derived from it carry the same subject. */
    String subject();

    /** Where it was observed: an endpoint URL, {@code ssh:host:section}, or a bundle file path. */
    String source();
}
