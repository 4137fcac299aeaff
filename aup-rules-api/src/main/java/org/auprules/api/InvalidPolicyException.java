package org.auprules.api;

import java.util.List;
import java.util.stream.Collectors;

/** A policy pack that cannot go live, with every problem found, each as {@code file:line:column}. */
public final class InvalidPolicyException extends AupException {

    private static final long serialVersionUID = 1L;

    /** Every problem found, errors and warnings. */
    private final List<PolicyProblem> problems;

    /**
     * An exception that lists every problem in its message, one per line.
     *
     * @param pack     where the pack was loaded from
     * @param problems every problem found; at least one is an error
     */
    public InvalidPolicyException(String pack, List<PolicyProblem> problems) {
        super("invalid policy pack `" + pack + "`:\n"
                + problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem found, errors and warnings} */
    public List<PolicyProblem> problems() {
        return problems;
    }
}
