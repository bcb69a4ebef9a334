package io.preflight.facts.collect.http;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.bundle.Manifest;
import io.preflight.facts.parse.PayloadKind;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one {@link ClusterHttp#fetch}: either a body that parsed (its bytes and facts), or a problem.
 *
 * @param source   the URL fetched, without user info
 * @param status   the last HTTP status seen, 0 when none
 * @param attempts how many requests were made
 * @param body     the payload bytes when {@link #ok()}, else null (not copied: do not modify)
 * @param facts    what {@code Payloads.parse} made of the body when {@link #ok()}, else empty
 * @param problem  why nothing usable came back, else null
 */
public record Fetched(PayloadKind kind, String subject, String source, Instant collectedAt, int status, int attempts,
                      byte[] body, List<Fact> facts, CollectionProblem problem) {

    public Fetched {
        facts = facts == null ? List.of() : List.copyOf(facts);
    }

    public boolean ok() {
        return problem == null;
    }

    /** The manifest entry for the stored body; only when {@link #ok()}. */
    public Manifest.Payload payload() {
        if (!ok()) throw new IllegalStateException("no payload: " + problem.detail());
        return Manifest.Payload.of(kind, subject, source, collectedAt);
    }

    /** The manifest entry for the problem; only when not {@link #ok()}. */
    public Manifest.Problem manifestProblem() {
        if (ok()) throw new IllegalStateException("no problem");
        return Manifest.Problem.of(problem);
    }

    @Override
    public String toString() {
        return "Fetched[" + kind + " " + subject + " " + source + " status=" + status + " attempts=" + attempts
                + (ok() ? " bytes=" + body.length : " problem=" + problem) + "]";
    }
}
