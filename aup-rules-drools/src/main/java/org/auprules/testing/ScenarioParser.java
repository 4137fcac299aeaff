package org.auprules.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.auprules.api.Certainty;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.Severity;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.ClauseId;
import org.auprules.drools.internal.FactsValidator;
import org.auprules.internal.DidYouMean;
import org.auprules.internal.JsonLocator;
import org.auprules.json.FactsJson;
import org.auprules.testing.Scenario.Expectation;
import org.auprules.testing.Scenario.SourceLocation;
import org.jspecify.annotations.Nullable;

/** Turns the JSON tree of one scenario file into scenarios, stopping at the first error it finds. */
final class ScenarioParser {

    private static final Set<String> SCENARIO_FIELDS = Set.of("description", "facts", "expect");
    private static final Set<String> EXPECT_FIELDS = Set.of("violations", "noViolations", "exactly");
    private static final Set<String> PATTERN_FIELDS = Set.of("accountId", "clause", "ruleId", "severity", "certainty");

    private final String text;
    private final String source;
    /** Built on the first error or location asked for: a file that reads cleanly never needs it. */
    private @Nullable JsonLocator locator;

    ScenarioParser(String text, String source) {
        this.text = text;
        this.source = source;
    }

    Scenario scenario(JsonNode node, String at) {
        if (!node.isObject()) {
            throw error(
                    at, "expected a scenario object with `description`, `facts` and `expect`, got " + describe(node));
        }
        rejectUnknown(node, at, SCENARIO_FIELDS);
        JsonNode description = node.get("description");
        if (description == null) {
            throw error(at, "missing required field `description`");
        }
        if (!description.isTextual() || description.textValue().isBlank()) {
            throw error(at + ".description", "expected a non-empty string, got " + describe(description));
        }
        FactSet facts = facts(node.get("facts"), at);
        Expectation expect = expectation(node.get("expect"), at, facts);
        return new Scenario(description.textValue().strip(), facts, expect, location(at));
    }

    private FactSet facts(JsonNode node, String at) {
        if (node == null) {
            throw error(at, "missing required field `facts`: the input document the scenario evaluates");
        }
        String factsPath = at + ".facts";
        if (!node.isObject()) {
            throw error(factsPath, "expected the input document, a JSON object with `accounts`, got " + describe(node));
        }
        String factsText;
        try {
            factsText = FactsJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot re-serialize a parsed tree", e);
        }
        try {
            FactSet facts = FactsJson.read(factsText, source);
            FactsValidator.validate(facts);
            return facts;
        } catch (InvalidFactsException e) {
            throw ScenarioReader.relocate(e, factsPath, this);
        }
    }

    private Expectation expectation(JsonNode node, String at, FactSet facts) {
        if (node == null) {
            throw error(at, "missing required field `expect`: the violations expected, or forbidden");
        }
        String expectPath = at + ".expect";
        if (!node.isObject()) {
            throw error(
                    expectPath,
                    "expected an object with `violations`, `noViolations` and `exactly`, got " + describe(node));
        }
        rejectUnknown(node, expectPath, EXPECT_FIELDS);
        Set<String> accounts =
                facts.accounts().stream().map(Account::id).collect(Collectors.toCollection(TreeSet::new));
        List<ViolationPattern> violations =
                patterns(node.get("violations"), expectPath + ".violations", accounts, true);
        List<ViolationPattern> forbidden =
                patterns(node.get("noViolations"), expectPath + ".noViolations", accounts, false);
        boolean exactly = false;
        JsonNode e = node.get("exactly");
        if (e != null) {
            if (!e.isBoolean()) {
                throw error(expectPath + ".exactly", "expected true or false, got " + describe(e));
            }
            exactly = e.booleanValue();
        }
        Expectation expectation = new Expectation(violations, forbidden, exactly);
        if (!expectation.assertsSomething()) {
            throw error(
                    expectPath,
                    "the expectation asserts nothing, so the scenario could never fail: "
                            + "give `violations`, `noViolations` or `\"exactly\": true`");
        }
        for (ViolationPattern no : forbidden) {
            for (ViolationPattern yes : violations) {
                if (no.covers(yes)) {
                    throw InvalidScenarioException.at(
                            no.location(),
                            "forbids `" + no + "`, which the expected " + "violation at line "
                                    + yes.location().line() + " (`" + yes + "`) requires");
                }
            }
        }
        return expectation;
    }

