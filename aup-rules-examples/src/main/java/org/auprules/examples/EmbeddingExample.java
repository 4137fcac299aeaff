package org.auprules.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import org.auprules.api.AupEvaluator;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Violation;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.HostedProcess;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.json.FactsJson;

/**
 * The smallest embedding of aup-rules, the one the README shows: build an evaluator once, give it
 * facts, read the violations.
 *
 * <pre>{@code
 * java -cp aup-rules-examples/target/aup-rules.jar org.auprules.examples.EmbeddingExample aup-rules-examples/samples/fleet.json
 * }</pre>
 */
public final class EmbeddingExample {

    private EmbeddingExample() {}

    /**
     * Evaluates the facts file named by the first argument and prints one line per violation.
     *
     * @param args one argument, the path of a facts document
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: EmbeddingExample FACTS.json");
            System.exit(2);
        }
        run(Path.of(args[0]), System.out);
    }

    /** Evaluates a facts file with the default policy and prints one line per violation. */
    static EvaluationResult run(Path factsFile, PrintStream out) {
        return run(FactsJson.read(factsFile), out);
    }

    /** Evaluates facts with the default policy and prints one line per violation. */
    static EvaluationResult run(FactSet facts, PrintStream out) {
        AupEvaluator evaluator = DroolsAupEvaluator.builder().defaultPolicy().build();
        EvaluationResult result = evaluator.evaluate(facts);
        for (Violation v : result.violations()) {
            out.println(v.accountId() + " breaks " + v.clauseId() + " (" + v.severity() + "): " + v.message());
        }
        return result;
    }

    /** The facts the README builds in Java: one shared-hosting account running a cryptocurrency miner. */
    static FactSet minerOnSharedHosting() {
        return FactSet.builder()
                .evaluatedAt(Instant.parse("2026-11-28T12:00:00Z"))
                .accounts(Account.builder().id("acc-1").plan("shared-basic").build())
                .processes(HostedProcess.builder()
                        .id("p-1")
                        .accountId("acc-1")
                        .pid(4242)
                        .name("xmrig")
                        .commandLine("./xmrig -o pool.example:3333")
                        .cpuPercent(97.5)
                        .runtimeSeconds(7200)
                        .build())
                .build();
    }
}
