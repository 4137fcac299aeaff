package org.auprules.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Input that cannot be evaluated. {@link MalformedInputException} is input that is not JSON at
 * all; {@link InvalidFactsException} is JSON that does not fit the facts.
 */
public abstract class InvalidInputException extends AupException {

    private static final long serialVersionUID = 1L;

    private final @Nullable String source;
    private final int line;
    private final int column;

    protected InvalidInputException(String message, @Nullable String source, int line, int column,
            @Nullable Throwable cause) {
        super(message, cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file or stream the input came from, when known. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** The 1-based line of the problem, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column of the problem, or 0 when unknown. */
    public int column() {
        return column;
    }
}
