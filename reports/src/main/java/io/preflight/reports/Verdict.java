package io.preflight.reports;

/** The gate's answer. */
public enum Verdict {
    GO, NO_GO
}
