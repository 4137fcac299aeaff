package org.auprules.drools;

import java.util.List;
import org.auprules.api.PolicyInfo;
import org.auprules.api.PolicyProblem;

/**
 * Hears what a {@link ReloadingAupEvaluator} does with each change to its pack folder. Both methods
 * do nothing by default; they are called on the reloading thread, one call at a time.
 *
 * <pre>{@code
 * PolicyReloadListener printer = new PolicyReloadListener() {
 *     public void reloaded(PolicyInfo policy) { System.out.println("live: " + policy.digest()); }
 *     public void rejected(List<PolicyProblem> problems) { problems.forEach(System.out::println); }
 * };
 * }</pre>
 */
public interface PolicyReloadListener {

    /**
     * A changed pack was valid and is now live.
     *
     * @param policy the name, version and digest of the policy now in use
     */
    default void reloaded(PolicyInfo policy) {}

    /**
     * A changed pack was invalid; the last good policy stays in use.
     *
     * @param problems every problem found, errors and warnings, as {@code path:line:column}
     */
    default void rejected(List<PolicyProblem> problems) {}
}
