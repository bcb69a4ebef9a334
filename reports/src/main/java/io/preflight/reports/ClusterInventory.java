package io.preflight.reports;

import java.util.List;
import java.util.Map;

/**
 * The FAQ's "Gathering Data" worksheet, filled from the facts: versions by role, node counts, tasks per node and
 * the apps pinned to hosts.
 *
 * @param dcosVersions     role → (DC/OS version → node count)
 * @param mesosVersions    role → (Mesos version → node count)
 * @param osVersions       role → (OS → node count)
 * @param dockerVersions   role → (Docker server version, or "not answering" → node count)
 * @param marathonVersion  Marathon's version (null when unknown)
 * @param nodes            role → node count (master, agent, agent_public)
 * @param tasksPerNode     agent host → tasks the master lists for it
 * @param apps             number of Marathon apps
 * @param pinnedApps       app id → hosts it is pinned to
 */
public record ClusterInventory(Map<String, Map<String, Integer>> dcosVersions,
                               Map<String, Map<String, Integer>> mesosVersions,
                               Map<String, Map<String, Integer>> osVersions,
                               Map<String, Map<String, Integer>> dockerVersions, String marathonVersion,
                               Map<String, Integer> nodes, Map<String, Integer> tasksPerNode, int apps,
                               Map<String, List<String>> pinnedApps) {
}
