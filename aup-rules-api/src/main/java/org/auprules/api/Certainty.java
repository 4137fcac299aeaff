package org.auprules.api;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How sure a violation is. */
public enum Certainty {
    /** The facts prove it. */
    CONFIRMED,
    /** A person should review it: classifier output, logins from embargoed places. */
    SUSPECTED;

    /** Parses a certainty name, ignoring case; empty when it is not one. */
    public static Optional<Certainty> parse(@Nullable String name) {
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
