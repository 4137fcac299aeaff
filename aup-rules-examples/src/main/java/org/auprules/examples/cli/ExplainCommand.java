package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.auprules.api.Explanation;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.json.ResultJson;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules explain}: why an account was flagged, and why not. */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explains why an account was flagged, and why not.",
            "",
            "For every clause in scope, the rules that fired with their "
                    + "evidence, the violations a waiver suppressed and which waiver did it, and for each rule "
                    + "that compares facts with a threshold and did not fire, the observation closest to its "
                    + "threshold (the account's plan's value, from the pack's policy.json). A violation the pack's "
                    + "escalation table made graver is shown with the row that applied, the prior findings it counted "
                    + "(the input's history, and with --history the store's) and what it added.",
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules explain --account acc-shell fleet.json",
            "  aup-rules explain --account acc-shell --clause 3.3 fleet.json",
            "  aup-rules explain --account acc-shell --format json fleet.json",
            "  aup-rules explain --account acc-fine --history desk.db january.json",
            "",
            "Exit codes:",
            "  0  explained",
            "  2  unreadable or invalid input, an unknown account or clause",
            "  3  invalid policy pack",
            "  5  the --history store could not be opened or read"
        })
final class ExplainCommand implements Callable<Integer> {

    enum Format {
        json,
        text
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--account", paramLabel = "ID", required = true, description = "The account to explain.")
    String account;

    @Option(
            names = "--clause",
            paramLabel = "C",
            description = "Only this clause, or section (e.g. 1.A); all clauses when left out.")
    @Nullable
    String clause;

    @Option(
            names = "--policy",
            paramLabel = "DIR",
            description = "Policy pack folder to use instead of the default Entrecloud AUP.")
    @Nullable
    Path policy;

    @Option(names = PolicyArgument.ALLOW_TRUSTED_PACKS, description = PolicyArgument.ALLOW_TRUSTED_PACKS_HELP)
    boolean allowTrustedPacks;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Format format;

    @Option(
            names = "--history",
            paramLabel = "DB",
            description = "Count the prior findings of this history store (as written by evaluate --history DB) "
                    + "too, as evaluate does; the store is only read, never written.")
    @Nullable
    String history;

    @Parameters(index = "0", paramLabel = "FACTS", description = "The facts document; - for standard input.")
    String file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CliSupport.Input input = CliSupport.readFacts(file, err);
        CompiledPolicy compiled = CliSupport.loadPolicy(policy, allowTrustedPacks, err);
        DroolsAupEvaluator evaluator =
                DroolsAupEvaluator.builder().compiledPolicy(compiled).build();
        FactSet facts = input.facts();
        if (history != null) {
            if (!history.startsWith("jdbc:") && !Files.isRegularFile(Path.of(history))) {
                err.println("aup-rules: --history: no history store at `" + history
                        + "`; explain only reads one that evaluate --history wrote");
                return HistoryOption.HISTORY_FAILED;
            }
            facts = HistoryOption.open(history, err).withPriorFindings(facts);
        }
        Explanation why;
        try {
            why = evaluator.explain(facts, account, clause);
        } catch (InvalidFactsException e) {
            throw CliSupport.invalidFacts(e, input, err);
        } catch (IllegalArgumentException e) {
            err.println("aup-rules: --clause: " + e.getMessage());
            return ExitException.INVALID_INPUT;
        }
        out.print(format == Format.json ? ResultJson.explanation(why) : ExplainReport.render(why));
        out.flush();
        return ExitException.OK;
    }
}
