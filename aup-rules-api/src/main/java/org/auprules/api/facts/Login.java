package org.auprules.api.facts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A login to an account.
 *
 * @param id        optional id
 * @param accountId the account (required)
 * @param country   where the login came from
 * @param ip        the address it came from
 * @param at        when
 */
public record Login(
        @Nullable String id,
        String accountId,
        @Nullable String country,
        @Nullable String ip,
        @Nullable Instant at) implements AccountFact {

    /**
     * Writes the country code in upper case, as the pack's embargo list does.
     *
     * @param id        an id for evidence, or {@code null} to be named by its place in the input
     * @param accountId the account logged in to (required)
     * @param country   ISO 3166-1 alpha-2 country the login came from, in any case
     * @param ip        the address the login came from
     * @param at        when it happened
     */
    public Login {
        country = Codes.country(country);
    }

    /** {@return a builder with no field set yet, to write a login field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this login's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "login";
    }

    @Override
    public Login withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates a {@link Login} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable String country;
        private @Nullable String ip;
        private @Nullable Instant at;

        private Builder() {}

        private Builder(Login original) {
            id = original.id();
            accountId = original.accountId();
            country = original.country();
            ip = original.ip();
            at = original.at();
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
         * Sets the account logged in to, which the evaluator requires.
         *
         * @param accountId the account (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets where the login came from.
         *
         * @param country where the login came from
         * @return this builder
         */
        public Builder country(@Nullable String country) {
            this.country = country;
            return this;
        }

        /**
         * Sets the address the login came from.
         *
         * @param ip the address it came from
         * @return this builder
         */
        public Builder ip(@Nullable String ip) {
            this.ip = ip;
            return this;
        }

        /**
         * Sets when the login happened.
         *
         * @param at when
         * @return this builder
         */
        public Builder at(@Nullable Instant at) {
            this.at = at;
            return this;
        }

        /**
         * Builds the login through the canonical constructor.
         *
         * @return a new login with the fields set so far
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // evaluator rejects a missing accountId as an input error.
        @SuppressWarnings("NullAway")
        public Login build() {
            return new Login(id, accountId, country, ip, at);
        }
    }
}
