package org.auprules.api.facts;

import org.jspecify.annotations.Nullable;

/**
 * Attempts by an account to gain access it is not authorised to have.
 *
 * @param id            optional id
 * @param accountId     the account that made the attempts (required)
 * @param kind          what kind of attempt
 * @param target        what was aimed at, e.g. {@code ssh://10.0.0.5}
 * @param attempts      how many attempts were seen
 * @param windowSeconds in how long a window
 * @param succeeded     whether one of them succeeded
 */
public record AccessAttempt(
        @Nullable String id,
        String accountId,
        @Nullable AccessKind kind,
        @Nullable String target,
        long attempts,
        long windowSeconds,
        boolean succeeded)
        implements AccountFact {

    /** {@return a builder with no field set yet, to write an access attempt field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this access attempt's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "accessAttempt";
    }

    @Override
    public AccessAttempt withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates an {@link AccessAttempt} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable AccessKind kind;
        private @Nullable String target;
        private long attempts;
        private long windowSeconds;
        private boolean succeeded;

        private Builder() {}

        private Builder(AccessAttempt original) {
            id = original.id();
            accountId = original.accountId();
            kind = original.kind();
            target = original.target();
            attempts = original.attempts();
            windowSeconds = original.windowSeconds();
            succeeded = original.succeeded();
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
         * Sets the account that made the attempts, which the evaluator requires.
         *
         * @param accountId the account that made the attempts (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets what kind of attempt it was.
         *
         * @param kind what kind of attempt
         * @return this builder
         */
        public Builder kind(@Nullable AccessKind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * Sets what was aimed at, e.g. {@code ssh://10.0.0.5}.
         *
         * @param target what was aimed at, e.g. {@code ssh://10.0.0.5}
         * @return this builder
         */
        public Builder target(@Nullable String target) {
            this.target = target;
            return this;
        }

        /**
         * Sets how many attempts were seen.
         *
         * @param attempts how many attempts were seen
         * @return this builder
         */
        public Builder attempts(long attempts) {
            this.attempts = attempts;
            return this;
        }

        /**
         * Sets the length of the window, in seconds, in which the attempts were seen.
         *
         * @param windowSeconds in how long a window
         * @return this builder
         */
        public Builder windowSeconds(long windowSeconds) {
            this.windowSeconds = windowSeconds;
            return this;
        }

        /**
         * Sets whether one of them succeeded.
         *
         * @param succeeded whether one of them succeeded
         * @return this builder
         */
        public Builder succeeded(boolean succeeded) {
            this.succeeded = succeeded;
            return this;
        }

        /**
         * Builds the access attempt through the canonical constructor.
         *
         * @return a new access attempt with the fields set so far
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // evaluator rejects a missing accountId as an input error.
        @SuppressWarnings("NullAway")
        public AccessAttempt build() {
            return new AccessAttempt(id, accountId, kind, target, attempts, windowSeconds, succeeded);
        }
    }
}
