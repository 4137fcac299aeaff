package org.auprules.drools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.ContentCategory;
import org.auprules.api.facts.PermitType;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.rules.CategoryRow;
import org.auprules.drools.rules.ContentTable;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code contentCategories} section of {@code policy.json}: a content category to a list
 * of entries {@code {"clause", "severity", "certainty", "description"[, "liftedByPermit"]}}. Every
 * problem is reported at its line in {@code policy.json}; a section with an error yields no rows.
 *
 * <pre>{@code
 * "contentCategories": {
 *   "GAMBLING": [{"clause": "2.6", "severity": "MEDIUM", "certainty": "SUSPECTED",
 *                 "description": "gambling or lottery content"}]
 * }
 * }</pre>
 */
public final class ContentCategoriesReader extends EnumSectionReader<ContentCategory, CategoryRow> {

    /** The section's name in {@code policy.json}. */
    public static final String SECTION = "contentCategories";

    private static final List<String> FIELDS =
            List.of("clause", "severity", "certainty", "description", "liftedByPermit");

    /**
     * The outcome of reading the section.
     *
     * @param table    the rows, or an empty table when there was an error
     * @param problems every error and warning
     */
    public record Parsed(ContentTable table, List<PolicyProblem> problems) {}

    private ContentCategoriesReader(PackSource source, ClauseCatalog catalog) {
        super(SECTION, ContentCategory.class, "content category", FIELDS, FIELDS.subList(0, 4), source, catalog);
    }

    /** Reads the section of a pack's {@code policy.json}, whose clauses are {@code catalog}. */
    public static Parsed read(ClauseCatalog catalog, PackSource source) {
        ContentCategoriesReader reader = new ContentCategoriesReader(source, catalog);
        List<CategoryRow> rows = reader.read();
        return new Parsed(rows.isEmpty() ? ContentTable.empty() : ContentTable.of(rows), reader.problems());
    }

    @Override
    String notAnObject() {
        return "expected an object of content category to a list of entries such as "
                + "`{\"clause\": \"2.6\", \"severity\": \"MEDIUM\", \"certainty\": \"SUSPECTED\", "
                + "\"description\": \"gambling content\"}`";
    }

    @Override
    String notAnEntry(JsonNode entry) {
        return "expected an entry object with `clause`, `severity`, `certainty` and `description`, got `" + entry + "`";
    }

    @Override
    String exampleRuleId() {
        return "2.6 gambling content";
    }

    @Override
    @Nullable
    CategoryRow row(@Nullable ContentCategory category, JsonNode n, String at, @Nullable Common common) {
        Optional<PermitType> permit = permit(n.path("liftedByPermit"), at + ".liftedByPermit");
        if (category == null || common == null) {
            return null;
        }
        return new CategoryRow(
                category,
                common.clause(),
                common.severity(),
                common.certainty(),
                common.description(),
                permit,
                common.line());
    }

    @Override
    String clauseOf(CategoryRow row) {
        return row.clause();
    }

    @Override
    String descriptionOf(CategoryRow row) {
        return row.description();
    }

    private Optional<PermitType> permit(JsonNode v, String at) {
        if (v.isMissingNode()) {
            return Optional.empty();
        }
        String names = String.join(
                ", ", Arrays.stream(PermitType.values()).map(Enum::name).toList());
        if (!v.isTextual()) {
            error(at, "`liftedByPermit` must be a permit type, one of " + names + ", got `" + v + "`");
            return Optional.empty();
        }
        try {
            return Optional.of(PermitType.valueOf(v.textValue().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            error(at, "unknown permit type `" + v.textValue() + "`; expected one of " + names);
            return Optional.empty();
        }
    }
}
