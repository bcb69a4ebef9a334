package io.preflight.rules.knowledge;

/**
 * One row of a supported-path source: the documentation's table, or a path the FAQ names.
 *
 * @param supported the source marks {@code from -> to} supported (false = explicitly not supported)
 * @param origin    {@code docs} (supported-path tables) or {@code faq} (the Upgrade FAQ)
 */
public record UpgradePathEntry(String from, String to, boolean supported, String origin, String source) {
}
