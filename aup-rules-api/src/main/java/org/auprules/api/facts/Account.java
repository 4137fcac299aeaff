package org.auprules.api.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A customer account of the hosting company.
 *
 * @param id           the account id (required)
 * @param plan         the hosting plan, whose limits override the pack's default thresholds
 * @param country      ISO 3166-1 alpha-2 country of the account holder
 * @param status       the account status as the host records it, e.g. {@code ACTIVE}
 * @param createdAt    when the account was opened
 * @param owner        the account holder's name
 * @param contactEmail the account holder's contact address
 * @param ips          the IP addresses the account owns, used to attribute reports and listings
 * @param domains      the domain names the account owns, used to attribute reports
 */
public record Account(
        String id,
        @Nullable String plan,
        @Nullable String country,
        @Nullable String status,
        @Nullable Instant createdAt,
        @Nullable String owner,
        @Nullable String contactEmail,
        List<String> ips,
        List<String> domains)
        implements Fact {

    /**
     * Checks that the id is there and copies the lists, reading an absent one as empty.
     *
     * @param id the account id (required)
     * @param plan the hosting plan, whose limits override the pack's default thresholds
     * @param country ISO 3166-1 alpha-2 country of the account holder
     * @param status the account status as the host records it, e.g. {@code ACTIVE}
     * @param createdAt when the account was opened
     * @param owner the account holder's name
     * @param contactEmail the account holder's contact address
     * @param ips the IP addresses the account owns, used to attribute reports and listings
     * @param domains the domain names the account owns, used to attribute reports
     * @throws NullPointerException when {@code id} is null
     */
    public Account {
        Objects.requireNonNull(id, "account id must not be null");
        country = Codes.country(country);
        ips = ips == null ? List.of() : List.copyOf(ips);
        domains = domains == null ? List.of() : List.copyOf(domains);
    }

    /**
     * {@return an account with just an id and a plan, for tests and examples}
     *
     * @param id the account id (required)
     * @param plan the hosting plan, whose limits override the pack's default thresholds
     */
    public static Account of(String id, @Nullable String plan) {
        return new Account(id, plan, null, "ACTIVE", null, null, null, List.of(), List.of());
    }

    /** {@return a builder with no field set yet, to write an account field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this account's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "account";
    }

    @Override
    public Account withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates an {@link Account} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String plan;
        private @Nullable String country;
        private @Nullable String status;
        private @Nullable Instant createdAt;
        private @Nullable String owner;
        private @Nullable String contactEmail;
        private @Nullable List<String> ips;
        private @Nullable List<String> domains;

        private Builder() {}

        private Builder(Account original) {
            id = original.id();
            plan = original.plan();
            country = original.country();
            status = original.status();
            createdAt = original.createdAt();
            owner = original.owner();
            contactEmail = original.contactEmail();
            ips = original.ips();
            domains = original.domains();
        }

        /**
         * Sets the account id, which the record requires.
         *
         * @param id the account id (required)
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the hosting plan, whose limits override the pack's default thresholds.
         *
         * @param plan the hosting plan, whose limits override the pack's default thresholds
         * @return this builder
         */
        public Builder plan(@Nullable String plan) {
            this.plan = plan;
            return this;
        }

        /**
         * Sets the ISO 3166-1 alpha-2 country of the account holder.
         *
         * @param country ISO 3166-1 alpha-2 country of the account holder
         * @return this builder
         */
        public Builder country(@Nullable String country) {
            this.country = country;
            return this;
        }

        /**
         * Sets the account status as the host records it, e.g. {@code ACTIVE}.
         *
         * @param status the account status as the host records it, e.g. {@code ACTIVE}
         * @return this builder
         */
        public Builder status(@Nullable String status) {
            this.status = status;
            return this;
        }

        /**
         * Sets when the account was opened.
         *
         * @param createdAt when the account was opened
         * @return this builder
         */
        public Builder createdAt(@Nullable Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        /**
         * Sets the account holder's name.
         *
         * @param owner the account holder's name
         * @return this builder
         */
        public Builder owner(@Nullable String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Sets the account holder's contact address.
         *
         * @param contactEmail the account holder's contact address
         * @return this builder
         */
        public Builder contactEmail(@Nullable String contactEmail) {
            this.contactEmail = contactEmail;
            return this;
        }

        /**
         * Sets the IP addresses the account owns, used to attribute reports and listings.
         *
         * @param ips the IP addresses the account owns, used to attribute reports and listings
         * @return this builder
         */
        public Builder ips(String @Nullable ... ips) {
            this.ips = ips == null ? null : new ArrayList<>(Arrays.asList(ips));
            return this;
        }

        /**
         * Sets the IP addresses the account owns, used to attribute reports and listings; the list is copied.
         *
         * @param ips the IP addresses the account owns, used to attribute reports and listings
         * @return this builder
         */
        public Builder ips(@Nullable List<String> ips) {
            this.ips = ips == null ? null : new ArrayList<>(ips);
            return this;
        }

        /**
         * Sets the domain names the account owns, used to attribute reports.
         *
         * @param domains the domain names the account owns, used to attribute reports
         * @return this builder
         */
        public Builder domains(String @Nullable ... domains) {
            this.domains = domains == null ? null : new ArrayList<>(Arrays.asList(domains));
            return this;
        }

        /**
         * Sets the domain names the account owns, used to attribute reports; the list is copied.
         *
         * @param domains the domain names the account owns, used to attribute reports
         * @return this builder
         */
        public Builder domains(@Nullable List<String> domains) {
            this.domains = domains == null ? null : new ArrayList<>(domains);
            return this;
        }

        /**
         * Builds the account through the canonical constructor, which requires the id and reads unset lists as empty.
         *
         * @return a new account with the fields set so far
         * @throws NullPointerException when no id was set
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // record rejects a missing id and reads unset lists as empty.
        @SuppressWarnings("NullAway")
        public Account build() {
            return new Account(id, plan, country, status, createdAt, owner, contactEmail, ips, domains);
        }
    }
}
