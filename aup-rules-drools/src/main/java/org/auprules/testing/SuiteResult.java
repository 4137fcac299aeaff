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

    /**
     * Checks the policy is there and copies the results.
     *
     * @param policy  the policy they ran against
     * @param results one result per scenario, in the order run
     */
    public SuiteResult {
        Objects.requireNonNull(policy, "policy must not be null");
        results = List.copyOf(results);
    }

    /**
     * How many scenarios passed.
     *
     * @return the count of results that {@link ScenarioResult#passed()}
     */
    public int passed() {
        return (int) results.stream().filter(ScenarioResult::passed).count();
    }

    /**
     * How many scenarios failed.
     *
     * @return the count of results that did not pass
     */
    public int failed() {
        return results.size() - passed();
    }

    /**
     * Whether every scenario passed; true for an empty suite.
     *
     * @return true when no scenario failed
     */
    public boolean allPassed() {
        return failed() == 0;
    }

    /**
     * The line a run closes with.
     *
     * @return {@code N passed, N failed}, e.g. {@code 41 passed, 0 failed}
     */
    public String tally() {
        return passed() + " passed, " + failed() + " failed";
    }
}
