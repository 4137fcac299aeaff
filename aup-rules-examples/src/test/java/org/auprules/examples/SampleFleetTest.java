package org.auprules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Violation;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.Clause;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.junit.jupiter.api.Test;

/** The shipped sample fleet shows every prohibition of the default policy, beside clean accounts. */
class SampleFleetTest {

    static final DroolsAupEvaluator EVALUATOR =
            DroolsAupEvaluator.builder().defaultPolicy().build();
    static final FactSet FLEET = FactsJson.read(Path.of("samples/fleet.json"));
    static final EvaluationResult RESULT = EVALUATOR.evaluate(FLEET);

    @Test
    void everyProhibitionOfTheCatalogIsViolatedBySomeAccount() {
        Set<String> cited =
                RESULT.violations().stream().map(Violation::clauseId).collect(Collectors.toSet());
        assertThat(EVALUATOR.catalog().prohibitions())
                .extracting(c -> c.id().value())
                .allSatisfy(id -> assertThat(cited).as("clause %s", id).contains(id));
        assertThat(EVALUATOR.catalog().prohibitions()).extracting(Clause::kind).isNotEmpty();
    }

    @Test
    void cleanAccountsStayClean() {
        Set<String> violators =
                RESULT.violations().stream().map(Violation::accountId).collect(Collectors.toSet());
        assertThat(FLEET.accounts())
                .extracting(Account::id)
                .filteredOn(id -> id.startsWith("acc-clean-"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(id -> assertThat(violators).as(id).doesNotContain(id));
    }

    /**
     * The verdicts on the sample fleet are those the pack gave before its table rules joined on
     * match facts computed in Java rather than with {@code from} (issue 12): the file is the JSON
     * output of {@code aup-rules evaluate --format json samples/fleet.json} at that commit, without
     * the policy's digest, which the change of the pack changes.
     */
    @Test
    void verdictsOnTheSampleFleetAreTheCommittedOnes() throws IOException {
        ObjectNode actual = ResultJson.toTree(RESULT);
        assertThat(actual.remove("policy")).isNotNull();
        JsonNode expected;
        try (InputStream in = SampleFleetTest.class.getResourceAsStream("fleet-verdicts.json")) {
            assertThat(in).as("fleet-verdicts.json").isNotNull();
            expected = FactsJson.mapper().readTree(in);
        }
        assertThat(actual.get("violations")).hasSize(expected.get("violations").size());
        assertThat(actual.get("violations")).isEqualTo(expected.get("violations"));
        assertThat(actual).isEqualTo(expected);
    }
}
