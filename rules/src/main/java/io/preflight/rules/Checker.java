package io.preflight.rules;

import io.preflight.facts.ClusterNode;
import io.preflight.facts.CollectionProblem;
import io.preflight.facts.DcosInstall;
import io.preflight.facts.Fact;
import io.preflight.rules.knowledge.ComponentVersions;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.knowledge.Release;
import io.preflight.rules.knowledge.Version;
import io.preflight.rules.model.HopAssessment;
import io.preflight.rules.model.PlannedHop;
import io.preflight.rules.model.UpgradeRequest;
import io.preflight.rules.plan.Hop;
import io.preflight.rules.plan.UpgradePlanner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Judges a cluster's facts: works out the upgrade question (current version, target, qualified path), adds the
 * knowledge base and that context to the facts, runs the shipped rules (and each site pack in its own engine),
 * and returns the sorted, merged findings. The site policy of {@link CheckOptions#policy()} keeps disabled rules from
 * firing and changes overridden severities before findings are merged. Thread-safe.
 */
public final class Checker {
    public static final String UNVERIFIED = "COLLECT-UNVERIFIED";

    private final RuleEngine shipped;
    private final List<RuleEngine> site;
    private final KnowledgeBase kb;
    private final UpgradePlanner planner;

    public Checker(RuleEngine shipped, List<RuleEngine> site, KnowledgeBase kb) {
        this.shipped = Objects.requireNonNull(shipped);
        this.site = List.copyOf(site);
        this.kb = kb;
        this.planner = new UpgradePlanner(kb);
    }

    /** The shipped rules over the shipped knowledge. */
    public static Checker standard() {
        return new Checker(RuleEngine.shipped(), List.of(), KnowledgeBase.load());
    }

    public UpgradePlanner planner() {
        return planner;
    }

    public CheckOutcome check(Collection<? extends Fact> facts, CheckOptions opt) {
        return check(facts, List.of(), opt);
    }

    /**
     * @param extra additional non-observed facts (knowledge rows or context) to insert as they are, e.g. from a
     *              rule case
     */
    public CheckOutcome check(Collection<? extends Fact> facts, Collection<?> extra, CheckOptions opt) {
        List<Object> all = new ArrayList<>(facts);
        all.addAll(extra);
        String current = opt.current() != null ? opt.current() : currentVersion(facts);
        String target = opt.target();
        String origin = target != null ? "--target" : "next qualified hop (unknown: no current version)";
        if (current == null && opt.requireVersion()) {
            all.add(new CollectionProblem("cluster", "preflight", CollectionProblem.Kind.MISSING,
                    "current DC/OS version", "no master (or node) reported /opt/mesosphere/etc/dcos-version.json"));
        }
        if (target == null && current != null) {
            target = planner.nextHop(current);
            origin = "next qualified hop";
        }
        List<Hop> path = List.of();
        if (current != null && target != null) {
            path = planner.path(current, target);
            all.addAll(context(current, target, path, opt.targetConfigGiven()));
        }
        if (extra.stream().noneMatch(o -> o instanceof io.preflight.rules.model.Thresholds)) all.add(opt.thresholds());
        all.addAll(kb.facts());

        RulePolicy policy = opt.policy();
        Set<String> disabled = policy.disabled().keySet();
        List<Finding> findings = new ArrayList<>(shipped.evaluate(all, disabled));
        List<RuleMeta> rules = new ArrayList<>(shipped.rules());
        for (RuleEngine e : site) {
            findings.addAll(e.evaluate(all, disabled));
            rules.addAll(e.rules());
        }
        findings = policy.apply(findings);
        return new CheckOutcome(current, target, origin, path, normalize(findings), findings,
                policy.applyToRules(rules));
    }

    private List<Object> context(String current, String target, List<Hop> path, boolean targetConfigGiven) {
        List<Object> ctx = new ArrayList<>();
        Release cr = planner.release(current).orElse(null);
        Release tr = planner.release(target).orElse(null);
        String cm = kb.components(current).map(ComponentVersions::mesos).orElse(null);
        String tm = kb.components(target).map(ComponentVersions::mesos).orElse(null);
        ctx.add(new UpgradeRequest(current, target, cr != null, tr != null,
                cr == null ? -1 : cr.minorOrdinal(), tr == null ? -1 : tr.minorOrdinal(), cm, tm,
                Version.keyOf(cm), Version.keyOf(tm), tr != null ? tr.minor() : minorOf(target),
                targetConfigGiven));
        if (cr != null && tr != null) {
            Hop direct = planner.hop(current, target);
            int cmp = Version.parse(target).compareTo(Version.parse(current));
            int gap = tr.minorOrdinal() - cr.minorOrdinal();
            String kind = cmp == 0 ? "SAME" : cmp < 0 ? "DOWNGRADE" : gap == 0 ? "PATCH"
                    : gap == 1 ? "NEXT_MINOR" : "SKIP_MINOR";
            String text = path.isEmpty() ? "none" : current + path.stream().map(h -> " -> " + h.to())
                    .reduce("", String::concat);
            ctx.add(new HopAssessment(current, target, kind, direct.qualified(), direct.qualifiedBy(), gap, text));
        }
        int i = 1;
        for (Hop h : path) {
            String mf = kb.components(h.from()).map(ComponentVersions::mesos).orElse(null);
            String mt = kb.components(h.to()).map(ComponentVersions::mesos).orElse(null);
            ctx.add(new PlannedHop(i++, h.from(), h.to(), h.qualifiedBy(), mf, mt, Version.keyOf(mf),
                    Version.keyOf(mt)));
        }
        return ctx;
    }

    private static String minorOf(String v) {
        Version p = Version.tryParse(v);
        return p == null ? v : p.minor();
    }

    /**
     * The cluster's current DC/OS version: the oldest version its masters report (an unfinished upgrade is
     * judged from where it stands), else the oldest any node reports, else null.
     */
    public static String currentVersion(Collection<? extends Fact> facts) {
        Set<String> masters = new HashSet<>();
        for (Fact f : facts) {
            if (f instanceof ClusterNode n && n.isMaster()) masters.add(n.subject());
        }
        Version fromMasters = null;
        Version any = null;
        for (Fact f : facts) {
            if (!(f instanceof DcosInstall d)) continue;
            Version v = Version.tryParse(d.version());
            if (v == null) continue;
            if (any == null || v.compareTo(any) < 0) any = v;
            if (masters.contains(d.subject()) && (fromMasters == null || v.compareTo(fromMasters) < 0)) {
                fromMasters = v;
            }
        }
        Version v = fromMasters != null ? fromMasters : any;
        return v == null ? null : v.text();
    }

    /**
     * One finding per (rule id, subject): duplicates are merged (COLLECT-UNVERIFIED collects what was missing from
     * every rule that needed it), then sorted by severity (highest first), rule id and subject. Linear in the number
     * of raw findings: a rule may report the same subject from thousands of nodes.
     */
    static List<Finding> normalize(List<Finding> raw) {
        Map<String, List<Finding>> byKey = new LinkedHashMap<>();
        for (Finding f : raw) byKey.computeIfAbsent(f.key(), k -> new ArrayList<>(1)).add(f);
        List<Finding> out = new ArrayList<>(byKey.size());
        for (List<Finding> group : byKey.values()) out.add(group.size() == 1 ? group.get(0) : merge(group));
        out.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::ruleId)
                .thenComparing(Finding::subject));
        return out;
    }

    private static final int MAX_MERGED_MESSAGES = 5;

    private static Finding merge(List<Finding> group) {
        Finding first = group.get(0);
        Severity sev = first.severity();
        java.util.LinkedHashSet<String> messages = new java.util.LinkedHashSet<>();
        Map<String, java.util.LinkedHashSet<Object>> ev = new LinkedHashMap<>();
        for (Finding f : group) {
            if (f.severity().atLeast(sev)) sev = f.severity();
            messages.add(f.message());
            f.evidence().forEach((k, v) -> {
                java.util.LinkedHashSet<Object> vs = ev.computeIfAbsent(k, x -> new java.util.LinkedHashSet<>());
                if (v instanceof Collection<?> c) vs.addAll(c); else vs.add(v);
            });
        }
        List<String> msgs = new ArrayList<>(messages);
        String msg = String.join("; ", msgs.subList(0, Math.min(MAX_MERGED_MESSAGES, msgs.size())))
                + (msgs.size() > MAX_MERGED_MESSAGES ? " (+" + (msgs.size() - MAX_MERGED_MESSAGES) + " more)" : "");
        Map<String, Object> evidence = new LinkedHashMap<>();
        ev.forEach((k, vs) -> evidence.put(k, vs.size() == 1 ? vs.iterator().next() : new ArrayList<>(vs)));
        return new Finding(first.ruleId(), sev, first.subject(), first.title(), msg, first.remediation(),
                first.reference(), evidence, first.origin());
    }
}
