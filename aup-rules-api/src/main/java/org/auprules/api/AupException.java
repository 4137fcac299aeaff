package org.auprules.api;

import org.jspecify.annotations.Nullable;

/** The root of every exception aup-rules throws on purpose. */
public abstract class AupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected AupException(String message) {
        super(message);
    }

    protected AupException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
