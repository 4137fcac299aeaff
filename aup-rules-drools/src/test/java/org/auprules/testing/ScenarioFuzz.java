package org.auprules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.auprules.api.InvalidInputException;
import org.auprules.api.MalformedInputException;
import org.auprules.fuzzing.Bounded;
import org.auprules.fuzzing.Failures;
import org.auprules.fuzzing.FuzzCases;
import org.auprules.fuzzing.FuzzTries;
import org.auprules.fuzzing.JsonMutation;
import org.auprules.fuzzing.Located;
import org.auprules.fuzzing.Seeds;
import org.auprules.fuzzing.Seeds.Named;
import org.auprules.fuzzing.TextMutation;

/**
 * Scenario files, fuzzed: the default pack's scenario files and each of their scenarios alone,
 * changed structurally and below the structure, read as scenarios that run to a result, or fail
 * with the documented located error ({@code InvalidScenarioException}, {@code InvalidFactsException}
 * or {@code MalformedInputException}, each with its line and column). Reordered and reformatted
 * scenarios still pass, and a generated scenario passes or fails exactly as its facts say.
 */
@AddLifecycleHook(FuzzTries.class)
class ScenarioFuzz {

    static final List<Named<JsonNode>> SEEDS = seeds();
    static final ScenarioRunner RUNNER = ScenarioRunner.of(Seeds.defaultPolicy());

    static List<Named<JsonNode>> seeds() {
        List<Named<JsonNode>> seeds = new ArrayList<>();
        for (Path file : Seeds.scenarioFiles()) {
            JsonNode root = Seeds.tree(Seeds.text(file));
            seeds.add(new Named<>(file.getFileName().toString(), root));
            if (root.isArray()) {
                for (int i = 0; i < root.size(); i++) {
                    seeds.add(new Named<>(file.getFileName() + "[" + i + "]", root.get(i)));
                }
            }
        }
        return seeds;
    }

    @Provide
    Arbitrary<Named<JsonNode>> scenarios() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<Named<JsonNode>> singleScenarios() {
        return Arbitraries.of(SEEDS.stream().filter(s -> s.value().isObject()).toList());
    }

    @Provide
    Arbitrary<List<JsonMutation>> changes() {
        return JsonMutation.lists(3);
    }

    @Provide
    Arbitrary<List<TextMutation>> textChanges() {
        return TextMutation.lists(2);
    }

    @Property
    @FuzzCases(150)
    void mutatedScenarioFiles_runOrFailWithALocatedError(
            @ForAll("scenarios") Named<JsonNode> seed,
            @ForAll("changes") List<JsonMutation> changes,
            @ForAll JsonMutation.Style style,
            @ForAll("textChanges") List<TextMutation> textChanges,
            @ForAll @IntRange(min = 0, max = 1000) int which) {
        String text = TextMutation.apply(style.write(JsonMutation.apply(seed.value(), changes)), textChanges);
        Failures.keep("scenario", text, () -> {
            Bounded.Outcome<List<Scenario>> read =
                    Bounded.call("reading " + seed, () -> ScenarioReader.read(text, "fuzz.json"));
            Statistics.label("outcome")
                    .collect(
                            read.thrown() == null
                                    ? "read"
                                    : read.thrown().getClass().getSimpleName());
            if (read.thrown() != null) {
                if (!(read.thrown() instanceof InvalidInputException e)) {
                    throw new AssertionError("not a documented input error: " + read.thrown(), read.thrown());
                }
                Located.inputError(e, text, "fuzz.json");
                return;
            }
            assertThat(read.value()).isNotEmpty();
            Scenario scenario = read.value().get(which % read.value().size());
            assertThat(scenario.location().line()).isBetween(1, Seeds.lines(text));
            Bounded.Outcome<ScenarioResult> ran = Bounded.call("running " + scenario, () -> RUNNER.run(scenario));
            if (ran.thrown() instanceof InvalidInputException e) {
                // what only the policy can tell, e.g. an expected clause the pack does not have
                Located.inputError(e, text, "fuzz.json");
                return;
            }
            assertThat(ran.thrown()).as("running a scenario that read").isNull();
            assertThat(ran.value().scenario()).isEqualTo(scenario);
        });
    }

    @Property
    @FuzzCases(20)
    void reorderedAndReformattedScenarios_stillPass(
            @ForAll("singleScenarios") Named<JsonNode> seed, @ForAll long shuffle, @ForAll JsonMutation.Style style) {
        String text = style.write(JsonMutation.shuffleKeys(seed.value(), new Random(shuffle)));
        Failures.keep("scenario-reordered", text, () -> {
            Scenario scenario = ScenarioReader.read(text, "reordered.json").get(0);
            assertThat(scenario.description())
                    .isEqualTo(seed.value().get("description").textValue().strip());
            ScenarioResult result = RUNNER.run(scenario);
            assertThat(result.passed()).as(result::explain).isTrue();
        });
    }

    @Property
    @FuzzCases(30)
    void aGeneratedScenario_passesOrFailsAsItsFactsSay(
            @ForAll @IntRange(min = 0, max = 12) int miners,
            @ForAll boolean expectMining,
            @ForAll boolean exactly,
            @ForAll long order) {
        List<String> processes = new ArrayList<>();
        for (int i = 0; i < miners; i++) {
            processes.add("{\"id\": \"p-%d\", \"accountId\": \"acc-m\", \"name\": \"xmrig\"}".formatted(i));
        }
        processes.add("{\"id\": \"p-web\", \"accountId\": \"acc-web\", \"name\": \"nginx\"}");
        Collections.shuffle(processes, new Random(order));
        String expectation = expectMining
                ? "\"violations\": [{\"accountId\": \"acc-m\", \"clause\": \"2.20\"}, {\"accountId\": \"acc-m\", \"clause\": \"3.1\"}]"
                : "\"noViolations\": [{\"accountId\": \"acc-m\", \"clause\": \"2.20\"}]";
        String text = """
                {"description": "generated: %d miners",
                 "facts": {"evaluatedAt": "2026-11-28T12:00:00Z",
                           "accounts": [{"id": "acc-m"}, {"id": "acc-web"}],
                           "processes": [%s]},
                 "expect": {%s, "exactly": %s}}
                """.formatted(miners, String.join(", ", processes), expectation, exactly);
        Failures.keep("scenario-generated", text, () -> {
            ScenarioResult result =
                    RUNNER.run(ScenarioReader.read(text, "generated.json").get(0));
            // with miners the account breaks 2.20 and 3.1 once per miner and nothing else; without, nothing
            boolean shouldPass = expectMining == (miners > 0);
            assertThat(result.passed()).as(result::explain).isEqualTo(shouldPass);
            if (expectMining && miners == 0) {
                assertThat(result.missing()).hasSize(2);
            }
            if (!expectMining && miners > 0) {
                assertThat(result.forbidden()).hasSize(miners);
            }
            assertThat(result.result().violationsOf("acc-web")).isEmpty();
        });
    }

    /** Found by the fuzzing: as in facts documents, nesting past the parser's limit was located at 0:0. */
    @Example
    void aScenarioFileNestedPastTheParsersLimit_isMalformedWhereTheLimitIsPassed() {
        String text = "[\n" + "[".repeat(1200) + "]".repeat(1200) + "\n]";
        assertThatThrownBy(() -> ScenarioReader.read(text, "deep.json"))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.getMessage()).contains("nesting depth");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(1001);
                });
    }
}
