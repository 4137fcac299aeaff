package org.auprules.examples.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.DroolsAupEvaluator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluation of a synthetic fleet with the default policy: the time for the whole fleet, on one
 * thread and on two.
 *
 * <p>It lives in src/test so that JMH stays out of the CLI's lib/; the {@code bench} profile runs
 * it on the test classpath, from the repository root:
 *
 * <pre>{@code
 * mvn -B -q -Pbench package -DskipTests -Djmh.args='EvaluateBenchmark -wi 6 -i 10'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx4g"})
public class EvaluateBenchmark {

    @Param({"10000"})
    int accounts;

    @Param({"1", "2"})
    int threads;

    DroolsAupEvaluator evaluator;
    FactSet fleet;
    ExecutorService pool;

    @Setup
    public void setUp() {
        DroolsAupEvaluator.Builder builder = DroolsAupEvaluator.builder().defaultPolicy();
        if (threads > 1) {
            pool = Executors.newFixedThreadPool(threads - 1);
            builder.executor(pool).parallelism(threads);
        }
        evaluator = builder.build();
        fleet = FleetGenerator.generate(accounts, 42);
    }

    @TearDown
    public void tearDown() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Benchmark
    public EvaluationResult evaluateFleet() {
        return evaluator.evaluate(fleet);
    }
}
