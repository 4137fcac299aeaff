package org.auprules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.drools.PolicyPack;
import org.auprules.testing.Scenario.SourceLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading scenario files: one or many per file, folders, and errors located by JSON path and line. */
class ScenarioReaderTest {

    static final String ONE = """
            {"description": "one",
             "facts": {"accounts": [{"id": "acc-1"}]},
             "expect": {"exactly": true}}
            """;

    @Test
    void aFileHoldsOneScenario() {
        List<Scenario> s = ScenarioReader.read(ONE, "one.json");
        assertThat(s).singleElement().satisfies(x -> {
            assertThat(x.description()).isEqualTo("one");
            assertThat(x.facts().accounts()).hasSize(1);
            assertThat(x.expect().exactly()).isTrue();
            assertThat(x.location()).isEqualTo(new SourceLocation("one.json", "$", 1, 1));
        });
    }

    @Test
    void aFileHoldsAnArrayOfScenarios_eachWithItsLine() {
        List<Scenario> s =
                ScenarioReader.read("[\n" + ONE + ",\n" + ONE.replace("\"one\"", "\"two\"") + "]", "two.json");
        assertThat(s).extracting(Scenario::description).containsExactly("one", "two");
        assertThat(s).extracting(x -> x.location().path()).containsExactly("$[0]", "$[1]");
        assertThat(s).extracting(x -> x.location().line()).containsExactly(2, 6);
        assertThat(s.get(1).location()).hasToString("two.json:6");
    }

