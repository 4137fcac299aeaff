package org.auprules.api;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.Category;
import org.auprules.api.policy.Clause;

/**
 * One clause broken by one account, with how it is known and what the policy authorizes.
 *
 * @param ruleId    the name of the rule that found it
 * @param clause    the clause it breaks, from the catalog
 * @param category  the part of the policy the clause belongs to
 * @param severity  how grave it is
 * @param certainty whether the facts prove it or a person should review it
 * @param accountId the account that breaks the clause
 * @param actions   what the policy lets the company do, each with the clause that grants it
 * @param message   what matched, in words
 * @param evidence  the facts that matched, sorted by id
 */
public record Violation(
        String ruleId,
        Clause clause,
        Category category,
        Severity severity,
        Certainty certainty,
        String accountId,
        List<AuthorizedAction> actions,
        String message,
        List<Evidence> evidence)
        implements Comparable<Violation> {

    /** Account id, then clause id in numeric order, then rule id, then evidence ids. */
    public static final Comparator<Violation> ORDER = Comparator.comparing(Violation::accountId)
            .thenComparing(v -> v.clause().id())
            .thenComparing(Violation::ruleId)
            .thenComparing(Violation::evidenceKey);

    /**
     *
     * Checks that every field is there, copies the actions, and sorts the evidence by id without duplicates.
     *
     *
     *
     * @param ruleId the name of the rule that found it
     *
     * @param clause the clause it breaks, from the catalog
     *
     * @param category the part of the policy the clause belongs to
     *
     * @param severity how grave it is
     *
     * @param certainty whether the facts prove it or a person should review it
     *
     * @param accountId the account that breaks the clause
     *
     * @param actions what the policy lets the company do, each with the clause that grants it
     *
     * @param message what matched, in words
     *
     * @param evidence the facts that matched, sorted by id
     *
     * @throws NullPointerException when a field is null
     *
     */
    public Violation {
        Objects.requireNonNull(ruleId, "rule id must not be null");
        Objects.requireNonNull(clause, "clause must not be null");
        Objects.requireNonNull(category, "category must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(certainty, "certainty must not be null");
        Objects.requireNonNull(accountId, "account id must not be null");
        Objects.requireNonNull(message, "message must not be null");
        actions = List.copyOf(actions);
        evidence = evidence.stream().distinct().sorted().toList();
    }

    /** {@return the clause id this violation cites, e.g. {@code "2.12"}} */
    public String clauseId() {
        return clause.id().value();
    }

    private String evidenceKey() {
        StringBuilder key = new StringBuilder();
        for (Evidence e : evidence) {
            key.append(e.id()).append('\u0000').append(e.type()).append('\u0001');
        }
        return key.toString();
    }

    @Override
    public int compareTo(Violation other) {
        return ORDER.compare(this, other);
    }
}
