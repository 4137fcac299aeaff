package org.auprules.drools.rules;

import org.auprules.api.Certainty;
import org.auprules.api.Severity;

/**
 * A row of a data table that raises violations without DRL of its own: a line of
 * {@code signatures.csv}, or an entry of {@code contentCategories} in {@code policy.json}. The row
 * names the clause, severity, certainty and description; a generic rule that carries
 * {@code @clauseFrom(...)} joins facts to rows and reports them with
 * {@link Findings#violation(org.kie.api.runtime.rule.RuleContext, TableRow, String, Object...)}.
 */
public interface TableRow {

    /** The id of the clause the row cites, e.g. {@code 2.12}. */
    String clause();

    /** How grave a match is. */
    Severity severity();

    /** Whether a match proves the violation or a person should review it. */
    Certainty certainty();

    /** What a match is, as a short noun phrase, e.g. {@code IRC server process}. */
    String description();

    /** The table the row comes from, as rules name it in {@code @clauseFrom}, e.g. {@code signatures.csv}. */
    String source();

    /** The 1-based line of the row in its file. */
    int line();

    /** The rule id of the violations the row raises: the clause and the description, {@code 2.12 IRC server process}. */
    default String ruleId() {
        return clause() + " " + description();
    }
}
