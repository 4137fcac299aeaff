package org.auprules.api.facts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A website hosted by an account.
 *
 * @param id                the site id (required)
 * @param accountId         the owning account (required)
 * @param domain            its domain name
 * @param categories        what the classifier says the site is
 * @param installedSoftware software packages found installed, with versions, e.g. {@code Revive Adserver 5.4}
 */
public record Website(
        String id,
        String accountId,
        @Nullable String domain,
        List<ContentCategory> categories,
        List<String> installedSoftware)
        implements AccountFact {

    /**
     * Checks that the id is there and copies the lists, reading an absent one as empty.
     *
     * @param id the site id (required)
     * @param accountId the owning account (required)
     * @param domain its domain name
     * @param categories what the classifier says the site is
     * @param installedSoftware software packages found installed, with versions, e.g. {@code Revive Adserver 5.4}
     * @throws NullPointerException when {@code id} is null
     */
    public Website {
        Objects.requireNonNull(id, "website id must not be null");
        categories = categories == null ? List.of() : List.copyOf(categories);
        installedSoftware = installedSoftware == null ? List.of() : List.copyOf(installedSoftware);
    }

    /** {@return a builder with no field set yet, to write a website field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this website's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "website";
    }

    @Override
    public Website withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates a {@link Website} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable String domain;
        private @Nullable List<ContentCategory> categories;
        private @Nullable List<String> installedSoftware;

        private Builder() {}

        private Builder(Website original) {
            id = original.id();
            accountId = original.accountId();
            domain = original.domain();
            categories = original.categories();
            installedSoftware = original.installedSoftware();
        }

        /**
         * Sets the site id, which the record requires.
         *
         * @param id the site id (required)
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the owning account, which the evaluator requires.
         *
         * @param accountId the owning account (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets the domain name.
         *
         * @param domain its domain name
         * @return this builder
         */
        public Builder domain(@Nullable String domain) {
            this.domain = domain;
            return this;
        }

        /**
         * Sets what the classifier says the site is.
         *
         * @param categories what the classifier says the site is
         * @return this builder
         */
        public Builder categories(ContentCategory @Nullable ... categories) {
            this.categories = categories == null ? null : new ArrayList<>(Arrays.asList(categories));
            return this;
        }

        /**
         * Sets what the classifier says the site is; the list is copied.
         *
         * @param categories what the classifier says the site is
         * @return this builder
         */
        public Builder categories(@Nullable List<ContentCategory> categories) {
            this.categories = categories == null ? null : new ArrayList<>(categories);
            return this;
        }

        /**
         * Sets the software found installed, with versions, e.g. {@code WordPress 6.7}.
         *
         * @param installedSoftware software packages found installed, with versions, e.g. {@code Revive Adserver 5.4}
         * @return this builder
         */
        public Builder installedSoftware(String @Nullable ... installedSoftware) {
            this.installedSoftware =
                    installedSoftware == null ? null : new ArrayList<>(Arrays.asList(installedSoftware));
            return this;
        }

        /**
         * Sets the software found installed, with versions, e.g. {@code WordPress 6.7}; the list is copied.
         *
         * @param installedSoftware software packages found installed, with versions, e.g. {@code Revive Adserver 5.4}
         * @return this builder
         */
        public Builder installedSoftware(@Nullable List<String> installedSoftware) {
            this.installedSoftware = installedSoftware == null ? null : new ArrayList<>(installedSoftware);
            return this;
        }

        /**
         * Builds the website through the canonical constructor, which requires the id and reads unset lists as empty.
         *
         * @return a new website with the fields set so far
         * @throws NullPointerException when no id was set
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // record rejects a missing id and reads unset lists as empty, and the evaluator rejects a missing
        // accountId as an input error.
        @SuppressWarnings("NullAway")
        public Website build() {
            return new Website(id, accountId, domain, categories, installedSoftware);
        }
    }
}
