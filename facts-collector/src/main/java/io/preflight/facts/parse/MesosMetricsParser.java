package io.preflight.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.MasterStatus;
import io.preflight.facts.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A master's {@code /metrics/snapshot} (flat {@code {"master/elected": 1.0, ...}}) or the v1 {@code GET_METRICS}
 * response ({@code get_metrics.metrics[{name, value}]}) → {@link MasterStatus}. The replicated-log metric is
 * {@code registrar/log/recovered} (older masters and the v1 documentation call it {@code log/recovered}).
 * An agent's snapshot yields nothing: no rule reads agent metrics.
 *
 * <p>A master snapshot without {@code master/elected} still yields a {@code MasterStatus} (the master answered), but
 * not elected, plus a {@code PARSE_ERROR} problem, so a leader check cannot pass on it.
 */
final class MesosMetricsParser {
    private MesosMetricsParser() {
    }

    static List<Fact> parse(String subject, Role role, String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireObject(JsonPayload.read(body, "mesos metrics"), "$");
        if (role != Role.MASTER) return List.of();
        Map<String, JsonNode> metrics = new HashMap<>();
        if (root.has("get_metrics")) {
            JsonNode list = JsonPayload.requireArray(
                    JsonPayload.requireObject(root.get("get_metrics"), "$.get_metrics").get("metrics"),
                    "$.get_metrics.metrics");
            for (int i = 0; i < list.size(); i++) {
                String path = "$.get_metrics.metrics[" + i + "]";
                JsonNode m = JsonPayload.requireObject(list.get(i), path);
                metrics.put(JsonPayload.requireText(m, "name", path), m.get("value"));
            }
        } else {
            for (Map.Entry<String, JsonNode> e : root.properties()) metrics.put(e.getKey(), e.getValue());
        }
        Double elected = number(metrics, "master/elected");
        Double recovered = number(metrics, "registrar/log/recovered");
        if (recovered == null) recovered = number(metrics, "log/recovered");
        MasterStatus status = new MasterStatus(subject, source, elected != null && elected == 1.0, recovered);
        if (elected != null) return List.of(status);
        return List.of(status, new CollectionProblem(subject, source, CollectionProblem.Kind.PARSE_ERROR,
                "mesos-metrics", "the master's metrics have no 'master/elected'"));
    }

    private static Double number(Map<String, JsonNode> metrics, String name) throws PayloadException {
        JsonNode v = metrics.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw JsonPayload.wrongType(v, "$['" + name + "']", "a number");
        return v.doubleValue();
    }
}
