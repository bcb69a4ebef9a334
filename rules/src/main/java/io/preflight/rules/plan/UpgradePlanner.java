package io.preflight.rules.plan;

import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.knowledge.Release;
import io.preflight.rules.knowledge.UpgradePathEntry;
import io.preflight.rules.knowledge.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which hops between DC/OS releases are qualified, and finds the shortest chain of qualified hops.
 *
 * <p>A hop S → T (T newer than S) is qualified when (RULES.md, "What qualified hop means"):
 * <ol>
 *   <li>S and T are patches of the same minor; or</li>
 *   <li>the documentation's supported-path table marks S → T supported; or</li>
 *   <li>the Upgrade FAQ names S → T; or</li>
 *   <li>neither source covers T's minor, and S is the newest patch in the catalog of the minor just before T's.</li>
 * </ol>
 * Immutable and thread-safe.
 */
public final class UpgradePlanner {
    private final KnowledgeBase kb;
    private final List<Release> releases;
    private final Map<String, Release> byVersion = new HashMap<>();
    private final Map<String, String> docsSupported = new HashMap<>();
    private final Map<String, String> faq = new HashMap<>();
    private final Set<String> coveredMinors = new HashSet<>();

    public UpgradePlanner(KnowledgeBase kb) {
        this.kb = kb;
        List<Release> rs = new ArrayList<>(kb.releases());
        rs.sort(Comparator.comparing(r -> Version.parse(r.version())));
        this.releases = List.copyOf(rs);
        for (Release r : rs) byVersion.put(r.version(), r);
        for (UpgradePathEntry e : kb.upgradePaths()) {
            String minor = Version.parse(e.to()).minor();
            coveredMinors.add(minor);
            if (!e.supported()) continue;
            if ("faq".equals(e.origin())) {
                faq.put(e.from() + ">" + e.to(), e.source());
            } else {
                docsSupported.put(e.from() + ">" + e.to(), e.source());
            }
        }
    }

    public boolean known(String version) {
        return version != null && byVersion.containsKey(version);
    }

    public Optional<Release> release(String version) {
        return Optional.ofNullable(version == null ? null : byVersion.get(version));
    }

    /** The newest release in the catalog. */
    public String newest() {
        return releases.get(releases.size() - 1).version();
    }

    /** Judges the direct hop from → to; {@link Hop#qualifiedBy()} names the source, or is null. */
    public Hop hop(String from, String to) {
        return new Hop(from, to, qualifiedBy(from, to));
    }

    private String qualifiedBy(String from, String to) {
        Release s = byVersion.get(from);
        Release t = byVersion.get(to);
        if (s == null || t == null) return null;
        Version sv = Version.parse(from);
        Version tv = Version.parse(to);
        if (tv.compareTo(sv) <= 0) return null;
        if (sv.sameMinor(tv)) return "patch within " + sv.minor() + " (FAQ: \"Z is a patch, not an upgrade\")";
        String key = from + ">" + to;
        if (docsSupported.containsKey(key)) return "documented supported path (" + docsSupported.get(key) + ")";
        if (faq.containsKey(key)) {
            String src = faq.get(key);
            return src.startsWith("DC/OS Upgrade FAQ") ? src : "DC/OS Upgrade FAQ (" + src + ")";
        }
        if (!coveredMinors.contains(t.minor()) && t.minorOrdinal() == s.minorOrdinal() + 1 && s.latestPatch()) {
            return "latest patch of " + s.minor() + " to the next minor (FAQ: \"we qualify latest patch release"
                    + " of a version upgrading to the next major version\")";
        }
        return null;
    }

    /**
     * The shortest chain of qualified hops from → to (fewest hops; among equals, the one through the newest
     * intermediate releases). Empty when there is none or either version is unknown.
     */
    public List<Hop> path(String from, String to) {
        if (!known(from) || !known(to)) return List.of();
        if (from.equals(to)) return List.of();
        Map<String, Hop> via = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(from);
        Set<String> seen = new HashSet<>(Set.of(from));
        Version target = Version.parse(to);
        while (!queue.isEmpty()) {
            String cur = queue.poll();
            if (cur.equals(to)) break;
            // newest first: BFS then keeps the chain through the newest intermediate releases
            for (int i = releases.size() - 1; i >= 0; i--) {
                String next = releases.get(i).version();
                if (seen.contains(next) || Version.parse(next).compareTo(target) > 0) continue;
                String q = qualifiedBy(cur, next);
                if (q == null) continue;
                seen.add(next);
                via.put(next, new Hop(cur, next, q));
                queue.add(next);
            }
        }
        if (!via.containsKey(to)) return List.of();
        List<Hop> hops = new ArrayList<>();
        for (String v = to; !v.equals(from); v = via.get(v).from()) hops.add(via.get(v));
        Collections.reverse(hops);
        return List.copyOf(hops);
    }

    /**
     * The default target: the first hop on the qualified path from {@code current} to the newest release, i.e.
     * the answer to "am I ready for my next step?". Returns {@code current} when it is the newest or has no path.
     */
    public String nextHop(String current) {
        if (!known(current)) return current;
        List<Hop> p = path(current, newest());
        return p.isEmpty() ? current : p.get(0).to();
    }

    public KnowledgeBase knowledge() {
        return kb;
    }
}
