package org.auprules.drools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.Certainty;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.facts.ContentCategory;
import org.auprules.api.facts.PermitType;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.api.policy.Kind;
import org.auprules.drools.rules.CategoryRow;
import org.auprules.drools.rules.ContentTable;
import org.auprules.internal.DidYouMean;
import org.auprules.internal.JsonLocator;
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
public final class ContentCategoriesReader {

    /** The section's name in {@code policy.json}. */
    public static final String SECTION = "contentCategories";

    private static final String AT = "$." + SECTION;
    private static final List<String> FIELDS =
            List.of("clause", "severity", "certainty", "description", "liftedByPermit");
    private static final List<String> REQUIRED = FIELDS.subList(0, 4);

    /**
     * The outcome of reading the section.
     *
     * @param table    the rows, or an empty table when there was an error
     * @param problems every error and warning
     */
    public record Parsed(ContentTable table, List<PolicyProblem> problems) {}

    private final PackSource source;
    private final ClauseCatalog catalog;
    private final List<PolicyProblem> problems = new ArrayList<>();
    /** Built when a line is first needed, for a problem or a row; null until then. */
    private @Nullable JsonLocator locator;

    private ContentCategoriesReader(PackSource source, ClauseCatalog catalog) {
        this.source = source;
        this.catalog = catalog;
    }

    /** Reads the section of a pack's {@code policy.json}, whose clauses are {@code catalog}. */
    public static Parsed read(ClauseCatalog catalog, PackSource source) {
        JsonNode section = source.policyJson().tree().map(t -> t.path(SECTION)).orElse(MissingNode.getInstance());
        return new ContentCategoriesReader(source, catalog).read(section);
    }

    private Parsed read(JsonNode section) {
        if (section.isMissingNode()) {
            return new Parsed(ContentTable.empty(), List.of());
        }
        if (!section.isObject()) {
            error(
                    AT,
                    "expected an object of content category to a list of entries such as "
                            + "`{\"clause\": \"2.6\", \"severity\": \"MEDIUM\", \"certainty\": \"SUSPECTED\", "
                            + "\"description\": \"gambling content\"}`");
            return done(List.of());
        }
        List<CategoryRow> rows = new ArrayList<>();
        List<String> categories =
                Arrays.stream(ContentCategory.values()).map(Enum::name).toList();
        for (Map.Entry<String, JsonNode> e : section.properties()) {
            String at = AT + "." + e.getKey();
            ContentCategory category = null;
            try {
                category = ContentCategory.valueOf(e.getKey());
            } catch (IllegalArgumentException ex) {
                error(
                        at,
                        "unknown content category `" + e.getKey() + "`"
                                + DidYouMean.suggest(e.getKey(), categories)
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("; expected one of " + String.join(", ", categories)));
            }
            if (!e.getValue().isArray()) {
                error(at, "expected a list of entries for `" + e.getKey() + "`, got `" + e.getValue() + "`");
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                CategoryRow row = entry(category, e.getValue().get(i), at + "[" + i + "]");
                if (row != null) {
                    if (!seen.add(row.clause() + "\u0000" + row.description())) {
                        warning(
                                at + "[" + i + "]",
                                "duplicate entry: `" + e.getKey() + "` already cites clause `" + row.clause() + "` as `"
                                        + row.description() + "`");
                    }
                    rows.add(row);
                }
            }
        }
        return done(rows);
    }

    private Parsed done(List<CategoryRow> rows) {
        problems.sort(null);
        boolean failed = problems.stream().anyMatch(PolicyProblem::isError);
        return new Parsed(failed ? ContentTable.empty() : ContentTable.of(rows), List.copyOf(problems));
    }

    private @Nullable CategoryRow entry(@Nullable ContentCategory category, JsonNode n, String at) {
        if (!n.isObject()) {
            error(
                    at,
                    "expected an entry object with `clause`, `severity`, `certainty` and `description`, got `" + n
                            + "`");
            return null;
        }
        int before = problems.size();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                error(
                        at + "." + f,
                        "unknown field `" + f + "`"
                                + DidYouMean.suggest(f, FIELDS)
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("; expected " + String.join(", ", FIELDS)));
            }
        }
        for (String f : REQUIRED) {
            if (!n.has(f)) {
                error(at, "missing required field `" + f + "`");
            } else if (!n.get(f).isTextual()) {
                error(at + "." + f, "`" + f + "` must be a string, got `" + n.get(f) + "`");
            }
        }
        String clause = clause(n.path("clause"), at + ".clause");
        Optional<Severity> severity = Severity.parse(n.path("severity").textValue());
        if (n.path("severity").isTextual() && severity.isEmpty()) {
            error(
                    at + ".severity",
                    "unknown severity `" + n.get("severity").textValue()
                            + "`; expected one of LOW, MEDIUM, HIGH, CRITICAL");
        }
        Optional<Certainty> certainty = Certainty.parse(n.path("certainty").textValue());
        if (n.path("certainty").isTextual() && certainty.isEmpty()) {
            error(
                    at + ".certainty",
                    "unknown certainty `" + n.get("certainty").textValue() + "`; expected CONFIRMED or SUSPECTED");
        }
        String description = n.path("description").asText("").strip();
        if (n.path("description").isTextual() && description.isEmpty()) {
            error(
                    at + ".description",
                    "empty description: with the clause it makes the violation's rule id, "
                            + "as in `2.6 gambling content`");
        }
        Optional<PermitType> permit = permit(n.path("liftedByPermit"), at + ".liftedByPermit");
        // a clause that is missing or not a string was reported as a problem above
        if (problems.size() > before || category == null || clause == null) {
            return null;
        }
        return new CategoryRow(category, clause, severity.get(), certainty.get(), description, permit, line(at));
    }

    private @Nullable String clause(JsonNode v, String at) {
        if (!v.isTextual()) {
            return null;
        }
        String id = v.textValue();
        Optional<Clause> clause = catalog.find(id);
        if (clause.isEmpty()) {
            List<String> ids =
                    catalog.prohibitions().stream().map(c -> c.id().value()).toList();
            error(
                    at,
                    "unknown clause `" + id + "`"
                            + DidYouMean.suggest(id, ids)
                                    .map(s -> "; did you mean `" + s + "`?")
                                    .orElse(""));
            return null;
        }
        if (clause.get().kind() != Kind.PROHIBITION) {
            error(
                    at,
                    "clause `" + id + "` is " + clause.get().kind()
                            + ", not a PROHIBITION: an entry can only cite a clause that can be broken");
            return null;
        }
        return id;
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

    private void error(String path, String message) {
        problems.add(PolicyProblem.error(PackSource.POLICY_FILE, line(path), column(path), message));
    }

    private void warning(String path, String message) {
        problems.add(PolicyProblem.warning(PackSource.POLICY_FILE, line(path), column(path), message));
    }

    private int line(String path) {
        return locator().line(path);
    }

    private int column(String path) {
        return locator().column(path);
    }

    private JsonLocator locator() {
        if (locator == null) {
            locator = source.policyLocator();
        }
        return locator;
    }
}
