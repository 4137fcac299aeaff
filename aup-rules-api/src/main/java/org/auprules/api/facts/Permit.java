package org.auprules.api.facts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A licence or permit an account holder has put on file.
 *
 * @param id         optional id
 * @param accountId  the account (required)
 * @param type       what it permits
 * @param reference  the issuing authority's reference
 * @param covers     what it covers, e.g. the ECCN of an export licence
 * @param validUntil when it expires; {@code null} when it does not
 */
public record Permit(
        @Nullable String id,
        String accountId,
        @Nullable PermitType type,
        @Nullable String reference,
        @Nullable String covers,
        @Nullable Instant validUntil)
        implements AccountFact {

    /**
     * {@return whether the permit is still valid at the given time}
     *
     * @param when the moment to judge at; at an unknown ({@code null}) moment every permit counts as valid
     */
    public boolean validAt(@Nullable Instant when) {
        return validUntil == null || when == null || validUntil.isAfter(when);
    }

    /** {@return a builder with no field set yet, to write a permit field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this permit's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "permit";
    }

    @Override
    public Permit withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates a {@link Permit} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable PermitType type;
        private @Nullable String reference;
        private @Nullable String covers;
        private @Nullable Instant validUntil;

        private Builder() {}

        private Builder(Permit original) {
            id = original.id();
            accountId = original.accountId();
            type = original.type();
            reference = original.reference();
            covers = original.covers();
            validUntil = original.validUntil();
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
         * Sets the account holding the permit, which the evaluator requires.
         *
         * @param accountId the account (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets what the permit allows.
         *
         * @param type what it permits
         * @return this builder
         */
        public Builder type(@Nullable PermitType type) {
            this.type = type;
            return this;
        }

        /**
         * Sets the issuing authority's reference.
         *
         * @param reference the issuing authority's reference
         * @return this builder
         */
        public Builder reference(@Nullable String reference) {
            this.reference = reference;
            return this;
        }

        /**
         * Sets what the permit covers, e.g. the ECCN of an export licence.
         *
         * @param covers what it covers, e.g. the ECCN of an export licence
         * @return this builder
         */
        public Builder covers(@Nullable String covers) {
            this.covers = covers;
            return this;
        }

        /**
         * Sets when the permit expires; {@code null} when it does not.
         *
         * @param validUntil when it expires; {@code null} when it does not
         * @return this builder
         */
        public Builder validUntil(@Nullable Instant validUntil) {
            this.validUntil = validUntil;
            return this;
        }

        /**
         * Builds the permit through the canonical constructor.
         *
         * @return a new permit with the fields set so far
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // evaluator rejects a missing accountId as an input error.
        @SuppressWarnings("NullAway")
        public Permit build() {
            return new Permit(id, accountId, type, reference, covers, validUntil);
        }
    }
}
