package io.preflight.facts.parse;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides which configuration keys hold secrets (passwords, tokens, hashes, private keys), so they are masked in
 * bundles, reports and logs. The mask is {@link #MASK}.
 */
public final class Secrets {
    public static final String MASK = "****";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(password|passwd|secret|token|private_key|privatekey|_key$|hash|credential|ssh_key"
                    + "|superuser_password|aws_secret|license_key|ca_key|access_key).*");

    private Secrets() {
    }

    /** True when a key by this name holds a secret (e.g. {@code superuser_password_hash}, {@code aws_secret_access_key}). */
    public static boolean isSecretKey(String key) {
        if (key == null) return false;
        String k = key.toLowerCase(Locale.ROOT);
        // public keys and key *paths* are not secrets, but private keys and their contents are
        if (k.endsWith("public_key") || k.equals("ssh_key_path")) return false;
        return SECRET_KEY.matcher(k).matches();
    }
}
