package io.preflight.rules.testing;

/** A case file that cannot be read; the message is one line naming the file and the place. */
public class CaseFileException extends Exception {
    public CaseFileException(String message) {
        super(message);
    }
}
