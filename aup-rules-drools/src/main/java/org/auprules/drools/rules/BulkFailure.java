package org.auprules.drools.rules;

import java.util.Objects;
import org.auprules.api.facts.EmailMessage;

/**
 * Derived: a bulk message that breaks the bulk-mail conditions of 1.A.2, and why.
 *
 * @param email  the message
 * @param reason what 1.A.2 requires that it lacks
 */
public record BulkFailure(EmailMessage email, Reason reason) {

    /** What 1.A.2 requires of bulk mail. */
    public enum Reason {
        /** It was sent to no mailing list the account keeps. */
        NO_LIST,
        /** Its list is not double opt-in. */
        LIST_NOT_DOUBLE_OPT_IN,
        /** Its list lacks opt-in IP addresses, confirmations or contact information for some subscribers. */
        INCOMPLETE_CONSENT_RECORDS,
        /** It carries no removal link. */
        NO_REMOVAL_LINK
    }

    /**
     * Checks that there is a message and a reason.
     *
     * @param email  the message
     * @param reason what 1.A.2 requires that it lacks
     */
    public BulkFailure {
        Objects.requireNonNull(email, "email must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
    }
}
