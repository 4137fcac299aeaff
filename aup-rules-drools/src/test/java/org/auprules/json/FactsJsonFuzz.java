package org.auprules.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.internal.FactsValidator;
import org.auprules.fuzzing.Bounded;
import org.auprules.fuzzing.Failures;
import org.auprules.fuzzing.FuzzCases;
import org.auprules.fuzzing.FuzzTries;
import org.auprules.fuzzing.JsonMutation;
import org.auprules.fuzzing.Located;
import org.auprules.fuzzing.Seeds;
import org.auprules.fuzzing.Seeds.Named;
import org.auprules.fuzzing.TextMutation;
import org.auprules.internal.CanonicalFacts;

/**
 * Facts documents, fuzzed: the sample fleet and the facts of every scenario of the default pack,
 * changed structurally and below the structure, must read as facts or fail with the documented
 * {@code InvalidFactsException} (JSON path and line) or {@code MalformedInputException} (line and
 * column), and nothing else; facts that read evaluate without a rule failing. Reordering keys and
 * reformatting never changes the facts or the verdicts, and a generated account with miners gets
 * exactly the miner violations.
 */
@AddLifecycleHook(FuzzTries.class)
class FactsJsonFuzz {

    static final List<Named<JsonNode>> SEEDS = Seeds.factsDocuments();
    static final DroolsAupEvaluator EVALUATOR = Seeds.defaultEvaluator();

    @Provide
    Arbitrary<Named<JsonNode>> documents() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<List<JsonMutation>> changes() {
        return JsonMutation.lists(3);
    }

    @Provide
    Arbitrary<List<TextMutation>> textChanges() {
        return TextMutation.lists(2);
    }

    /**
     * Reads as the CLI does: the document, then the contract's checks, whose error is located in the
     * text with {@link FactsJson#locate}.
     */
    static FactSet readAndValidate(String text) {
        FactSet facts = FactsJson.read(text, "fuzz.json");
        try {
            FactsValidator.validate(facts);
        } catch (InvalidFactsException e) {
            throw FactsJson.locate(e, text, "fuzz.json");
        }
        return facts;
    }

    @Property
    @FuzzCases(500)
    void mutatedDocuments_readOrFailWithALocatedInputError(
            @ForAll("documents") Named<JsonNode> seed,
            @ForAll("changes") List<JsonMutation> changes,
            @ForAll JsonMutation.Style style,
            @ForAll("textChanges") List<TextMutation> textChanges) {
        String text = TextMutation.apply(style.write(JsonMutation.apply(seed.value(), changes)), textChanges);
        Failures.keep("facts", text, () -> {
            Bounded.Outcome<FactSet> read = Bounded.call("reading " + seed, () -> readAndValidate(text));
            Statistics.label("outcome").collect(outcome(read));
            if (read.thrown() != null) {
                Located.factsError(read.thrown(), text, "fuzz.json");
                return;
            }
            // what was read is written canonically and reads back to the same facts
            String canonical = CanonicalFacts.json(read.value());
            assertThat(CanonicalFacts.json(readAndValidate(canonical))).isEqualTo(canonical);
        });
    }

    @Property
    @FuzzCases(40)
    void mutatedDocumentsThatRead_evaluateWithoutARuleFailing(
            @ForAll("documents") Named<JsonNode> seed, @ForAll("fewChanges") List<JsonMutation> changes) {
        String text = JsonMutation.Style.COMPACT.write(JsonMutation.apply(seed.value(), changes));
        Failures.keep("facts-evaluate", text, () -> {
            Bounded.Outcome<FactSet> read = Bounded.call("reading " + seed, () -> readAndValidate(text));
            Statistics.label("outcome").collect(outcome(read));
            if (read.thrown() != null) {
                Located.factsError(read.thrown(), text, "fuzz.json");
                return;
            }
            Bounded.Outcome<EvaluationResult> result =
                    Bounded.call("evaluating " + seed, () -> EVALUATOR.evaluate(read.value()));
            if (result.thrown() instanceof InvalidFactsException e) {
                assertThat(e.path()).matches(Located.JSON_PATH);
                return;
            }
            assertThat(result.thrown()).as("evaluating the facts read").isNull();
            assertThat(result.value().summary().accounts())
                    .isEqualTo(read.value().accounts().size());
        });
    }

