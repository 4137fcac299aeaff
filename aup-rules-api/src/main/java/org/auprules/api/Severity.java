package org.auprules.api;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How grave a violation is, from least to most. */
public enum Severity {
    /** The least grave; the default pack gives it to banner-ad rotation content. */
    LOW,
    /** Graver than LOW; the default pack gives it to gambling and payday-loan content, for example. */
    MEDIUM,
    /** Graver than MEDIUM; the default pack gives it to phishing and malware, for example. */
    HIGH,
    /** The gravest; the default pack keeps it for child sexual abuse material. */
    CRITICAL;

    /**
     * {@return whether this severity is at or above {@code other}}
     *
     * @param other the severity to compare with
     */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /**
     * Parses a severity name, ignoring case; empty when it is not one.
     *
     * @param name the name, in any case, with or without surrounding blanks; may be {@code null}
     * @return the severity of that name, or empty when there is none (or the name is {@code null})
     */
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
