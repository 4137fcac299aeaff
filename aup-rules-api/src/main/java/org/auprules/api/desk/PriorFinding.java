package org.auprules.api.desk;

import java.time.Instant;
import java.util.Objects;

/**
 * A finding of an earlier evaluation, from the input's {@code history} or from a history store,
 * that the pack's escalation table counts to tell a repeat offence.
 *
 * @param accountId the account it concerned
 * @param clause    the clause it cited, e.g. {@code 1.A.5}
 * @param date      when it was found
 * @param outcome   what became of it; only {@link Outcome#VIOLATION} counts as an offence
 */
public record PriorFinding(String accountId, String clause, Instant date, Outcome outcome) {

    /**
     * Checks that every field is there.
     *
     * @param accountId the account it concerned
     * @param clause    the clause it cited
     * @param date      when it was found
     * @param outcome   what became of it
     */
    public PriorFinding {
        Objects.requireNonNull(accountId, "missing required field `accountId`");
        Objects.requireNonNull(clause, "missing required field `clause`");
        Objects.requireNonNull(date, "missing required field `date`");
        Objects.requireNonNull(outcome, "missing required field `outcome`");
    }

    /** What became of a prior finding. */
    public enum Outcome {
        /** It stood as a violation: it counts towards a repeat offence. */
        VIOLATION,
        /** A waiver set it apart: it does not count. */
        SUPPRESSED,
        /** The desk judged it unfounded: it does not count. */
        DISMISSED
    }
}
