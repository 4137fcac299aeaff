package org.auprules.api.facts;

import org.jspecify.annotations.Nullable;

/**
 * An audio stream served by an account.
 *
 * @param id         optional id
 * @param accountId  the owning account (required)
 * @param server     the streaming server, e.g. {@code icecast}
 * @param mount      the mount point
 * @param commercial whether the stream is commercial
 */
public record AudioStream(
        @Nullable String id,
        String accountId,
        @Nullable String server,
        @Nullable String mount,
        boolean commercial) implements AccountFact {

    /** {@return a builder with no field set yet, to write a stream field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this stream's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "audioStream";
    }

    @Override
    public AudioStream withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates an {@link AudioStream} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable String server;
        private @Nullable String mount;
        private boolean commercial;

        private Builder() {}

        private Builder(AudioStream original) {
            id = original.id();
            accountId = original.accountId();
            server = original.server();
            mount = original.mount();
            commercial = original.commercial();
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
         * Sets the streaming server, e.g. {@code icecast}.
         *
         * @param server the streaming server, e.g. {@code icecast}
         * @return this builder
         */
        public Builder server(@Nullable String server) {
            this.server = server;
            return this;
        }

        /**
         * Sets the mount point.
         *
         * @param mount the mount point
         * @return this builder
         */
        public Builder mount(@Nullable String mount) {
            this.mount = mount;
            return this;
        }

        /**
         * Sets whether the stream is commercial.
         *
         * @param commercial whether the stream is commercial
         * @return this builder
         */
        public Builder commercial(boolean commercial) {
            this.commercial = commercial;
            return this;
        }

        /**
         * Builds the stream through the canonical constructor.
         *
         * @return a new stream with the fields set so far
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // evaluator rejects a missing accountId as an input error.
        @SuppressWarnings("NullAway")
        public AudioStream build() {
            return new AudioStream(id, accountId, server, mount, commercial);
        }
    }
}
