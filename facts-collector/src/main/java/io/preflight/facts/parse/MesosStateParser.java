package io.preflight.facts.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.MesosAgent;
import io.preflight.facts.MesosLeader;
import io.preflight.facts.MesosVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leading master's {@code /master/state} (also {@code /state}, {@code /state.json}, {@code /state-summary}) and
 * {@code /master/slaves}, in every shape from Mesos 0.20 to 1.11.
 *
 * <p>Produces one {@link MesosLeader} (subject {@code mesos}), and per agent a {@link MesosAgent} (subject = the
 * agent's hostname, which DC/OS sets to its IP) plus a {@link MesosVersion} (component {@code agent}) when the master
 * reports the agent's version (Mesos 0.27+; older masters do not).
 *
 * <p>Shape differences handled:
 * <ul>
 *   <li>{@code active} is missing before Mesos 0.22: such agents are taken as active (the master lists registered
 *       agents), but when the master's {@code deactivated_slaves} counter is above 0 the payload cannot say which
 *       ones are inactive, so each gets a {@link CollectionProblem} ({@code MISSING}, what {@code mesos-agent-active}).
 *   <li>{@code recovered_slaves} (1.x, after a master fail-over) are agents the registry knows that have not
 *       re-registered: reported as inactive agents unless the same id or hostname is also in {@code slaves}.
 *   <li>tasks: counted from {@code frameworks[*].tasks} and {@code orphan_tasks} (running, staging or starting), or
 *       taken from the per-agent {@code TASK_*} counters of {@code /state-summary}.
 *   <li>{@code /state-summary} names no leader: it yields a {@code CollectionProblem} (what {@code mesos-leader})
 *       instead of a {@link MesosLeader}.
 *   <li>an agent's own {@code /state} (it has {@code master_hostname} and no {@code slaves}) yields the agent's
 *       {@link MesosVersion} and a {@code PARSE_ERROR} problem, since it holds neither the leader nor the agents.
 * </ul>
 */
final class MesosStateParser {
    static final String LEADER_SUBJECT = "mesos";
    private static final Set<String> LIVE_TASK_STATES = Set.of("TASK_RUNNING", "TASK_STAGING", "TASK_STARTING");

    private MesosStateParser() {
    }

    /** {@code /master/state}: the leader, the agents, their versions. */
    static List<Fact> parseState(String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireObject(JsonPayload.read(body, "mesos state"), "$");
        List<Fact> facts = new ArrayList<>();
        if (!root.has("slaves")) {
            if (root.has("master_hostname")) return agentOwnState(root, source);
            throw new PayloadException("$.slaves: missing; not a Mesos master /state payload");
        }
        if (root.has("leader") || root.has("leader_info") || root.has("pid") || root.has("version")) {
            facts.add(new MesosLeader(LEADER_SUBJECT, source, leaderHost(root)));
        } else {
            facts.add(new CollectionProblem(LEADER_SUBJECT, source, CollectionProblem.Kind.MISSING, "mesos-leader",
                    "the payload (a /state-summary) does not name the leading master"));
        }
        Map<String, Integer> tasksByAgent = countLiveTasks(root);
        long deactivated = root.path("deactivated_slaves").asLong(0);
        agents(root, source, tasksByAgent, deactivated > 0, facts);
        return facts;
    }

    /** {@code /master/slaves}: the agents only (no tasks unless the payload carries {@code TASK_*} counters). */
    static List<Fact> parseSlaves(String source, byte[] body) throws PayloadException {
        JsonNode root = JsonPayload.requireObject(JsonPayload.read(body, "mesos slaves"), "$");
        if (!root.has("slaves")) throw new PayloadException("$.slaves: missing; not a Mesos /master/slaves payload");
        List<Fact> facts = new ArrayList<>();
        agents(root, source, Map.of(), false, facts);
        return facts;
    }

    private static void agents(JsonNode root, String source, Map<String, Integer> tasksByAgent,
                               boolean someInactiveUnknown, List<Fact> facts) throws PayloadException {
        JsonNode slaves = JsonPayload.requireArray(root.get("slaves"), "$.slaves");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < slaves.size(); i++) {
            String path = "$.slaves[" + i + "]";
            JsonNode s = JsonPayload.requireObject(slaves.get(i), path);
            Boolean active = JsonPayload.optBoolean(s, "active", path);
            MesosAgent agent = agent(s, path, source, active == null || active, tasksByAgent);
            seen.add(agent.subject());
            if (agent.agentId() != null) seen.add(agent.agentId());
            add(agent, source, facts);
            if (active == null && someInactiveUnknown) {
                facts.add(new CollectionProblem(agent.subject(), source, CollectionProblem.Kind.MISSING,
                        "mesos-agent-active", "the master reports deactivated agents but this Mesos version does not"
                        + " say which (no 'active' field)"));
            }
        }
        JsonNode recovered = root.get("recovered_slaves");
        if (recovered != null && recovered.isArray()) {
            for (int i = 0; i < recovered.size(); i++) {
                String path = "$.recovered_slaves[" + i + "]";
                JsonNode s = JsonPayload.requireObject(recovered.get(i), path);
                String id = JsonPayload.optText(s, "id", path);
                String host = JsonPayload.optText(s, "hostname", path);
                if ((id != null && seen.contains(id)) || (host != null && seen.contains(host))) continue;
                add(agent(s, path, source, false, tasksByAgent), source, facts);
            }
        }
    }

    private static void add(MesosAgent agent, String source, List<Fact> facts) {
        facts.add(agent);
        if (agent.version() != null) {
            facts.add(new MesosVersion(agent.subject(), source, "agent", agent.version()));
        }
    }

    private static MesosAgent agent(JsonNode s, String path, String source, boolean active,
                                    Map<String, Integer> tasksByAgent) throws PayloadException {
        String host = JsonPayload.requireText(s, "hostname", path);
        String id = JsonPayload.optText(s, "id", path);
        String version = JsonPayload.optText(s, "version", path);
        Map<String, String> attributes = JsonPayload.stringMap(s.get("attributes"), path + ".attributes");
        JsonNode reserved = s.get("reserved_resources");
        boolean publicAgent = (reserved != null && reserved.isObject() && reserved.has("slave_public"))
                || "true".equalsIgnoreCase(attributes.get("public_ip"));
        int tasks;
        if (s.has("TASK_RUNNING")) { // /state-summary counters
            tasks = 0;
            for (String state : LIVE_TASK_STATES) tasks += JsonPayload.optInt(s, state, path, 0);
        } else {
            tasks = id == null ? 0 : tasksByAgent.getOrDefault(id, 0);
        }
        return new MesosAgent(host, source, id, active, version, attributes, publicAgent, tasks);
    }

    private static Map<String, Integer> countLiveTasks(JsonNode root) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode fw : root.path("frameworks")) {
            for (JsonNode t : fw.path("tasks")) count(t, counts);
        }
        for (JsonNode t : root.path("orphan_tasks")) count(t, counts);
        return counts;
    }

    private static void count(JsonNode task, Map<String, Integer> counts) {
        String state = task.path("state").asText("");
        String agentId = task.path("slave_id").asText(task.path("agent_id").asText(""));
        if (LIVE_TASK_STATES.contains(state) && !agentId.isEmpty()) counts.merge(agentId, 1, Integer::sum);
    }

    /**
     * The leader's host: from the pid {@code master@10.0.0.1:5050} (the address agents and DC/OS use), else
     * {@code leader_info.hostname}; null when the master names no leader.
     */
    static String leaderHost(JsonNode root) {
        String pid = root.path("leader").asText(null);
        if (pid == null || pid.isBlank()) pid = root.path("leader_info").path("pid").asText(null);
        String host = hostOfPid(pid);
        if (host == null) {
            String h = root.path("leader_info").path("hostname").asText(null);
            host = h == null || h.isBlank() ? null : h;
        }
        return host;
    }

    /** {@code master@10.0.0.1:5050} → {@code 10.0.0.1}; {@code master@[2001:db8::1]:5050} → {@code 2001:db8::1}. */
    static String hostOfPid(String pid) {
        if (pid == null || pid.isBlank()) return null;
        String hostPort = pid.substring(pid.indexOf('@') + 1).trim();
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end > 1 ? hostPort.substring(1, end) : null;
        }
        int colon = hostPort.lastIndexOf(':');
        String host = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
        return host.isEmpty() ? null : host;
    }

    private static List<Fact> agentOwnState(JsonNode root, String source) throws PayloadException {
        List<Fact> facts = new ArrayList<>();
        String host = JsonPayload.optText(root, "hostname", "$");
        String version = JsonPayload.optText(root, "version", "$");
        if (host != null && version != null) facts.add(new MesosVersion(host, source, "agent", version));
        facts.add(new CollectionProblem(LEADER_SUBJECT, source, CollectionProblem.Kind.PARSE_ERROR, "mesos-state",
                "the payload is an agent's /state (master_hostname " + root.path("master_hostname").asText()
                        + "), not the leading master's: it lists neither the leader nor the agents"));
        return facts;
    }
}
