package org.auprules.examples.history;

/** The history store could not be opened, read or written; a run that failed recorded nothing. */
public final class HistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the store
     * @param cause the database's own error
     */
    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
