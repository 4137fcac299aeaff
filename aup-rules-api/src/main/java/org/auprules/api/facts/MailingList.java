package org.auprules.api.facts;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A mailing list kept by an account, with how well its consent is recorded.
 *
 * @param id               the list id (required)
 * @param accountId        the owning account (required)
 * @param source           how the addresses were collected
 * @param subscriberCount  how many subscribers it has
 * @param withOptInIp      subscribers with a recorded opt-in IP address
 * @param withConfirmation subscribers with a recorded confirmation
 * @param withContactInfo  subscribers with recorded contact information
 */
public record MailingList(
        String id,
        String accountId,
        ListSource source,
        int subscriberCount,
        int withOptInIp,
        int withConfirmation,
        int withContactInfo)
        implements AccountFact {

    /**
     * Checks that the id is there and reads an absent source as {@code UNKNOWN}.
     *
     * @param id the list id (required)
     * @param accountId the owning account (required)
     * @param source how the addresses were collected
     * @param subscriberCount how many subscribers it has
     * @param withOptInIp subscribers with a recorded opt-in IP address
     * @param withConfirmation subscribers with a recorded confirmation
     * @param withContactInfo subscribers with recorded contact information
     * @throws NullPointerException when {@code id} is null
     */
    public MailingList {
        Objects.requireNonNull(id, "mailing list id must not be null");
        if (source == null) {
            source = ListSource.UNKNOWN;
        }
    }

    /** {@return whether some subscribers lack an opt-in IP address, a confirmation or contact information} */
    public boolean hasIncompleteConsentRecords() {
        return withOptInIp < subscriberCount || withConfirmation < subscriberCount || withContactInfo < subscriberCount;
    }

    /** {@return a builder with no field set yet, to write a mailing list field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this mailing list's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "mailingList";
    }

    @Override
    public MailingList withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates a {@link MailingList} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable ListSource source;
        private int subscriberCount;
        private int withOptInIp;
        private int withConfirmation;
        private int withContactInfo;

        private Builder() {}

        private Builder(MailingList original) {
            id = original.id();
            accountId = original.accountId();
            source = original.source();
            subscriberCount = original.subscriberCount();
            withOptInIp = original.withOptInIp();
            withConfirmation = original.withConfirmation();
            withContactInfo = original.withContactInfo();
        }

        /**
         * Sets the list id, which the record requires.
         *
         * @param id the list id (required)
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
         * Sets how the addresses were collected; unset means {@code UNKNOWN}.
         *
         * @param source how the addresses were collected
         * @return this builder
         */
        public Builder source(@Nullable ListSource source) {
            this.source = source;
            return this;
        }

        /**
         * Sets how many subscribers the list has.
         *
         * @param subscriberCount how many subscribers it has
         * @return this builder
         */
        public Builder subscriberCount(int subscriberCount) {
            this.subscriberCount = subscriberCount;
            return this;
        }

        /**
         * Sets how many subscribers have a recorded opt-in IP address.
         *
         * @param withOptInIp subscribers with a recorded opt-in IP address
         * @return this builder
         */
        public Builder withOptInIp(int withOptInIp) {
            this.withOptInIp = withOptInIp;
            return this;
        }

        /**
         * Sets how many subscribers have a recorded confirmation.
         *
         * @param withConfirmation subscribers with a recorded confirmation
         * @return this builder
         */
        public Builder withConfirmation(int withConfirmation) {
            this.withConfirmation = withConfirmation;
            return this;
        }

        /**
         * Sets how many subscribers have recorded contact information.
         *
         * @param withContactInfo subscribers with recorded contact information
         * @return this builder
         */
        public Builder withContactInfo(int withContactInfo) {
            this.withContactInfo = withContactInfo;
            return this;
        }

        /**
         * Builds the list through the canonical constructor, which requires the id and reads an unset source as {@code
         * UNKNOWN}.
         *
         * @return a new list with the fields set so far
         * @throws NullPointerException when no id was set
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // record rejects a missing id and reads an unset source as UNKNOWN, and the evaluator rejects a missing
        // accountId as an input error.
        @SuppressWarnings("NullAway")
        public MailingList build() {
            return new MailingList(
                    id, accountId, source, subscriberCount, withOptInIp, withConfirmation, withContactInfo);
        }
    }
}
