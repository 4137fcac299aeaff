package org.auprules.api.facts;

import java.time.Instant;

/**
 * A login to an account.
 *
 * @param id        optional id
 * @param accountId the account (required)
 * @param country   where the login came from
 * @param ip        the address it came from
 * @param at        when
 */
public record Login(String id, String accountId, String country, String ip, Instant at) implements AccountFact {

    @Override
    public String evidenceType() {
        return "login";
    }

    @Override
    public Login withId(String newId) {
        return new Login(newId, accountId, country, ip, at);
    }
}
