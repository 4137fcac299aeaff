package org.auprules.api.facts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

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
public record BlacklistListing(
        @Nullable String id,
        @Nullable String accountId,
        @Nullable String ip,
        @Nullable String list,
        @Nullable Instant listedAt,
        IpScope ipScope)
        implements AccountFact {

    /**
     * Reads an absent {@code ipScope} as {@code DEDICATED}, the contract's default.
     *
     * @param id optional id
     * @param accountId the account the address is attributed to; when absent, the account whose {@code ips} hold {@code
     *     ip}
     * @param ip the listed address
     * @param list the blacklist's zone, e.g. {@code zen.spamhaus.org}
     * @param listedAt when the listing was seen
     * @param ipScope whom the address serves
     */
    public BlacklistListing {
        if (ipScope == null) {
            ipScope = IpScope.DEDICATED;
        }
    }

    /** {@return a builder with no field set yet, to write a listing field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this listing's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "blacklistListing";
    }

    @Override
    public BlacklistListing withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * {@return a copy attributed to the given account}
     *
     * @param newAccountId the id of the account whose {@code ips} hold the listed address
     */
    public BlacklistListing withAccountId(String newAccountId) {
        return toBuilder().accountId(newAccountId).build();
    }

    /**
     * Accumulates a {@link BlacklistListing} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable String ip;
        private @Nullable String list;
        private @Nullable Instant listedAt;
        private @Nullable IpScope ipScope;

        private Builder() {}

        private Builder(BlacklistListing original) {
            id = original.id();
            accountId = original.accountId();
            ip = original.ip();
            list = original.list();
            listedAt = original.listedAt();
            ipScope = original.ipScope();
        }

        /**
         * Sets the optional id; without one the fact is named by its place in the input.
         *
         * @param id optional id
         * @return this builder
         */
        public Builder id(@Nullable String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the account the address is attributed to; when unset, the account whose IPs hold the listed address.
         *
         * @param accountId the account the address is attributed to; when absent, the account whose {@code ips} hold
         *     {@code ip}
         * @return this builder
         */
        public Builder accountId(@Nullable String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets the listed address.
         *
         * @param ip the listed address
         * @return this builder
         */
        public Builder ip(@Nullable String ip) {
            this.ip = ip;
            return this;
        }

        /**
         * Sets the blacklist's zone, e.g. {@code zen.spamhaus.org}.
         *
         * @param list the blacklist's zone, e.g. {@code zen.spamhaus.org}
         * @return this builder
         */
        public Builder list(@Nullable String list) {
            this.list = list;
            return this;
        }

        /**
         * Sets when the listing was seen.
         *
         * @param listedAt when the listing was seen
         * @return this builder
         */
        public Builder listedAt(@Nullable Instant listedAt) {
            this.listedAt = listedAt;
            return this;
        }

        /**
         * Sets whom the address serves; unset means {@code DEDICATED}.
         *
         * @param ipScope whom the address serves
         * @return this builder
         */
        public Builder ipScope(@Nullable IpScope ipScope) {
            this.ipScope = ipScope;
            return this;
        }

        /**
         * Builds the listing through the canonical constructor, which reads an unset IP scope as {@code DEDICATED}.
         *
         * @return a new listing with the fields set so far
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // record reads an unset ipScope as DEDICATED.
        @SuppressWarnings("NullAway")
        public BlacklistListing build() {
            return new BlacklistListing(id, accountId, ip, list, listedAt, ipScope);
        }
    }
}
