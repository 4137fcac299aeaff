package org.auprules.api.facts;

import java.time.Instant;

/**
 * A recipient's request to stop receiving mail from an account.
 *
 * @param id           optional id
 * @param accountId    the account that was asked (required)
 * @param recipient    the address that opted out
 * @param requestedAt  when the request was made
 * @param lastMailedAt when the account last mailed that recipient, if ever
 */
public record OptOutRequest(String id, String accountId, String recipient, Instant requestedAt,
                            Instant lastMailedAt) implements AccountFact {

    @Override
    public String evidenceType() {
        return "optOutRequest";
    }

    @Override
    public OptOutRequest withId(String newId) {
        return new OptOutRequest(newId, accountId, recipient, requestedAt, lastMailedAt);
    }
}
