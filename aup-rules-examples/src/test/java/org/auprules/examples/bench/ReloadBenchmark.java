package org.auprules.examples.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.ReloadingAupEvaluator;
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
 * A warm hot reload of the default pack: a copy of it in a folder, edited before every reload so
 * that each reload sees a new digest that no pre-built form or cache serves, then {@link
 * ReloadingAupEvaluator#reloadNow()}: read, validate, compile with the sandbox's checks, and swap.
 * Each invocation is one whole reload, after warm-up reloads in the same JVM.
 *
 * <p>{@code edit} is what changes before each reload: {@code notes}, a note file beside the policy;
 * {@code threshold}, the default {@code bulkRecipientsPerMessage} of {@code policy.json}; {@code drl},
 * a comment at the end of {@code rules/spam.drl}. {@code mode} is {@code full}, every reload compiling
 * the rules as before ({@code -Daup-rules.reload.reuse=false}), or {@code reuse}, the default: a
 * reload whose rule files are those of a recent clean build reuses its knowledge packages.
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

    private static final Pattern THRESHOLD = Pattern.compile("\"bulkRecipientsPerMessage\": \\d+");

    @Param({"full", "reuse"})
    public String mode;

    @Param({"notes", "threshold", "drl"})
    public String edit;

    Path folder;
    String policyJson;
    String spamDrl;
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
        policyJson = Files.readString(folder.resolve("policy.json"));
        spamDrl = Files.readString(folder.resolve("rules/spam.drl"));
        if (!THRESHOLD.matcher(policyJson).find()) {
            throw new IllegalStateException("policy.json has no default bulkRecipientsPerMessage to edit");
        }
        System.setProperty(ReloadingAupEvaluator.REUSE_PROPERTY, Boolean.toString(mode.equals("reuse")));
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
        int g = ++generation;
        try {
            switch (edit) {
                case "notes" -> Files.writeString(folder.resolve("NOTES.md"), "generation " + g + "\n");
                case "threshold" ->
                    Files.writeString(
                            folder.resolve("policy.json"),
                            THRESHOLD.matcher(policyJson).replaceFirst("\"bulkRecipientsPerMessage\": " + (100 + g)));
                case "drl" ->
                    Files.writeString(folder.resolve("rules/spam.drl"), spamDrl + "// generation " + g + "\n");
                default -> throw new IllegalArgumentException("unknown edit " + edit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ReloadingAupEvaluator.Outcome outcome = evaluator.reloadNow();
        if (outcome.status() != ReloadingAupEvaluator.Outcome.Status.RELOADED) {
            throw new IllegalStateException("the reload did not go through: " + outcome);
        }
        if (edit.equals("threshold")
                && evaluator.compiledPolicy().thresholdsFor(null).bulkRecipientsPerMessage() != 100 + g) {
            throw new IllegalStateException("the reloaded policy does not have the edited threshold");
        }
        return outcome;
    }
}
