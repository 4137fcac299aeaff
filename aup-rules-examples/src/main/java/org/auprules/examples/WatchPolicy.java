package org.auprules.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyInfo;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.ReloadingAupEvaluator;
import org.auprules.json.FactsJson;
import org.jspecify.annotations.Nullable;

/**
 * Watches a policy pack folder and prints each reload or rejection, with the problems, the way a
 * service that embeds aup-rules would hot-reload its policy. With a facts file it also evaluates
 * the facts after each reload, so an analyst sees what the change does.
 *
 * <pre>
 * java -cp aup-rules-examples/target/aup-rules.jar:aup-rules-examples/target/lib/* \
 *      org.auprules.examples.WatchPolicy my-pack [aup-rules-examples/samples/fleet.json]
 * </pre>
 *
 * It runs until stopped (Ctrl-C). Exit code 3 when the pack is invalid at start, 2 for bad arguments.
 */
public final class WatchPolicy implements ReloadingAupEvaluator.Listener, AutoCloseable {

    private final PrintStream out;
    private final @Nullable FactSet facts;
    private final ReloadingAupEvaluator evaluator;

    /**
     * Starts watching.
     *
     * @param folder the pack folder
     * @param facts  facts to evaluate after each reload, or {@code null}
     * @param out    where to print
     * @throws InvalidPolicyException when the pack is invalid now
     */
    public WatchPolicy(Path folder, @Nullable FactSet facts, PrintStream out) {
        this.out = out;
        this.facts = facts;
        this.evaluator = ReloadingAupEvaluator.builder(folder).listener(this).build();
        out.println("watching " + folder + (evaluator.watchesEvents() ? "" : " (polling)") + "; live: "
                + describe(evaluator.policy()));
        evaluateIfAsked();
    }

    /**
     * Runs the example until stopped.
     *
     * @param args the pack folder, then optionally a facts file to evaluate after each reload
     * @throws InterruptedException when the thread waiting for Ctrl-C is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: WatchPolicy PACK_DIR [FACTS.json]");
            System.exit(2);
        }
        FactSet facts = args.length == 2 ? FactsJson.read(Path.of(args[1])) : null;
        WatchPolicy watch;
        try {
            watch = new WatchPolicy(Path.of(args[0]), facts, System.out);
        } catch (InvalidPolicyException e) {
            System.err.println(e.getMessage());
            System.exit(3);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(watch::close));
        new CountDownLatch(1).await();
    }

    @Override
    public void reloaded(PolicyInfo policy) {
        out.println("reloaded: " + describe(policy));
        evaluateIfAsked();
    }

    @Override
    public void rejected(List<PolicyProblem> problems) {
        List<PolicyProblem> errors =
                problems.stream().filter(PolicyProblem::isError).toList();
        // one print for the whole rejection, so that a reader never sees its first line alone
        StringBuilder text = new StringBuilder("rejected: " + errors.size() + " error(s), "
                + (problems.size() - errors.size()) + " warning(s); still live: " + describe(evaluator.policy())
                + System.lineSeparator());
        errors.forEach(p -> text.append("  ").append(p).append(System.lineSeparator()));
        out.print(text);
        out.flush();
    }

    private void evaluateIfAsked() {
        if (facts != null) {
            EvaluationResult r = evaluator.evaluate(facts);
            out.println("  " + r.summary().violations() + " violation(s) in "
                    + r.summary().accounts() + " account(s): " + r.summary().bySeverity());
        }
    }

    private static String describe(PolicyInfo p) {
        return p.name() + " " + p.version() + " " + p.digest();
    }

    /** Stops watching. */
    @Override
    public void close() {
        evaluator.close();
    }
}
