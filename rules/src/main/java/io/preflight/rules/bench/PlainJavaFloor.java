package io.preflight.rules.bench;

import io.preflight.facts.AppConstraint;
import io.preflight.facts.ClusterNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.ConfigScope;
import io.preflight.facts.CredentialsFile;
import io.preflight.facts.DcosConfig;
import io.preflight.facts.DcosInstall;
import io.preflight.facts.DiskSpace;
import io.preflight.facts.DockerDaemon;
import io.preflight.facts.ExhibitorProcess;
import io.preflight.facts.ExhibitorServer;
import io.preflight.facts.Fact;
import io.preflight.facts.MarathonInfo;
import io.preflight.facts.MasterStatus;
import io.preflight.facts.MesosAgent;
import io.preflight.facts.MesosFlagSetting;
import io.preflight.facts.MesosLeader;
import io.preflight.facts.MesosVersion;
import io.preflight.facts.OptIntegrity;
import io.preflight.facts.OsRelease;
import io.preflight.facts.Role;
import io.preflight.facts.RoleFiles;
import io.preflight.facts.TimeSync;
import io.preflight.facts.ZooKeeperState;
import io.preflight.rules.CheckOptions;
import io.preflight.rules.Checker;
import io.preflight.rules.knowledge.ComponentVersions;
import io.preflight.rules.knowledge.DcosManagedFlag;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.knowledge.MesosFlagChange;
import io.preflight.rules.knowledge.PlatformSupport;
import io.preflight.rules.knowledge.Release;
import io.preflight.rules.knowledge.Version;
import io.preflight.rules.model.Thresholds;
import io.preflight.rules.plan.Hop;
import io.preflight.rules.plan.UpgradePlanner;
import io.preflight.rules.testing.RuleCase.Expected;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The performance floor of the benchmark: a representative subset of the shipped checks written as plain loops and
 * hash maps over the same facts (and the same {@link KnowledgeBase}) the rules see, with the exact semantics of the
 * DRL rules they mirror. It answers "what would these checks cost without a rule engine", and, since it returns the
 * same {@code (rule id, subject)} pairs, it is also an independent second implementation the benchmark cross-checks
 * the rules against.
 *
 * <p>Rules ({@link #RULE_IDS}): NODE-NTP-UNSYNCED, NODE-DOCKER-UNHEALTHY, NODE-DISK-LOW, NODE-AGENT-INACTIVE
 * (nodes pack), SKEW-MIXED-MASTERS, SKEW-AGENT-AHEAD (skew), MESOS-FLAG-REMOVED, MESOS-FLAG-DEPRECATED (mesos),
 * PLATFORM-UNSUPPORTED-TARGET (platform), APP-CONSTRAINT-INVALID (workloads), MASTER-MISSING (masters), and
 * COLLECT-UNVERIFIED: from every {@link CollectionProblem}, plus every pack's "missing input" helper rule that
 * reports under that id (so the set compares 1:1 with what the engine reports). Pack names restrict the floor to
 * the packs a rule engine actually ships.
 *
 * <p>Each evaluation does the whole job from the raw fact list, as {@link Checker#check} does: it works out the
 * current version and the upgrade context, indexes the facts once, then runs each check in one pass. Every check
 * is linear in the facts (cross-node checks aggregate once, then join by hash). Stateless after construction;
 * thread-safe.
 */
public final class PlainJavaFloor {
    public static final String UNVERIFIED = Checker.UNVERIFIED;
    /** The rule ids this floor implements. */
    public static final Set<String> RULE_IDS = Set.of("NODE-NTP-UNSYNCED", "NODE-DOCKER-UNHEALTHY", "NODE-DISK-LOW",
            "NODE-AGENT-INACTIVE", "SKEW-MIXED-MASTERS", "SKEW-AGENT-AHEAD", "MESOS-FLAG-REMOVED",
            "MESOS-FLAG-DEPRECATED", "PLATFORM-UNSUPPORTED-TARGET", "APP-CONSTRAINT-INVALID", "MASTER-MISSING",
            UNVERIFIED);
    /** The packs the floor's rules (and the missing-input helpers) come from. */
    public static final Set<String> PACKS = Set.of("collect", "nodes", "skew", "masters", "config", "platform",
            "mesos", "workloads");

    private final KnowledgeBase kb;
    private final UpgradePlanner planner;
    private final Set<String> packs;
    private final Map<String, List<MesosFlagChange>> changesByFlag = new HashMap<>();
    private final Set<String> managedEnvVars = new HashSet<>();
    /** dcos minor → os → rows */
    private final Map<String, Map<String, List<PlatformSupport>>> support = new HashMap<>();

    public PlainJavaFloor(KnowledgeBase kb) {
        this(kb, PACKS);
    }

    /** @param packs the packs whose rules to run (others are skipped, as when the engine does not ship them) */
    public PlainJavaFloor(KnowledgeBase kb, Set<String> packs) {
        this.kb = kb;
        this.planner = new UpgradePlanner(kb);
        this.packs = Set.copyOf(packs);
        for (MesosFlagChange c : kb.flagChanges()) {
            changesByFlag.computeIfAbsent(c.flag(), k -> new ArrayList<>()).add(c);
        }
        for (DcosManagedFlag m : kb.dcosManagedFlags()) managedEnvVars.add(m.envVar());
        for (PlatformSupport p : kb.platformSupport()) {
            support.computeIfAbsent(p.dcosMinor(), k -> new HashMap<>())
                    .computeIfAbsent(p.os(), k -> new ArrayList<>()).add(p);
        }
    }

    public Set<String> packs() {
        return packs;
    }

    /** The facts by type and by host, built once per evaluation. */
    private static final class Index {
        final List<ClusterNode> nodes = new ArrayList<>();
        final List<CollectionProblem> problems = new ArrayList<>();
        final List<TimeSync> timeSyncs = new ArrayList<>();
        final List<DockerDaemon> dockers = new ArrayList<>();
        final List<DiskSpace> disks = new ArrayList<>();
        final List<MesosAgent> agents = new ArrayList<>();
        final List<MesosFlagSetting> settings = new ArrayList<>();
        final List<OsRelease> osReleases = new ArrayList<>();
        final List<AppConstraint> constraints = new ArrayList<>();
        final List<MasterStatus> masterStatuses = new ArrayList<>();
        final List<ExhibitorServer> exhibitorServers = new ArrayList<>();
        final List<ExhibitorProcess> exhibitorProcesses = new ArrayList<>();
        final List<DcosConfig> configs = new ArrayList<>();
        final List<MarathonInfo> marathonInfos = new ArrayList<>();
        final List<CredentialsFile> credentials = new ArrayList<>();
        final Map<String, List<String>> dcosVersions = new HashMap<>();
        final Map<String, List<String>> mesosVersions = new HashMap<>();
        final Set<String> problemHosts = new HashSet<>();
        final Set<String> timeSyncHosts = new HashSet<>();
        final Set<String> dockerHosts = new HashSet<>();
        final Map<String, List<String>> dockerServerVersions = new HashMap<>();
        final Set<String> roleFileHosts = new HashSet<>();
        final Set<String> diskHosts = new HashSet<>();
        final Set<String> agentHosts = new HashSet<>();
        final Set<String> osHosts = new HashSet<>();
        final Set<String> settingHosts = new HashSet<>();
        final Set<String> zkHosts = new HashSet<>();
        final Set<String> exhibitorProcessHosts = new HashSet<>();
        final Set<String> optHosts = new HashSet<>();
        final Set<String> credentialKeys = new HashSet<>();
        boolean leader;
        Thresholds thresholds;

        Index(Collection<? extends Fact> facts) {
            for (Fact f : facts) {
                if (f instanceof MesosFlagSetting s) {
                    settings.add(s);
                    settingHosts.add(s.subject());
                } else if (f instanceof DiskSpace d) {
                    disks.add(d);
                    diskHosts.add(d.subject());
                } else if (f instanceof ClusterNode n) {
                    nodes.add(n);
                } else if (f instanceof TimeSync t) {
                    timeSyncs.add(t);
                    timeSyncHosts.add(t.subject());
                } else if (f instanceof DockerDaemon d) {
                    dockers.add(d);
                    dockerHosts.add(d.subject());
                    if (d.serverVersion() != null) {
                        dockerServerVersions.computeIfAbsent(d.subject(), k -> new ArrayList<>(1))
                                .add(d.serverVersion());
                    }
                } else if (f instanceof MesosAgent a) {
                    agents.add(a);
                    agentHosts.add(a.subject());
                } else if (f instanceof MesosVersion v) {
                    mesosVersions.computeIfAbsent(v.subject(), k -> new ArrayList<>(1)).add(v.version());
                } else if (f instanceof DcosInstall d) {
                    dcosVersions.computeIfAbsent(d.subject(), k -> new ArrayList<>(1)).add(d.version());
                } else if (f instanceof OsRelease o) {
                    osReleases.add(o);
                    osHosts.add(o.subject());
                } else if (f instanceof RoleFiles r) {
                    roleFileHosts.add(r.subject());
                } else if (f instanceof OptIntegrity o) {
                    optHosts.add(o.subject());
                } else if (f instanceof AppConstraint c) {
                    constraints.add(c);
                } else if (f instanceof CollectionProblem p) {
                    problems.add(p);
                    problemHosts.add(p.subject());
                } else if (f instanceof MasterStatus m) {
                    masterStatuses.add(m);
                } else if (f instanceof ExhibitorServer e) {
                    exhibitorServers.add(e);
                } else if (f instanceof ExhibitorProcess e) {
                    exhibitorProcesses.add(e);
                    exhibitorProcessHosts.add(e.subject());
                } else if (f instanceof ZooKeeperState z) {
                    zkHosts.add(z.subject());
                } else if (f instanceof DcosConfig c) {
                    configs.add(c);
                } else if (f instanceof MarathonInfo m) {
                    marathonInfos.add(m);
                } else if (f instanceof MesosLeader) {
                    leader = true;
                } else if (f instanceof CredentialsFile c) {
                    credentials.add(c);
                    credentialKeys.add(c.subject() + "\u0000" + c.flag());
                }
            }
        }

        boolean anyDcosInstall() {
            return !dcosVersions.isEmpty();
        }
    }

    /** What {@link Checker#check} derives from the facts and options before the rules run. */
    private record Context(String current, String target, String targetMinor, String targetMesos,
                           long targetMesosKey, String currentMinor, List<Hop> path) {
    }

    /**
     * @return every {@code (rule id, subject)} pair the floor's rules report for these facts, sorted
     */
    public Set<Expected> evaluate(Collection<? extends Fact> facts, CheckOptions opt) {
        Index ix = new Index(facts);
        ix.thresholds = opt.thresholds();
        Set<Expected> out = new TreeSet<>();
        String current = opt.current() != null ? opt.current() : Checker.currentVersion(facts);
        if (current == null && opt.requireVersion()) out.add(new Expected(UNVERIFIED, "cluster"));
        String target = opt.target();
        if (target == null && current != null) target = planner.nextHop(current);
        Context ctx = null;
        if (current != null && target != null) {
            Release tr = planner.release(target).orElse(null);
            Release cr = planner.release(current).orElse(null);
            String tm = kb.components(target).map(ComponentVersions::mesos).orElse(null);
            ctx = new Context(current, target, tr != null ? tr.minor() : minorOf(target), tm, Version.keyOf(tm),
                    cr != null ? cr.minor() : null, planner.path(current, target));
        }
        if (packs.contains("collect")) collect(ix, out);
        if (packs.contains("nodes")) nodes(ix, out);
        if (packs.contains("skew")) skew(ix, out);
        if (packs.contains("masters")) masters(ix, out);
        if (packs.contains("config")) config(ix, out);
        if (packs.contains("platform")) platform(ix, ctx, out);
        if (packs.contains("mesos")) mesos(ix, ctx, out);
        if (packs.contains("workloads")) workloads(ix, out);
        return out;
    }

    private static String minorOf(String v) {
        Version p = Version.tryParse(v);
        return p == null ? v : p.minor();
    }

    // ---------------------------------------------------------------------------------------------- packs

    /** coverage.drl: every problem; a node that reported nothing and has no problem. */
    private static void collect(Index ix, Set<Expected> out) {
        for (CollectionProblem p : ix.problems) out.add(new Expected(UNVERIFIED, p.subject()));
        for (ClusterNode n : ix.nodes) {
            String h = n.subject();
            if (!ix.dcosVersions.containsKey(h) && !ix.osHosts.contains(h) && !ix.roleFileHosts.contains(h)
                    && !ix.problemHosts.contains(h)) {
                out.add(new Expected(UNVERIFIED, h));
            }
        }
    }

    /** nodes.drl */
    private static void nodes(Index ix, Set<Expected> out) {
        Thresholds th = ix.thresholds;
        for (TimeSync t : ix.timeSyncs) {
            if (!t.synced() || (t.maxErrorMs() != null && t.maxErrorMs() > th.maxErrorMs())) {
                out.add(new Expected("NODE-NTP-UNSYNCED", t.subject()));
            }
        }
        for (DockerDaemon d : ix.dockers) {
            if (!d.installed() || !d.answering()) out.add(new Expected("NODE-DOCKER-UNHEALTHY", d.subject()));
        }
        for (DiskSpace d : ix.disks) {
            if (d.freeBytes() < th.diskFreeBytes() || d.freeRatio() < th.diskFreeRatio()) {
                out.add(new Expected("NODE-DISK-LOW", d.subject()));
            }
        }
        for (MesosAgent a : ix.agents) if (!a.active()) out.add(new Expected("NODE-AGENT-INACTIVE", a.subject()));
        boolean anyAgentNode = false;
        boolean inspected = ix.anyDcosInstall(); // some node reported its version: the nodes were inspected
        for (ClusterNode n : ix.nodes) {
            String h = n.subject();
            boolean agent = n.role() == Role.AGENT || n.role() == Role.AGENT_PUBLIC;
            anyAgentNode |= agent;
            if (agent && ix.leader && !ix.agentHosts.contains(h)) out.add(new Expected("NODE-AGENT-INACTIVE", h));
            if (inspected && (!ix.timeSyncHosts.contains(h) || !ix.dockerHosts.contains(h)
                    || !ix.roleFileHosts.contains(h) || !ix.diskHosts.contains(h))) {
                out.add(new Expected(UNVERIFIED, h));
            }
        }
        if (inspected && anyAgentNode && !ix.leader) out.add(new Expected(UNVERIFIED, "mesos"));
    }

    /** skew.drl: versions per node, the masters' aggregated once, each agent compared with that one aggregate. */
    private static void skew(Index ix, Set<Expected> out) {
        List<String> masterDcos = new ArrayList<>();
        List<String> masterMesos = new ArrayList<>();
        List<ClusterNode> agentNodes = new ArrayList<>();
        boolean anyMaster = false;
        boolean anyDcos = ix.anyDcosInstall();
        for (ClusterNode n : ix.nodes) {
            String h = n.subject();
            String d = newestVersion(ix.dcosVersions.get(h));
            String m = newestVersion(ix.mesosVersions.get(h));
            if (anyDcos && (d == null || m == null)) out.add(new Expected(UNVERIFIED, h));
            if (n.role() == Role.MASTER) {
                anyMaster = true;
                masterDcos.add(d);
                masterMesos.add(m == null ? null : mesosRelease(m));
            } else if (n.role() == Role.AGENT || n.role() == Role.AGENT_PUBLIC) {
                agentNodes.add(n);
            }
        }
        if (anyMaster) {
            if (distinctNonNull(masterDcos) > 1 || distinctNonNull(masterMesos) > 1) {
                out.add(new Expected("SKEW-MIXED-MASTERS", "masters"));
            }
            long newestDcosKey = Version.keyOf(newestVersion(masterDcos));
            long newestMesosKey = Version.keyOf(newestVersion(masterMesos));
            for (ClusterNode a : agentNodes) {
                String h = a.subject();
                long dk = Version.keyOf(newestVersion(ix.dcosVersions.get(h)));
                long mk = Version.keyOf(newestVersion(ix.mesosVersions.get(h)));
                if ((newestDcosKey >= 0 && dk > newestDcosKey) || (newestMesosKey >= 0 && mk > newestMesosKey)) {
                    out.add(new Expected("SKEW-AGENT-AHEAD", h));
                }
            }
        }
        if (anyDcos && !ix.marathonInfos.isEmpty()) {
            boolean anyVersion = false;
            for (MarathonInfo m : ix.marathonInfos) anyVersion |= m.version() != null;
            if (!anyVersion) out.add(new Expected(UNVERIFIED, "marathon"));
        }
    }

    /** masters.drl: the expected masters (config, inventory, Exhibitor) against those that answered. */
    private static void masters(Index ix, Set<Expected> out) {
        Set<String> expected = new LinkedHashSet<>();
        boolean staticConfig = false;
        for (DcosConfig c : ix.configs) {
            if (c.scope() == ConfigScope.RUNNING && c.parseError() == null) {
                expected.addAll(c.masterList());
                staticConfig |= staticDiscovery(c.masterDiscovery());
            }
        }
        boolean anyMasterNode = false;
        for (ClusterNode n : ix.nodes) {
            if (n.role() == Role.MASTER) {
                expected.add(n.subject());
                anyMasterNode = true;
            }
        }
        for (ExhibitorServer e : ix.exhibitorServers) expected.add(e.subject());
        Set<String> up = new HashSet<>();
        for (MasterStatus m : ix.masterStatuses) {
            up.add(m.subject());
            if (m.replogRecovered() == null) out.add(new Expected(UNVERIFIED, m.subject()));
        }
        for (String h : expected) if (!up.contains(h)) out.add(new Expected("MASTER-MISSING", h));
        if (ix.nodes.isEmpty()) {
            for (ExhibitorProcess p : ix.exhibitorProcesses) out.add(new Expected(UNVERIFIED, p.subject()));
        }
        if (!ix.anyDcosInstall()) return;
        if (ix.masterStatuses.isEmpty() && !ix.leader) out.add(new Expected(UNVERIFIED, "mesos"));
        if (ix.marathonInfos.isEmpty()) out.add(new Expected(UNVERIFIED, "marathon"));
        if (ix.exhibitorServers.isEmpty()) out.add(new Expected(UNVERIFIED, "exhibitor"));
        for (ClusterNode n : ix.nodes) {
            if (n.role() != Role.MASTER) continue;
            if (!ix.zkHosts.contains(n.subject()) || !ix.exhibitorProcessHosts.contains(n.subject())) {
                out.add(new Expected(UNVERIFIED, n.subject()));
            }
        }
        if (!anyMasterNode && !staticConfig) out.add(new Expected(UNVERIFIED, "masters"));
    }

    private static boolean staticDiscovery(String discovery) {
        return discovery == null || discovery.isBlank() || discovery.equals("static");
    }

    /** config.drl: only the missing-input helpers (no target config in the benchmark's checks). */
    private static void config(Index ix, Set<Expected> out) {
        boolean target = false;
        boolean running = false;
        for (DcosConfig c : ix.configs) {
            if (c.parseError() != null) out.add(new Expected(UNVERIFIED, c.scope().subject()));
            target |= c.scope() == ConfigScope.TARGET;
            running |= c.scope() == ConfigScope.RUNNING;
        }
        if (target && !running) out.add(new Expected(UNVERIFIED, ConfigScope.RUNNING.subject()));
        if (ix.anyDcosInstall()) {
            for (ClusterNode n : ix.nodes) {
                if (!ix.optHosts.contains(n.subject())) out.add(new Expected(UNVERIFIED, n.subject()));
            }
        }
    }

    /** platform.drl: each node's (OS, Docker) pair against the version policy of the target minor. */
    private void platform(Index ix, Context ctx, Set<Expected> out) {
        if (ix.anyDcosInstall()) {
            for (ClusterNode n : ix.nodes) {
                String h = n.subject();
                if (!ix.osHosts.contains(h) || !ix.dockerServerVersions.containsKey(h)) {
                    out.add(new Expected(UNVERIFIED, h));
                }
            }
        }
        if (ctx == null) return;
        Map<String, List<PlatformSupport>> rows = support.get(ctx.targetMinor());
        if (rows == null) {
            out.add(new Expected(UNVERIFIED, "version-policy:" + ctx.targetMinor()));
        } else {
            for (OsRelease os : ix.osReleases) {
                List<String> dockers = ix.dockerServerVersions.get(os.subject());
                if (dockers == null) continue;
                List<PlatformSupport> forOs = rows.getOrDefault(os.platform(), List.of());
                for (String docker : dockers) {
                    boolean supported = false;
                    for (PlatformSupport p : forOs) {
                        if (p.matchesDocker(docker)) {
                            supported = true;
                            break;
                        }
                    }
                    if (!supported) out.add(new Expected("PLATFORM-UNSUPPORTED-TARGET", os.subject()));
                }
            }
        }
        if (ctx.currentMinor() != null && !support.containsKey(ctx.currentMinor())) {
            out.add(new Expected(UNVERIFIED, "version-policy:" + ctx.currentMinor()));
        }
    }

    /** mesos/flags.drl: what an env file sets against the flag changes up to the target's Mesos. */
    private void mesos(Index ix, Context ctx, Set<Expected> out) {
        if (ix.anyDcosInstall()) {
            for (ClusterNode n : ix.nodes) {
                if (!ix.settingHosts.contains(n.subject())) out.add(new Expected(UNVERIFIED, n.subject()));
            }
        }
        for (CredentialsFile c : ix.credentials) {
            if ("MISSING".equals(c.format())) out.add(new Expected(UNVERIFIED, c.subject()));
        }
        for (MesosFlagSetting s : ix.settings) {
            String flag = s.flag();
            boolean credential = "credential".equals(flag) || "credentials".equals(flag);
            if (credential) {
                if (!ix.credentialKeys.contains(s.subject() + "\u0000" + flag)) {
                    out.add(new Expected(UNVERIFIED, s.subject()));
                }
                continue;
            }
            if (ctx == null) continue;
            List<MesosFlagChange> changes = changesByFlag.get(flag);
            if (changes == null) continue;
            if (s.dcosManaged() && managedEnvVars.contains(s.envVar())) continue;
            boolean removed = false;
            boolean deprecated = false;
            for (MesosFlagChange c : changes) {
                if (c.versionKey() > ctx.targetMesosKey() || !c.appliesTo(s.component())
                        || !valueMatches(c.value(), s.value())) {
                    continue;
                }
                removed |= "REMOVED".equals(c.change());
                deprecated |= "DEPRECATED".equals(c.change());
            }
            // a setting already removed by the target is reported as removed only
            if (removed) out.add(new Expected("MESOS-FLAG-REMOVED", s.subject()));
            else if (deprecated) out.add(new Expected("MESOS-FLAG-DEPRECATED", s.subject()));
        }
        if (ctx != null) {
            if (ctx.targetMesosKey() < 0 && !ix.settings.isEmpty()) {
                out.add(new Expected(UNVERIFIED, "mesos-version:" + ctx.target()));
            }
            for (Hop h : ctx.path()) {
                long from = kb.components(h.from()).map(ComponentVersions::mesosKey).orElse(-1L);
                long to = kb.components(h.to()).map(ComponentVersions::mesosKey).orElse(-1L);
                if (from < 0 || to < 0) out.add(new Expected(UNVERIFIED, h.from() + " -> " + h.to()));
            }
        }
    }

    /** workloads/marathon.drl */
    private static void workloads(Index ix, Set<Expected> out) {
        for (AppConstraint c : ix.constraints) {
            if (c.problem() != null) out.add(new Expected("APP-CONSTRAINT-INVALID", c.subject()));
        }
        if (ix.anyDcosInstall() && ix.marathonInfos.isEmpty()) out.add(new Expected(UNVERIFIED, "marathon"));
        if (!ix.constraints.isEmpty() && ix.agents.isEmpty() && !ix.leader) out.add(new Expected(UNVERIFIED, "mesos"));
    }

    // ------------------------------------------------------------------------------ the DRL functions, in Java

    /** skew.drl newestVersion: the newest parsable version; the first non-null one when none parses. */
    static String newestVersion(Collection<String> versions) {
        if (versions == null) return null;
        String best = null;
        Version bestV = null;
        String any = null;
        for (String s : versions) {
            if (s == null) continue;
            if (any == null) any = s;
            Version v = Version.tryParse(s);
            if (v != null && (bestV == null || v.compareTo(bestV) > 0)) {
                bestV = v;
                best = s;
            }
        }
        return best != null ? best : any;
    }

    /** skew.drl mesosRelease: x.y.z, or the text itself when unparsable. */
    static String mesosRelease(String s) {
        Version v = Version.tryParse(s);
        return v == null ? s : v.release();
    }

    private static int distinctNonNull(List<String> values) {
        Set<String> s = new HashSet<>();
        for (String v : values) if (v != null) s.add(v);
        return s.size();
    }

    /** mesos/flags.drl valueMatches. */
    static boolean valueMatches(String changed, String set) {
        if (changed == null) return true;
        if (set == null) return false;
        String s = set.trim();
        if (s.equalsIgnoreCase(changed)) return true;
        if (s.startsWith("{") || s.startsWith("[")) return s.contains("\"" + changed + "\"");
        for (String part : s.split(",")) {
            if (part.trim().equalsIgnoreCase(changed)) return true;
        }
        return false;
    }

    /** Summary for reports: how many pairs per rule id. */
    public static Map<String, Integer> countByRule(Set<Expected> pairs) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Expected p : new TreeSet<>(pairs)) m.merge(p.id(), 1, Integer::sum);
        return m;
    }
}
