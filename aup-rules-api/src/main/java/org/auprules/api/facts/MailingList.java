package org.auprules.api.facts;

import java.util.Objects;

/**
 * A mailing list kept by an account, with how well its consent is recorded.
 *
 * @param id               the list id (required)
 * @param accountId        the owning account (required)
 * @param source           how the addresses were collected
 * @param subscriberCount  how many subscribers it has
 * @param withOptInIp      subscribers with a recorded opt-in IP address
 * @param withConfirmation subscribers with a recorded confirmation
 * @param withContactInfo  subscribers with recorded contact information
 */
public record MailingList(String id, String accountId, ListSource source, int subscriberCount,
                          int withOptInIp, int withConfirmation, int withContactInfo) implements AccountFact {

    public MailingList {
        Objects.requireNonNull(id, "mailing list id must not be null");
        if (source == null) {
            source = ListSource.UNKNOWN;
        }
    }

    /** Whether some subscribers lack an opt-in IP address, a confirmation or contact information. */
    public boolean hasIncompleteConsentRecords() {
        return withOptInIp < subscriberCount || withConfirmation < subscriberCount
                || withContactInfo < subscriberCount;
    }

    @Override
    public String evidenceType() {
        return "mailingList";
    }

    @Override
    public MailingList withId(String newId) {
        return new MailingList(newId, accountId, source, subscriberCount, withOptInIp, withConfirmation,
                withContactInfo);
    }
}
