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

    /** A builder with no field set yet, to write a listing field by field. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this listing's fields, for a copy that differs in a few. */
    public Builder toBuilder() {
        return new Builder(this);
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

    /**
     * Accumulates a {@link BlacklistListing} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private String id;
        private String accountId;
        private String ip;
        private String list;
        private Instant listedAt;
        private IpScope ipScope;

        private Builder() {
        }

        private Builder(BlacklistListing original) {
            id = original.id();
            accountId = original.accountId();
            ip = original.ip();
            list = original.list();
            listedAt = original.listedAt();
            ipScope = original.ipScope();
        }

        /** Sets the optional id; without one the fact is named by its place in the input. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** Sets the account the address is attributed to; when unset, the account whose IPs hold the listed address. */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /** Sets the listed address. */
        public Builder ip(String ip) {
            this.ip = ip;
            return this;
        }

        /** Sets the blacklist's zone, e.g. {@code zen.spamhaus.org}. */
        public Builder list(String list) {
            this.list = list;
            return this;
        }

        /** Sets when the listing was seen. */
        public Builder listedAt(Instant listedAt) {
            this.listedAt = listedAt;
            return this;
        }

        /** Sets whom the address serves; unset means {@code DEDICATED}. */
        public Builder ipScope(IpScope ipScope) {
            this.ipScope = ipScope;
            return this;
        }

        /**
         * Builds the listing through the canonical constructor, which reads an unset IP scope as {@code
         * DEDICATED}.
         */
        public BlacklistListing build() {
            return new BlacklistListing(id, accountId, ip, list, listedAt, ipScope);
        }
    }
}
