package io.preflight.facts.input;

/** An operator-supplied input file that cannot be used; the message is one line: {@code file:line: what}. */
public class InputFileException extends Exception {
    public InputFileException(String message) {
        super(message);
    }
}
