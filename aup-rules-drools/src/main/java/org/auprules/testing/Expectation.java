package org.auprules.testing;

import java.util.List;

/**
 * What a scenario expects: violations that must appear, violations that must not, and whether
 * nothing else may appear.
 *
 * @param violations   each must be matched by at least one violation of the result
 * @param noViolations no violation of the result may match any of these
 * @param exactly      when true, every violation of the result must match an entry of {@code violations}
 */
public record Expectation(List<ViolationPattern> violations, List<ViolationPattern> noViolations, boolean exactly) {

    public Expectation {
        violations = List.copyOf(violations);
        noViolations = List.copyOf(noViolations);
        for (ViolationPattern p : violations) {
            if (p.clause().isEmpty()) {
                throw new IllegalArgumentException("an expected violation must name its clause: " + p);
            }
        }
    }

    /** Whether the expectation asserts anything at all; a scenario that asserts nothing cannot fail. */
    public boolean assertsSomething() {
        return !violations.isEmpty() || !noViolations.isEmpty() || exactly;
    }
}
