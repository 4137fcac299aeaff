package org.auprules.api;

import java.util.Objects;

/**
 * A violation that a waiver set apart: still found and reported, not counted among the violations.
 *
 * @param violation the violation, as it would have been reported
 * @param waiver    the id of the waiver that suppressed it
 */
public record SuppressedViolation(Violation violation, String waiver) implements Comparable<SuppressedViolation> {

    /**
     * Checks that both fields are there.
     *
     * @param violation the violation
     * @param waiver    the id of the waiver that suppressed it
     */
    public SuppressedViolation {
        Objects.requireNonNull(violation, "violation must not be null");
        Objects.requireNonNull(waiver, "waiver must not be null");
    }

    @Override
    public int compareTo(SuppressedViolation other) {
        int c = violation.compareTo(other.violation);
        return c != 0 ? c : waiver.compareTo(other.waiver);
    }
}
