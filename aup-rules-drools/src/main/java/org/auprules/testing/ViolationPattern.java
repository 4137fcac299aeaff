package org.auprules.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.auprules.api.Certainty;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.testing.Scenario.SourceLocation;

/**
 * One entry of {@code expect.violations} or {@code expect.noViolations}: an account, and
 * optionally the clause, rule id, severity and certainty a violation must have to match. A field
 * left out matches anything.
 *
 * @param accountId the account
 * @param clause    the clause id, e.g. {@code 1.A.2}; always present in {@code violations}
 * @param ruleId    the violation's rule id, e.g. {@code 2.12 IRC server process}
 * @param severity  the violation's severity
 * @param certainty the violation's certainty
 * @param location  where the entry is written
 */
public record ViolationPattern(
        String accountId,
        Optional<String> clause,
        Optional<String> ruleId,
        Optional<Severity> severity,
        Optional<Certainty> certainty,
        SourceLocation location) {

    /**
     * Checks every field is there; a field left out is {@link Optional#empty()}, never null.
     *
     * @param accountId the account
     * @param clause    the clause id, e.g. {@code 1.A.2}; always present in {@code violations}
     * @param ruleId    the violation's rule id, e.g. {@code 2.12 IRC server process}
     * @param severity  the violation's severity
     * @param certainty the violation's certainty
     * @param location  where the entry is written
     */
    public ViolationPattern {
        Objects.requireNonNull(accountId, "account id must not be null");
        Objects.requireNonNull(clause, "clause must not be null; use Optional.empty()");
        Objects.requireNonNull(ruleId, "rule id must not be null; use Optional.empty()");
        Objects.requireNonNull(severity, "severity must not be null; use Optional.empty()");
        Objects.requireNonNull(certainty, "certainty must not be null; use Optional.empty()");
        Objects.requireNonNull(location, "location must not be null");
    }

    /**
     * A pattern for any violation of a clause by an account, for scenarios built in Java.
     *
     * @param accountId the account, e.g. {@code acc-1}
     * @param clause    the clause id, e.g. {@code 1.A.2}
     * @return a pattern with any rule id, severity and certainty, located {@code java}
     */
    public static ViolationPattern of(String accountId, String clause) {
        return new ViolationPattern(
                accountId,
                Optional.of(clause),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                SourceLocation.inCode("java"));
    }

    /**
     * A pattern for any violation at all by an account, for scenarios built in Java; in
     * {@code noViolations} it says the account stays clean.
     *
     * @param accountId the account, e.g. {@code acc-2}
     * @return a pattern that names nothing but the account, located {@code java}
     */
    public static ViolationPattern anyOf(String accountId) {
        return new ViolationPattern(
                accountId,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                SourceLocation.inCode("java"));
    }

    /**
     * Whether a violation has every field this pattern names.
     *
     * @param v a violation of an evaluation result
     * @return true when the account and every field present in this pattern are equal
     */
    public boolean matches(Violation v) {
        return accountId.equals(v.accountId())
                && clause.map(c -> c.equals(v.clauseId())).orElse(true)
                && ruleId.map(r -> r.equals(v.ruleId())).orElse(true)
                && severity.map(s -> s == v.severity()).orElse(true)
                && certainty.map(c -> c == v.certainty()).orElse(true);
    }

    /**
     * Whether this pattern names nothing but the account, so that it matches every violation of it.
     *
     * @return true when clause, rule id, severity and certainty are all left out
     */
    public boolean isWholeAccount() {
        return clause.isEmpty() && ruleId.isEmpty() && severity.isEmpty() && certainty.isEmpty();
    }

    /**
     * Whether every violation that {@code narrower} matches, this pattern matches too: each field
     * this pattern names, {@code narrower} names with the same value.
     *
     * @param narrower the other pattern
     * @return true when this pattern is the same as or more general than {@code narrower}
     */
    public boolean covers(ViolationPattern narrower) {
        return accountId.equals(narrower.accountId)
                && (clause.isEmpty() || clause.equals(narrower.clause))
                && (ruleId.isEmpty() || ruleId.equals(narrower.ruleId))
                && (severity.isEmpty() || severity.equals(narrower.severity))
                && (certainty.isEmpty() || certainty.equals(narrower.certainty));
    }

    /**
     * The fields beyond the account, as a reader writes them.
     *
     * @return e.g. {@code 1.A.2 HIGH rule `…`}; {@code any violation} when the pattern names only the account
     */
    public String describeWhat() {
        List<String> parts = new ArrayList<>();
        clause.ifPresent(parts::add);
        severity.ifPresent(s -> parts.add(s.name()));
        certainty.ifPresent(c -> parts.add(c.name()));
        ruleId.ifPresent(r -> parts.add("rule `" + r + "`"));
        return parts.isEmpty() ? "any violation" : String.join(" ", parts);
    }

    /** The account and the fields, e.g. {@code acc-1 1.A.2 HIGH}. */
    @Override
    public String toString() {
        return accountId + " " + describeWhat();
    }
}
