package io.preflight.facts.collect.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a DC/OS authentication token (as {@code dcos config show core.dcos_acs_token} prints it) from a file or an
 * environment variable. The value is trimmed; it is never logged and never part of an exception message.
 */
public final class TokenSource {
    private TokenSource() {
    }

    /** The token in {@code file} (trimmed). */
    public static String fromFile(Path file) throws IOException {
        if (file == null) throw new IllegalArgumentException("token file is required");
        if (!Files.isRegularFile(file)) throw new IOException(file + ": token file not found");
        long size = Files.size(file);
        if (size > 64 * 1024) throw new IOException(file + ": token file larger than 64 KiB, not a token");
        String t = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
        if (t.isEmpty()) throw new IOException(file + ": token file is empty");
        return t;
    }

    /** The token in the environment variable {@code name} (trimmed). */
    public static String fromEnv(String name) throws IOException {
        return fromEnv(name, System.getenv());
    }

    /** The token in {@code env.get(name)} (trimmed); for tests. */
    public static String fromEnv(String name, Map<String, String> env) throws IOException {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("variable name is required");
        String v = env.get(name);
        if (v == null) throw new IOException("environment variable " + name + " is not set");
        String t = v.trim();
        if (t.isEmpty()) throw new IOException("environment variable " + name + " is empty");
        return t;
    }
}
