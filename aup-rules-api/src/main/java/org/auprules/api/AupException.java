package org.auprules.api;

import org.jspecify.annotations.Nullable;

/** The root of every exception aup-rules throws on purpose. */
public abstract class AupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message and no cause.
     *
     * @param message what went wrong, lowercase, user input in backticks
     */
    protected AupException(String message) {
        super(message);
    }

    /**
     * An exception with a message and the exception that caused it.
     *
     * @param message what went wrong, lowercase, user input in backticks
     * @param cause what caused it, or {@code null} when nothing did
     */
    protected AupException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
