package org.auprules.drools.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.auprules.api.Certainty;
import org.auprules.api.Severity;
import org.auprules.api.policy.Clause;

/**
 * What the metadata of one compiled rule says, read once per compiled policy so that
 * {@link Findings} never parses metadata while rules fire.
 *
 * @param name       the rule's name
 * @param clause     the clause its {@code @clause} cites; empty for a derivation, notice or table rule
 * @param severity   its {@code @severity}; empty without a clause
 * @param certainty  its {@code @certainty}, CONFIRMED when it writes none
 * @param clauseFrom the table its {@code @clauseFrom} names; empty when it has none
 * @param message    its {@code @message}, parsed; empty when it has none
 */
public record RuleSpec(
        String name,
        Optional<Clause> clause,
        Optional<Severity> severity,
        Certainty certainty,
        Optional<String> clauseFrom,
        Optional<MessageTemplate> message) {

    /** The metadata key of a rule's message template. */
    public static final String MESSAGE = "message";

    /**
     * Checks that nothing is missing; what a rule does not write is an empty {@code Optional}.
     *
     * @param name       the rule's name
     * @param clause     the clause its {@code @clause} cites; empty for a derivation, notice or table rule
     * @param severity   its {@code @severity}; empty without a clause
     * @param certainty  its {@code @certainty}, CONFIRMED when it writes none
     * @param clauseFrom the table its {@code @clauseFrom} names; empty when it has none
     * @param message    its {@code @message}, parsed; empty when it has none
     */
    public RuleSpec {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(clause, "clause must not be null; use Optional.empty()");
        Objects.requireNonNull(severity, "severity must not be null; use Optional.empty()");
        Objects.requireNonNull(certainty, "certainty must not be null");
        Objects.requireNonNull(clauseFrom, "clauseFrom must not be null; use Optional.empty()");
        Objects.requireNonNull(message, "message must not be null; use Optional.empty()");
    }

    /**
     * The key a rule is found under: its package and its name, which Drools keeps unique.
     *
     * @param packageName the rule's package
     * @param name        the rule's name
     * @return the key
     */
    public static List<String> key(String packageName, String name) {
        return List.of(packageName, name);
    }
}