    @Property
    @FuzzCases(12)
    void reorderedAndReformattedDocuments_giveTheSameFactsAndVerdicts(
            @ForAll("documents") Named<JsonNode> seed, @ForAll long shuffle, @ForAll JsonMutation.Style style) {
        JsonNode shuffled = JsonMutation.shuffleKeys(seed.value(), new Random(shuffle));
        String original = JsonMutation.Style.COMPACT.write(seed.value());
        String text = style.write(shuffled);
        Failures.keep("facts-reordered", text, () -> {
            FactSet before = readAndValidate(original);
            FactSet after =
                    Bounded.call("reading " + seed, () -> readAndValidate(text)).get();
            assertThat(CanonicalFacts.json(after)).isEqualTo(CanonicalFacts.json(before));
            assertThat(EVALUATOR.evaluate(after).violations())
                    .isEqualTo(EVALUATOR.evaluate(before).violations());
        });
    }

    @Property
    @FuzzCases(30)
    void anAccountWithMiners_getsExactlyTheMinerViolations(
            @ForAll @IntRange(min = 0, max = 40) int miners,
            @ForAll @IntRange(min = 0, max = 40) int innocent,
            @ForAll("minerNames") String miner,
            @ForAll long order) {
        List<String> processes = new ArrayList<>();
        List<String> minerIds = new ArrayList<>();
        for (int i = 0; i < miners; i++) {
            minerIds.add("p-miner-" + i);
            processes.add("{\"id\": \"p-miner-%d\", \"accountId\": \"acc-m\", \"name\": \"%s\", \"pid\": %d}"
                    .formatted(i, miner, 1000 + i));
        }
        for (int i = 0; i < innocent; i++) {
            processes.add("{\"id\": \"p-ok-%d\", \"accountId\": \"%s\", \"name\": \"%s\"}"
                    .formatted(
                            i,
                            i % 2 == 0 ? "acc-m" : "acc-clean",
                            List.of("nginx", "sshd", "php-fpm", "xmrig-docs", "postgres")
                                    .get(i % 5)));
        }
        java.util.Collections.shuffle(processes, new Random(order));
        String text = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-m", "plan": "shared-basic"}, {"id": "acc-clean"}],
                 "processes": [%s]}
                """.formatted(String.join(",\n", processes));
        Failures.keep("facts-miners", text, () -> {
            EvaluationResult result = EVALUATOR.evaluate(FactsJson.read(text, "miners.json"));
            assertThat(result.violationsOf("acc-clean")).isEmpty();
            List<Violation> found = result.violationsOf("acc-m");
            if (miners == 0) {
                assertThat(found).isEmpty();
                return;
            }
            // one violation per clause and miner, each citing that process alone
            List<String> expected = new ArrayList<>();
            for (String id : minerIds) {
                expected.add("2.20 cryptocurrency miner " + id);
                expected.add("3.1 cryptocurrency miner " + id);
            }
            assertThat(found.stream()
                            .map(v -> v.ruleId() + " "
                                    + v.evidence().stream().map(Evidence::id).collect(Collectors.joining(",")))
                            .sorted()
                            .toList())
                    .isEqualTo(expected.stream().sorted().toList());
            assertThat(found)
                    .allSatisfy(v -> assertThat(v.evidence()).singleElement().satisfies(e -> assertThat(e.type())
                            .isEqualTo("process")));
        });
    }

    /** What a case came to, for jqwik's statistics: read, or the kind of error. */
    static String outcome(Bounded.Outcome<?> o) {
        return o.thrown() == null ? "read" : o.thrown().getClass().getSimpleName();
    }

    @Provide
    Arbitrary<List<JsonMutation>> fewChanges() {
        return JsonMutation.lists(2);
    }

    /**
     * Found by the fuzzing: past Jackson's nesting limit (1,000) the error carried no location, so
     * the {@code MalformedInputException} said line 0, column 0.
     */
    @Example
    void aDocumentNestedPastTheParsersLimit_isMalformedWhereTheLimitIsPassed() {
        String text = "{\n \"accounts\": [],\n \"reports\": " + "[".repeat(1200) + "]".repeat(1200) + "}";
        assertThatThrownBy(() -> FactsJson.read(text, "deep.json"))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.getMessage()).contains("nesting depth").contains("(line 3, column 1013)");
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo(1013);
                });
    }

    @Provide
    Arbitrary<String> minerNames() {
        return Arbitraries.of("xmrig", "XMRig", "XMRIG", "xmr-stak", "minerd", "cpuminer", "ccminer");
    }
}
