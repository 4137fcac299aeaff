package org.auprules.testing;

import java.util.Objects;
import org.auprules.api.Violation;

/**
 * A violation that appeared although an entry of {@code noViolations} forbids it.
 *
 * @param violation   the violation that appeared
 * @param forbiddenBy the entry of {@code noViolations} it matches
 */
public record ForbiddenViolation(Violation violation, ViolationPattern forbiddenBy) {

    public ForbiddenViolation {
        Objects.requireNonNull(violation, "violation must not be null");
        Objects.requireNonNull(forbiddenBy, "pattern must not be null");
    }
}
