package org.auprules.examples.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.FactSet;
import org.auprules.examples.bench.baseline.Found;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The same 40 rules ({@code RuleSubset}) three ways on the same 1,000 generated accounts, parsed
 * once: the library on a pack of only those rules, hand-written Java, and Easy Rules. One
 * operation is one account (each invocation evaluates the whole fleet, the figures are per
 * account); the set-up refuses to run when the three do not find the same violations. The
 * library needs the longer warm-up: Drools compiles its constraints to bytecode after they have
 * been evaluated a while, and five iterations of 2 s still showed it getting faster.
 *
 * <pre>{@code
 * ./mvnw -B -q -Pbench package -DskipTests -Djmh.args='ThreeWayBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 8, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx2g"})
public class ThreeWayBenchmark {

    static final int ACCOUNTS = 1000;

    ThreeWay three;
    FactSet fleet;

    @Setup
    public void setUp() {
        three = new ThreeWay();
        fleet = FleetGenerator.generate(ACCOUNTS, 42);
        if (!three.identical(fleet)) {
            throw new IllegalStateException("the three implementations disagree on the fleet");
        }
    }

    @Benchmark
    @OperationsPerInvocation(ACCOUNTS)
    public EvaluationResult library() {
        return three.library().evaluate(fleet);
    }

    @Benchmark
    @OperationsPerInvocation(ACCOUNTS)
    public List<Found> handWrittenJava() {
        return three.java().evaluate(fleet);
    }

    @Benchmark
    @OperationsPerInvocation(ACCOUNTS)
    public List<Found> easyRules() {
        return three.easyRules().evaluate(fleet);
    }
}
