package io.preflight.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.preflight.facts.ExhibitorServer;
import io.preflight.facts.Fact;
import java.util.ArrayList;
import java.util.List;

/**
 * Exhibitor's {@code /exhibitor/v1/cluster/status}: an array of {@code {hostname, code, description, isLeader}},
 * one {@link ExhibitorServer} per server (subject = hostname). {@code code} 3 / {@code description "serving"} is a
 * healthy ensemble member.
 */
final class ExhibitorParser {
    private ExhibitorParser() {
    }

    static List<Fact> parse(String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireArray(JsonPayload.read(body, "exhibitor cluster/status"), "$");
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            String path = "$[" + i + "]";
            JsonNode s = JsonPayload.requireObject(root.get(i), path);
            Boolean leader = JsonPayload.optBoolean(s, "isLeader", path);
            facts.add(new ExhibitorServer(JsonPayload.requireText(s, "hostname", path), source,
                    JsonPayload.optInt(s, "code", path, -1), JsonPayload.optText(s, "description", path),
                    leader != null && leader));
        }
        return facts;
    }
}
