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
import io.preflight.reports.waiver.WaiverCheck;
import io.preflight.reports.waiver.Waivers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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

    /** A report without waivers (no {@code --waivers}). */
    public static Report build(String cluster, Collection<? extends Fact> facts, CheckOutcome outcome,
                               Map<String, List<String>> hopNotes, Severity failOn, List<String> notes,
                               String tool, Instant now) {
        return build(cluster, facts, outcome, hopNotes, failOn, notes, tool, Waivers.NONE, now);
    }

    /**
     * @param hopNotes  notes per hop ({@code from -> to} → notes), may be empty
     * @param failOn    the lowest severity that fails the gate
     * @param notes     statements about how the judgement was made
     * @param waivers   the waiver file's entries ({@link Waivers#NONE} without one): a waived finding stays in the
     *                  report and does not count toward the verdict; the report-level waiver findings
     *                  ({@link WaiverCheck}) are added and do count
     * @param now       the instant waivers expire against and the report is dated with (injectable for tests)
     */
    public static Report build(String cluster, Collection<? extends Fact> facts, CheckOutcome outcome,
                               Map<String, List<String>> hopNotes, Severity failOn, List<String> notes,
                               String tool, Waivers waivers, Instant now) {
        Set<String> evaluatedIds = new HashSet<>();
        outcome.rules().forEach(m -> evaluatedIds.add(m.id()));
        Waivers.Applied applied = waivers.apply(outcome.findings().stream().map(ReportFinding::of).toList(),
                evaluatedIds, now);
        List<ReportFinding> findings = new ArrayList<>(applied.findings());
        findings.addAll(applied.notices());
        // the checker's order (severity, rule id, subject), the waiver findings in their place; stable for ties
        findings.sort(Comparator.comparing(ReportFinding::severity).reversed().thenComparing(ReportFinding::ruleId)
                .thenComparing(ReportFinding::subject));
        boolean nogo = findings.stream().anyMatch(f -> !f.waived() && f.severity().atLeast(failOn));
        List<PathHop> hops = new ArrayList<>();
        for (Hop h : outcome.path()) {
            hops.add(new PathHop(h.from(), h.to(), h.qualifiedBy(),
                    hopNotes.getOrDefault(h.from() + " -> " + h.to(), List.of())));
        }
        List<EvaluatedRule> rules = new ArrayList<>(evaluated(outcome));
        List<String> allNotes = new ArrayList<>(notes);
        if (waivers.given()) {
            for (WaiverCheck c : WaiverCheck.values()) rules.add(c.evaluated());
            int n = waivers.entries().size();
            allNotes.add("waivers from " + waivers.source() + ": " + n + (n == 1 ? " entry, " : " entries, ")
                    + applied.waived() + (applied.waived() == 1 ? " finding" : " findings")
                    + " waived (shown, not counted toward the verdict)");
        }
        return new Report(Report.SCHEMA_VERSION, nogo ? Verdict.NO_GO : Verdict.GO, cluster, outcome.current(),
                outcome.target(), outcome.targetOrigin(), outcome.pathVersions(), hops, coverage(facts),
                inventory(facts, outcome.findings()), findings, failOn.name(),
                now.truncatedTo(ChronoUnit.SECONDS).toString(), tool, allNotes, rules, List.of(), List.of());
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
