package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.PolicyValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules validate}: every problem of a policy pack, one per line. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a policy pack and prints every problem at once.",
            "",
            "One problem per line, as",
            "  DIR/path:line:column: error|warning: message",
            "",
            "DRL syntax and type errors, unknown fact fields and clause ids (with a did-you-mean), missing "
                    + "or unknown @severity, duplicate rule names, bad thresholds and table rows, forbidden "
                    + "calls in an untrusted pack, and, as warnings, PROHIBITION clauses that nothing enforces. "
                    + "A one-line summary goes to standard error."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules validate my-pack",
            "  aup-rules validate --errors-only my-pack",
            "  aup-rules validate --format sarif my-pack > validate.sarif",
            "",
            "Exit codes:",
            "  0  valid (warnings allowed)",
            "  2  DIR is not a readable folder",
            "  3  the pack has an error"
        })
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The formats validate prints. */
    static final class Formats extends OutputFormat.Choice {
        Formats() {
            super(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.SARIF);
        }
    }

    @Option(names = "--errors-only", description = "Print errors only, not warnings.")
    boolean errorsOnly;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Formats.class,
            completionCandidates = Formats.class,
            description = "Output format, any case: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). text is one "
                    + "problem per line; json is the verdict, the counts and every problem with file, line, column, "
                    + "level, rule and message; sarif is SARIF 2.1.0 for code scanning, one result per problem.")
    OutputFormat format;

    @Option(names = PolicyArgument.ALLOW_TRUSTED_PACKS, description = PolicyArgument.ALLOW_TRUSTED_PACKS_HELP)
    boolean allowTrustedPacks;

    @Parameters(index = "0", paramLabel = "DIR", description = "The policy pack folder.")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyPack pack;
        try {
            pack = PolicyPack.fromDirectory(dir);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("aup-rules: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        PolicyValidator.Validation v = PolicyValidator.validate(pack, allowTrustedPacks);
        List<PolicyProblem> shown =
                v.problems().stream().filter(p -> p.isError() || !errorsOnly).toList();
        int errors = v.errors().size();
        int warnings = v.warnings().size();
        switch (format) {
            case JSON -> out.print(ProblemReport.json(dir, v.valid(), shown, errors, warnings));
            case SARIF -> out.print(ProblemReport.sarif(dir, shown, VersionProvider.toolVersion()));
            default ->
                shown.forEach(p -> out.println(
                        dir.resolve(p.path()) + p.toString().substring(p.path().length())));
        }
        out.flush();
        err.println(dir + ": " + (v.valid() ? "valid" : "invalid") + ", " + count(errors, "error") + ", "
                + count(warnings, "warning"));
        err.flush();
        return v.valid() ? ExitException.OK : ExitException.INVALID_POLICY;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
