package org.auprules.api;

/** The root of every exception aup-rules throws on purpose. */
public abstract class AupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected AupException(String message) {
        super(message);
    }

    protected AupException(String message, Throwable cause) {
        super(message, cause);
    }
}
