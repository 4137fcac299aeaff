package org.auprules.api;

import org.jspecify.annotations.Nullable;

/** Input that is not well-formed JSON (or mail) at all. */
public final class MalformedInputException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    public MalformedInputException(String message, @Nullable String source, int line, int column,
            @Nullable Throwable cause) {
        super(message, source, line, column, cause);
    }
}
