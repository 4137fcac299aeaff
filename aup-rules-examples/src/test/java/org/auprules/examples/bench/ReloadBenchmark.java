package org.auprules.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.ReloadingAupEvaluator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A warm hot reload of the default pack: a copy of it in a folder, changed before every reload
 * (a note file, so each reload sees a new digest that no pre-built form or cache serves), then
 * {@link ReloadingAupEvaluator#reloadNow()}: read, validate, compile with the sandbox's checks,
 * and swap. Each invocation is one whole reload, after warm-up reloads in the same JVM.
 *
 * <pre>{@code
 * mvn -B -q -Pbench package -DskipTests -Djmh.args='ReloadBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 10)
@Fork(value = 1)
public class ReloadBenchmark {

    Path folder;
    ReloadingAupEvaluator evaluator;
    int generation;

    @Setup
    public void setUp() throws IOException {
        folder = Files.createTempDirectory("reload-bench");
        for (Map.Entry<String, byte[]> f : PolicyPack.defaultPack().files().entrySet()) {
            Path to = folder.resolve(f.getKey());
            Files.createDirectories(to.getParent());
            Files.write(to, f.getValue());
        }
        evaluator = ReloadingAupEvaluator.builder(folder).watch(false).build();
    }

    @TearDown
    public void tearDown() throws IOException {
        evaluator.close();
        try (var walk = Files.walk(folder)) {
            walk.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public ReloadingAupEvaluator.Outcome reloadChangedPack() {
        try {
            Files.writeString(folder.resolve("NOTES.md"), "generation " + ++generation + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReloadingAupEvaluator.Outcome outcome = evaluator.reloadNow();
        if (outcome.status() != ReloadingAupEvaluator.Outcome.Status.RELOADED) {
            throw new IllegalStateException("the reload did not go through: " + outcome);
        }
        return outcome;
    }
}
