package io.preflight.facts.parse;

import java.util.Locale;
import java.util.regex.Matcher;
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
    /**
     * Keys that name a secret but hold none: switches and file locations ({@code cluster_docker_credentials_enabled},
     * {@code ca_certificate_key_path}).
     */
    private static final Pattern NOT_SECRET_SUFFIX = Pattern.compile(
            "(?i).*(_enabled|_path|_dcos_owned|_write_to_etc)$");
    /** {@code scheme://user:password@host}: the password part is group 2. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "([A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s]+:)([^/@\\s]+)(@)");
    /** An absolute file path or file URL, which names a secret without holding it. */
    private static final Pattern FILE_PATH = Pattern.compile("(file://)?/[\\w.@+/-]*");

    private Secrets() {
    }

    /** True when a key by this name holds a secret (e.g. {@code superuser_password_hash}, {@code aws_secret_access_key}). */
    public static boolean isSecretKey(String key) {
        if (key == null) return false;
        String k = key.toLowerCase(Locale.ROOT);
        // public keys and key *paths* are not secrets, but private keys and their contents are
        if (k.endsWith("public_key") || k.equals("ssh_key_path")) return false;
        if (NOT_SECRET_SUFFIX.matcher(k).matches()) return false;
        return SECRET_KEY.matcher(k).matches();
    }

    /**
     * The value to show for {@code key}: {@link #MASK} when the key is secret and the value is not merely a file path
     * (Mesos' {@code credentials} or {@code executor_secret_key} flags name files, and the path is needed to inspect
     * them); otherwise the value with any URL password masked.
     */
    public static String maskValue(String key, String value) {
        if (value == null || value.isEmpty()) return value;
        if (isSecretKey(key) && !FILE_PATH.matcher(value.trim()).matches()) return MASK;
        return maskUrlCredentials(value);
    }

    /** Replaces the password of every {@code scheme://user:password@host} in {@code text} with {@link #MASK}. */
    public static String maskUrlCredentials(String text) {
        if (text == null || text.indexOf('@') < 0) return text;
        Matcher m = URL_CREDENTIALS.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + r.group(3)));
    }
}
