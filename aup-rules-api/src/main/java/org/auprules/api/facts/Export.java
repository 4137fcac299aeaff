package org.auprules.api.facts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A transfer of software or data out of the service to another country.
 *
 * @param id                 optional id
 * @param accountId          the exporting account (required)
 * @param destinationCountry ISO 3166-1 alpha-2 destination, or XC, XD, XL for sanctioned regions
 * @param item               what was transferred
 * @param eccn               its Export Control Classification Number, {@code EAR99} when not controlled
 * @param at                 when
 */
public record Export(
        @Nullable String id,
        String accountId,
        @Nullable String destinationCountry,
        @Nullable String item,
        @Nullable String eccn,
        @Nullable Instant at)
        implements AccountFact {

    /**
     * Writes the destination in upper case, as the pack's embargo list does.
     *
     * @param id                 an id for evidence, or {@code null} to be named by its place in the input
     * @param accountId          the exporting account (required)
     * @param destinationCountry ISO 3166-1 alpha-2 country of destination, in any case
     * @param item               what was exported
     * @param eccn               the item's Export Control Classification Number
     * @param at                 when it was exported
     */
    public Export {
        destinationCountry = Codes.country(destinationCountry);
    }

    /** {@return whether the item is controlled: it has an ECCN other than EAR99} */
    public boolean controlled() {
        return eccn != null && !eccn.isBlank() && !"EAR99".equalsIgnoreCase(eccn.trim());
    }

    /** {@return a builder with no field set yet, to write an export field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this export's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "export";
    }

    @Override
    public Export withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates an {@link Export} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable String destinationCountry;
        private @Nullable String item;
        private @Nullable String eccn;
        private @Nullable Instant at;

        private Builder() {}

        private Builder(Export original) {
            id = original.id();
            accountId = original.accountId();
            destinationCountry = original.destinationCountry();
            item = original.item();
            eccn = original.eccn();
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
         * Sets the exporting account, which the evaluator requires.
         *
         * @param accountId the exporting account (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets the ISO 3166-1 alpha-2 destination, or XC, XD, XL for sanctioned regions.
         *
         * @param destinationCountry ISO 3166-1 alpha-2 destination, or XC, XD, XL for sanctioned regions
         * @return this builder
         */
        public Builder destinationCountry(@Nullable String destinationCountry) {
            this.destinationCountry = destinationCountry;
            return this;
        }

        /**
         * Sets what was transferred.
         *
         * @param item what was transferred
         * @return this builder
         */
        public Builder item(@Nullable String item) {
            this.item = item;
            return this;
        }

        /**
         * Sets the Export Control Classification Number, {@code EAR99} when not controlled.
         *
         * @param eccn its Export Control Classification Number, {@code EAR99} when not controlled
         * @return this builder
         */
        public Builder eccn(@Nullable String eccn) {
            this.eccn = eccn;
            return this;
        }

        /**
         * Sets when the transfer happened.
         *
         * @param at when
         * @return this builder
         */
        public Builder at(@Nullable Instant at) {
            this.at = at;
            return this;
        }

        /**
         * Builds the export through the canonical constructor.
         *
         * @return a new export with the fields set so far
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // evaluator rejects a missing accountId as an input error.
        @SuppressWarnings("NullAway")
        public Export build() {
            return new Export(id, accountId, destinationCountry, item, eccn, at);
        }
    }
}
