package org.auprules.examples;

import static org.assertj.core.api.Assertions.assertThat;

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
}
