package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;

/** Input errors name the JSON path and line, say what is expected, and nothing is evaluated. */
class FactsJsonTest {

    static InvalidFactsException invalid(String json) {
        try {
            FactSet facts = FactsJson.read(json, "in.json");
            TestPolicy.DEFAULT.evaluate(facts);
        } catch (InvalidFactsException e) {
            return FactsJson.locate(e, json, "in.json");
        }
        throw new AssertionError("expected an input error for " + json);
    }

    @Test
    void unknownField_isNamedWithItsPathAndLine() {
        InvalidFactsException e = invalid("""
                {"accounts": [{"id": "acc-1"}],
                 "processes": [{"id": "p-1", "accountId": "acc-1",
                                "cpuPercnt": 99}]}
                """);
        assertThat(e.path()).isEqualTo("$.processes[0].cpuPercnt");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage())
                .startsWith("$.processes[0].cpuPercnt: unknown field `cpuPercnt`; expected one of ")
                .contains("cpuPercent")
                .endsWith("(line 3)");
    }

    @Test
    void wrongType_saysWhatIsExpectedAndWhatCame() {
        InvalidFactsException e = invalid("""
                {"accounts": [{"id": "acc-1"}],
                 "processes": [{"id": "p-0", "accountId": "acc-1"}, {"id": "p-1", "accountId": "acc-1"},
                               {"id": "p-2", "accountId": "acc-1"},
                               {"id": "p-3", "accountId": "acc-1",
                                "cpuPercent": "high"}]}
                """);
        assertThat(e.getMessage()).isEqualTo("$.processes[3].cpuPercent: expected a number, got `\"high\"` (line 5)");
    }

    @Test
    void numberAsString_isNotCoerced() {
        assertThat(invalid("""
                {"accounts": [{"id": "acc-1"}], "emails": [{"id": "m-1", "accountId": "acc-1", "recipientCount": "100"}]}
                """).getMessage())
                .startsWith("$.emails[0].recipientCount: expected a whole number, got `\"100\"`");
    }

    @Test
    void fractionForAWholeNumber_isRefused() {
        assertThat(invalid("""
                {"accounts": [{"id": "acc-1"}], "emails": [{"id": "m-1", "accountId": "acc-1", "recipientCount": 1.5}]}
                """).path()).isEqualTo("$.emails[0].recipientCount");
    }

    @Test
    void unknownEnumValue_listsTheValidOnes() {
        assertThat(invalid("""
                {"accounts": [{"id": "acc-1"}],
                 "mailingLists": [{"id": "l-1", "accountId": "acc-1", "source": "BOUGHT"}]}
                """).getMessage())
                .isEqualTo("$.mailingLists[0].source: unknown value `BOUGHT`; expected one of "
                        + "DOUBLE_OPT_IN, SINGLE_OPT_IN, IMPORTED, PURCHASED, RENTED, HARVESTED, UNKNOWN (line 2)");
    }

    @Test
    void missingId_isNamed() {
        assertThat(invalid("""
                {"accounts": [{"id": "acc-1"}],
                 "websites": [{"accountId": "acc-1", "domain": "x.example"}]}
                """).getMessage()).isEqualTo("$.websites[0]: missing required field `id` (line 2)");
    }

    @Test
    void missingAccountId_isNamed() {
        assertThat(invalid("""
                {"accounts": [{"id": "acc-1"}],
                 "processes": [{"id": "p-1", "name": "x"}]}
                """).getMessage())
                .isEqualTo("$.processes[0].accountId: missing required field `accountId` (line 2)");
    }

    @Test
    void accountThatDoesNotExist_isNamedWithItsLine() {
        InvalidFactsException e = invalid("""
                {"accounts": [{"id": "acc-1"}],
                 "files": [
                   {"id": "f-1",
                    "accountId": "acc-2"}]}
                """);
        assertThat(e.getMessage())
                .isEqualTo(
                        "$.files[0].accountId: unknown account `acc-2`: expected the id of an entry of `$.accounts` (line 4)");
        assertThat(e.problem())
                .isEqualTo(new InvalidFactsException.Problem(
                        "$.files[0].accountId",
                        4,
                        18,
                        "unknown account `acc-2`: expected the id of an entry of `$.accounts`"));
    }

    @Test
    void badInstant_explainsTheFormat() {
        assertThat(invalid("""
                {"evaluatedAt": "yesterday", "accounts": [{"id": "acc-1"}]}
                """).getMessage())
                .startsWith("$.evaluatedAt: expected an ISO-8601 instant such as `2026-11-28T12:00:00Z`");
    }

    @Test
    void explicitNull_inAList_isRefused() {
        assertThat(invalid("""
                {"accounts": [{"id": "acc-1", "domains": [null]}]}
                """).getMessage())
                .isEqualTo(
                        "$.accounts[0].domains[0]: null is not allowed as an element of a list; leave the element out (line 1)");
    }

    @Test
    void malformedJson_isADifferentError_withLineAndColumn() {
        assertThatThrownBy(() -> FactsJson.read("{\"accounts\": [\n  {\"id\": \"acc-1\",}\n]}", "in.json"))
                .isInstanceOf(MalformedInputException.class)
                .satisfies(e -> assertThat(((MalformedInputException) e).line()).isEqualTo(2))
                .hasMessageStartingWith("malformed JSON: ");
    }

    @Test
    void notAnObject_isAnInputError() {
        assertThat(invalid("[1, 2]").getMessage()).startsWith("$: expected a JSON object with `accounts`");
    }

    @Test
    void everyListIsOptional() {
        FactSet facts = FactsJson.read("{\"accounts\": [{\"id\": \"acc-1\"}]}", null);
        assertThat(facts.emails()).isEmpty();
        assertThat(TestPolicy.DEFAULT.evaluate(facts).violations()).isEmpty();
    }

    @Test
    void theFactsMdExampleDocumentReads() {
        FactSet facts = FactsJson.read(java.nio.file.Path.of("src/test/resources/facts-md-example.json"));
        assertThat(facts.accounts()).hasSize(1);
        assertThat(facts.accountFacts()).hasSize(15);
        assertThat(facts.reports().get(0).dmca().complete()).isTrue();
    }
}
