package org.auprules.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.json.ResultJson;
import org.junit.jupiter.api.Test;

/** Splitting one call across threads changes how fast, never what. */
class ParallelEvaluationTest {

    static final CompiledPolicy POLICY = CompiledPolicy.compile(PolicyPack.defaultPack());

    @Test
    void aLargeFleetGivesByteIdenticalOutputOnOneThreadAndOnFour() {
        FactSet fleet = FleetGenerator.generate(1500, 7);
        EvaluationResult one = DroolsAupEvaluator.builder().compiledPolicy(POLICY).build().evaluate(fleet);
        EvaluationResult four = DroolsAupEvaluator.builder().compiledPolicy(POLICY).parallelism(4).build()
                .evaluate(fleet);
        assertThat(one.violations()).hasSizeGreaterThan(50);
        assertThat(ResultJson.write(four)).isEqualTo(ResultJson.write(one));
    }

    @Test
    void theGeneratorIsDeterministic() {
        assertThat(FleetGenerator.generate(300, 1)).isEqualTo(FleetGenerator.generate(300, 1));
    }

    @Test
    void parallelismBelowOne_isRefused() {
        assertThatThrownBy(() -> DroolsAupEvaluator.builder().parallelism(0))
                .hasMessage("parallelism must be at least 1, got 0");
    }
}
