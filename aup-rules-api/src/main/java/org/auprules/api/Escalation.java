package org.auprules.api;

import java.util.List;
import java.util.Objects;
import org.auprules.api.policy.AuthorizedAction;

/**
 * A violation made graver by the pack's escalation table because the account offended before.
 *
 * @param accountId     the account
 * @param ruleId        the rule of the escalated violation
 * @param clause        the clause of the escalated violation
 * @param row           the id of the escalation table's row that applied
 * @param priorFindings how many prior violations within the row's window counted
 * @param from          the severity the rule gave
 * @param to            the severity after escalation
 * @param added         the actions the row added to the violation's
 */
public record Escalation(
        String accountId,
        String ruleId,
        String clause,
        String row,
        int priorFindings,
        Severity from,
        Severity to,
        List<AuthorizedAction> added)
        implements Comparable<Escalation> {

    /**
     * Checks that every field is there and copies the actions.
     *
     * @param accountId     the account
     * @param ruleId        the rule of the escalated violation
     * @param clause        the clause of the escalated violation
     * @param row           the id of the row that applied
     * @param priorFindings how many prior violations counted
     * @param from          the severity the rule gave
     * @param to            the severity after escalation
     * @param added         the actions the row added
     */
    public Escalation {
        Objects.requireNonNull(accountId, "accountId must not be null");
        Objects.requireNonNull(ruleId, "ruleId must not be null");
        Objects.requireNonNull(clause, "clause must not be null");
        Objects.requireNonNull(row, "row must not be null");
        Objects.requireNonNull(from, "from must not be null");
        Objects.requireNonNull(to, "to must not be null");
        added = List.copyOf(added);
    }

    @Override
    public int compareTo(Escalation o) {
        int c = accountId.compareTo(o.accountId);
        if (c == 0) c = clause.compareTo(o.clause);
        if (c == 0) c = ruleId.compareTo(o.ruleId);
        return c != 0 ? c : row.compareTo(o.row);
    }
}
