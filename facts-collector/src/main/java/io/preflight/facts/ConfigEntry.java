package io.preflight.facts;

/**
 * One top-level key of a config.yaml.
 *
 * @param value       the value as canonical JSON, with secrets replaced by {@code "****"}
 * @param fingerprint a SHA-256 of the real canonical value, so two secrets can be compared without being shown
 * @param secret      the key holds a password, token, hash or private key
 */
public record ConfigEntry(String subject, String source, ConfigScope scope, String key, String value,
                          String fingerprint, boolean secret) implements Fact {
}
