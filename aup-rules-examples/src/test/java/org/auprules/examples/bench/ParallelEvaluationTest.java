package org.auprules.examples.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.json.ResultJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Splitting one call across threads changes how fast, never what. */
class ParallelEvaluationTest {

    static final CompiledPolicy POLICY = CompiledPolicy.compile(PolicyPack.defaultPack());
    static final FactSet FLEET = FleetGenerator.generate(1500, 7);
    static final String ONE_THREAD = ResultJson.write(
            DroolsAupEvaluator.builder().compiledPolicy(POLICY).build().evaluate(FLEET));
    static final ExecutorService POOL = Executors.newFixedThreadPool(4);

    @AfterAll
    static void shutDown() {
        POOL.shutdownNow();
    }

    @Test
    void aLargeFleetGivesByteIdenticalOutputOnTheCallersThreadAndOnAnExecutor() {
        AtomicInteger tasks = new AtomicInteger();
        DroolsAupEvaluator split = DroolsAupEvaluator.builder()
                .compiledPolicy(POLICY)
                .executor(r -> {
                    tasks.incrementAndGet();
                    POOL.execute(r);
                })
                .parallelism(4)
                .build();
        EvaluationResult result = split.evaluate(FLEET);
        assertThat(result.violations()).hasSizeGreaterThan(50);
        assertThat(tasks).as("tasks handed to the executor").hasValue(3);
        assertThat(ResultJson.write(result)).isEqualTo(ONE_THREAD);
    }

    @Test
    void anExecutorThatRunsNothingLeavesTheWorkToTheCaller() {
        DroolsAupEvaluator refused = DroolsAupEvaluator.builder()
                .compiledPolicy(POLICY)
                .executor(r -> {
                    throw new RejectedExecutionException("saturated");
                })
                .parallelism(4)
                .build();
        assertThat(ResultJson.write(refused.evaluate(FLEET))).isEqualTo(ONE_THREAD);
    }

    @Test
    void aSmallCallStaysOnTheCallersThread() {
        AtomicInteger tasks = new AtomicInteger();
        DroolsAupEvaluator split = DroolsAupEvaluator.builder()
                .compiledPolicy(POLICY)
                .executor(r -> {
                    tasks.incrementAndGet();
                    r.run();
                })
                .build();
        FactSet small = FleetGenerator.generate(100, 7);
        assertThat(ResultJson.write(split.evaluate(small)))
                .isEqualTo(ResultJson.write(DroolsAupEvaluator.builder()
                        .compiledPolicy(POLICY)
                        .build()
                        .evaluate(small)));
        assertThat(tasks).hasValue(0);
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

    @Test
    void parallelismWithoutAnExecutor_isRefused() {
        assertThatThrownBy(() -> DroolsAupEvaluator.builder()
                        .compiledPolicy(POLICY)
                        .parallelism(4)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("parallelism(4) needs threads to run on: call executor(...) as well, or leave "
                        + "parallelism out to evaluate on the caller's thread");
    }
}
