package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.FactSet;
import org.auprules.decisionlog.DecisionLog;

/** {@code --decision-log FILE}: append the decision of one evaluation to a decision log. */
final class DecisionLogOption {

    private DecisionLogOption() {}

    /**
     * Appends one line for this evaluation, forced to the disk, before anything is printed: a
     * decision that cannot be recorded is not handed out. Ends with exit code 2 when the file
     * cannot be written.
     */
    static void record(Path file, FactSet facts, EvaluationResult result, PrintWriter err) {
        try (DecisionLog log = DecisionLog.open(file)) {
            log.append(facts, result);
        } catch (UncheckedIOException e) {
            err.println("aup-rules: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_INPUT);
        }
    }
}
