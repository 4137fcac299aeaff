package org.auprules.drools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.PolicyProblem;
import org.auprules.api.policy.Action;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.Category;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.api.policy.ClauseId;
import org.auprules.api.policy.Kind;
import org.auprules.api.policy.Modality;
import org.auprules.drools.internal.PackSource;
import org.auprules.drools.rules.Thresholds;
import org.auprules.internal.DidYouMean;
import org.auprules.internal.JsonLocator;
import org.auprules.internal.JsonSyntax;
import org.jspecify.annotations.Nullable;

/**
 * The parsed {@code policy.json} of a pack: name, version, trust, the clause catalog, thresholds
 * with per-plan overrides, and the embargo list. Parsing collects every problem it finds, each
 * with its line, instead of stopping at the first. Immutable: the maps and sets are copies that
 * cannot be changed, in the order of the file.
 *
 * @param name               the policy's name
 * @param version            the policy's version
 * @param trusted            whether the pack asks to run unsandboxed; honoured only when the embedder allows trusted packs
 * @param catalog            every clause
 * @param thresholds         the default thresholds
 * @param plans              per-plan overrides, plan name to threshold name to value
 * @param embargoedCountries destinations under comprehensive embargo
 */
public record PolicyDocument(
        String name,
        String version,
        boolean trusted,
        ClauseCatalog catalog,
        Map<String, Number> thresholds,
        Map<String, Map<String, Number>> plans,
        Set<String> embargoedCountries) {

    /**
     * Copies every map and set into one that cannot be changed, keeping the order given.
     *
     * @param name               the policy's name
     * @param version            the policy's version
     * @param trusted            whether the pack asks to run unsandboxed; honoured only when the embedder allows trusted packs
     * @param catalog            every clause
     * @param thresholds         the default thresholds
     * @param plans              per-plan overrides, plan name to threshold name to value
     * @param embargoedCountries destinations under comprehensive embargo
     */
    public PolicyDocument {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(version, "version must not be null");
        Objects.requireNonNull(catalog, "catalog must not be null");
        thresholds = numbers(thresholds);
        Map<String, Map<String, Number>> planCopies = new LinkedHashMap<>();
        plans.forEach((plan, values) ->
                planCopies.put(Objects.requireNonNull(plan, "plan must not be null"), numbers(values)));
        plans = Collections.unmodifiableMap(planCopies);
        embargoedCountries = Collections.unmodifiableSet(new LinkedHashSet<>(embargoedCountries));
    }

    /** An ordered copy that cannot be changed, holding only immutable number types. */
    private static Map<String, Number> numbers(Map<String, Number> values) {
        Map<String, Number> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(
                Objects.requireNonNull(k, "threshold name must not be null"),
                immutable(Objects.requireNonNull(v, "threshold `" + k + "` must not be null"))));
        return Collections.unmodifiableMap(copy);
    }

    private static Number immutable(Number n) {
        return n instanceof Integer
                        || n instanceof Long
                        || n instanceof Double
                        || n instanceof Float
                        || n instanceof Short
                        || n instanceof Byte
                        || n instanceof BigInteger
                        || n instanceof BigDecimal
                ? n
                : new BigDecimal(n.toString());
    }

    /** The top-level sections {@code policy.json} may have. */
    public static final Set<String> SECTIONS = Set.of(
            "name",
            "version",
            "trusted",
            "source",
            "description",
            "clauses",
            "thresholds",
            "plans",
            "embargoedCountries",
            "trustedReporters",
            "contentCategories",
            "reportTypes");

    /**
     * The outcome of parsing: the document when it has no errors, and every problem found.
     *
     * @param document the document, empty when parsing found an error
     * @param problems every error and warning found, each with its line
     */
    public record Parsed(Optional<PolicyDocument> document, List<PolicyProblem> problems) {

        /**
         * Keeps a copy of the problems.
         *
         * @param document the document, empty when parsing found an error
         * @param problems every error and warning found, each with its line
         */
        public Parsed {
            Objects.requireNonNull(document, "document must not be null");
            problems = List.copyOf(problems);
        }
    }

    /**
     * Parses the {@code policy.json} of a pack; the pack parses it once, however often it is asked.
     *
     * @param pack the pack whose {@code policy.json} to parse
     * @return the document, when it has no errors, and every problem found
     */
    public static Parsed parse(PolicyPack pack) {
        return pack.reading().document();
    }

    /** Parses the {@code policy.json} of a pack's files. */
    static Parsed read(PackSource source) {
        Optional<String> text = source.text(PolicyPack.POLICY_FILE);
        if (text.isEmpty()) {
            return new Parsed(
                    Optional.empty(),
                    List.of(PolicyProblem.error(
                            PolicyPack.POLICY_FILE,
                            0,
                            0,
                            "missing `policy.json`: a pack needs its name, version, clause catalog and thresholds")));
        }
        return new Reader(source).read();
    }

    /**
     * The thresholds for a plan: the defaults, overridden by the plan's own values.
     *
     * @param plan the account's plan, or {@code null} for none
     * @return the merged thresholds, named after the plan when the document has overrides for it
     */
    public Thresholds thresholdsFor(@Nullable String plan) {
        Map<String, Number> merged = new LinkedHashMap<>(thresholds);
        if (plan != null && plans.containsKey(plan)) {
            merged.putAll(plans.get(plan));
        }
        return Thresholds.of(plan != null && plans.containsKey(plan) ? plan : null, merged);
    }

    /** Reads one document, collecting problems. */
    private static final class Reader {
        /** Parsers with the limits of the one that read the file, to locate an error that has no location. */
        private static final JsonFactory JSON_FACTORY = new JsonFactory();

        private final PackSource source;
        private final List<PolicyProblem> problems = new ArrayList<>();
        /** Built on the first problem, as only problems need lines. */
        private @Nullable JsonLocator locator;

        Reader(PackSource source) {
            this.source = source;
        }

        Parsed read() {
            PackSource.PolicyJson json = source.policyJson();
            JsonNode root = json.tree().orElse(null);
            if (json.error().isPresent()) {
                JsonProcessingException e = json.error().get();
                var loc = JsonLocator.failure(e, JSON_FACTORY, json.text());
                problems.add(PolicyProblem.error(
                        PolicyPack.POLICY_FILE,
                        loc == null ? 1 : Math.max(1, loc.getLineNr()),
                        loc == null ? 1 : Math.max(1, loc.getColumnNr()),
                        "malformed JSON: " + JsonSyntax.describe(e)));
                return new Parsed(Optional.empty(), problems);
            }
            if (root == null || root.isMissingNode()) {
                problems.add(PolicyProblem.error(
                        PolicyPack.POLICY_FILE,
                        1,
                        1,
                        "empty file: expected a JSON object with `name`, `version`, `clauses` and `thresholds`"));
                return new Parsed(Optional.empty(), problems);
            }
            if (!root.isObject()) {
                error("$", "expected a JSON object with `name`, `version`, `clauses` and `thresholds`");
                return new Parsed(Optional.empty(), problems);
            }
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!SECTIONS.contains(f)) {
                    warning(
                            "$." + f,
                            "unknown section `" + f + "`; expected one of "
                                    + String.join(", ", new java.util.TreeSet<>(SECTIONS)));
                }
            }
            String name = requiredText(root, "name");
            String version = requiredText(root, "version");
            boolean trusted = false;
            if (root.has("trusted")) {
                if (root.get("trusted").isBoolean()) {
                    trusted = root.get("trusted").booleanValue();
                } else {
                    error("$.trusted", "expected true or false, got `" + root.get("trusted") + "`");
                }
            }
            ClauseCatalog catalog = clauses(root.path("clauses"));
            Map<String, Number> thresholds = thresholds(root.path("thresholds"), "$.thresholds", true);
            Map<String, Map<String, Number>> plans = plans(root.path("plans"));
            Set<String> embargoed = countries(root.path("embargoedCountries"));
            problems.addAll(TrustedReporters.parse(source).problems());
            if (problems.stream().anyMatch(PolicyProblem::isError)) {
                return new Parsed(Optional.empty(), problems);
            }
            return new Parsed(
                    Optional.of(new PolicyDocument(name, version, trusted, catalog, thresholds, plans, embargoed)),
                    problems);
        }

        private String requiredText(JsonNode root, String field) {
            JsonNode n = root.path(field);
            if (!n.isTextual() || n.textValue().isBlank()) {
                error(
                        "$." + field,
                        n.isMissingNode()
                                ? "missing required field `" + field + "`"
                                : "expected a non-empty string, got `" + n + "`");
                return "";
            }
            return n.textValue();
        }

        private ClauseCatalog clauses(JsonNode node) {
            if (!node.isArray() || node.isEmpty()) {
                error("$.clauses", "expected a non-empty array of clauses");
                return ClauseCatalog.of(List.of());
            }
            Map<ClauseId, Clause> byId = new LinkedHashMap<>();
            for (int i = 0; i < node.size(); i++) {
                String at = "$.clauses[" + i + "]";
                Clause c = clause(node.get(i), at);
                if (c != null && byId.putIfAbsent(c.id(), c) != null) {
                    error(at + ".id", "duplicate clause id `" + c.id() + "`");
                }
            }
            return ClauseCatalog.of(byId.values());
        }

        private @Nullable Clause clause(JsonNode n, String at) {
            if (!n.isObject()) {
                error(at, "expected a clause object");
                return null;
            }
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!Set.of("id", "heading", "kind", "category", "text", "actions")
                        .contains(f)) {
                    error(
                            at + "." + f,
                            "unknown clause field `" + f + "`; expected id, heading, kind, category, text, actions");
                }
            }
            int before = problems.size();
            ClauseId id = null;
            try {
                id = ClauseId.of(n.path("id").asText(""));
            } catch (IllegalArgumentException e) {
                error(at + ".id", "invalid clause id `" + n.path("id").asText("") + "`: expected parts such as `2.12`");
            }
            String heading = text(n, "heading", at);
            String body = text(n, "text", at);
            Kind kind = enumValue(Kind.class, n.path("kind"), at + ".kind", false);
            Category category = enumValue(Category.class, n.path("category"), at + ".category", true);
            if (kind == Kind.PROHIBITION && category == null) {
                error(at + ".category", "a PROHIBITION clause needs a category");
            }
            List<AuthorizedAction> actions = new ArrayList<>();
            JsonNode an = n.path("actions");
            if (!an.isMissingNode() && !an.isArray()) {
                error(at + ".actions", "expected an array of actions");
            }
            for (int j = 0; an.isArray() && j < an.size(); j++) {
                String aat = at + ".actions[" + j + "]";
                JsonNode a = an.get(j);
                Action action = enumValue(Action.class, a.path("action"), aat + ".action", false);
                Modality modality = enumValue(Modality.class, a.path("modality"), aat + ".modality", false);
                ClauseId authority = null;
                try {
                    authority = ClauseId.of(a.path("authority").asText(""));
                } catch (IllegalArgumentException e) {
                    error(
                            aat + ".authority",
                            "invalid clause id `" + a.path("authority").asText("") + "`");
                }
                if (action != null && modality != null && authority != null) {
                    actions.add(new AuthorizedAction(action, modality, authority));
                }
            }
            if (problems.size() > before || id == null || kind == null) {
                return null;
            }
            return new Clause(id, heading, body, kind, Optional.ofNullable(category), actions);
        }

        private String text(JsonNode n, String field, String at) {
            JsonNode v = n.path(field);
            if (!v.isTextual()) {
                error(
                        at + "." + field,
                        v.isMissingNode()
                                ? "missing required field `" + field + "`"
                                : "expected a string, got `" + v + "`");
                return "";
            }
            return v.textValue();
        }

        private <E extends Enum<E>> @Nullable E enumValue(Class<E> type, JsonNode v, String at, boolean optional) {
            if (optional && (v.isMissingNode() || v.isNull())) {
                return null;
            }
            String names = String.join(
                    ", ",
                    java.util.Arrays.stream(type.getEnumConstants())
                            .map(Enum::name)
                            .toList());
            if (!v.isTextual()) {
                error(
                        at,
                        (v.isMissingNode() ? "missing value" : "expected a string, got `" + v + "`")
                                + "; expected one of " + names);
                return null;
            }
            try {
                return Enum.valueOf(type, v.textValue());
            } catch (IllegalArgumentException e) {
                String upper = v.textValue().toUpperCase(Locale.ROOT);
                error(
                        at,
                        "unknown value `" + v.textValue() + "`; expected one of " + names
                                + (names.contains(upper) ? " (upper case)" : ""));
                return null;
            }
        }

        private Map<String, Number> thresholds(JsonNode node, String at, boolean complete) {
            Map<String, Number> values = new LinkedHashMap<>();
            if (!node.isObject()) {
                error(at, node.isMissingNode() ? "missing required section `thresholds`" : "expected an object");
                return values;
            }
            Map<String, Class<?>> known = Thresholds.names();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String key = e.getKey();
                Class<?> type = known.get(key);
                if (type == null) {
                    error(
                            at + "." + key,
                            "unknown threshold `" + key + "`"
                                    + DidYouMean.suggest(key, known.keySet())
                                            .map(s -> "; did you mean `" + s + "`?")
                                            .orElse(""));
                    continue;
                }
                JsonNode v = e.getValue();
                if (!v.isNumber()) {
                    error(at + "." + key, "threshold `" + key + "` must be a number, got `" + v + "`");
                    continue;
                }
                try {
                    Thresholds.of(null, fill(known, key, v.numberValue()));
                    values.put(key, v.numberValue());
                } catch (IllegalArgumentException ex) {
                    error(
                            at + "." + key,
                            Objects.requireNonNullElse(ex.getMessage(), "invalid threshold `" + key + "`"));
                }
            }
            if (complete) {
                for (String name : known.keySet()) {
                    if (!values.containsKey(name) && !node.has(name)) {
                        error(at, "missing threshold `" + name + "`");
                    }
                }
            }
            return values;
        }

        /** A complete set of valid values with one replaced, to check that one value converts. */
        private static Map<String, Number> fill(Map<String, Class<?>> known, String key, Number value) {
            Map<String, Number> all = new LinkedHashMap<>();
            known.keySet().forEach(k -> all.put(k, 1));
            all.put(key, value);
            return all;
        }

        private Map<String, Map<String, Number>> plans(JsonNode node) {
            Map<String, Map<String, Number>> plans = new LinkedHashMap<>();
            if (node.isMissingNode()) {
                return plans;
            }
            if (!node.isObject()) {
                error("$.plans", "expected an object of plan name to threshold overrides");
                return plans;
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                plans.put(e.getKey(), thresholds(e.getValue(), "$.plans." + e.getKey(), false));
            }
            return plans;
        }

        private Set<String> countries(JsonNode node) {
            Set<String> set = new LinkedHashSet<>();
            if (node.isMissingNode()) {
                return set;
            }
            if (!node.isArray()) {
                error("$.embargoedCountries", "expected an array of ISO 3166-1 alpha-2 codes");
                return set;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode c = node.get(i);
                if (!c.isTextual() || !c.textValue().matches("[A-Z]{2}")) {
                    error(
                            "$.embargoedCountries[" + i + "]",
                            "expected a two-letter upper-case country code, got `" + c + "`");
                } else {
                    set.add(c.textValue());
                }
            }
            return set;
        }

        private void error(String path, String message) {
            problems.add(PolicyProblem.error(PolicyPack.POLICY_FILE, line(path), column(path), message));
        }

        private void warning(String path, String message) {
            problems.add(PolicyProblem.warning(PolicyPack.POLICY_FILE, line(path), column(path), message));
        }

        private int line(String path) {
            if (locator == null) {
                locator = source.policyLocator();
            }
            return locator.line(path);
        }

        private int column(String path) {
            if (locator == null) {
                locator = source.policyLocator();
            }
            return locator.column(path);
        }
    }
}
