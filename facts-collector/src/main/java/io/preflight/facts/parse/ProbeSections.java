package io.preflight.facts.parse;

import java.util.Optional;

/** Public access to single sections of a probe document (framing as {@link ProbeDocument}). */
public final class ProbeSections {
    private ProbeSections() {
    }

    /**
     * The body of the first complete section {@code name} that ran with rc=0, lines joined by {@code \n} and ending
     * with one; empty when the document cannot be framed or has no such section.
     */
    public static Optional<String> body(byte[] probe, String name) {
        if (probe == null) return Optional.empty();
        ProbeDocument doc;
        try {
            doc = ProbeDocument.parse(probe);
        } catch (PayloadException e) {
            return Optional.empty();
        }
        for (ProbeDocument.Section s : doc.sections()) {
            if (s.name().equals(name) && s.complete() && s.headerError() == null && Integer.valueOf(0).equals(s.rc())) {
                String text = s.text();
                return Optional.of(text.isEmpty() ? "" : text + "\n");
            }
        }
        return Optional.empty();
    }
}
