package org.auprules.testing;

import org.auprules.testing.Scenario.SourceLocation;
import org.auprules.api.InvalidInputException;

/**
 * A scenario file that is well-formed JSON but not a valid scenario: a missing description, an
 * unknown field, an expectation that names an account the facts do not have or a clause the
 * policy does not have. It names the JSON path and the line, like an input error. Errors in the
 * {@code facts} of a scenario are {@link org.auprules.api.InvalidFactsException}s instead, located
 * in the scenario file the same way.
 */
public final class InvalidScenarioException extends InvalidInputException {

    private final String path;

    /**
     * @param path    the JSON path of the offending value, e.g. {@code $[2].expect.violations[0].clause}
     * @param problem what is wrong, lowercase, user input in backticks
     * @param source  the file, when known
     * @param line    the 1-based line, or 0 when unknown
     * @param column  the 1-based column, or 0 when unknown
     */
    public InvalidScenarioException(String path, String problem, String source, int line, int column) {
        super((path.isEmpty() ? "" : path + ": ") + problem + (line > 0 ? " (line " + line + ")" : ""),
                source, line, column, null);
        this.path = path;
    }

    /** An error at a known location. */
    static InvalidScenarioException at(SourceLocation where, String problem) {
        return new InvalidScenarioException(where.path(), problem, where.source(), where.line(), where.column());
    }

    /** The JSON path of the offending value; empty when the problem is about a whole file or folder. */
    public String path() {
        return path;
    }
}
