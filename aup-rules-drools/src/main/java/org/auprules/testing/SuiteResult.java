package org.auprules.testing;

import java.util.List;
import java.util.Objects;
import org.auprules.api.PolicyInfo;

/**
 * The outcome of running many scenarios against one policy.
 *
 * @param policy  the policy they ran against
 * @param results one result per scenario, in the order run
 */
public record SuiteResult(PolicyInfo policy, List<ScenarioResult> results) {

    public SuiteResult {
        Objects.requireNonNull(policy, "policy must not be null");
        results = List.copyOf(results);
    }

    /** How many scenarios passed. */
    public int passed() {
        return (int) results.stream().filter(ScenarioResult::passed).count();
    }

    /** How many scenarios failed. */
    public int failed() {
        return results.size() - passed();
    }

    /** Whether every scenario passed. */
    public boolean allPassed() {
        return failed() == 0;
    }

    /** {@code N passed, N failed}: the line a run closes with. */
    public String tally() {
        return passed() + " passed, " + failed() + " failed";
    }
}
