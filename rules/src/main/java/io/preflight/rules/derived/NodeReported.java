package io.preflight.rules.derived;

/** Derived: an expected node from which at least one probe fact arrived. */
public record NodeReported(String host) {
}
