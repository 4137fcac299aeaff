package org.auprules.drools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.ReportType;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.rules.ReportTypeRow;
import org.auprules.drools.rules.ReportTypeTable;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code reportTypes} section of {@code policy.json}: a report type to a list of entries
 * {@code {"clause", "severity", "certainty", "description", "says"}}, which a generic rule turns
 * into violations for verified reports of that type. Every problem is reported at its line in
 * {@code policy.json}; a section with an error yields no rows.
 *
 * <pre>{@code
 * "reportTypes": {
 *   "SCRAPING": [{"clause": "2.5", "severity": "MEDIUM", "certainty": "CONFIRMED",
 *                 "description": "verified scraping report", "says": "scrapes data from others"}]
 * }
 * }</pre>
 */
public final class ReportTypesReader extends EnumSectionReader<ReportType, ReportTypeRow> {

    /** The section's name in {@code policy.json}. */
    static final String SECTION = "reportTypes";

    private static final List<String> FIELDS = List.of("clause", "severity", "certainty", "description", "says");

    /**
     * The outcome of reading the section.
     *
     * @param table    the rows, or an empty table when there was an error
     * @param problems every error and warning
     */
    public record Parsed(ReportTypeTable table, List<PolicyProblem> problems) {}

    private ReportTypesReader(PackSource source, ClauseCatalog catalog) {
        super(SECTION, ReportType.class, "report type", FIELDS, FIELDS, source, catalog);
    }

    /** Reads the section of a pack's {@code policy.json}, whose clauses are {@code catalog}. */
    public static Parsed read(ClauseCatalog catalog, PackSource source) {
        ReportTypesReader reader = new ReportTypesReader(source, catalog);
        List<ReportTypeRow> rows = reader.read();
        return new Parsed(rows.isEmpty() ? ReportTypeTable.empty() : ReportTypeTable.of(rows), reader.problems());
    }

    @Override
    String notAnObject() {
        return "expected an object of report type to a list of entries such as "
                + "`{\"clause\": \"2.5\", \"severity\": \"MEDIUM\", \"certainty\": \"CONFIRMED\", "
                + "\"description\": \"verified scraping report\", \"says\": \"scrapes data from others\"}`";
    }

    @Override
    String notAnEntry(JsonNode entry) {
        return "expected an entry object with `clause`, `severity`, `certainty`, `description` and `says`," + " got `"
                + entry + "`";
    }

    @Override
    String exampleRuleId() {
        return "2.5 verified scraping report";
    }

    @Override
    @Nullable
    ReportTypeRow row(@Nullable ReportType type, JsonNode n, String at, @Nullable Common common) {
        String says = n.path("says").asText("").strip();
        if (n.path("says").isTextual() && says.isEmpty()) {
            error(
                    at + ".says",
                    "empty `says`: it ends the message `… says the account …`, as in " + "`scrapes data from others`");
        }
        if (type == null || common == null || says.isEmpty()) {
            return null;
        }
        return new ReportTypeRow(
                type,
                common.clause(),
                common.severity(),
                common.certainty(),
                common.description(),
                says,
                common.line());
    }

    @Override
    String clauseOf(ReportTypeRow row) {
        return row.clause();
    }

    @Override
    String descriptionOf(ReportTypeRow row) {
        return row.description();
    }
}
