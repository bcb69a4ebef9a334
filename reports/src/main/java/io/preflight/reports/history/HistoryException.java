package io.preflight.reports.history;

/**
 * The scan history could not be used: an unsupported URL, an unreachable database, a corrupt or foreign store, a
 * failed migration or write. The message is one line, names the store (password masked) and never holds a secret.
 */
public class HistoryException extends RuntimeException {
    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
