package io.preflight.reports.waiver;

/** A waiver file that cannot be used; the message is one line: {@code file:line: what}. */
public class WaiverFileException extends Exception {
    public WaiverFileException(String message) {
        super(message);
    }
}
