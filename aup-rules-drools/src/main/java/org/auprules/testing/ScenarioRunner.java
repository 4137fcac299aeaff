package org.auprules.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.Violation;
import org.auprules.api.policy.Clause;
import org.auprules.api.policy.Kind;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.internal.DidYouMean;
import org.auprules.testing.Scenario.Expectation;
import org.auprules.testing.Scenario.SourceLocation;
import org.auprules.testing.ScenarioResult.ForbiddenViolation;

/**
 * Runs scenarios against a compiled policy and compares what it finds with what each scenario
 * expects. It has no test-framework dependency: JUnit, the command line and other tools all use
 * it the same way. Thread-safe.
 *
 * <pre>{@code
 * ScenarioRunner runner = ScenarioRunner.of(CompiledPolicy.compile(PolicyPack.defaultPack()));
 * for (Scenario s : ScenarioReader.read(Path.of("scenarios"))) {
 *     runner.run(s).assertPassed();
 * }
 * }</pre>
 */
public final class ScenarioRunner {

    private final CompiledPolicy policy;
    private final DroolsAupEvaluator evaluator;

    private ScenarioRunner(CompiledPolicy policy) {
        this.policy = policy;
        this.evaluator = DroolsAupEvaluator.builder().compiledPolicy(policy).build();
    }

    /**
     * A runner for a policy; it builds the policy's evaluator once and reuses it for every scenario.
     *
     * @param policy the compiled policy, e.g. {@code CompiledPolicy.compile(PolicyPack.fromDirectory(path))}
     * @return a runner
     */
    public static ScenarioRunner of(CompiledPolicy policy) {
        return new ScenarioRunner(Objects.requireNonNull(policy, "policy must not be null"));
    }

    /**
     * The policy scenarios run against.
     *
     * @return the compiled policy this runner was made for
     */
    public CompiledPolicy policy() {
        return policy;
    }

    /**
     * Checks that a scenario fits this policy: every clause it names is a PROHIBITION of the
     * catalog. A scenario that names an unknown clause would pass or fail for the wrong reason.
     *
     * @param scenario the scenario to check
     * @throws InvalidScenarioException at the first clause that does not fit
     */
    public void check(Scenario scenario) {
        List<ViolationPattern> patterns = new ArrayList<>(scenario.expect().violations());
        patterns.addAll(scenario.expect().noViolations());
        for (ViolationPattern p : patterns) {
            if (p.clause().isEmpty()) {
                continue;
            }
            String id = p.clause().get();
            Optional<Clause> clause = policy.catalog().find(id);
            SourceLocation at = p.location();
            if (clause.isEmpty()) {
                List<String> ids = policy.catalog().prohibitions().stream()
                        .map(c -> c.id().value())
                        .toList();
                throw InvalidScenarioException.at(
                        at,
                        "unknown clause `" + id + "` in policy `"
                                + policy.info().name() + "`"
                                + DidYouMean.suggest(id, ids)
                                        .map(s -> "; did you mean `" + s + "`?")
                                        .orElse(""));
            }
            if (clause.get().kind() != Kind.PROHIBITION) {
                throw InvalidScenarioException.at(
                        at,
                        "clause `" + id + "` is " + clause.get().kind()
                                + ", not a PROHIBITION: no violation can ever cite it");
            }
        }
    }

    /**
     * Runs one scenario: checks it, evaluates its facts and compares the violations with its expectation.
     *
     * @param scenario the scenario
     * @return the outcome; {@link ScenarioResult#assertPassed()} turns a failure into a failed test
     * @throws InvalidScenarioException when the scenario names a clause the policy lacks
     * @throws InvalidFactsException    when facts built in code break the contract (files are checked on reading)
     */
    public ScenarioResult run(Scenario scenario) {
        check(scenario);
        EvaluationResult result = evaluator.evaluate(scenario.facts());
        Expectation expect = scenario.expect();
        List<ViolationPattern> missing = expect.violations().stream()
                .filter(p -> result.violations().stream().noneMatch(p::matches))
                .toList();
        List<Violation> unexpected = !expect.exactly()
                ? List.of()
                : result.violations().stream()
                        .filter(v -> expect.violations().stream().noneMatch(p -> p.matches(v)))
                        .toList();
        List<ForbiddenViolation> forbidden = new ArrayList<>();
        for (Violation v : result.violations()) {
            expect.noViolations().stream()
                    .filter(p -> p.matches(v))
                    .findFirst()
                    .ifPresent(p -> forbidden.add(new ForbiddenViolation(v, p)));
        }
        return new ScenarioResult(scenario, result, missing, unexpected, forbidden);
    }

    /**
     * Checks every scenario against the policy first, then runs them in order.
     *
     * @param scenarios the scenarios, e.g. from {@link ScenarioReader#read(java.nio.file.Path)}
     * @return one result per scenario, in order
     * @throws InvalidScenarioException before anything runs, when a scenario names a clause the policy lacks
     */
    public SuiteResult runAll(List<Scenario> scenarios) {
        return runAll(scenarios, r -> {});
    }

    /**
     * Like {@link #runAll(List)}, telling {@code progress} about each result as it comes.
     *
     * @param scenarios the scenarios
     * @param progress  called once per scenario, in order, on the calling thread
     * @return one result per scenario, in order
     * @throws InvalidScenarioException before anything runs, when a scenario names a clause the policy lacks
     */
    public SuiteResult runAll(List<Scenario> scenarios, Consumer<ScenarioResult> progress) {
        scenarios.forEach(this::check);
        List<ScenarioResult> results = new ArrayList<>(scenarios.size());
        for (Scenario s : scenarios) {
            ScenarioResult r = run(s);
            results.add(r);
            progress.accept(r);
        }
        return new SuiteResult(policy.info(), results);
    }
}
