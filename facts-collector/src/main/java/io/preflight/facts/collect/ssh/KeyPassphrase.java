package io.preflight.facts.collect.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the passphrase of a protected private key comes from: a file, an environment variable, or nowhere. Holds the
 * source, never the passphrase: {@link #read()} fetches it when the key turns out to be encrypted, and no method's
 * result or exception message contains it ({@link #toString()} names the source only).
 *
 * <p>A file holds the passphrase on its first line (a trailing line break is not part of it); an empty passphrase is
 * refused. Immutable and thread-safe.
 */
public final class KeyPassphrase {
    /** The environment variable preflight reads a key passphrase from when no file is named. */
    public static final String ENV = "PREFLIGHT_SSH_KEY_PASSPHRASE";
    /** No passphrase: a protected key cannot be used. */
    public static final KeyPassphrase NONE = new KeyPassphrase(null, null, null);
    private static final long MAX_FILE_BYTES = 4096;

    private final Path file;
    private final String envName;
    private final String envValue;

    private KeyPassphrase(Path file, String envName, String envValue) {
        this.file = file;
        this.envName = envName;
        this.envValue = envValue;
    }

    /** The passphrase in {@code file}. */
    public static KeyPassphrase fromFile(Path file) {
        return new KeyPassphrase(Objects.requireNonNull(file, "file"), null, null);
    }

    /**
     * The inventory's passphrase file when it names one, else {@value #ENV} when {@code env} has it, else
     * {@link #NONE}.
     */
    public static KeyPassphrase of(Path file, Map<String, String> env) {
        if (file != null) return fromFile(file);
        String v = env.get(ENV);
        return v == null ? NONE : new KeyPassphrase(null, ENV, v);
    }

    /** Whether a passphrase source is configured at all. */
    public boolean given() {
        return file != null || envName != null;
    }

    /** The file, or null when the passphrase comes from the environment or nowhere. */
    public Path file() {
        return file;
    }

    /**
     * The passphrase.
     *
     * @throws IOException the file cannot be read, is too large, or the passphrase is empty; the message names the
     *                     source, never the content
     */
    public String read() throws IOException {
        if (!given()) throw new IOException("no passphrase given");
        String v;
        if (file != null) {
            if (!Files.isRegularFile(file)) throw new IOException("passphrase file " + file + " not found");
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException("passphrase file " + file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            v = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            int nl = v.indexOf('\n');
            if (nl >= 0) v = v.substring(0, nl);
        } else {
            v = envValue;
        }
        if (v.endsWith("\r")) v = v.substring(0, v.length() - 1);
        if (v.isEmpty()) throw new IOException(describe() + " is empty");
        return v;
    }

    /** Where the passphrase comes from, for messages: {@code passphrase file F} or {@code environment variable V}. */
    public String describe() {
        if (file != null) return "passphrase file " + file;
        if (envName != null) return "environment variable " + envName;
        return "no passphrase";
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPassphrase k && Objects.equals(file, k.file) && Objects.equals(envName, k.envName)
                && Objects.equals(envValue, k.envValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, envName);
    }
}
