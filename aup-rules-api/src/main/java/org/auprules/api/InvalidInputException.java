package org.auprules.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Input that cannot be evaluated. {@link MalformedInputException} is input that is not JSON at
 * all; {@link InvalidFactsException} is JSON that does not fit the facts.
 */
public abstract class InvalidInputException extends AupException {

    private static final long serialVersionUID = 1L;

    /** The file or stream the input came from, or {@code null} when unknown. */
    private final @Nullable String source;
    /** The 1-based line of the problem, or 0 when unknown. */
    private final int line;
    /** The 1-based column of the problem, or 0 when unknown. */
    private final int column;

    /**
     * An input error at a place, when the place is known.
     *
     * @param message what is wrong, lowercase, user input in backticks
     * @param source the file or stream the input came from, or {@code null} when unknown
     * @param line the 1-based line of the problem, or 0 when unknown
     * @param column the 1-based column of the problem, or 0 when unknown
     * @param cause the parser's exception, or {@code null} when there is none
     */
    protected InvalidInputException(
            String message, @Nullable String source, int line, int column, @Nullable Throwable cause) {
        super(message, cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** {@return the file or stream the input came from, when known} */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /** {@return the 1-based line of the problem, or 0 when unknown} */
    public int line() {
        return line;
    }

    /** {@return the 1-based column of the problem, or 0 when unknown} */
    public int column() {
        return column;
    }
}
