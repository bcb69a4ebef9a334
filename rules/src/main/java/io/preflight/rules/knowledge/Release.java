package io.preflight.rules.knowledge;

/**
 * A DC/OS release in the catalog.
 *
 * @param minor        {@code 1.10}
 * @param minorOrdinal position of the minor in the catalog's minor series (1.9 = 0, 1.10 = 1, ... 2.2 = 7)
 * @param latestPatch  this is the newest patch of its minor in the catalog
 */
public record Release(String version, String minor, int minorOrdinal, boolean latestPatch, String source) {
}
