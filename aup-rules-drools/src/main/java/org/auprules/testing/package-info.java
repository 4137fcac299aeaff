/**
 * Policy testing: scenario files read by {@link org.auprules.testing.ScenarioReader}, run by
 * {@link org.auprules.testing.ScenarioRunner}, measured by {@link org.auprules.testing.Coverage},
 * and the difference two policies make on the same facts, {@link org.auprules.testing.PolicyDiff}.
 * Nothing here depends on a test framework.
 */
@NullMarked
package org.auprules.testing;

import org.jspecify.annotations.NullMarked;
