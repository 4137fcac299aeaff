package org.auprules.drools.rules;

import org.auprules.api.Certainty;
import org.auprules.api.Severity;

/**
 * A row of a data table that raises violations without DRL of its own: a line of
 * {@code signatures.csv}, or an entry of {@code contentCategories} in {@code policy.json}. The row
 * names the clause, severity, certainty and description; a generic rule that carries
 * {@code @clauseFrom(...)} joins facts to rows and reports them with
 * {@link Findings#violation(org.kie.api.runtime.rule.RuleContext, TableRow, Object...)}.
 */
public interface TableRow {

    /**
     * The clause the row cites.
     *
     * @return its id, e.g. {@code 2.12}
     */
    String clause();

    /**
     * How grave a match is.
     *
     * @return the severity of the violations the row raises
     */
    Severity severity();

    /**
     * Whether a match proves the violation or a person should review it.
     *
     * @return the certainty of the violations the row raises
     */
    Certainty certainty();

    /**
     * What a match is.
     *
     * @return a short noun phrase, e.g. {@code IRC server process}
     */
    String description();

    /**
     * The table the row comes from, as rules name it in {@code @clauseFrom}.
     *
     * @return e.g. {@code signatures.csv} or {@code policy.json#contentCategories}
     */
    String source();

    /**
     * Where the row is written.
     *
     * @return the 1-based line of the row in its file
     */
    int line();

    /**
     * The rule id of the violations the row raises.
     *
     * @return the clause and the description, e.g. {@code 2.12 IRC server process}
     */
    default String ruleId() {
        return clause() + " " + description();
    }
}
