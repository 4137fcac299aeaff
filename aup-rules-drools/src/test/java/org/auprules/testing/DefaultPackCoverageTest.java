package org.auprules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.auprules.drools.CompiledPolicy;
import org.junit.jupiter.api.Test;

/**
 * The default pack's scenarios make every rule of the pack fire, and every clause a rule enforces
 * has a scenario that expects it violated and one that shows it kept.
 */
class DefaultPackCoverageTest {

    static final CompiledPolicy POLICY = EntrecloudScenariosTest.RUNNER.policy();
    static final Coverage COVERAGE = Coverage.of(POLICY, EntrecloudScenariosTest.RUNNER
            .runAll(ScenarioReader.read(EntrecloudScenariosTest.SCENARIOS)).results());

    @Test
    void everyRuleOfTheDefaultPackFiresInSomeScenario() {
        assertThat(COVERAGE.uncoveredRules()).as("rules no scenario of the default pack makes fire").isEmpty();
        assertThat(COVERAGE.rulePercent()).isEqualTo(100.0);
    }

    @Test
    void everyClauseARuleEnforcesHasAViolatingAndAnInnocentScenario() {
        Set<String> enforced = POLICY.rules().stream().map(CompiledPolicy.RuleInfo::clause).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        List<Coverage.ClauseGap> gaps = COVERAGE.clauseGaps().stream().filter(g -> enforced.contains(g.clause())).toList();
        assertThat(enforced).contains("1.A.1", "1.A.2", "1.A.3", "1.A.5");
        assertThat(gaps).as("clauses enforced by a rule but not covered both ways").isEmpty();
    }
}
