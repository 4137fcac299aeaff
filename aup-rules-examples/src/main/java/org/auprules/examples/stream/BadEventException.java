package org.auprules.examples.stream;

/** A record that is not a valid event; its message is the reason the dead-letter topic gives. */
public final class BadEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason what is wrong with the record, in the CLI's words
     */
    public BadEventException(String reason) {
        super(reason);
    }
}
