package io.preflight.facts;

/**
 * The credentials file a Mesos flag ({@code credential} / {@code credentials}) points to, by format only: the
 * probe never reads the secrets themselves.
 *
 * @param format {@code JSON}, {@code TEXT} (plain-text lines) or {@code MISSING}
 */
public record CredentialsFile(String subject, String source, String flag, String path, String format)
        implements Fact {
    public boolean plainText() {
        return "TEXT".equals(format);
    }
}
