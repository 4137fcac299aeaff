package org.auprules.drools.rules;

import java.util.Objects;
import org.auprules.api.facts.EmailMessage;

/**
 * Derived: a message whose From domain fails alignment with its sender and is not one of the
 * sending account's domains, so it claims to come from someone else.
 *
 * @param email  the message
 * @param domain its From domain, lower-cased
 */
public record ForgedSender(EmailMessage email, String domain) {

    /**
     * Checks that there is a message and a domain.
     *
     * @param email  the message
     * @param domain its From domain, lower-cased
     */
    public ForgedSender {
        Objects.requireNonNull(email, "email must not be null");
        Objects.requireNonNull(domain, "domain must not be null");
    }
}
