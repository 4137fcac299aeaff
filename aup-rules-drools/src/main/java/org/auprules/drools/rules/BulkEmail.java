package org.auprules.drools.rules;

import java.util.Objects;
import org.auprules.api.facts.EmailMessage;

/**
 * Derived: this message is bulk email, by its own recipient count or by the volume of the hour it
 * was sent in.
 *
 * @param email the message
 */
public record BulkEmail(EmailMessage email) {

    /** Checks that there is a message. */
    public BulkEmail {
        Objects.requireNonNull(email, "email must not be null");
    }

    /** The id of the list the message went to, or {@code null}. */
    public String listId() {
        return email.listId();
    }
}
