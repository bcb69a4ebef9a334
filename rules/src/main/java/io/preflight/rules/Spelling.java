package io.preflight.rules;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean ...?" for names a rule author or operator typed: fact types, rule ids. A name a few letters off
 * (edit distance up to a third of its length, at least 2), or the start of exactly one known name, is suggested.
 */
public final class Spelling {
    private Spelling() {
    }

    /** The known name {@code word} most likely meant, or null. Case is ignored. */
    public static String nearest(String word, Collection<String> known) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(w, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= Math.max(2, word.length() / 3)) return best;
        List<String> longer = known.stream().filter(k -> k.toLowerCase(Locale.ROOT).startsWith(w)).toList();
        return longer.size() == 1 ? longer.get(0) : null;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1),
                        prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
