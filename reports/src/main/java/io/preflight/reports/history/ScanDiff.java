package io.preflight.reports.history;

import io.preflight.rules.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two scans, by rule id and subject: findings that are new in the later scan, resolved since
 * the earlier one, and still open in both (shown as the later scan has them: its severity and waiver state).
 * Each list is sorted by severity (blockers first), rule id and subject.
 */
public record ScanDiff(ScanSummary from, ScanSummary to, List<StoredFinding> newFindings,
                       List<StoredFinding> resolved, List<StoredFinding> stillOpen) {
    /** Most severe first, then by rule id and subject. */
    public static final Comparator<StoredFinding> ORDER = Comparator
            .comparing(StoredFinding::severity, Comparator.reverseOrder())
            .thenComparing(StoredFinding::key);

    public ScanDiff {
        newFindings = List.copyOf(newFindings);
        resolved = List.copyOf(resolved);
        stillOpen = List.copyOf(stillOpen);
    }

    /** The diff from scan {@code from} (with {@code before}) to scan {@code to} (with {@code after}). */
    public static ScanDiff between(ScanSummary from, List<StoredFinding> before, ScanSummary to,
                                   List<StoredFinding> after) {
        Map<StoredFinding.Key, StoredFinding> a = byKey(before);
        Map<StoredFinding.Key, StoredFinding> b = byKey(after);
        List<StoredFinding> added = new ArrayList<>();
        List<StoredFinding> open = new ArrayList<>();
        for (StoredFinding f : b.values()) (a.containsKey(f.key()) ? open : added).add(f);
        List<StoredFinding> gone = new ArrayList<>();
        for (StoredFinding f : a.values()) if (!b.containsKey(f.key())) gone.add(f);
        added.sort(ORDER);
        open.sort(ORDER);
        gone.sort(ORDER);
        return new ScanDiff(from, to, added, gone, open);
    }

    /**
     * The findings of {@code current} that block at {@code failOn} (unwaived, at least that severe) and did not block
     * in {@code previous}: absent then, waived then (an expired waiver cannot slip through), or less severe then.
     * This is what {@code check --fail-on-new} fails on.
     */
    public static List<StoredFinding> newBlocking(List<StoredFinding> previous, List<StoredFinding> current,
                                                  Severity failOn) {
        Map<StoredFinding.Key, Boolean> blockedBefore = new LinkedHashMap<>();
        for (StoredFinding f : previous) blockedBefore.merge(f.key(), f.blocks(failOn), Boolean::logicalOr);
        List<StoredFinding> out = new ArrayList<>();
        for (StoredFinding f : byKey(current).values()) {
            if (f.blocks(failOn) && !blockedBefore.getOrDefault(f.key(), false)) out.add(f);
        }
        out.sort(ORDER);
        return out;
    }

    /** One finding per key; when a scan has the same rule and subject twice, the more severe (then unwaived) wins. */
    private static Map<StoredFinding.Key, StoredFinding> byKey(List<StoredFinding> fs) {
        Map<StoredFinding.Key, StoredFinding> m = new LinkedHashMap<>();
        for (StoredFinding f : fs) {
            m.merge(f.key(), f, (x, y) -> {
                if (x.severity() != y.severity()) return x.severity().compareTo(y.severity()) >= 0 ? x : y;
                return x.waived() ? y : x;
            });
        }
        return m;
    }
}
