package io.preflight.facts;

import java.util.Map;

/**
 * An agent as the leading master sees it ({@code /master/state} or {@code /master/slaves}).
 *
 * @param subject    the agent's hostname (DC/OS uses the IP)
 * @param active     the master considers it active (connected)
 * @param publicAgent it reserves resources for {@code slave_public} or carries {@code public_ip:true}
 * @param tasks      tasks the master lists for it (running or staging)
 */
public record MesosAgent(String subject, String source, String agentId, boolean active, String version,
                         Map<String, String> attributes, boolean publicAgent, int tasks) implements Fact {
    public MesosAgent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }
}
