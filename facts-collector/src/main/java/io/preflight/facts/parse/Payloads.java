package io.preflight.facts.parse;

import io.preflight.facts.ConfigScope;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import java.util.List;

/**
 * Turns one raw payload into facts. The single entry point used by both the live collectors and the bundle reader,
 * so a bundle replayed later gets the same (or a newer version's better) parsing. Stateless and thread-safe.
 *
 * <p>One parser per payload family: {@code MesosStateParser} (state, slaves), {@code MesosFlagsParser},
 * {@code MesosVersionParser}, {@code MesosMetricsParser}, {@code MarathonParser} (info, leader, deployments),
 * {@code MarathonAppsParser}, {@code ExhibitorParser}, {@link NodeProbeParser} (the SSH probe document and its
 * format) and {@link ConfigYamlParser} (also used directly for the target config).
 */
public final class Payloads {
    private Payloads() {
    }

    /**
     * @param kind    what the payload is
     * @param subject the node's host for per-node kinds; the cluster name (or {@code cluster}) otherwise. Cluster-level
     *                parsers name their facts' subjects themselves ({@code mesos}, an agent's hostname, {@code marathon},
     *                an app id, {@code config.yaml(running)} ...)
     * @param role    the node's role for per-node kinds ({@link Role#UNKNOWN} for cluster-level kinds)
     * @param source  where it came from, copied into every fact's {@code source}
     * @param body    the payload bytes (UTF-8)
     * @return the facts it holds; a per-fact gap (e.g. a probe section the node could not run) is returned as a
     *         {@code CollectionProblem} fact, not thrown
     * @throws PayloadException when the payload as a whole is malformed (not JSON, wrong shape), naming where
     */
    public static List<Fact> parse(PayloadKind kind, String subject, Role role, String source, byte[] body)
            throws PayloadException {
        if (kind == null) throw new IllegalArgumentException("payload kind is required");
        if (body == null) throw new PayloadException(kind.fileName() + ": no payload");
        Role r = role == null ? Role.UNKNOWN : role;
        return switch (kind) {
            case MESOS_STATE -> MesosStateParser.parseState(source, body);
            case MESOS_SLAVES -> MesosStateParser.parseSlaves(source, body);
            case MESOS_FLAGS -> MesosFlagsParser.parse(subject, r, source, body);
            case MESOS_VERSION -> MesosVersionParser.parse(subject, r, source, body);
            case MESOS_METRICS -> MesosMetricsParser.parse(subject, r, source, body);
            case MARATHON_INFO -> MarathonParser.parseInfo(source, body);
            case MARATHON_LEADER -> MarathonParser.parseLeader(source, body);
            case MARATHON_APPS -> MarathonAppsParser.parse(source, body);
            case MARATHON_DEPLOYMENTS -> MarathonParser.parseDeployments(source, body);
            case EXHIBITOR_STATUS -> ExhibitorParser.parse(source, body);
            case NODE_PROBE -> NodeProbeParser.parse(subject, r, source, body);
            case CONFIG_RUNNING -> ConfigYamlParser.parseConfig(ConfigScope.RUNNING, source, body);
        };
    }
}
