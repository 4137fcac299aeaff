package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.PolicyValidator;
import org.jspecify.annotations.Nullable;
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
            "  aup-rules validate --facts fleet.json my-pack",
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

    @Option(
            names = "--facts",
            paramLabel = "FILE",
            description = "Also check the waivers of the pack and of this facts document against these facts: "
                    + "warn about each waiver that matches nothing in them. Expired waivers are warned about "
                    + "with or without it.")
    @Nullable
    String facts;

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
        CliSupport.@Nullable Input input = facts == null ? null : CliSupport.readFacts(facts, err);
        PolicyValidator.Validation v = PolicyValidator.validate(pack, allowTrustedPacks);
        List<PolicyProblem> waivers = new ArrayList<>();
        if (v.policy().isPresent()) {
            try {
                waivers.addAll(PolicyValidator.waiverWarnings(
                        v.policy().get(),
                        input == null ? null : input.facts(),
                        input == null ? null : input.text(),
                        input == null ? "" : input.source(),
                        Instant.now()));
            } catch (InvalidFactsException e) {
                throw CliSupport.invalidFacts(e, java.util.Objects.requireNonNull(input, "facts were read"), err);
            }
        }
        List<PolicyProblem> shown = new ArrayList<>();
        v.problems().stream().filter(p -> p.isError() || !errorsOnly).forEach(shown::add);
        if (!errorsOnly) {
            // a waiver of the facts file is reported at that file, named relative to the pack as
            // every other problem is, so that all formats resolve it to where it is
            for (PolicyProblem p : waivers) {
                shown.add(p.path().equals(PolicyPack.WAIVERS_FILE) || input == null ? p : atFactsFile(p, facts));
            }
        }
        int errors = v.errors().size();
        int warnings = v.warnings().size() + waivers.size();
        switch (format) {
            case JSON -> out.print(ProblemReport.json(dir, v.valid(), shown, errors, warnings));
            case SARIF -> out.print(ProblemReport.sarif(dir, shown, VersionProvider.toolVersion()));
            default ->
                shown.forEach(p -> out.println(dir.resolve(p.path()).normalize()
                        + p.toString().substring(p.path().length())));
        }
        out.flush();
        err.println(dir + ": " + (v.valid() ? "valid" : "invalid") + ", " + count(errors, "error") + ", "
                + count(warnings, "warning"));
        err.flush();
        return v.valid() ? ExitException.OK : ExitException.INVALID_POLICY;
    }

    /** The problem, its path made relative to the pack folder, so that the pack resolves it back to {@code facts}. */
    private PolicyProblem atFactsFile(PolicyProblem p, @Nullable String facts) {
        if (facts == null || "-".equals(facts)) {
            return p;
        }
        String relative = dir.toAbsolutePath()
                .normalize()
                .relativize(Path.of(facts).toAbsolutePath().normalize())
                .toString();
        return new PolicyProblem(relative, p.line(), p.column(), p.severity(), p.message());
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
