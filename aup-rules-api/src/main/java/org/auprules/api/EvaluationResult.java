package org.auprules.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one evaluation found, and enough to tell how: the policy that produced it, the violations
 * with their evidence, the notices, and the rules that fired.
 *
 * @param policy      which policy produced the result
 * @param evaluatedAt the moment the facts were judged at
 * @param violations  the violations, in the documented deterministic order, without duplicates
 * @param notices     findings that are not violations
 * @param firedRules  the names of every rule that fired, derivations included, sorted
 * @param summary     counts over the result
 * @param suppressed  the violations a waiver set apart, in the order of {@link Violation#ORDER}; not in {@code violations}
 * @param escalations the violations the pack's escalation table made graver for a repeat offence
 */
public record EvaluationResult(
        PolicyInfo policy,
        Instant evaluatedAt,
        List<Violation> violations,
        List<Notice> notices,
        List<String> firedRules,
        Summary summary,
        List<SuppressedViolation> suppressed,
        List<Escalation> escalations) {

    /**
     * A result with nothing suppressed and nothing escalated.
     *
     * @param policy      which policy produced the result
     * @param evaluatedAt the moment the facts were judged at
     * @param violations  the violations
     * @param notices     findings that are not violations
     * @param firedRules  the names of every rule that fired
     * @param summary     counts over the result
     */
    public EvaluationResult(
            PolicyInfo policy,
            Instant evaluatedAt,
            List<Violation> violations,
            List<Notice> notices,
            List<String> firedRules,
            Summary summary) {
        this(policy, evaluatedAt, violations, notices, firedRules, summary, List.of(), List.of());
    }

    /**
     *
     * Checks that the policy, the moment and the summary are there and copies the lists.
     *
     *
     *
     * @param policy which policy produced the result
     *
     * @param evaluatedAt the moment the facts were judged at
     *
     * @param violations the violations, in the documented deterministic order, without duplicates
     *
     * @param notices findings that are not violations
     *
     * @param firedRules the names of every rule that fired, derivations included, sorted
     *
     * @param summary counts over the result
     *
     * @param suppressed the violations a waiver set apart
     *
     * @param escalations the violations made graver for a repeat offence
     *
     * @throws NullPointerException when a field is null
     *
     */
    public EvaluationResult {
        Objects.requireNonNull(policy, "policy must not be null");
        Objects.requireNonNull(evaluatedAt, "evaluatedAt must not be null");
        violations = List.copyOf(violations);
        notices = List.copyOf(notices);
        firedRules = List.copyOf(firedRules);
        Objects.requireNonNull(summary, "summary must not be null");
        suppressed = List.copyOf(suppressed);
        escalations = List.copyOf(escalations);
    }

    /**
     * {@return the violations of one account}
     *
     * @param accountId the id of the account
     */
    public List<Violation> violationsOf(String accountId) {
        return violations.stream().filter(v -> v.accountId().equals(accountId)).toList();
    }

    /** {@return the most severe violation's severity, if there is any violation} */
    public Optional<Severity> maxSeverity() {
        return violations.stream().map(Violation::severity).max(Enum::compareTo);
    }
}
