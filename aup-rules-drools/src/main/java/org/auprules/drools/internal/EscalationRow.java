package org.auprules.drools.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.auprules.api.Severity;
import org.auprules.api.desk.Waiver;
import org.auprules.api.policy.AuthorizedAction;

/**
 * One row of a pack's {@code escalations.json}: when an account that already has {@code
 * priorViolations} violations of these clauses within {@code withinDays} days breaks one of them
 * again, its violation is raised to at least {@code severity} and gains {@code addActions}.
 *
 * @param id              the row's id, cited in the result's {@code escalations}
 * @param clauses         the clauses it watches; a section covers the clauses under it
 * @param priorViolations how many prior violations make a repeat offence, at least 1
 * @param withinDays      how many days back prior violations count, at least 1; a prior finding exactly that long ago counts
 * @param severity        the least severity of an escalated violation, if the row raises it
 * @param addActions      the actions an escalated violation gains
 * @param description     what the row means, in words
 * @param line            the row's line in {@code escalations.json}
 */
public record EscalationRow(
        String id,
        List<String> clauses,
        int priorViolations,
        int withinDays,
        Optional<Severity> severity,
        List<AuthorizedAction> addActions,
        String description,
        int line) {

    /**
     * Copies the lists.
     *
     * @param id              the row's id
     * @param clauses         the clauses it watches
     * @param priorViolations how many prior violations make a repeat offence
     * @param withinDays      how many days back they count
     * @param severity        the least severity of an escalated violation
     * @param addActions      the actions an escalated violation gains
     * @param description     what the row means
     * @param line            the row's line
     */
    public EscalationRow {
        Objects.requireNonNull(id, "id must not be null");
        clauses = List.copyOf(clauses);
        Objects.requireNonNull(severity, "severity must not be null; use Optional.empty()");
        addActions = List.copyOf(addActions);
        Objects.requireNonNull(description, "description must not be null");
    }

    /**
     * {@return whether the row watches this clause}
     *
     * @param clauseId a violation's clause id
     */
    public boolean watches(String clauseId) {
        return clauses.stream().anyMatch(c -> Waiver.within(clauseId, c));
    }
}
