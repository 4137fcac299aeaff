package org.auprules.api;

/**
 * Well-formed input that does not fit the facts: an unknown field, a wrong type, an unknown enum
 * value, a missing id, a reference to an account that is not there. It names the place in the
 * document as a JSON path, e.g. {@code $.processes[3].cpuPercent}.
 */
public final class InvalidFactsException extends InvalidInputException {

    private final String path;

    /**
     * @param path    the JSON path of the offending value
     * @param problem what is wrong and what is expected, lowercase, user input in backticks
     * @param source  the file, when known
     * @param line    the 1-based line, or 0 when unknown
     * @param column  the 1-based column, or 0 when unknown
     */
    public InvalidFactsException(String path, String problem, String source, int line, int column) {
        super(path + ": " + problem + (line > 0 ? " (line " + line + ")" : ""), source, line, column, null);
        this.path = path;
    }

    /** An error found in facts that came as Java objects, with no line. */
    public InvalidFactsException(String path, String problem) {
        this(path, problem, null, 0, 0);
    }

    /** The JSON path of the offending value, e.g. {@code $.emails[0].accountId}. */
    public String path() {
        return path;
    }
}
