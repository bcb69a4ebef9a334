package io.preflight.rules.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted release number ({@code 1.10.5.1}, {@code 1.4.0}, {@code 17.06.2-ee-16}) compared numerically, part by
 * part. Text after the numeric parts (suffixes like {@code -ce}, {@code -rc1}) is kept but not compared.
 */
public record Version(List<Integer> parts, String text) implements Comparable<Version> {
    private static final Pattern LEAD = Pattern.compile("^v?(\\d+(?:\\.\\d+)*)");

    public Version {
        parts = List.copyOf(parts);
    }

    /** Parses the leading numeric part; throws {@link IllegalArgumentException} when there is none. */
    public static Version parse(String s) {
        if (s == null) throw new IllegalArgumentException("no version");
        Matcher m = LEAD.matcher(s.trim());
        if (!m.find()) throw new IllegalArgumentException("not a version: '" + s + "'");
        List<Integer> p = new ArrayList<>();
        for (String x : m.group(1).split("\\.")) p.add(Integer.parseInt(x));
        return new Version(p, s.trim());
    }

    /** Null-safe {@link #parse}: null when {@code s} is null or not a version. */
    public static Version tryParse(String s) {
        try {
            return s == null ? null : parse(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public int part(int i) {
        return i < parts.size() ? parts.get(i) : 0;
    }

    /** {@code major.minor}, e.g. {@code 1.10}. */
    public String minor() {
        return part(0) + "." + part(1);
    }

    /** {@code major.minor.patch} without suffix, e.g. {@code 1.4.0}. */
    public String release() {
        return part(0) + "." + part(1) + "." + part(2);
    }

    /** A sortable number for major.minor.patch (each part below 1000), usable in DRL comparisons. */
    public long key() {
        return part(0) * 1_000_000L + part(1) * 1_000L + part(2);
    }

    /** A sortable number for major.minor.patch. of any string, -1 when unparsable. */
    public static long keyOf(String s) {
        Version v = tryParse(s);
        return v == null ? -1 : v.key();
    }

    @Override
    public int compareTo(Version o) {
        int n = Math.max(parts.size(), o.parts.size());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(part(i), o.part(i));
            if (c != 0) return c;
        }
        return 0;
    }

    public boolean sameMinor(Version o) {
        return part(0) == o.part(0) && part(1) == o.part(1);
    }

    @Override
    public String toString() {
        return text;
    }
}
