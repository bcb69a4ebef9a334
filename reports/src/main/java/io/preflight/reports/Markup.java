package io.preflight.reports;

/**
 * Escaping for the markup formats (HTML, JUnit XML). Every value in a report can be attacker-controlled (app ids,
 * labels, config values, subjects), so every value goes through here, text and attributes alike.
 *
 * <p>Characters XML 1.0 forbids (NUL and the other C0 controls but tab, newline and carriage return; unpaired
 * surrogates; U+FFFE/U+FFFF) and the C1 controls are replaced by U+FFFD: a report must always parse, and a control
 * character is never worth keeping in one.
 */
final class Markup {
    private static final String REPLACEMENT = "\uFFFD";

    private Markup() {
    }

    /** {@code s} as text content or as a quoted attribute value in HTML; null is the empty string. */
    static String html(String s) {
        return escape(s, false);
    }

    /** {@code s} as XML text content; null is the empty string. */
    static String xmlText(String s) {
        return escape(s, false);
    }

    /**
     * {@code s} as a double-quoted XML attribute value: tab, newline and carriage return become character
     * references so that attribute-value normalization does not turn them into spaces.
     */
    static String xmlAttr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\t' -> b.append(attribute ? "&#9;" : "\t");
                case '\n' -> b.append(attribute ? "&#10;" : "\n");
                case '\r' -> b.append(attribute ? "&#13;" : "\r");
                default -> {
                    if (allowed(c)) b.appendCodePoint(c);
                    else b.append(REPLACEMENT);
                }
            }
        });
        return b.toString();
    }

    private static boolean allowed(int c) {
        if (c < 0x20) return false;
        if (c >= 0x7F && c <= 0x9F) return false;
        if (c >= 0xD800 && c <= 0xDFFF) return false;
        return c != 0xFFFE && c != 0xFFFF;
    }
}
