package io.preflight.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.preflight.facts.AppConstraint;
import io.preflight.facts.Fact;
import io.preflight.facts.MarathonApp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Marathon's {@code /v2/apps} ({@code {"apps": [...]}}, with {@code embed=apps.tasks} when available), a single
 * {@code /v2/apps/<id>} ({@code {"app": {...}}}), or a group tree ({@code /v2/groups}: apps found recursively under
 * {@code groups}). Pods are ignored.
 *
 * <p>Per app: one {@link MarathonApp} (subject = app id; task counters default to 0 when absent, {@code instances}
 * to Marathon's default 1; {@code hosts} = the distinct {@code tasks[].host} in order, empty without embedded
 * tasks), and one {@link AppConstraint} per constraint, subject = app id, {@code index} = position in the list.
 * Constraint fields are kept exactly as written so rules can flag malformed ones: the array form
 * {@code ["hostname", "LIKE", "10.0.0.1"]} (any length; numbers as text, JSON null as {@code ""}), the newer
 * object form {@code {"fieldName", "operator", "value"}} (value only when present), and anything else as a single
 * field holding its JSON text.
 */
final class MarathonAppsParser {
    private MarathonAppsParser() {
    }

    static List<Fact> parse(String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireObject(JsonPayload.read(body, "marathon /v2/apps"), "$");
        List<Fact> facts = new ArrayList<>();
        if (root.has("app")) {
            app(JsonPayload.requireObject(root.get("app"), "$.app"), "$.app", source, facts);
        } else if (root.has("apps") || root.has("groups")) {
            group(root, "$", source, facts);
        } else {
            throw new PayloadException("$.apps: missing; not a Marathon /v2/apps payload");
        }
        return facts;
    }

    private static void group(JsonNode group, String path, String source, List<Fact> facts) throws PayloadException {
        JsonNode apps = group.get("apps");
        if (apps != null && !apps.isNull()) {
            JsonPayload.requireArray(apps, path + ".apps");
            for (int i = 0; i < apps.size(); i++) {
                String p = path + ".apps[" + i + "]";
                app(JsonPayload.requireObject(apps.get(i), p), p, source, facts);
            }
        }
        JsonNode groups = group.get("groups");
        if (groups != null && !groups.isNull()) {
            JsonPayload.requireArray(groups, path + ".groups");
            for (int i = 0; i < groups.size(); i++) {
                String p = path + ".groups[" + i + "]";
                group(JsonPayload.requireObject(groups.get(i), p), p, source, facts);
            }
        }
    }

    private static void app(JsonNode app, String path, String source, List<Fact> facts) throws PayloadException {
        String id = JsonPayload.requireText(app, "id", path);
        Map<String, String> labels = JsonPayload.stringMap(app.get("labels"), path + ".labels");
        Set<String> hosts = new LinkedHashSet<>();
        JsonNode tasks = app.get("tasks");
        if (tasks != null && tasks.isArray()) {
            for (int i = 0; i < tasks.size(); i++) {
                String host = JsonPayload.optText(tasks.get(i), "host", path + ".tasks[" + i + "]");
                if (host != null && !host.isBlank()) hosts.add(host);
            }
        }
        facts.add(new MarathonApp(id, source,
                JsonPayload.optInt(app, "instances", path, 1),
                JsonPayload.optInt(app, "tasksRunning", path, 0),
                JsonPayload.optInt(app, "tasksStaged", path, 0),
                JsonPayload.optInt(app, "tasksUnhealthy", path, 0),
                labels, new ArrayList<>(hosts)));
        JsonNode constraints = app.get("constraints");
        if (constraints == null || constraints.isNull()) return;
        if (!constraints.isArray()) {
            facts.add(new AppConstraint(id, source, 0, List.of(constraints.toString())));
            return;
        }
        for (int i = 0; i < constraints.size(); i++) {
            facts.add(new AppConstraint(id, source, i, fields(constraints.get(i))));
        }
    }

    static List<String> fields(JsonNode c) {
        List<String> fields = new ArrayList<>();
        if (c.isArray()) {
            for (JsonNode f : c) fields.add(f.isNull() ? "" : JsonPayload.scalarText(f));
        } else if (c.isObject() && (c.has("fieldName") || c.has("operator"))) {
            fields.add(c.path("fieldName").isNull() ? "" : JsonPayload.scalarText(c.path("fieldName")));
            fields.add(c.path("operator").isNull() ? "" : JsonPayload.scalarText(c.path("operator")));
            JsonNode v = c.get("value");
            if (v != null && !v.isNull()) fields.add(JsonPayload.scalarText(v));
        } else {
            fields.add(c.isTextual() ? c.textValue() : c.toString());
        }
        return fields;
    }
}
