package org.auprules.api;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A rule of the policy failed while it judged an account: the policy is at fault, not the facts
 * (a consequence that calls a method on an absent field, say). Nothing of the evaluation is
 * returned, since a partial result could hide a violation.
 */
public final class EvaluationFailedException extends AupException {

    private static final long serialVersionUID = 1L;

    /** The account being judged when the rule failed. */
    private final String accountId;
    /** The rule that failed, or {@code null} when the engine did not say. */
    private final @Nullable String rule;

    /**
     * An exception that names the failed rule, the account and the root cause in its message.
     *
     * @param accountId the account being judged
     * @param rule      the rule that failed, or {@code null} when the engine did not say
     * @param cause     what the rule threw
     */
    public EvaluationFailedException(String accountId, @Nullable String rule, Throwable cause) {
        super(
                (rule == null ? "a rule" : "rule `" + rule + "`") + " failed while judging account `" + accountId
                        + "`: " + describe(cause),
                cause);
        this.accountId = accountId;
        this.rule = rule;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** {@return the account being judged when the rule failed} */
    public String accountId() {
        return accountId;
    }

    /** {@return the rule that failed, when the engine named it} */
    public Optional<String> rule() {
        return Optional.ofNullable(rule);
    }
}
