package org.auprules.examples.bench.baseline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.auprules.api.Certainty;
import org.auprules.api.Evidence;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.facts.Fact;

/**
 * One violation as a baseline reports it: what the comparison with the library's
 * {@link Violation} looks at, and a message.
 *
 * @param accountId the account
 * @param clause    the clause id, e.g. {@code "1.A.2"}
 * @param ruleId    the rule's name, the library's rule id
 * @param severity  the rule's severity
 * @param certainty the rule's certainty
 * @param evidence  the facts it cites, sorted, each once
 * @param message   what it says, in the baseline's own words
 */
public record Found(
        String accountId,
        String clause,
        String ruleId,
        Severity severity,
        Certainty certainty,
        List<Evidence> evidence,
        String message) {

    /**
     * Sorts the evidence and keeps each item once, as {@link Violation} does.
     *
     * @param accountId the account
     * @param clause    the clause id
     * @param ruleId    the rule id
     * @param severity  the severity
     * @param certainty the certainty
     * @param evidence  the facts it cites
     * @param message   the message
     */
    public Found {
        evidence = evidence.stream().distinct().sorted().toList();
    }

    /**
     * A finding citing these facts.
     *
     * @param accountId the account
     * @param clause    the clause id
     * @param ruleId    the rule id
     * @param severity  the severity
     * @param certainty the certainty
     * @param message   the message
     * @param facts     the facts it cites
     * @return the finding
     */
    static Found of(
            String accountId,
            String clause,
            String ruleId,
            Severity severity,
            Certainty certainty,
            String message,
            Collection<? extends Fact> facts) {
        List<Evidence> evidence = new ArrayList<>(facts.size());
        for (Fact f : facts) {
            evidence.add(Evidence.of(f));
        }
        return new Found(accountId, clause, ruleId, severity, certainty, evidence, message);
    }

    /**
     * What two implementations must agree on: everything but the message.
     *
     * @return account, clause, rule, severity, certainty and evidence, as text
     */
    public String key() {
        return key(accountId, clause, ruleId, severity, certainty, evidence);
    }

    /**
     * The same key for one of the library's violations.
     *
     * @param v the violation
     * @return its key
     */
    public static String key(Violation v) {
        return key(v.accountId(), v.clauseId(), v.ruleId(), v.severity(), v.certainty(), v.evidence());
    }

    private static String key(
            String accountId,
            String clause,
            String ruleId,
            Severity severity,
            Certainty certainty,
            List<Evidence> evidence) {
        StringBuilder b = new StringBuilder()
                .append(accountId)
                .append(" | ")
                .append(clause)
                .append(" | ")
                .append(ruleId)
                .append(" | ")
                .append(severity)
                .append(' ')
                .append(certainty)
                .append(" |");
        for (Evidence e : evidence) {
            b.append(' ').append(e.type()).append(':').append(e.id());
        }
        return b.toString();
    }
}
