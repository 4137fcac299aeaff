package org.auprules.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.auprules.api.desk.PriorFinding;
import org.jspecify.annotations.Nullable;

/**
 * Why an account was flagged, and why not: for every clause in scope, the rules that fired with
 * their evidence, the violations a waiver suppressed (and which waiver), the escalations the pack's
 * escalation table made to them (which row, from which prior findings, what it added), and, for each rule that
 * compares facts with a threshold and did not fire, the observation closest to its threshold. The
 * thresholds and the rules that read them come from the pack: a rule's {@code Thresholds( … )}
 * pattern names them, and the values are the account's plan's.
 *
 * <pre>{@code
 * Explanation why = evaluator.explain(facts, "acc-1", null);
 * why.clauses().forEach(c -> c.nearMisses().forEach(m -> System.out.println(m.text())));
 * }</pre>
 *
 * @param accountId   the account explained
 * @param plan        its plan, whose thresholds were used, or {@code null} for the defaults
 * @param evaluatedAt the moment of evaluation
 * @param clauses     the clauses with something to say, in clause order
 */
public record Explanation(
        String accountId, @Nullable String plan, Instant evaluatedAt, List<ClauseExplanation> clauses) {

    /**
     * Copies the list.
     *
     * @param accountId   the account explained
     * @param plan        its plan
     * @param evaluatedAt the moment of evaluation
     * @param clauses     the clauses with something to say
     */
    public Explanation {
        Objects.requireNonNull(accountId, "accountId must not be null");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt must not be null");
        clauses = List.copyOf(clauses);
    }

    /**
     * What one clause's rules did for the account.
     *
     * @param clause     the clause or section id, e.g. {@code 3.3}, or {@code 1.A} for the bulk-email derivations
     * @param violations the violations that stand, with their evidence
     * @param suppressed the violations a waiver set apart
     * @param nearMisses each threshold rule of the clause that did not fire, with the closest observation
     * @param escalations each escalation the pack's table made to a violation of the clause, with the prior findings it counted
     */
    public record ClauseExplanation(
            String clause,
            List<Violation> violations,
            List<SuppressedViolation> suppressed,
            List<NearMiss> nearMisses,
            List<EscalationApplied> escalations) {

        /**
         * Copies the lists.
         *
         * @param clause      the clause id
         * @param violations  the violations that stand
         * @param suppressed  the suppressed violations
         * @param nearMisses  the near misses
         * @param escalations the escalations made to the clause's violations
         */
        public ClauseExplanation {
            Objects.requireNonNull(clause, "clause must not be null");
            violations = List.copyOf(violations);
            suppressed = List.copyOf(suppressed);
            nearMisses = List.copyOf(nearMisses);
            escalations = List.copyOf(escalations);
        }

        /**
         * A clause's explanation with no escalation, as before escalations were explained.
         *
         * @param clause     the clause id
         * @param violations the violations that stand
         * @param suppressed the suppressed violations
         * @param nearMisses the near misses
         */
        public ClauseExplanation(
                String clause,
                List<Violation> violations,
                List<SuppressedViolation> suppressed,
                List<NearMiss> nearMisses) {
            this(clause, violations, suppressed, nearMisses, List.of());
        }
    }

    /**
     * One row of the pack's escalation table applied to one violation: the row, what it means, the
     * prior findings it counted, and what it changed.
     *
     * @param escalation    the escalation as the result gives it: rule, row, severity before and after, actions added
     * @param description   the row's description in {@code escalations.json}
     * @param withinDays    how many days back the row counts prior findings
     * @param needed        how many prior violations the row needs
     * @param priorFindings the prior findings that counted, oldest first
     */
    public record EscalationApplied(
            Escalation escalation, String description, int withinDays, int needed, List<PriorFinding> priorFindings) {

        /**
         * Checks that every field is there and copies the list.
         *
         * @param escalation    the escalation
         * @param description   the row's description
         * @param withinDays    the row's window in days
         * @param needed        the prior violations the row needs
         * @param priorFindings the prior findings that counted
         */
        public EscalationApplied {
            Objects.requireNonNull(escalation, "escalation must not be null");
            Objects.requireNonNull(description, "description must not be null");
            priorFindings = List.copyOf(priorFindings);
        }
    }

    /**
     * A threshold rule that did not fire, and how close the facts came.
     *
     * @param ruleId    the rule
     * @param threshold the name of the threshold in {@code policy.json}, e.g. {@code bruteForceAttempts}
     * @param limit     the threshold's value for the account's plan
     * @param observed  the closest observation, or empty when the facts hold nothing it could count
     * @param evidence  the fact observed, when there is one
     * @param text      the near miss in words, e.g. {@code brute force: 19 failed attempts in 600 s, threshold 20 in 600 s}
     */
    public record NearMiss(
            String ruleId,
            String threshold,
            double limit,
            Optional<Double> observed,
            Optional<Evidence> evidence,
            String text) {

        /**
         * Checks that every field is there.
         *
         * @param ruleId    the rule
         * @param threshold the threshold's name
         * @param limit     its value
         * @param observed  the closest observation
         * @param evidence  the fact observed
         * @param text      the near miss in words
         */
        public NearMiss {
            Objects.requireNonNull(ruleId, "ruleId must not be null");
            Objects.requireNonNull(threshold, "threshold must not be null");
            Objects.requireNonNull(observed, "observed must not be null");
            Objects.requireNonNull(evidence, "evidence must not be null");
            Objects.requireNonNull(text, "text must not be null");
        }
    }
}
