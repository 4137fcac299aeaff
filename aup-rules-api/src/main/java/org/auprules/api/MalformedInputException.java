package org.auprules.api;

/** Input that is not well-formed JSON (or mail) at all. */
public final class MalformedInputException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public MalformedInputException(String message, String source, int line, int column, Throwable cause) {
        super(message, source, line, column, cause);
    }
}
