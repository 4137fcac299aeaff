package org.auprules.decisionlog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.auprules.api.Certainty;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.internal.CanonicalFacts;

/**
 * One line of a decision log: which policy judged which input when, and what it found.
 *
 * @param time        when the decision was made, by the logger's clock
 * @param policy      the policy's name, version and digest
 * @param input       {@code sha256:} and the hex SHA-256 of the canonical input (see docs/policy-testing.md)
 * @param evaluatedAt the moment the facts were judged at
 * @param accounts    how many accounts were evaluated
 * @param violations  what was found, in the result's order
 * @param decisionId  the decision's own id, a random UUID: a caller that was handed it can find its
 *                    line; empty for lines written before decisions carried an id
 */
public record DecisionRecord(
        Instant time,
        PolicyInfo policy,
        String input,
        Instant evaluatedAt,
        int accounts,
        List<LoggedViolation> violations,
        String decisionId) {

    /**
     * Checks that nothing is missing and copies the violations.
     *
     * @param time        when the decision was made, by the logger's clock
     * @param policy      the policy's name, version and digest
     * @param input       {@code sha256:} and the hex SHA-256 of the canonical input
     * @param evaluatedAt the moment the facts were judged at
     * @param accounts    how many accounts were evaluated
     * @param violations  what was found, in the result's order
     * @param decisionId  the decision's id, or empty for a line written before decisions carried one
     */
    public DecisionRecord {
        Objects.requireNonNull(time, "time must not be null");
        Objects.requireNonNull(policy, "policy must not be null");
        Objects.requireNonNull(input, "input digest must not be null");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt must not be null");
        violations = List.copyOf(violations);
        Objects.requireNonNull(decisionId, "decision id must not be null");
    }

    /**
     * A record with a new random decision id.
     *
     * @param time        when the decision was made, by the logger's clock
     * @param policy      the policy's name, version and digest
     * @param input       {@code sha256:} and the hex SHA-256 of the canonical input
     * @param evaluatedAt the moment the facts were judged at
     * @param accounts    how many accounts were evaluated
     * @param violations  what was found, in the result's order
     */
    public DecisionRecord(
            Instant time,
            PolicyInfo policy,
            String input,
            Instant evaluatedAt,
            int accounts,
            List<LoggedViolation> violations) {
        this(time, policy, input, evaluatedAt, accounts, violations, newDecisionId());
    }

    /**
     * A new decision id: a random (version 4) UUID, as OPA's {@code decision_id} is.
     *
     * @return the id, e.g. {@code 3f2b8c4e-6a1d-4c1e-9a57-0c7e2d7d9b10}
     */
    public static String newDecisionId() {
        return UUID.randomUUID().toString();
    }

    /**
     * A violation as the log keeps it: enough to audit the decision; the clause text and the
     * actions follow from the policy digest.
     *
     * @param accountId the account
     * @param clause    the clause id
     * @param ruleId    the rule id
     * @param severity  its severity
     * @param certainty its certainty
     * @param message   what matched
     * @param evidence  the facts that matched
     */
    public record LoggedViolation(
            String accountId,
            String clause,
            String ruleId,
            Severity severity,
            Certainty certainty,
            String message,
            List<Evidence> evidence) {

        /**
         * Checks that nothing is missing and copies the evidence.
         *
         * @param accountId the account
         * @param clause    the clause id
         * @param ruleId    the rule id
         * @param severity  its severity
         * @param certainty its certainty
         * @param message   what matched
         * @param evidence  the facts that matched
         */
        public LoggedViolation {
            Objects.requireNonNull(accountId, "account id must not be null");
            Objects.requireNonNull(clause, "clause must not be null");
            Objects.requireNonNull(ruleId, "rule id must not be null");
            Objects.requireNonNull(severity, "severity must not be null");
            Objects.requireNonNull(certainty, "certainty must not be null");
            Objects.requireNonNull(message, "message must not be null");
            evidence = List.copyOf(evidence);
        }

        static LoggedViolation of(Violation v) {
            return new LoggedViolation(
                    v.accountId(), v.clauseId(), v.ruleId(), v.severity(), v.certainty(), v.message(), v.evidence());
        }
    }

    /**
     * The record of one evaluation: the input is kept as its digest, never as the facts themselves.
     *
     * @param time   when the decision was made
     * @param facts  the facts that were evaluated
     * @param result what the evaluation found
     * @return the record, with {@code facts} reduced to the SHA-256 of their canonical form, and a new decision id
     */
    public static DecisionRecord of(Instant time, FactSet facts, EvaluationResult result) {
        return of(time, facts, result, newDecisionId());
    }

    /**
     * The record of one evaluation under a decision id the caller chose (and may already have handed out).
     *
     * @param time       when the decision was made
     * @param facts      the facts that were evaluated
     * @param result     what the evaluation found
     * @param decisionId the decision's id
     * @return the record, with {@code facts} reduced to the SHA-256 of their canonical form
     */
    public static DecisionRecord of(Instant time, FactSet facts, EvaluationResult result, String decisionId) {
        return new DecisionRecord(
                time,
                result.policy(),
                CanonicalFacts.sha256(facts),
                result.evaluatedAt(),
                result.summary().accounts(),
                result.violations().stream().map(LoggedViolation::of).toList(),
                decisionId);
    }
}