    private List<ViolationPattern> patterns(JsonNode node, String at, Set<String> accounts, boolean needClause) {
        List<ViolationPattern> patterns = new ArrayList<>();
        if (node == null) {
            return patterns;
        }
        if (!node.isArray()) {
            throw error(at, "expected an array of {\"accountId\": …, \"clause\": …} objects, got " + describe(node));
        }
        for (int i = 0; i < node.size(); i++) {
            patterns.add(pattern(node.get(i), at + "[" + i + "]", accounts, needClause));
        }
        return patterns;
    }

    private ViolationPattern pattern(JsonNode node, String at, Set<String> accounts, boolean needClause) {
        if (!node.isObject()) {
            throw error(
                    at,
                    "expected an object such as {\"accountId\": \"acc-1\", \"clause\": \"2.12\"}, got "
                            + describe(node));
        }
        rejectUnknown(node, at, PATTERN_FIELDS);
        String accountId =
                text(node, "accountId", at).orElseThrow(() -> error(at, "missing required field `accountId`"));
        if (!accounts.contains(accountId)) {
            throw error(
                    at + ".accountId",
                    "unknown account `" + accountId + "`: the facts have "
                            + (accounts.isEmpty() ? "no accounts" : "only " + String.join(", ", accounts))
                            + DidYouMean.suggest(accountId, accounts)
                                    .map(s -> "; did you mean `" + s + "`?")
                                    .orElse(""));
        }
        Optional<String> clause = text(node, "clause", at);
        if (clause.isEmpty() && needClause) {
            throw error(at, "missing required field `clause`: an expected violation names the clause it cites");
        }
        clause.ifPresent(c -> {
            try {
                ClauseId.of(c);
            } catch (IllegalArgumentException e) {
                throw error(at + ".clause", "invalid clause id `" + c + "`: expected parts such as `2.12` or `1.A.2`");
            }
        });
        Optional<Severity> severity = enumOf(node, "severity", at, Severity::parse, Severity.values());
        Optional<Certainty> certainty = enumOf(node, "certainty", at, Certainty::parse, Certainty.values());
        Optional<String> ruleId = text(node, "ruleId", at);
        return new ViolationPattern(accountId, clause, ruleId, severity, certainty, location(at));
    }

    private Optional<String> text(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw error(at + "." + field, "expected a non-empty string, got " + describe(v));
        }
        return Optional.of(v.textValue());
    }

    private <E extends Enum<E>> Optional<E> enumOf(
            JsonNode node, String field, String at, Function<String, Optional<E>> parse, E[] values) {
        Optional<String> name = text(node, field, at);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse.apply(name.get())
                .orElseThrow(() -> error(
                        at + "." + field,
                        "unknown " + field
                                + " `" + name.get() + "`; expected one of "
                                + Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", ")))));
    }

    private void rejectUnknown(JsonNode node, String at, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw error(
                        at + "." + f,
                        "unknown field `" + f + "`"
                                + DidYouMean.suggest(f, known)
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse("; expected one of " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    private static String describe(JsonNode node) {
        String s = node.toString();
        return "`" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "`";
    }

    InvalidScenarioException error(String path, String problem) {
        return InvalidScenarioException.at(location(path), problem);
    }

    SourceLocation location(String path) {
        if (locator == null) {
            locator = JsonLocator.of(text);
        }
        return new SourceLocation(source, path, locator.line(path), locator.column(path));
    }
}
