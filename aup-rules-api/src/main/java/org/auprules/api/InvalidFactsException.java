package org.auprules.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Well-formed input that does not fit the facts: an unknown field, a wrong type, an unknown enum
 * value, a missing id, a reference to an account that is not there. It names the place in the
 * document as a JSON path, e.g. {@code $.processes[3].cpuPercent}; {@link #problem()} gives the
 * path, the line and column when known, and the message apart, so that tools need not read them
 * out of the exception's message.
 */
public final class InvalidFactsException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /**
     * What is wrong and where, as data.
     *
     * @param path    the JSON path of the offending value, e.g. {@code $.emails[0].accountId}
     * @param line    the 1-based line, or 0 when unknown
     * @param column  the 1-based column, or 0 when unknown
     * @param message what is wrong and what is expected, lowercase, user input in backticks
     */
    public record Problem(String path, int line, int column, String message) {

        /** Checks that the path and message are there. */
        public Problem {
            Objects.requireNonNull(path, "path must not be null");
            Objects.requireNonNull(message, "message must not be null");
        }
    }

    private final Problem problem;

    /**
     * @param path    the JSON path of the offending value
     * @param problem what is wrong and what is expected, lowercase, user input in backticks
     * @param source  the file, when known
     * @param line    the 1-based line, or 0 when unknown
     * @param column  the 1-based column, or 0 when unknown
     */
    public InvalidFactsException(String path, String problem, @Nullable String source, int line, int column) {
        super(path + ": " + problem + (line > 0 ? " (line " + line + ")" : ""), source, line, column, null);
        this.problem = new Problem(path, line, column, problem);
    }

    /** An error found in facts that came as Java objects, with no line. */
    public InvalidFactsException(String path, String problem) {
        this(path, problem, null, 0, 0);
    }

    /** The JSON path of the offending value, e.g. {@code $.emails[0].accountId}. */
    public String path() {
        return problem.path();
    }

    /** The problem as data: its JSON path, line and column when known, and message. */
    public Problem problem() {
        return problem;
    }

    /**
     * The same problem at another place: a path, file and position in a document that holds the
     * facts this one was found in (a scenario file that embeds them, the text they were read from).
     */
    public InvalidFactsException at(String path, @Nullable String source, int line, int column) {
        return new InvalidFactsException(path, problem.message(), source, line, column);
    }
}
