package io.preflight.facts;

/**
 * One top-level key of a config.yaml.
 *
 * @param value       the value as canonical JSON, with secrets replaced by {@code "****"}
 * @param fingerprint a SHA-256 of the real canonical value, so two secrets can be compared without being shown;
 *                    {@link #MASKED} when the value read was already masked (a config replayed from a bundle),
 *                    so it cannot be compared
 * @param secret      the key holds a password, token, hash or private key
 */
public record ConfigEntry(String subject, String source, ConfigScope scope, String key, String value,
                          String fingerprint, boolean secret) implements Fact {
    /** The fingerprint of a value whose secrets were masked before preflight read it. */
    public static final String MASKED = "masked";

    /** True when the value's secrets were masked at collection, so it cannot be compared with another config. */
    public boolean masked() {
        return MASKED.equals(fingerprint);
    }
}
