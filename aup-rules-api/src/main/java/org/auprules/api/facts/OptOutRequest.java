package org.auprules.api.facts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A recipient's request to stop receiving mail from an account.
 *
 * @param id           optional id
 * @param accountId    the account that was asked (required)
 * @param recipient    the address that opted out
 * @param requestedAt  when the request was made
 * @param lastMailedAt when the account last mailed that recipient, if ever
 */
public record OptOutRequest(
        @Nullable String id,
        String accountId,
        @Nullable String recipient,
        @Nullable Instant requestedAt,
        @Nullable Instant lastMailedAt)
        implements AccountFact {

    /** {@return a builder with no field set yet, to write a request field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this request's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "optOutRequest";
    }

    @Override
    public OptOutRequest withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates an {@link OptOutRequest} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable String recipient;
        private @Nullable Instant requestedAt;
        private @Nullable Instant lastMailedAt;

        private Builder() {}

        private Builder(OptOutRequest original) {
            id = original.id();
            accountId = original.accountId();
            recipient = original.recipient();
            requestedAt = original.requestedAt();
            lastMailedAt = original.lastMailedAt();
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
         * Sets the account that was asked, which the evaluator requires.
         *
         * @param accountId the account that was asked (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets the address that opted out.
         *
         * @param recipient the address that opted out
         * @return this builder
         */
        public Builder recipient(@Nullable String recipient) {
            this.recipient = recipient;
            return this;
        }

        /**
         * Sets when the request was made.
         *
         * @param requestedAt when the request was made
         * @return this builder
         */
        public Builder requestedAt(@Nullable Instant requestedAt) {
            this.requestedAt = requestedAt;
            return this;
        }

        /**
         * Sets when the account last mailed that recipient, if ever.
         *
         * @param lastMailedAt when the account last mailed that recipient, if ever
         * @return this builder
         */
        public Builder lastMailedAt(@Nullable Instant lastMailedAt) {
            this.lastMailedAt = lastMailedAt;
            return this;
        }

        /**
         * Builds the request through the canonical constructor.
         *
         * @return a new request with the fields set so far
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // evaluator rejects a missing accountId as an input error.
        @SuppressWarnings("NullAway")
        public OptOutRequest build() {
            return new OptOutRequest(id, accountId, recipient, requestedAt, lastMailedAt);
        }
    }
}
