package io.preflight.facts.bundle;

import io.preflight.facts.Fact;
import java.util.List;

/**
 * A fact bundle as read from disk: its manifest and every fact it yields, in a stable order: one
 * {@code ClusterNode} per manifest node, one {@code CollectionProblem} per manifest problem, then the parsed facts of
 * each payload in manifest order. Immutable and thread-safe.
 */
public record Bundle(Manifest manifest, List<Fact> facts) {
    public Bundle {
        facts = List.copyOf(facts);
    }
}
