package io.preflight.facts;

import java.util.List;
import java.util.Map;

/** A Marathon app from {@code /v2/apps}, with task counts and the hosts its tasks run on. */
public record MarathonApp(String subject, String source, int instances, int tasksRunning, int tasksStaged,
                          int tasksUnhealthy, Map<String, String> labels, List<String> hosts) implements Fact {
    public MarathonApp {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}
