package org.auprules.drools.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * The moment of evaluation, inserted into every session so that rules about time windows read
 * {@code Now( $now : instant )} and never the wall clock.
 *
 * @param instant the evaluation time
 */
public record Now(Instant instant) {

    /**
     * Checks that there is an instant.
     *
     * @param instant the evaluation time
     */
    public Now {
        Objects.requireNonNull(instant, "instant must not be null");
    }
}
