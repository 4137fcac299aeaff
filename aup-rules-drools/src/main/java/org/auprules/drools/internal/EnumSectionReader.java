package org.auprules.drools.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.Certainty;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.api.policy.Kind;
import org.auprules.internal.DidYouMean;
import org.auprules.internal.JsonLocator;
import org.jspecify.annotations.Nullable;

/**
 * Reads a section of {@code policy.json} that maps the constants of an enum to lists of entries
 * citing a clause with a severity, a certainty and a description, as {@code contentCategories} and
 * {@code reportTypes} do. It checks what every such entry has; a subclass checks its own fields and
 * builds its rows. Every problem is reported at its line in {@code policy.json}; a section with an
 * error yields no rows.
 *
 * @param <K> the enum whose constants key the section
 * @param <R> the row an entry becomes
 */
abstract class EnumSectionReader<K extends Enum<K>, R> {

    /** What every entry has, once its checks passed. */
    record Common(String clause, Severity severity, Certainty certainty, String description, int line) {}

    private final String at;
    private final Class<K> keys;
    private final String keyName;
    private final List<String> fields;
    private final List<String> required;
    private final PackSource source;
    private final ClauseCatalog catalog;
    private final List<PolicyProblem> problems = new ArrayList<>();
    /** Built when a line is first needed, for a problem or a row; null until then. */
    private @Nullable JsonLocator locator;

    /**
     * @param section  the section's name in {@code policy.json}
     * @param keys     the enum whose constants key it
     * @param keyName  what a key is, in words: {@code content category}
     * @param fields   every field an entry may have
     * @param required the fields an entry must have, all strings
     * @param source   the pack
     * @param catalog  the clauses entries may cite
     */
    EnumSectionReader(
            String section,
            Class<K> keys,
            String keyName,
            List<String> fields,
            List<String> required,
            PackSource source,
            ClauseCatalog catalog) {
        this.at = "$." + section;
        this.keys = keys;
        this.keyName = keyName;
        this.fields = fields;
        this.required = required;
        this.source = source;
        this.catalog = catalog;
    }

    /** The message for a section that is not an object, with an example entry. */
    abstract String notAnObject();

    /** The message for an entry that is not an object, naming its fields. */
    abstract String notAnEntry(JsonNode entry);

    /** An example rule id for the message about an empty description: {@code 2.6 gambling content}. */
    abstract String exampleRuleId();

    /**
     * Checks the fields only this section's entries have, reporting problems with {@link #error},
     * and builds the row; {@code null} when the key is unknown, {@code common} is {@code null} (the
     * entry had a problem) or this section's fields have one. Called for every entry that is an
     * object, so that each of its problems is reported.
     */
    abstract @Nullable R row(@Nullable K key, JsonNode entry, String at, @Nullable Common common);

    /** The clause a row cites, to find duplicate entries. */
    abstract String clauseOf(R row);

    /** The description of a row, to find duplicate entries. */
    abstract String descriptionOf(R row);

    /** The rows of the section, or an empty list when it is absent or has an error. */
    final List<R> read() {
        JsonNode section =
                source.policyJson().tree().map(t -> t.path(at.substring(2))).orElse(MissingNode.getInstance());
        if (section.isMissingNode()) {
            return List.of();
        }
        if (!section.isObject()) {
            error(at, notAnObject());
            return List.of();
        }
        List<R> rows = new ArrayList<>();
        List<String> names =
                Arrays.stream(keys.getEnumConstants()).map(Enum::name).toList();
        for (Map.Entry<String, JsonNode> e : section.properties()) {
            String keyAt = at + "." + e.getKey();
            K key = null;
            try {
                key = Enum.valueOf(keys, e.getKey());
            } catch (IllegalArgumentException ex) {
                error(
                        keyAt,
                        "unknown " + keyName + " `" + e.getKey() + "`"
                                + DidYouMean.suggest(e.getKey(), names)
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("; expected one of " + String.join(", ", names)));
            }
            if (!e.getValue().isArray()) {
                error(keyAt, "expected a list of entries for `" + e.getKey() + "`, got `" + e.getValue() + "`");
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < e.getValue().size(); i++) {
                R row = entry(key, e.getValue().get(i), keyAt + "[" + i + "]");
                if (row != null) {
                    if (!seen.add(clauseOf(row) + "\u0000" + descriptionOf(row))) {
                        warning(
                                keyAt + "[" + i + "]",
                                "duplicate entry: `" + e.getKey() + "` already cites clause `" + clauseOf(row)
                                        + "` as `" + descriptionOf(row) + "`");
                    }
                    rows.add(row);
                }
            }
        }
        return problems.stream().anyMatch(PolicyProblem::isError) ? List.of() : rows;
    }

    /** Every problem found, in order. */
    final List<PolicyProblem> problems() {
        List<PolicyProblem> sorted = new ArrayList<>(problems);
        sorted.sort(null);
        return List.copyOf(sorted);
    }

    private @Nullable R entry(@Nullable K key, JsonNode n, String at) {
        if (!n.isObject()) {
            error(at, notAnEntry(n));
            return null;
        }
        int before = problems.size();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f)) {
                error(
                        at + "." + f,
                        "unknown field `" + f + "`"
                                + DidYouMean.suggest(f, fields)
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("; expected " + String.join(", ", fields)));
            }
        }
        for (String f : required) {
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
                    "empty description: with the clause it makes the violation's rule id, " + "as in `"
                            + exampleRuleId() + "`");
        }
        // a clause that is missing or not a string was reported as a problem above
        Common common = problems.size() > before || key == null || clause == null
                ? null
                : new Common(clause, severity.orElseThrow(), certainty.orElseThrow(), description, line(at));
        int own = problems.size();
        R row = row(key, n, at, common);
        return problems.size() > own ? null : row;
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

    /** Reports an error at the value a JSON path names. */
    final void error(String path, String message) {
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
