package org.auprules.testing;

import org.auprules.api.InvalidInputException;
import org.auprules.testing.Scenario.SourceLocation;

/**
 * A scenario file that is well-formed JSON but not a valid scenario: a missing description, an
 * unknown field, an expectation that names an account the facts do not have or a clause the
 * policy does not have. It names the JSON path and the line, like an input error. Errors in the
 * {@code facts} of a scenario are {@link org.auprules.api.InvalidFactsException}s instead, located
 * in the scenario file the same way.
 */
public final class InvalidScenarioException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** The JSON path of the offending value; empty when the problem is about a whole file or folder. */
    private final String path;

    /**
     * An error in a scenario file, its message built from the path, the problem and the line, e.g.
     * {@code $[2].expect.violations[0].clause: unknown clause `2.99` … (line 14)}.
     *
     * @param path    the JSON path of the offending value, e.g. {@code $[2].expect.violations[0].clause}
     * @param problem what is wrong, lowercase, user input in backticks
     * @param source  the file, when known
     * @param line    the 1-based line, or 0 when unknown
     * @param column  the 1-based column, or 0 when unknown
     */
    public InvalidScenarioException(String path, String problem, String source, int line, int column) {
        super(
                (path.isEmpty() ? "" : path + ": ") + problem + (line > 0 ? " (line " + line + ")" : ""),
                source,
                line,
                column,
                null);
        this.path = path;
    }

    /** An error at a known location. */
    static InvalidScenarioException at(SourceLocation where, String problem) {
        return new InvalidScenarioException(where.path(), problem, where.source(), where.line(), where.column());
    }

    /**
     * The JSON path of the offending value; empty when the problem is about a whole file or folder.
     *
     * @return a path such as {@code $[2].expect.violations[0].clause}, or an empty string
     */
    public String path() {
        return path;
    }
}
