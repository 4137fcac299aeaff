package org.auprules.api.facts;

import java.time.Instant;

/**
 * A listing of an IP address on a DNS blacklist (DNSBL).
 *
 * @param id        optional id
 * @param accountId the account the address is attributed to; when absent, the account whose
 *                  {@code ips} hold {@code ip}
 * @param ip        the listed address
 * @param list      the blacklist's zone, e.g. {@code zen.spamhaus.org}
 * @param listedAt  when the listing was seen
 * @param ipScope   whom the address serves
 */
public record BlacklistListing(String id, String accountId, String ip, String list, Instant listedAt,
                               IpScope ipScope) implements AccountFact {

    public BlacklistListing {
        if (ipScope == null) {
            ipScope = IpScope.DEDICATED;
        }
    }

    @Override
    public String evidenceType() {
        return "blacklistListing";
    }

    @Override
    public BlacklistListing withId(String newId) {
        return new BlacklistListing(newId, accountId, ip, list, listedAt, ipScope);
    }

    /** A copy attributed to the given account. */
    public BlacklistListing withAccountId(String newAccountId) {
        return new BlacklistListing(id, newAccountId, ip, list, listedAt, ipScope);
    }
}
