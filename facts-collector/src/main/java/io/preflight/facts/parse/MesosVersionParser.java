package io.preflight.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosVersion;
import io.preflight.facts.Role;
import java.util.List;

/**
 * A master's or agent's {@code /version} ({@code {"version": "1.3.0", ...}}) or the v1 operator API's
 * {@code GET_VERSION} response ({@code get_version.version_info.version}).
 */
final class MesosVersionParser {
    private MesosVersionParser() {
    }

    static List<Fact> parse(String subject, Role role, String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireObject(JsonPayload.read(body, "mesos version"), "$");
        String version;
        if (root.has("get_version")) {
            JsonNode info = JsonPayload.requireObject(
                    JsonPayload.requireObject(root.get("get_version"), "$.get_version").get("version_info"),
                    "$.get_version.version_info");
            version = JsonPayload.requireText(info, "version", "$.get_version.version_info");
        } else {
            version = JsonPayload.requireText(root, "version", "$");
        }
        return List.of(new MesosVersion(subject, source, MesosFlagsParser.component(role), version));
    }
}
