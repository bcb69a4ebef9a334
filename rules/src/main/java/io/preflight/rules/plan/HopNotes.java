package io.preflight.rules.plan;

import io.preflight.rules.knowledge.ComponentVersions;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.knowledge.MesosFlagChange;
import io.preflight.rules.knowledge.UpgradeOrderNote;
import io.preflight.rules.knowledge.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The version-specific notes of a hop, from the knowledge base: the bundled components that change, the Mesos
 * upgrade-order requirements it crosses, the Mesos flags removed or deprecated on the way, and the upgrade guide
 * of the target minor.
 */
public final class HopNotes {
    private HopNotes() {
    }

    public static List<String> of(KnowledgeBase kb, Hop hop) {
        List<String> notes = new ArrayList<>();
        Optional<ComponentVersions> a = kb.components(hop.from());
        Optional<ComponentVersions> b = kb.components(hop.to());
        if (a.isPresent() && b.isPresent()) {
            change(notes, "Mesos", a.get().mesos(), b.get().mesos());
            change(notes, "Marathon", a.get().marathon(), b.get().marathon());
            change(notes, "ZooKeeper", a.get().zookeeper(), b.get().zookeeper());
            long from = Version.keyOf(a.get().mesos());
            long to = Version.keyOf(b.get().mesos());
            if (from >= 0 && to > from) {
                for (UpgradeOrderNote n : kb.upgradeOrderNotes()) {
                    long k = n.toKey();
                    if (n.ordering() && k > minorKey(from) && k <= to) {
                        notes.add("Mesos " + n.fromMinor() + " -> " + n.toMinor() + ": " + n.note());
                    }
                }
                Map<String, List<String>> flags = new LinkedHashMap<>();
                for (MesosFlagChange c : kb.flagChanges()) {
                    long k = c.versionKey();
                    if (k > from && k <= to) {
                        flags.computeIfAbsent(c.change().toLowerCase(), x -> new ArrayList<>())
                                .add(c.flag() + (c.value() != null ? "=" + c.value() : "") + " (" + c.mesosVersion()
                                        + (c.replacement() != null ? ", use " + c.replacement() : "") + ")");
                    }
                }
                flags.forEach((kind, list) -> notes.add("Mesos flags " + kind + ": " + String.join("; ", list)));
            }
        } else {
            notes.add("bundled component versions unknown for this hop");
        }
        Version t = Version.tryParse(hop.to());
        Version f = Version.tryParse(hop.from());
        if (t != null && f != null && !t.sameMinor(f)) {
            notes.add("upgrade guide: https://docs.mesosphere.com/" + t.minor() + "/installing/production/upgrading/");
        }
        return notes;
    }

    private static long minorKey(long key) {
        return key / 1000 * 1000;
    }

    private static void change(List<String> notes, String what, String from, String to) {
        if (from != null && to != null && !from.equals(to)) notes.add(what + " " + from + " -> " + to);
    }
}
