package io.preflight.reports.waiver;

import java.util.regex.Pattern;

/**
 * A waiver's subject: an exact subject, or a glob where {@code *} matches any run of characters (none included, dots,
 * slashes and spaces included) and {@code ?} exactly one character. The whole subject must match. Shell syntax that
 * would look like it works but means something else here ({@code [...]}, <code>{a,b}</code>, {@code \} escapes) is
 * refused rather than taken literally. Immutable; equal when written the same.
 */
public final class SubjectGlob {
    private static final String UNSUPPORTED = "[]{}\\";

    private final String text;
    private final Pattern regex;

    private SubjectGlob(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    /** The subject as written in the waiver file. */
    public String text() {
        return text;
    }

    /**
     * @throws IllegalArgumentException with a one-line message when the glob is empty or uses unsupported syntax
     */
    public static SubjectGlob parse(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("subject is empty");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (UNSUPPORTED.indexOf(c) >= 0) {
                throw new IllegalArgumentException("subject '" + text + "': '" + c
                        + "' is not supported in a subject glob (only * and ? are wildcards)");
            }
        }
        if (text.indexOf('*') < 0 && text.indexOf('?') < 0) return new SubjectGlob(text, null);
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) re.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) re.append(Pattern.quote(literal.toString()));
        return new SubjectGlob(text, Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    /** True when the subject has no wildcard. */
    public boolean exact() {
        return regex == null;
    }

    /** True when {@code subject} is this exact subject, or the glob matches all of it. */
    public boolean matches(String subject) {
        if (subject == null) return false;
        return regex == null ? text.equals(subject) : regex.matcher(subject).matches();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectGlob g && g.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
