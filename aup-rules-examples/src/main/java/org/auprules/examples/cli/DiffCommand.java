package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.testing.PolicyDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules diff}: what a policy edit would change on the same facts, before it ships. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what a policy edit would change on the same facts.",
            "",
            "Evaluates the facts under two policy packs and reports the violations that appear (+), "
                    + "disappear (-) or change severity, certainty or evidence (~), per account and clause, then "
                    + "a summary table per clause. Run it on last week's recorded facts before deploying an edit."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules diff --base default --head my-pack \\",
            "      aup-rules-examples/samples/fleet.json",
            "  aup-rules diff --base released-pack --head my-pack --fail-on-change \\",
            "      facts/*.json",
            "",
            "Exit codes:",
            "  0  success; with --fail-on-change, nothing changed",
            "  1  something changed, with --fail-on-change",
            "  2  unreadable or invalid facts",
            "  3  an invalid policy pack"
        })
final class DiffCommand implements Callable<Integer> {

    /** The formats diff prints. */
    static final class Formats extends OutputFormat.Choice {
        Formats() {
            super(OutputFormat.TEXT, OutputFormat.JSON);
        }
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--base",
            required = true,
            paramLabel = "DIR",
            description = "The policy pack in use now: a folder, or `default` for the shipped Entrecloud AUP.")
    String base;

    @Option(
            names = "--head",
            required = true,
            paramLabel = "DIR",
            description = "The edited policy pack: a folder, or `default`.")
    String head;

    @Option(names = PolicyArgument.ALLOW_TRUSTED_PACKS, description = PolicyArgument.ALLOW_TRUSTED_PACKS_HELP)
    boolean allowTrustedPacks;

    @Option(names = "--fail-on-change", description = "Exit with 1 when any violation appears, disappears or changes.")
    boolean failOnChange;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description = "Output format, any case: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    ProgressOption progressOption;

    @Parameters(
            paramLabel = "FACTS",
            arity = "1..*",
            description = "Facts documents (the JSON input of docs/contract.md); - reads one from standard input.")
    List<String> facts;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (facts.stream().filter("-"::equals).count() > 1) {
            err.println("aup-rules: standard input `-` can be read only once");
            return ExitException.INVALID_INPUT;
        }
        List<CliSupport.Input> inputs = new ArrayList<>();
        for (String file : facts) {
            inputs.add(CliSupport.readFacts(file, err));
        }
        CompiledPolicy basePolicy = PolicyArgument.compile(base, allowTrustedPacks, err);
        CompiledPolicy headPolicy = PolicyArgument.compile(head, allowTrustedPacks, err);
        Progress progress = Progress.of(err, progressOption);
        // an account is done when both packs have judged it
        Progress.Counter judged = progress.counter(
                inputs.stream().mapToInt(i -> i.facts().accounts().size()).sum(), "accounts", 2);
        DroolsAupEvaluator before = counted(DroolsAupEvaluator.builder().compiledPolicy(basePolicy), judged);
        DroolsAupEvaluator after = counted(DroolsAupEvaluator.builder().compiledPolicy(headPolicy), judged);
        List<DiffReport.FileDiff> diffs = new ArrayList<>();
        try {
            for (CliSupport.Input input : inputs) {
                try {
                    EvaluationResult underBase = before.evaluate(input.facts());
                    EvaluationResult underHead = after.evaluate(input.facts());
                    diffs.add(new DiffReport.FileDiff(input.source(), PolicyDiff.of(underBase, underHead)));
                } catch (InvalidFactsException e) {
                    progress.done();
                    throw CliSupport.invalidFacts(e, input, err);
                }
            }
        } finally {
            progress.done();
        }
        out.print(format == OutputFormat.JSON ? DiffReport.json(diffs) : DiffReport.text(base, head, diffs));
        out.flush();
        boolean changed = diffs.stream().anyMatch(d -> !d.diff().unchanged());
        return failOnChange && changed ? ExitException.FINDINGS : ExitException.OK;
    }

    private static DroolsAupEvaluator counted(DroolsAupEvaluator.Builder builder, Progress.Counter judged) {
        if (judged.enabled()) {
            builder.onAccountEvaluated(id -> judged.add(""));
        }
        return builder.build();
    }
}
