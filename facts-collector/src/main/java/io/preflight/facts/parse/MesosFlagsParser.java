package io.preflight.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosFlags;
import io.preflight.facts.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A master's or agent's effective flags: the classic {@code /flags} body {@code {"flags": {name: value}}} (also the
 * {@code flags} member of {@code /master/state}), or the v1 operator API's {@code GET_FLAGS} response
 * {@code {"type": "GET_FLAGS", "get_flags": {"flags": [{"name", "value"}]}}}. Values of secret-looking flags are
 * masked unless they are file paths (see {@link Secrets#maskValue}).
 */
final class MesosFlagsParser {
    private MesosFlagsParser() {
    }

    static List<Fact> parse(String subject, Role role, String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireObject(JsonPayload.read(body, "mesos flags"), "$");
        Map<String, String> flags = new LinkedHashMap<>();
        if (root.has("get_flags")) {
            JsonNode list = JsonPayload.requireArray(
                    JsonPayload.requireObject(root.get("get_flags"), "$.get_flags").get("flags"), "$.get_flags.flags");
            for (int i = 0; i < list.size(); i++) {
                String path = "$.get_flags.flags[" + i + "]";
                JsonNode f = JsonPayload.requireObject(list.get(i), path);
                String name = JsonPayload.requireText(f, "name", path);
                String value = JsonPayload.optText(f, "value", path);
                flags.put(name, Secrets.maskValue(name, value == null ? "" : value));
            }
        } else if (root.has("flags")) {
            JsonPayload.stringMap(root.get("flags"), "$.flags")
                    .forEach((name, value) -> flags.put(name, Secrets.maskValue(name, value)));
        } else {
            throw new PayloadException("$.flags: missing; not a Mesos /flags or GET_FLAGS payload");
        }
        return List.of(new MesosFlags(subject, source, component(role), flags));
    }

    /** {@code master} for a master, {@code agent} otherwise. */
    static String component(Role role) {
        return role == Role.MASTER ? "master" : "agent";
    }
}
