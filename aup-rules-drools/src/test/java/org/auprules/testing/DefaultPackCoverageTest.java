package org.auprules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.auprules.drools.CompiledPolicy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The default pack's scenarios make every rule of the pack fire, and every PROHIBITION clause of
 * its catalog, whatever enforces it, has a scenario that expects it violated and one that shows it
 * kept. Taking away the scenarios that name a clause shows that the check would catch it.
 */
class DefaultPackCoverageTest {

    static final CompiledPolicy POLICY = EntrecloudScenariosTest.RUNNER.policy();
    static final List<ScenarioResult> RESULTS = EntrecloudScenariosTest.RUNNER
            .runAll(ScenarioReader.read(EntrecloudScenariosTest.SCENARIOS))
            .results();
    static final Coverage COVERAGE = Coverage.of(POLICY, RESULTS);

    @Test
    void everyRuleOfTheDefaultPackFiresInSomeScenario() {
        assertThat(COVERAGE.uncoveredRules())
                .as("rules no scenario of the default pack makes fire")
                .isEmpty();
        assertThat(COVERAGE.rulePercent()).isEqualTo(100.0);
    }

    @Test
    void everyProhibitionClauseHasAViolatingAndAnInnocentScenario() {
        assertThat(COVERAGE.clauseCount())
                .isEqualTo(POLICY.catalog().prohibitions().size())
                .isEqualTo(35);
        assertThat(COVERAGE.clauseGaps())
                .as("PROHIBITION clauses not covered both ways")
                .isEmpty();
    }

    /** For each clause: without the scenarios that name it, both Coverage and Traceability report it on both sides. */
    @TestFactory
    Stream<DynamicTest> withoutTheScenariosThatNameAClause_itIsReportedAsUncovered() {
        return POLICY.catalog().prohibitions().stream()
                .map(c -> c.id().value())
                .map(clause -> DynamicTest.dynamicTest(clause, () -> {
                    List<ScenarioResult> rest = RESULTS.stream()
                            .filter(r -> !names(r.scenario(), clause))
                            .toList();
                    assertThat(rest).hasSizeLessThan(RESULTS.size());
                    Coverage coverage = Coverage.of(POLICY, rest);
                    assertThat(coverage.clauseGaps()).contains(new Coverage.ClauseGap(clause, false, false));
                    Traceability trace = Traceability.of(
                            POLICY, rest.stream().map(ScenarioResult::scenario).toList());
                    assertThat(trace.trace(clause).orElseThrow().gaps())
                            .containsExactly(
                                    Traceability.Gap.NO_VIOLATING_SCENARIO, Traceability.Gap.NO_INNOCENT_SCENARIO);
                    assertThat(trace.gaps())
                            .extracting(Traceability.ClauseTrace::id)
                            .containsExactlyElementsOf(coverage.clauseGaps().stream()
                                    .map(Coverage.ClauseGap::clause)
                                    .toList());
                }));
    }

    /** Whether a scenario names a clause in any entry of its expectation. */
    static boolean names(Scenario s, String clause) {
        return Stream.concat(s.expect().violations().stream(), s.expect().noViolations().stream())
                .anyMatch(p -> p.clause().filter(clause::equals).isPresent());
    }
}
