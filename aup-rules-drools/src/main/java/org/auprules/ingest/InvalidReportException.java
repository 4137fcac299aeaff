package org.auprules.ingest;

import java.util.List;
import org.auprules.api.InvalidInputException;

/**
 * A report file that cannot be ingested: an X-ARF report that fails its schemas, or a mail that is
 * not an ARF feedback report. It lists every problem found, each naming the place in the report
 * (a JSON path and schema path, or a MIME part and header).
 */
public final class InvalidReportException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    /** Every problem found, in a stable order; never empty. */
    private final List<String> problems;

    /**
     * A report rejected for these problems.
     *
     * @param source   the file, or another name for the input
     * @param line     the 1-based line of the first problem, or 0 when unknown
     * @param problems what is wrong, lowercase, user input in backticks; at least one
     * @throws IllegalArgumentException when {@code problems} is empty
     */
    public InvalidReportException(String source, int line, List<String> problems) {
        super(summary(problems), source, line, 0, null);
        this.problems = List.copyOf(problems);
    }

    /**
     * A report rejected for one problem, with no line.
     *
     * @param source  the file, or another name for the input
     * @param problem what is wrong, lowercase, user input in backticks
     */
    public InvalidReportException(String source, String problem) {
        this(source, 0, List.of(problem));
    }

    private static String summary(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid report needs at least one problem");
        }
        return problems.size() == 1 ? problems.get(0) : problems.get(0) + " (and " + (problems.size() - 1) + " more)";
    }

    /**
     * Every problem found, in a stable order; the message names the first and how many more there are.
     *
     * @return at least one problem, e.g. {@code feedback part: missing required field `Feedback-Type` (RFC 5965 section 3.1)}
     */
    public List<String> problems() {
        return problems;
    }
}
