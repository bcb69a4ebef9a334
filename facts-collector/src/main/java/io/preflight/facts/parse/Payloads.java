package io.preflight.facts.parse;

import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import java.util.List;

/**
 * Turns one raw payload into facts. The single entry point used by both the live collectors and the bundle reader,
 * so a bundle replayed later gets the same (or a newer version's better) parsing.
 */
public final class Payloads {
    private Payloads() {
    }

    /**
     * @param kind    what the payload is
     * @param subject the node's host for per-node kinds; the cluster name (or {@code cluster}) otherwise
     * @param role    the node's role for per-node kinds ({@link Role#UNKNOWN} for cluster-level kinds)
     * @param source  where it came from, copied into every fact's {@code source}
     * @param body    the payload bytes (UTF-8)
     * @return the facts it holds; a per-fact gap (e.g. a probe section the node could not run) is returned as a
     *         {@code CollectionProblem} fact, not thrown
     * @throws PayloadException when the payload as a whole is malformed (not JSON, wrong shape), naming where
     */
    public static List<Fact> parse(PayloadKind kind, String subject, Role role, String source, byte[] body)
            throws PayloadException {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
