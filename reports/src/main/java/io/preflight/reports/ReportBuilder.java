package io.preflight.reports;

import io.preflight.facts.ClusterNode;
import io.preflight.facts.DcosInstall;
import io.preflight.facts.DockerDaemon;
import io.preflight.facts.Fact;
import io.preflight.facts.MarathonApp;
import io.preflight.facts.MarathonInfo;
import io.preflight.facts.MesosAgent;
import io.preflight.facts.MesosVersion;
import io.preflight.facts.OsRelease;
import io.preflight.facts.RoleFiles;
import io.preflight.facts.Role;
import io.preflight.rules.CheckOutcome;
import io.preflight.rules.Finding;
import io.preflight.rules.Severity;
import io.preflight.rules.plan.Hop;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Builds the immutable {@link Report} from the facts and the checker's outcome. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    /**
     * @param hopNotes  notes per hop ({@code from -> to} → notes), may be empty
     * @param failOn    the lowest severity that fails the gate
     * @param notes     statements about how the judgement was made
     */
    public static Report build(String cluster, Collection<? extends Fact> facts, CheckOutcome outcome,
                               Map<String, List<String>> hopNotes, Severity failOn, List<String> notes,
                               String tool, Instant now) {
        List<ReportFinding> findings = outcome.findings().stream().map(ReportFinding::of).toList();
        boolean nogo = findings.stream().anyMatch(f -> !f.waived() && f.severity().atLeast(failOn));
        List<PathHop> hops = new ArrayList<>();
        for (Hop h : outcome.path()) {
            hops.add(new PathHop(h.from(), h.to(), h.qualifiedBy(),
                    hopNotes.getOrDefault(h.from() + " -> " + h.to(), List.of())));
        }
        return new Report(Report.SCHEMA_VERSION, nogo ? Verdict.NO_GO : Verdict.GO, cluster, outcome.current(),
                outcome.target(), outcome.targetOrigin(), outcome.pathVersions(), hops, coverage(facts),
                inventory(facts, outcome.findings()), findings, failOn.name(),
                now.truncatedTo(ChronoUnit.SECONDS).toString(), tool, notes, evaluated(outcome), List.of(), List.of());
    }

    private static List<EvaluatedRule> evaluated(CheckOutcome outcome) {
        return outcome.rules().stream()
                .map(m -> new EvaluatedRule(m.id(), m.severity(), m.title(), m.reference(), m.pack())).toList();
    }

    /** Nodes expected (ClusterNode facts) and nodes that reported any probe fact. */
    public static Report.Coverage coverage(Collection<? extends Fact> facts) {
        Set<String> expected = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (Fact f : facts) {
            if (f instanceof ClusterNode n) expected.add(n.subject());
        }
        for (Fact f : facts) {
            if ((f instanceof DcosInstall || f instanceof OsRelease || f instanceof RoleFiles)
                    && expected.contains(f.subject())) {
                reported.add(f.subject());
            }
        }
        return new Report.Coverage(expected.size(), reported.size());
    }

    static ClusterInventory inventory(Collection<? extends Fact> facts, List<Finding> findings) {
        Map<String, String> roleOf = new HashMap<>();
        Map<String, Integer> nodes = new TreeMap<>();
        for (Fact f : facts) {
            if (f instanceof ClusterNode n) {
                String role = role(n.role());
                roleOf.put(n.subject(), role);
                nodes.merge(role, 1, Integer::sum);
            }
        }
        Function<Fact, String> role = f -> roleOf.getOrDefault(f.subject(), "unknown");
        Map<String, Map<String, Integer>> dcos = new TreeMap<>();
        Map<String, Map<String, Integer>> mesos = new TreeMap<>();
        Map<String, Map<String, Integer>> os = new TreeMap<>();
        Map<String, Map<String, Integer>> docker = new TreeMap<>();
        Map<String, Integer> tasks = new TreeMap<>();
        String marathon = null;
        int apps = 0;
        Set<String> mesosSeen = new HashSet<>();
        for (Fact f : facts) {
            if (f instanceof DcosInstall d) tally(dcos, role.apply(f), d.version());
            else if (f instanceof MesosVersion m && mesosSeen.add(m.subject())) tally(mesos, role.apply(f), m.version());
            else if (f instanceof OsRelease o) tally(os, role.apply(f), o.platform());
            else if (f instanceof DockerDaemon d) {
                tally(docker, role.apply(f), d.answering() ? d.serverVersion() : "not answering");
            } else if (f instanceof MesosAgent a) tasks.put(a.subject(), a.tasks());
            else if (f instanceof MarathonInfo mi && mi.version() != null) marathon = mi.version();
            else if (f instanceof MarathonApp) apps++;
        }
        Map<String, List<String>> pinned = new TreeMap<>();
        for (Finding f : findings) {
            if (!"APP-PINNED".equals(f.ruleId())) continue;
            Object hosts = f.evidence().get("hosts");
            List<String> hs = new ArrayList<>();
            if (hosts instanceof Collection<?> c) c.forEach(h -> hs.add(String.valueOf(h)));
            else if (hosts != null) hs.add(String.valueOf(hosts));
            pinned.put(f.subject(), hs);
        }
        return new ClusterInventory(dcos, mesos, os, docker, marathon, nodes, tasks, apps, pinned);
    }

    private static void tally(Map<String, Map<String, Integer>> m, String role, String value) {
        m.computeIfAbsent(role, k -> new TreeMap<>()).merge(value == null ? "?" : value, 1, Integer::sum);
    }

    private static String role(Role r) {
        return r == Role.UNKNOWN ? "unknown" : r.name().toLowerCase(Locale.ROOT);
    }

    /** Counts findings at each severity (for summaries). */
    public static Map<Severity, Long> counts(Report r) {
        Map<Severity, Long> m = new HashMap<>();
        for (ReportFinding f : r.findings()) if (!f.waived()) m.merge(f.severity(), 1L, Long::sum);
        return m;
    }
}
