package io.preflight.facts.parse;

/**
 * A payload that cannot be read as what it claims to be. The message names the place inside it: a JSON path
 * ({@code $.slaves[3].hostname: expected a string}), a line ({@code line 7: ...}) or a probe section.
 * Live collection turns it into a {@code CollectionProblem}; the bundle reader into a one-line error naming the file.
 */
public class PayloadException extends Exception {
    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
