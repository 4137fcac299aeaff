package org.auprules.drools.rules;

import java.util.Objects;
import org.auprules.api.facts.AccountFact;

/**
 * A row of {@code policy.json#contentCategories} that applies to a website or file the classifier
 * put in the row's category. The evaluator inserts one per row and fact before the rules fire
 * (a fact whose categories the table does not map gives none), and rules join on it:
 *
 * <pre>
 * $w : Website( categories.size() &gt; 0 )
 * CategoryMatch( fact == $w, $row : row )
 * </pre>
 *
 * @param row  the row of the fact's category
 * @param fact the website or file
 */
public record CategoryMatch(CategoryRow row, AccountFact fact) {

    /**
     * Checks that there is a row and a fact.
     *
     * @param row  the row
     * @param fact the website or file
     */
    public CategoryMatch {
        Objects.requireNonNull(row, "row must not be null");
        Objects.requireNonNull(fact, "fact must not be null");
    }
}
