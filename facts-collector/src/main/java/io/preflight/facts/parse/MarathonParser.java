package io.preflight.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.preflight.facts.Fact;
import io.preflight.facts.MarathonDeployment;
import io.preflight.facts.MarathonInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Marathon's {@code /v2/info}, {@code /v2/leader} and {@code /v2/deployments}.
 *
 * <p><b>How info and leader combine.</b> The two endpoints become two separate {@link MarathonInfo} facts that are
 * never merged:
 * <ul>
 *   <li>{@code /v2/info} → subject {@value #INFO_SUBJECT}: {@code version} and {@code leader} as the answering
 *       instance reports them (either may be null).
 *   <li>{@code /v2/leader} → subject {@value #LEADER_SUBJECT}: {@code version} always null, {@code leader} the
 *       {@code host:port} of the elected leader, null when Marathon answers {@code {"message": "There is no
 *       leader"}} (its 404 body). When the 404 was not stored, the collector records a {@code CollectionProblem}
 *       instead and there is no fact.
 * </ul>
 * Rules read the version from {@value #INFO_SUBJECT} and the leader from whichever of the two facts is present.
 */
final class MarathonParser {
    static final String INFO_SUBJECT = "marathon";
    static final String LEADER_SUBJECT = "marathon-leader";

    private MarathonParser() {
    }

    static List<Fact> parseInfo(String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireObject(JsonPayload.read(body, "marathon /v2/info"), "$");
        return List.of(new MarathonInfo(INFO_SUBJECT, source, JsonPayload.optText(root, "version", "$"),
                blankToNull(JsonPayload.optText(root, "leader", "$"))));
    }

    static List<Fact> parseLeader(String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireObject(JsonPayload.read(body, "marathon /v2/leader"), "$");
        String leader = blankToNull(JsonPayload.optText(root, "leader", "$"));
        if (leader == null && !root.has("message")) {
            throw new PayloadException("$.leader: missing; not a Marathon /v2/leader payload");
        }
        return List.of(new MarathonInfo(LEADER_SUBJECT, source, null, leader));
    }

    /** One {@link MarathonDeployment} per deployment (subject = deployment id). */
    static List<Fact> parseDeployments(String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireArray(JsonPayload.read(body, "marathon /v2/deployments"), "$");
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String path = "$[" + i + "]";
            JsonNode d = JsonPayload.requireObject(root.get(i), path);
            String id = JsonPayload.requireText(d, "id", path);
            List<String> apps = new ArrayList<>();
            JsonNode affected = d.get("affectedApps");
            if (affected != null && !affected.isNull()) {
                JsonPayload.requireArray(affected, path + ".affectedApps");
                for (JsonNode a : affected) apps.add(JsonPayload.scalarText(a));
            }
            String action = null;
            JsonNode current = d.get("currentActions");
            if (current != null && current.isArray() && !current.isEmpty()) {
                action = JsonPayload.optText(JsonPayload.requireObject(current.get(0), path + ".currentActions[0]"),
                        "action", path + ".currentActions[0]");
            }
            facts.add(new MarathonDeployment(id, source, apps, action));
        }
        return facts;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
