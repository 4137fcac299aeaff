package org.auprules.api;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How grave a violation is, from least to most. */
public enum Severity {
    LOW, MEDIUM, HIGH, CRITICAL;

    /** Whether this severity is at or above {@code other}. */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Parses a severity name, ignoring case; empty when it is not one. */
    public static Optional<Severity> parse(@Nullable String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
