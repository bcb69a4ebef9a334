package io.preflight.rules;

import java.util.Locale;

/**
 * Fixed meanings. BLOCKER: proceeding would break the upgrade or lose tasks. WARNING: a risk an operator may accept
 * in writing (a waiver). INFO: worth knowing.
 */
public enum Severity {
    INFO, WARNING, BLOCKER;

    /** True when this severity is at least as serious as {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code BLOCKER}/{@code blocker}/{@code B}, {@code WARNING}/{@code W}, {@code INFO}/{@code I}. */
    public static Severity parse(String s) {
        if (s == null) throw new IllegalArgumentException("severity missing");
        switch (s.trim().toUpperCase(Locale.ROOT)) {
            case "BLOCKER": case "B": return BLOCKER;
            case "WARNING": case "WARN": case "W": return WARNING;
            case "INFO": case "I": return INFO;
            default: throw new IllegalArgumentException(
                    "unknown severity '" + s + "' (valid: BLOCKER, WARNING, INFO)");
        }
    }
}
