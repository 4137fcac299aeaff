package org.auprules.api;

import org.jspecify.annotations.Nullable;

/** Input that is not well-formed JSON (or mail) at all. */
public final class MalformedInputException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * Input that could not be parsed, at the place the parser stopped.
     *
     * @param message what is wrong, lowercase, user input in backticks
     * @param source the file or stream the input came from, or {@code null} when unknown
     * @param line the 1-based line of the problem, or 0 when unknown
     * @param column the 1-based column of the problem, or 0 when unknown
     * @param cause the parser's exception, or {@code null} when there is none
     */
    public MalformedInputException(
            String message, @Nullable String source, int line, int column, @Nullable Throwable cause) {
        super(message, source, line, column, cause);
    }
}
