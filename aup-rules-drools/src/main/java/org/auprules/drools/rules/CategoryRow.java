package org.auprules.drools.rules;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.Certainty;
import org.auprules.api.Severity;
import org.auprules.api.facts.ContentCategory;
import org.auprules.api.facts.PermitType;

/**
 * One entry of {@code contentCategories} in {@code policy.json}: a category the host's classifier
 * gives sites and files, and a clause that content of that category breaks.
 *
 * @param category       the classifier's category
 * @param clause         the id of the clause it breaks
 * @param severity       how grave it is
 * @param certainty      whether the category proves the violation; classifier output is usually SUSPECTED
 * @param description    what such content is, e.g. {@code gambling or lottery content}
 * @param liftedByPermit the kind of permit that, while valid, allows the content; empty when none does
 * @param line           the 1-based line of the entry in {@code policy.json}
 */
public record CategoryRow(
        ContentCategory category,
        String clause,
        Severity severity,
        Certainty certainty,
        String description,
        Optional<PermitType> liftedByPermit,
        int line)
        implements TableRow {

    /**
     * Checks that nothing is missing; a row that no permit lifts has an empty {@code liftedByPermit}.
     *
     * @param category       the classifier's category
     * @param clause         the id of the clause it breaks
     * @param severity       how grave it is
     * @param certainty      whether the category proves the violation
     * @param description    what such content is
     * @param liftedByPermit the kind of permit that, while valid, allows the content; empty when none does
     * @param line           the 1-based line of the entry in {@code policy.json}
     */
    public CategoryRow {
        Objects.requireNonNull(category, "category must not be null");
        Objects.requireNonNull(clause, "clause must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(certainty, "certainty must not be null");
        Objects.requireNonNull(description, "description must not be null");
        Objects.requireNonNull(liftedByPermit, "liftedByPermit must not be null; use Optional.empty()");
    }

    /**
     * The permit types that, while valid, lift the row, as a set that DRL can test with
     * {@code memberOf}: {@code not( Permit( type memberOf $row.liftingPermits(), ... ) )}.
     *
     * @return none, or the one type of {@link #liftedByPermit()}
     */
    public Set<PermitType> liftingPermits() {
        return liftedByPermit.map(Set::of).orElse(Set.of());
    }

    /**
     * The table the row comes from.
     *
     * @return {@value ContentTable#SOURCE}
     */
    @Override
    public String source() {
        return ContentTable.SOURCE;
    }
}
