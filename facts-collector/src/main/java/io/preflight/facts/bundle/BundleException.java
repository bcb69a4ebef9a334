package io.preflight.facts.bundle;

import java.io.IOException;

/**
 * A fact bundle that cannot be read or written. The message is always ONE line that names the file and the place
 * inside it, e.g. {@code prod/manifest.json: $.nodes[2].role: unknown role 'boss' (valid: ...)} or
 * {@code prod.tar.gz: entry 'prod/../x': path escapes the bundle}, so the CLI can print it as is (exit code 2).
 */
public class BundleException extends IOException {
    public BundleException(String message) {
        super(oneLine(message));
    }

    public BundleException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Folds any line breaks (from parser or OS messages) so the message stays one line. */
    static String oneLine(String s) {
        if (s == null) return "";
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
