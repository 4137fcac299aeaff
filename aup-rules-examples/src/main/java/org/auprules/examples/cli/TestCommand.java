package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.auprules.api.EvaluationFailedException;
import org.auprules.api.InvalidInputException;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.testing.Coverage;
import org.auprules.testing.Scenario;
import org.auprules.testing.ScenarioReader;
import org.auprules.testing.ScenarioResult;
import org.auprules.testing.ScenarioRunner;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
                    + "expected and what came out, per account and clause. A scenario during which a rule throws fails, "
                    + "naming the rule and the account, and the run goes on; every broken scenario file is "
                    + "reported, and the other files still run. It closes with `N passed, N failed`, and "
                    + "`, N errored` when some could not run. "
                    + "Without PATH it runs the scenarios/ folder of the policy pack itself."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules test",
            "  aup-rules test --coverage --min-coverage 100",
            "  aup-rules test --policy my-pack my-pack/scenarios new-case.json",
            "  aup-rules test --format json scenarios/ > results.json",
            "  aup-rules test --format junit > results.xml",
            "",
            "Exit codes:",
            "  0  every scenario passed (and coverage met --min-coverage)",
            "  1  a scenario failed (a rule that throws fails it), or rule coverage",
            "     fell below --min-coverage",
            "  2  a scenario file is unreadable or invalid, or a scenario does not",
            "     fit the policy: stderr names each as FILE:LINE:COLUMN: message,",
            "     the other scenarios still ran",
            "  3  invalid policy pack"
        })
final class TestCommand implements Callable<Integer> {

    /** The formats test prints. */
    static final class Formats extends OutputFormat.Choice {
        Formats() {
            super(OutputFormat.TEXT, OutputFormat.JSON, OutputFormat.JUNIT);
        }
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
            converter = Formats.class,
            completionCandidates = Formats.class,
            description = "Output format, any case: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). junit is "
                    + "JUnit XML for CI test reporters (Jenkins, GitLab, GitHub): a testsuite per file, a testcase "
                    + "per scenario with its file and line, failures with the missing and forbidden violations.")
    OutputFormat format;

    @Mixin
    ProgressOption progressOption;

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

    /** Every scenario file read, in order, broken or not. */
    private final List<String> sources = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (minCoverage != null && (minCoverage.isNaN() || minCoverage < 0 || minCoverage > 100)) {
            err.println("aup-rules: --min-coverage must be a percentage from 0 to 100, got `" + minCoverage + "`");
            return ExitException.INVALID_INPUT;
        }
        List<TestRun.Entry> entries = new ArrayList<>();
        List<Scenario> scenarios = paths.isEmpty() ? packScenarios(entries, err) : readScenarios(entries, err);
        CompiledPolicy compiled = PolicyArgument.compile(policy, allowTrustedPacks, err);
        ScenarioRunner runner = ScenarioRunner.of(compiled);
        Progress progress = Progress.of(err, progressOption);
        Progress.Counter ran = progress.counter(scenarios.size(), "scenarios");
        try {
            for (Scenario s : scenarios) {
                entries.add(run(runner, s));
                ran.add(s.description());
            }
        } finally {
            progress.done();
        }
        // the report follows the files in the order they were read, broken ones in their place
        Map<String, Integer> fileOrder = new java.util.HashMap<>();
        for (String source : sources) {
            fileOrder.putIfAbsent(source, fileOrder.size());
        }
        entries.sort(java.util.Comparator.comparingInt(e -> fileOrder.getOrDefault(e.source(), Integer.MAX_VALUE)));
        TestRun run = new TestRun(compiled.info(), entries);
        for (TestRun.Entry e : entries) {
            if (e instanceof TestRun.Errored broken) {
                err.println("aup-rules: " + broken.problem());
            }
        }
        err.flush();
        Coverage cov = coverage || minCoverage != null ? Coverage.of(compiled, run.results()) : null;
        out.print(
                switch (format) {
                    case JSON -> ScenarioReport.json(run, cov, minCoverage);
                    case JUNIT -> JUnitReport.render(run);
                    default -> ScenarioReport.text(run, cov, minCoverage);
                });
        out.flush();
        if (run.errored() > 0) {
            return ExitException.INVALID_INPUT;
        }
        boolean belowMinimum = cov != null && minCoverage != null && !cov.meetsRuleMinimum(minCoverage);
        return run.failed() == 0 && !belowMinimum ? ExitException.OK : ExitException.FINDINGS;
    }

    /**
     * Runs one scenario on its own: a scenario that does not fit the policy errors, a rule that
     * throws fails it, and either way the next one runs.
     */
    private static TestRun.Entry run(ScenarioRunner runner, Scenario s) {
        long start = System.nanoTime();
        try {
            ScenarioResult r = runner.run(s);
            return new TestRun.Ran(r, (System.nanoTime() - start) / 1e9);
        } catch (EvaluationFailedException e) {
            return new TestRun.Crashed(s, e, (System.nanoTime() - start) / 1e9);
        } catch (InvalidInputException e) {
            return new TestRun.Errored(
                    s.description(), s.location().source(), s.location().line(), CliSupport.describe(e));
        }
    }

    /** The scenarios of the pack itself, when no PATH is given; each broken file becomes an entry. */
    private List<Scenario> packScenarios(List<TestRun.Entry> broken, PrintWriter err) {
        PolicyPack pack = PolicyArgument.pack(policy, err);
        List<Scenario> scenarios = new ArrayList<>();
        boolean any = false;
        for (Map.Entry<String, byte[]> e : pack.files().entrySet()) {
            if (!e.getKey().startsWith(ScenarioReader.PACK_FOLDER)
                    || !e.getKey().toLowerCase(Locale.ROOT).endsWith(".json")) {
                continue;
            }
            any = true;
            String source = pack.location() + "/" + e.getKey();
            sources.add(source);
            try {
                scenarios.addAll(ScenarioReader.read(new String(e.getValue(), StandardCharsets.UTF_8), source));
            } catch (InvalidInputException x) {
                broken.add(new TestRun.Errored("", source, x.line(), CliSupport.describe(x)));
            }
        }
        if (!any) {
            err.println("aup-rules: no PATH given, and policy pack `" + PolicyArgument.describe(policy) + "` has no `"
                    + ScenarioReader.PACK_FOLDER + "` folder of scenario files");
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        return scenarios;
    }

    /** Every scenario under the PATHs; each broken file becomes an entry, and the others still run. */
    private List<Scenario> readScenarios(List<TestRun.Entry> broken, PrintWriter err) {
        List<Scenario> scenarios = new ArrayList<>();
        boolean missing = false;
        for (Path path : paths) {
            List<Path> files;
            try {
                files = ScenarioReader.files(path);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                err.println("aup-rules: cannot read `" + path + "`: "
                        + (Files.exists(path) ? e.getMessage() : "no such file or folder"));
                missing = true;
                continue;
            } catch (InvalidInputException e) {
                err.println("aup-rules: " + e.getMessage());
                missing = true;
                continue;
            }
            for (Path file : files) {
                sources.add(file.toString());
                try {
                    scenarios.addAll(ScenarioReader.readFile(file));
                } catch (InvalidInputException e) {
                    broken.add(new TestRun.Errored("", file.toString(), e.line(), CliSupport.describe(e)));
                } catch (UncheckedIOException e) {
                    broken.add(new TestRun.Errored("", file.toString(), 0, file + ": " + e.getMessage()));
                }
            }
        }
        if (missing) {
            // a PATH that is not there is a typo on the command line: nothing runs
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        return scenarios;
    }
}
