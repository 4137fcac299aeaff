package org.auprules.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Violation;

/**
 * The outcome of one scenario: what the policy found, and how it differs from the expectation.
 *
 * @param scenario   the scenario
 * @param result     what the evaluation found
 * @param missing    expected violations that no violation matched
 * @param unexpected violations that match no expected entry, when the scenario says {@code exactly}
 * @param forbidden  violations that an entry of {@code noViolations} forbids
 */
public record ScenarioResult(
        Scenario scenario,
        EvaluationResult result,
        List<ViolationPattern> missing,
        List<Violation> unexpected,
        List<ForbiddenViolation> forbidden) {

    /**
     * Checks the scenario and the result are there and copies the three lists.
     *
     * @param scenario   the scenario
     * @param result     what the evaluation found
     * @param missing    expected violations that no violation matched
     * @param unexpected violations that match no expected entry, when the scenario says {@code exactly}
     * @param forbidden  violations that an entry of {@code noViolations} forbids
     */
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario must not be null");
        Objects.requireNonNull(result, "result must not be null");
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
        forbidden = List.copyOf(forbidden);
    }

    /**
     * Whether the result met the expectation.
     *
     * @return true when nothing is missing, unexpected or forbidden
     */
    public boolean passed() {
        return missing.isEmpty() && unexpected.isEmpty() && forbidden.isEmpty();
    }

    /**
     * Throws when the scenario failed, with {@link #explain()} as the message; JUnit reports the
     * {@link AssertionError} as a failed test.
     *
     * @throws AssertionError when the scenario failed
     */
    public void assertPassed() {
        if (!passed()) {
            throw new AssertionError(scenario.description() + " (" + scenario.location() + ")\n" + explain());
        }
    }

    /**
     * The difference between expected and got, account by account and clause by clause; an
     * empty string when the scenario passed.
     *
     * <pre>
     * acc-1: expected 2.12; got 1.A.5 (HIGH)
     *   missing     2.12  (expected at content.json:14)
     *   unexpected  1.A.5 HIGH CONFIRMED `1.A.5 emailing in bulk against 1.A.2`: 1 bulk message(s) …
     * </pre>
     *
     * @return one block per account with a problem, in account order, each line ending in a newline
     */
    public String explain() {
        TreeMap<String, List<String>> byAccount = new TreeMap<>();
        for (ViolationPattern m : missing) {
            byAccount
                    .computeIfAbsent(m.accountId(), k -> new ArrayList<>())
                    .add("missing     " + m.describeWhat() + "  (expected at " + m.location() + ")");
        }
        for (ForbiddenViolation f : forbidden) {
            byAccount
                    .computeIfAbsent(f.violation().accountId(), k -> new ArrayList<>())
                    .add("forbidden   "
                            + line(f.violation()) + "  (noViolations `" + f.forbiddenBy() + "` at "
                            + f.forbiddenBy().location()
                            + ")");
        }
        for (Violation u : unexpected) {
            if (forbidden.stream().anyMatch(f -> f.violation().equals(u))) {
                continue;
            }
            byAccount
                    .computeIfAbsent(u.accountId(), k -> new ArrayList<>())
                    .add("unexpected  " + line(u) + "  (exactly: true)");
        }
        StringBuilder sb = new StringBuilder();
        byAccount.forEach((account, problems) -> {
            sb.append(account)
                    .append(": expected ")
                    .append(expected(account))
                    .append("; got ")
                    .append(got(account))
                    .append('\n');
            problems.forEach(p -> sb.append("  ").append(p).append('\n'));
        });
        return sb.toString();
    }

    private String expected(String account) {
        List<String> parts = new ArrayList<>();
        scenario.expect().violations().stream()
                .filter(p -> p.accountId().equals(account))
                .map(ViolationPattern::describeWhat)
                .distinct()
                .forEach(parts::add);
        scenario.expect().noViolations().stream()
                .filter(p -> p.accountId().equals(account))
                .map(p -> p.isWholeAccount() ? "no violation at all" : "no " + p.describeWhat())
                .distinct()
                .forEach(parts::add);
        boolean expectsSome = scenario.expect().violations().stream()
                .anyMatch(p -> p.accountId().equals(account));
        if (scenario.expect().exactly() && expectsSome) {
            parts.add("nothing else (exactly)");
        } else if (scenario.expect().exactly() && !parts.contains("no violation at all")) {
            parts.add("no violation at all (exactly)");
        }
        return parts.isEmpty() ? "nothing in particular" : String.join(", ", parts);
    }

    private String got(String account) {
        TreeMap<String, TreeSet<String>> severities = new TreeMap<>();
        List<String> order = new ArrayList<>();
        for (Violation v : result.violationsOf(account)) {
            if (!severities.containsKey(v.clauseId())) {
                order.add(v.clauseId());
            }
            severities
                    .computeIfAbsent(v.clauseId(), k -> new TreeSet<>())
                    .add(v.severity().name());
        }
        if (order.isEmpty()) {
            return "no violation";
        }
        return order.stream()
                .map(c -> c + " (" + String.join(", ", severities.get(c)) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String line(Violation v) {
        return v.clauseId() + " " + v.severity() + " " + v.certainty() + " `" + v.ruleId() + "`: " + v.message();
    }

    /**
     * A violation that appeared although an entry of {@code noViolations} forbids it.
     *
     * @param violation   the violation that appeared
     * @param forbiddenBy the entry of {@code noViolations} it matches
     */
    public record ForbiddenViolation(Violation violation, ViolationPattern forbiddenBy) {

        /**
         * Checks both parts are there.
         *
         * @param violation   the violation that appeared
         * @param forbiddenBy the entry of {@code noViolations} it matches
         */
        public ForbiddenViolation {
            Objects.requireNonNull(violation, "violation must not be null");
            Objects.requireNonNull(forbiddenBy, "pattern must not be null");
        }
    }
}
