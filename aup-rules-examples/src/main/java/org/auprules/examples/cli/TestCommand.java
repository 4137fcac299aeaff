package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.auprules.api.InvalidInputException;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.testing.Coverage;
import org.auprules.testing.Scenario;
import org.auprules.testing.ScenarioReader;
import org.auprules.testing.ScenarioRunner;
import org.auprules.testing.SuiteResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules test}: run scenario files against a policy, like {@code opa test} for Rego. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description = {
            "Runs scenario files against the policy, as `opa test` runs Rego tests.",
            "",
            "A scenario is facts in and clauses expected out (see docs/policy-testing.md).",
            "",
            "The run "
                    + "prints one line per scenario, ✓ or ✗ and its description; under each failure, what was "
                    + "expected and what came out, per account and clause. It closes with `N passed, N failed`. "
                    + "Without PATH it runs the scenarios/ folder of the policy pack itself."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules test",
            "  aup-rules test --coverage --min-coverage 100",
            "  aup-rules test --policy my-pack my-pack/scenarios new-case.json",
            "  aup-rules test --format json scenarios/ > results.json",
            "",
            "Exit codes:",
            "  0  every scenario passed (and coverage met --min-coverage)",
            "  1  a scenario failed, or rule coverage fell below --min-coverage",
            "  2  a scenario file is unreadable or invalid: stderr names the file,",
            "     the JSON path and the line",
            "  3  invalid policy pack"
        })
final class TestCommand implements Callable<Integer> {

    /** How to print the results. */
    enum Format {
        text,
        json
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--policy",
            paramLabel = "DIR",
            description = "Policy pack folder to test, or `default` for the shipped Entrecloud AUP (the default).")
    @Nullable
    String policy;

    @Option(names = PolicyArgument.ALLOW_TRUSTED_PACKS, description = PolicyArgument.ALLOW_TRUSTED_PACKS_HELP)
    boolean allowTrustedPacks;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--coverage",
            description = "Also report the rules no scenario made fire, and the PROHIBITION clauses that lack a "
                    + "scenario expecting them violated or one showing them kept.")
    boolean coverage;

    @Option(
            names = "--min-coverage",
            paramLabel = "PERCENT",
            description = "Fail (exit 1) when fewer than PERCENT %% of the pack's rules fire in some scenario. "
                    + "Implies --coverage.")
    @Nullable
    Double minCoverage;

    @Parameters(
            paramLabel = "PATH",
            arity = "0..*",
            description = "Scenario files, or folders searched recursively for *.json. Default: the pack's "
                    + "scenarios/ folder.")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (minCoverage != null && (minCoverage.isNaN() || minCoverage < 0 || minCoverage > 100)) {
            err.println("aup-rules: --min-coverage must be a percentage from 0 to 100, got `" + minCoverage + "`");
            return ExitException.INVALID_INPUT;
        }
        List<Scenario> scenarios = paths.isEmpty() ? packScenarios(err) : readScenarios(err);
        CompiledPolicy compiled = PolicyArgument.compile(policy, allowTrustedPacks, err);
        ScenarioRunner runner = ScenarioRunner.of(compiled);
        Progress progress = Progress.onTerminal(err);
        SuiteResult suite;
        try {
            int[] done = {0};
            suite = runner.runAll(
                    scenarios,
                    r -> progress.update(
                            ++done[0], scenarios.size(), r.scenario().description()));
        } catch (InvalidInputException e) {
            progress.done();
            err.println("aup-rules: " + CliSupport.describe(e));
            return ExitException.INVALID_INPUT;
        }
        progress.done();
        Coverage cov = coverage || minCoverage != null ? Coverage.of(compiled, suite.results()) : null;
        out.print(
                format == Format.json
                        ? ScenarioReport.json(suite, cov, minCoverage)
                        : ScenarioReport.text(suite, cov, minCoverage));
        out.flush();
        boolean belowMinimum = cov != null && minCoverage != null && !cov.meetsRuleMinimum(minCoverage);
        return suite.allPassed() && !belowMinimum ? ExitException.OK : ExitException.FINDINGS;
    }

    /** The scenarios of the pack itself, when no PATH is given. */
    private List<Scenario> packScenarios(PrintWriter err) {
        PolicyPack pack = PolicyArgument.pack(policy, err);
        List<Scenario> scenarios;
        try {
            scenarios = ScenarioReader.fromPack(pack);
        } catch (InvalidInputException e) {
            err.println("aup-rules: " + CliSupport.describe(e));
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        if (scenarios.isEmpty()) {
            err.println("aup-rules: no PATH given, and policy pack `" + PolicyArgument.describe(policy) + "` has no `"
                    + ScenarioReader.PACK_FOLDER + "` folder of scenario files");
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        return scenarios;
    }

    /** Every scenario under the PATHs; every broken file is reported before giving up. */
    private List<Scenario> readScenarios(PrintWriter err) {
        List<Scenario> scenarios = new ArrayList<>();
        boolean broken = false;
        for (Path path : paths) {
            List<Path> files;
            try {
                files = ScenarioReader.files(path);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                err.println("aup-rules: cannot read `" + path + "`: "
                        + (Files.exists(path) ? e.getMessage() : "no such file or folder"));
                broken = true;
                continue;
            } catch (InvalidInputException e) {
                err.println("aup-rules: " + e.getMessage());
                broken = true;
                continue;
            }
            for (Path file : files) {
                try {
                    scenarios.addAll(ScenarioReader.readFile(file));
                } catch (InvalidInputException e) {
                    err.println("aup-rules: " + CliSupport.describe(e));
                    broken = true;
                } catch (UncheckedIOException e) {
                    err.println("aup-rules: " + e.getMessage());
                    broken = true;
                }
            }
        }
        if (broken) {
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        return scenarios;
    }
}
