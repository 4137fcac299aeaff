package org.auprules.drools;

/**
 * The cause of an {@link org.auprules.api.EvaluationFailedException} when one account's session
 * passed a limit of the evaluator: too many rule firings, or longer than the deadline. The rules
 * of the pack are at fault (a rule that keeps re-activating itself, a join over too many facts, a
 * consequence that never returns), so nothing of the evaluation is returned.
 */
final class LimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception whose message says which limit was passed and by how much.
     *
     * @param message what was passed, e.g. {@code fired 1000001 times, above the limit of 1000000}
     */
    LimitExceededException(String message) {
        super(message);
    }
}
