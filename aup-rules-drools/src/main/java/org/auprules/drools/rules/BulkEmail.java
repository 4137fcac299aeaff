package org.auprules.drools.rules;

import java.util.Objects;
import org.auprules.api.facts.EmailMessage;
import org.jspecify.annotations.Nullable;

/**
 * Derived: this message is bulk email, by its own recipient count or by the volume of the hour it
 * was sent in.
 *
 * @param email the message
 */
public record BulkEmail(EmailMessage email) {

    /**
     * Checks that there is a message.
     *
     * @param email the message
     */
    public BulkEmail {
        Objects.requireNonNull(email, "email must not be null");
    }

    /**
     * The mailing list the message went to, so that a rule can name it without reaching into the
     * message.
     *
     * @return the list's id, or {@code null} when the message names no list
     */
    public @Nullable String listId() {
        return email.listId();
    }
}
