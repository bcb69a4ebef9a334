package io.preflight.facts;

/**
 * One top-level key of a config.yaml.
 *
 * @param value       the value as canonical JSON, with secrets replaced by {@code "****"}
 * @param fingerprint what two configs compare, never shown. One of:
 *                    <ul>
 *                    <li>the hex SHA-256 of the real canonical value (a plain value, or a secret read from a file),
 *                    so two secrets can be compared without being shown;</li>
 *                    <li>{@code pbkdf2-sha256:<iterations>:<salt>:<hex SHA-256>} ({@link #digested()}): the value
 *                    held secrets that a bundle stores as salted PBKDF2 digests (see {@code docs/bundle-format.md},
 *                    "Secret digests"); the hash is over the canonical value with every secret replaced by its
 *                    digest. A target config's entry takes this form too when it was parsed against a running
 *                    entry of this form (same salt and iterations), so the two compare;</li>
 *                    <li>{@link #MASKED} when the value read was already masked without a digest (a config replayed
 *                    from a bundle of an older version, a target config holding {@code ****}), so it cannot be
 *                    compared.</li>
 *                    </ul>
 * @param secret      the key holds a password, token, hash or private key
 */
public record ConfigEntry(String subject, String source, ConfigScope scope, String key, String value,
                          String fingerprint, boolean secret) implements Fact {
    /** The fingerprint of a value whose secrets were masked before preflight read it, without a digest. */
    public static final String MASKED = "masked";
    /** How a {@link #digested()} fingerprint starts. */
    public static final String DIGESTED = "pbkdf2-sha256:";

    /** True when the value's secrets were masked without a digest, so it cannot be compared with another config. */
    public boolean masked() {
        return MASKED.equals(fingerprint);
    }

    /**
     * True when the fingerprint is over salted digests of the value's secrets: it compares only with a fingerprint of
     * the same form (made with the same salt), never with a plain one.
     */
    public boolean digested() {
        return fingerprint != null && fingerprint.startsWith(DIGESTED);
    }

    /** True when this entry's fingerprint can be compared with {@code other}'s: neither is masked, both of one form. */
    public boolean comparableWith(ConfigEntry other) {
        return other != null && !masked() && !other.masked() && digested() == other.digested();
    }
}
