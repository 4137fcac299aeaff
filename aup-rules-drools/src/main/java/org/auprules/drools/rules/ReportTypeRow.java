package org.auprules.drools.rules;

import java.util.Objects;
import org.auprules.api.Certainty;
import org.auprules.api.Severity;
import org.auprules.api.facts.ReportType;

/**
 * One entry of {@code reportTypes} in {@code policy.json}: what a verified abuse report of one type
 * proves, and the clause it breaks.
 *
 * @param type        the report type
 * @param clause      the id of the clause a verified report of the type proves broken
 * @param severity    how grave it is
 * @param certainty   whether a verified report proves the violation or a person should review it
 * @param description what the rule id calls it, e.g. {@code verified scraping report}
 * @param says        what such a report says the account does, completing "the report says the
 *                    account …", e.g. {@code scrapes data from others}
 * @param line        the 1-based line of the entry in {@code policy.json}
 */
public record ReportTypeRow(
        ReportType type,
        String clause,
        Severity severity,
        Certainty certainty,
        String description,
        String says,
        int line)
        implements TableRow {

    /**
     * Checks that nothing is missing.
     *
     * @param type        the report type
     * @param clause      the id of the clause a verified report of the type proves broken
     * @param severity    how grave it is
     * @param certainty   whether a verified report proves the violation or a person should review it
     * @param description what the rule id calls it
     * @param says        what such a report says the account does
     * @param line        the 1-based line of the entry in {@code policy.json}
     */
    public ReportTypeRow {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(clause, "clause must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(certainty, "certainty must not be null");
        Objects.requireNonNull(description, "description must not be null");
        Objects.requireNonNull(says, "says must not be null");
    }

    /**
     * The table the row comes from.
     *
     * @return {@value ReportTypeTable#SOURCE}
     */
    @Override
    public String source() {
        return ReportTypeTable.SOURCE;
    }
}