    @Test
    void expectationsReadEveryOptionalField() {
        Scenario s = ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}, {"id": "b"}]},
                 "expect": {"violations": [{"accountId": "a", "clause": "2.12", "severity": "high",
                                            "certainty": "SUSPECTED", "ruleId": "2.12 IRC server process"}],
                            "noViolations": [{"accountId": "b"}, {"accountId": "a", "clause": "1.A.3"}]}}""", "x").get(0);
        ViolationPattern v = s.expect().violations().get(0);
        assertThat(v).hasToString("a 2.12 HIGH SUSPECTED rule `2.12 IRC server process`");
        assertThat(v.location().line()).isEqualTo(2);
        assertThat(s.expect().noViolations())
                .extracting(ViolationPattern::isWholeAccount)
                .containsExactly(true, false);
        assertThat(s.expect().exactly()).isFalse();
    }

    @Test
    void aFolderIsSearchedRecursivelyForJsonFilesInPathOrder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b/deeper"));
        Files.createDirectories(dir.resolve(".hidden"));
        Files.writeString(dir.resolve("b/deeper/z.json"), ONE.replace("\"one\"", "\"deep\""));
        Files.writeString(dir.resolve("a.json"), ONE.replace("\"one\"", "\"top\""));
        Files.writeString(dir.resolve("notes.txt"), "not a scenario");
        Files.writeString(dir.resolve(".hidden/x.json"), "broken");
        assertThat(ScenarioReader.read(dir)).extracting(Scenario::description).containsExactly("top", "deep");
        assertThat(ScenarioReader.files(dir)).containsExactly(dir.resolve("a.json"), dir.resolve("b/deeper/z.json"));
    }

    @Test
    void aFolderWithoutScenarioFiles_isAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> ScenarioReader.read(dir))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessage("no scenario files (`*.json`) in folder `" + dir + "`");
    }

    @Test
    void aPathThatDoesNotExist_isAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> ScenarioReader.read(dir.resolve("nope.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such file or folder");
    }

    @Test
    void malformedJson_namesLineAndColumn() {
        assertThatThrownBy(() -> ScenarioReader.read("[\n{\"description\": \"x\",\n \"facts\": {]", "bad.json"))
                .isInstanceOfSatisfying(MalformedInputException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.source()).contains("bad.json");
                })
                .hasMessageStartingWith("malformed JSON: ");
    }

    @Test
    void aFactsErrorInsideAScenario_pointsIntoTheScenarioFile() {
        String json = """
                [
                  {"description": "fine", "facts": {"accounts": [{"id": "acc-1"}]}, "expect": {"exactly": true}},
                  {"description": "fine too", "facts": {"accounts": [{"id": "acc-1"}]}, "expect": {"exactly": true}},
                  {"description": "mail from nowhere",
                   "facts": {"accounts": [{"id": "acc-1"}],
                             "emails": [{"id": "m-1",
                                         "accountId": "acc-9"}]},
                   "expect": {"exactly": true}}
                ]
                """;
        assertThatThrownBy(() -> ScenarioReader.read(json, "s.json"))
                .isInstanceOfSatisfying(InvalidFactsException.class, e -> {
                    assertThat(e.path()).isEqualTo("$[2].facts.emails[0].accountId");
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.source()).contains("s.json");
                })
                .hasMessage("$[2].facts.emails[0].accountId: unknown account `acc-9`: expected the id of an entry of "
                        + "`$.accounts` (line 7)");
    }

    @Test
    void aTypeErrorInTheFacts_keepsTheFactsReadersMessage() {
        String json = """
                {"description": "d",
                 "facts": {"accounts": [{"id": "a"}],
                           "processes": [{"id": "p", "accountId": "a", "cpuPercent": "high"}]},
                 "expect": {"exactly": true}}""";
        assertThatThrownBy(() -> ScenarioReader.read(json, "s.json"))
                .hasMessage("$.facts.processes[0].cpuPercent: expected a number, got `\"high\"` (line 3)");
    }

    @Test
    void anUnknownFieldSuggestsTheNearestOne() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}]},
                 "expects": {"exactly": true}}""", "s.json"))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessage("$.expects: unknown field `expects`; did you mean `expect`? (line 2)");
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}]},
                 "expect": {"violations": [{"accountId": "a", "clause": "2.12", "count": 2}]}}""", "s.json"))
                .hasMessageStartingWith(
                        "$.expect.violations[0].count: unknown field `count`; expected one of accountId, "
                                + "certainty, clause, ruleId, severity");
    }

    @Test
    void requiredFieldsAreRequired() {
        assertThatThrownBy(() -> ScenarioReader.read("{\"facts\": {}, \"expect\": {\"exactly\": true}}", "s"))
                .hasMessage("$: missing required field `description` (line 1)");
        assertThatThrownBy(() -> ScenarioReader.read("{\"description\": \"  \", \"facts\": {}}", "s"))
                .hasMessage("$.description: expected a non-empty string, got `\"  \"` (line 1)");
        assertThatThrownBy(() -> ScenarioReader.read("{\"description\": \"d\", \"expect\": {\"exactly\": true}}", "s"))
                .hasMessageStartingWith("$: missing required field `facts`");
        assertThatThrownBy(() -> ScenarioReader.read("{\"description\": \"d\", \"facts\": {}}", "s"))
                .hasMessageStartingWith("$: missing required field `expect`");
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}]},
                 "expect": {"violations": [{"accountId": "a"}]}}""", "s"))
                .hasMessageStartingWith("$.expect.violations[0]: missing required field `clause`");
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}]},
                 "expect": {"noViolations": [{"clause": "2.12"}]}}""", "s"))
                .hasMessageStartingWith("$.expect.noViolations[0]: missing required field `accountId`");
    }

    @Test
    void anExpectationThatAssertsNothing_isAnError() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}]},
                 "expect": {"violations": [], "exactly": false}}""", "s"))
                .hasMessageStartingWith("$.expect: the expectation asserts nothing, so the scenario could never fail");
    }

    @Test
    void anExpectationNamingAnAccountTheFactsLack_isAnError() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "acc-1"}, {"id": "acc-2"}]},
                 "expect": {"noViolations": [{"accountId": "acc-3"}]}}""", "s"))
                .hasMessage("$.expect.noViolations[0].accountId: unknown account `acc-3`: the facts have only acc-1, "
                        + "acc-2; did you mean `acc-1`? (line 2)");
    }

    @Test
    void badValuesInAnExpectation_areErrors() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}]},
                 "expect": {"violations": [{"accountId": "a", "clause": "2.12!"}]}}""", "s"))
                .hasMessageStartingWith("$.expect.violations[0].clause: invalid clause id `2.12!`");
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}]},
                 "expect": {"violations": [{"accountId": "a", "clause": "2.12", "severity": "HGH"}]}}""", "s"))
                .hasMessageStartingWith("$.expect.violations[0].severity: unknown severity `HGH`; expected one of LOW, "
                        + "MEDIUM, HIGH, CRITICAL");
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}]}, "expect": {"exactly": "yes"}}""", "s"))
                .hasMessageStartingWith("$.expect.exactly: expected true or false, got `\"yes\"`");
        assertThatThrownBy(() -> ScenarioReader.read("[]", "s"))
                .hasMessageStartingWith("$: expected at least one scenario, got an empty array");
        assertThatThrownBy(() -> ScenarioReader.read("[42]", "s"))
                .hasMessageStartingWith("$[0]: expected a scenario object");
    }

    @Test
    void anExpectationThatForbidsWhatItRequires_isAnError() {
        assertThatThrownBy(() -> ScenarioReader.read("""
                {"description": "d", "facts": {"accounts": [{"id": "a"}]},
                 "expect": {"violations": [{"accountId": "a", "clause": "2.12", "severity": "HIGH"}],
                            "noViolations": [{"accountId": "a", "clause": "2.12"}]}}""", "s"))
                .hasMessage("$.expect.noViolations[0]: forbids `a 2.12`, which the expected violation at line 2 "
                        + "(`a 2.12 HIGH`) requires (line 3)");
    }

    @Test
    void theDefaultPackCarriesItsScenarios() {
        List<Scenario> fromPack = ScenarioReader.fromPack(PolicyPack.defaultPack());
        assertThat(fromPack).isNotEmpty();
        assertThat(fromPack)
                .extracting(Scenario::description)
                .containsExactlyElementsOf(ScenarioReader.read(EntrecloudScenariosTest.SCENARIOS).stream()
                        .map(Scenario::description)
                        .toList());
        assertThat(fromPack.get(0).location().source())
                .startsWith("classpath:org/auprules/packs/entrecloud/scenarios/");
    }

    @Test
    void aScenarioFileOnDiskHasAUriWithItsLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.json");
        Files.writeString(file, "\n\n" + ONE);
        Scenario s = ScenarioReader.read(file).get(0);
        assertThat(s.location().uri())
                .hasValueSatisfying(u -> assertThat(u.toString()).endsWith("/s.json?line=3"));
        assertThat(SourceLocation.inCode("java").uri()).isEmpty();
    }
}
