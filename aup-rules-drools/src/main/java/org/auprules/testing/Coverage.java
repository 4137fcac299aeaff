package org.auprules.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.auprules.api.policy.Clause;
import org.auprules.drools.CompiledPolicy;

/**
 * What a suite of scenarios exercises of a policy: which rules never fired, and which PROHIBITION
 * clauses lack a scenario that expects them violated or one that shows them kept.
 *
 * <p>A rule is covered when it fired in at least one scenario, derivations included; the generic
 * rules that raise violations from data tables ({@code @clauseFrom}) count like any other rule.
 * A clause is <em>violating-covered</em> when some scenario expects a violation of it (an entry
 * of {@code expect.violations} naming it), and <em>innocent-covered</em> when some scenario
 * forbids it for an account:
 * <ul>
 * <li>explicitly: an entry of {@code noViolations} naming the clause; or</li>
 * <li>implicitly, in a scenario that also expects the clause violated by another account: an
 *     entry of {@code noViolations} that names only the account, or {@code "exactly": true} with
 *     no expected violation of the clause for the account.</li>
 * </ul>
 * The implicit forms count only beside a violating account, because an account with no facts
 * and {@code "exactly": true} would otherwise "cover" every clause at once while testing none.
 * Both count whether the scenario passed or failed; failures are reported on their own.
 * {@link Traceability} reads scenarios the same way, and says which scenario covers which side.
 *
 * @param ruleCount      how many rules the policy has
 * @param uncoveredRules the rules no scenario made fire, in file then line order
 * @param clauseCount    how many PROHIBITION clauses the catalog has
 * @param clauseGaps     the PROHIBITION clauses that lack a violating or an innocent scenario, in catalog order
 */
public record Coverage(int ruleCount, List<UncoveredRule> uncoveredRules, int clauseCount, List<ClauseGap> clauseGaps) {

    /**
     * Copies both lists, so that a coverage never changes once computed.
     *
     * @param ruleCount      how many rules the policy has
     * @param uncoveredRules the rules no scenario made fire, in file then line order
     * @param clauseCount    how many PROHIBITION clauses the catalog has
     * @param clauseGaps     the PROHIBITION clauses that lack a violating or an innocent scenario, in catalog order
     */
    public Coverage {
        uncoveredRules = List.copyOf(uncoveredRules);
        clauseGaps = List.copyOf(clauseGaps);
    }

    /**
     * A rule that never fired.
     *
     * @param name its name
     * @param file the pack file it is in
     * @param line the line of its {@code rule "name"}, or 0 when unknown
     */
    public record UncoveredRule(String name, String file, int line) {

        /** {@code file:line: rule `name`}. */
        @Override
        public String toString() {
            return file + ":" + line + ": rule `" + name + "`";
        }
    }

    /**
     * A PROHIBITION clause the scenarios do not cover both ways.
     *
     * @param clause    its id
     * @param violating whether some scenario expects it violated
     * @param innocent  whether some scenario forbids it for an account
     */
    public record ClauseGap(String clause, boolean violating, boolean innocent) {

        /** What is missing, e.g. {@code 2.12: lacks an innocent scenario}. */
        @Override
        public String toString() {
            if (!violating && !innocent) {
                return clause + ": lacks a violating and an innocent scenario";
            }
            return clause + ": lacks " + (violating ? "an innocent scenario" : "a violating scenario");
        }
    }

    /**
     * Computes the coverage of a policy by the results of its scenarios.
     *
     * @param policy  the policy the scenarios ran against
     * @param results the results, whether passed or failed
     * @return the rules that never fired and the clauses that lack a violating or an innocent scenario
     */
    public static Coverage of(CompiledPolicy policy, List<ScenarioResult> results) {
        Objects.requireNonNull(policy, "policy must not be null");
        Set<String> fired = new HashSet<>();
        results.forEach(r -> fired.addAll(r.result().firedRules()));
        List<UncoveredRule> uncovered = policy.rules().stream()
                .filter(r -> !fired.contains(r.name()))
                .map(r -> new UncoveredRule(r.name(), r.file(), r.line()))
                .sorted(Comparator.comparing(UncoveredRule::file)
                        .thenComparingInt(UncoveredRule::line)
                        .thenComparing(UncoveredRule::name))
                .toList();
        Set<String> violating = new HashSet<>();
        Set<String> innocent = new HashSet<>();
        for (ScenarioResult r : results) {
            for (Traceability.Citation c : Traceability.scenarioCitations(r.scenario())) {
                (c.by() == Traceability.By.VIOLATING_SCENARIO ? violating : innocent).add(c.clause());
            }
        }
        List<ClauseGap> gaps = new ArrayList<>();
        List<Clause> prohibitions = policy.catalog().prohibitions();
        for (Clause c : prohibitions) {
            String id = c.id().value();
            if (!violating.contains(id) || !innocent.contains(id)) {
                gaps.add(new ClauseGap(id, violating.contains(id), innocent.contains(id)));
            }
        }
        return new Coverage(policy.rules().size(), uncovered, prohibitions.size(), gaps);
    }

    /**
     * How many rules fired in some scenario.
     *
     * @return {@link #ruleCount()} less the uncovered rules
     */
    public int coveredRules() {
        return ruleCount - uncoveredRules.size();
    }

    /**
     * The share of rules covered, in percent; 100 for a policy without rules.
     *
     * @return a value from 0 to 100, unrounded; {@link #percent(double)} formats it
     */
    public double rulePercent() {
        return ruleCount == 0 ? 100.0 : 100.0 * coveredRules() / ruleCount;
    }

    /**
     * How many PROHIBITION clauses are covered both ways.
     *
     * @return {@link #clauseCount()} less the clause gaps
     */
    public int coveredClauses() {
        return clauseCount - clauseGaps.size();
    }

    /**
     * The share of PROHIBITION clauses covered both ways, in percent; 100 for a catalog without any.
     *
     * @return a value from 0 to 100, unrounded; {@link #percent(double)} formats it
     */
    public double clausePercent() {
        return clauseCount == 0 ? 100.0 : 100.0 * coveredClauses() / clauseCount;
    }

    /**
     * Whether the share of rules covered is at least {@code minPercent}; exact, never rounded up, so
     * that 99.96% does not meet a minimum of 100.
     *
     * <pre>{@code
     * assertThat(Coverage.of(policy, suite.results()).meetsRuleMinimum(90.0)).isTrue();
     * }</pre>
     *
     * @param minPercent the minimum, in percent, e.g. {@code 90.0}
     * @return true when at least that share of the rules fired in some scenario
     */
    public boolean meetsRuleMinimum(double minPercent) {
        return (double) coveredRules() * 100.0 >= minPercent * ruleCount;
    }

    /**
     * A percentage with one decimal, rounded down so that 99.96 never shows as 100.0.
     *
     * @param value a percentage, e.g. {@link #rulePercent()}
     * @return the value with one decimal and a dot, e.g. {@code 99.9}
     */
    public static String percent(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", Math.floor(value * 10.0 + 1e-9) / 10.0);
    }
}
