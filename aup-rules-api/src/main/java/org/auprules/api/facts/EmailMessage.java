package org.auprules.api.facts;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One email message sent from an account. Boolean fields are {@code null} when unknown; rules
 * treat an unknown value as neither guilty nor innocent and never fire on it.
 *
 * @param id                    the message id (required)
 * @param accountId             the sending account (required)
 * @param sentAt                when it was sent
 * @param fromAddress           the header From address
 * @param sendingIp             the IP address it left from
 * @param recipientCount        how many recipients one copy was addressed to
 * @param subject               the subject line
 * @param commercial            whether the message is commercial (advertising or promotion)
 * @param listId                the mailing list it was sent to, if any
 * @param hasRemovalLink        whether the body carries a working removal (unsubscribe) link
 * @param listUnsubscribeHeader the List-Unsubscribe header, if any
 * @param hasPhysicalAddress    whether the body carries a valid physical postal address
 * @param spf                   the SPF result, e.g. {@code pass} or {@code fail}
 * @param dkim                  the DKIM result, e.g. {@code pass} or {@code fail}
 * @param fromDomainAligned     whether the From domain is the sender's (DMARC-style alignment)
 * @param deceptiveSubject      whether the upstream scanner marks the subject deceptive
 */
public record EmailMessage(
        String id,
        String accountId,
        @Nullable Instant sentAt,
        @Nullable String fromAddress,
        @Nullable String sendingIp,
        int recipientCount,
        @Nullable String subject,
        @Nullable Boolean commercial,
        @Nullable String listId,
        @Nullable Boolean hasRemovalLink,
        @Nullable String listUnsubscribeHeader,
        @Nullable Boolean hasPhysicalAddress,
        @Nullable String spf,
        @Nullable String dkim,
        @Nullable Boolean fromDomainAligned,
        @Nullable Boolean deceptiveSubject)
        implements AccountFact {

    /**
     * Checks that the id is there and that the recipient count is not negative.
     *
     * @param id the message id (required)
     * @param accountId the sending account (required)
     * @param sentAt when it was sent
     * @param fromAddress the header From address
     * @param sendingIp the IP address it left from
     * @param recipientCount how many recipients one copy was addressed to
     * @param subject the subject line
     * @param commercial whether the message is commercial (advertising or promotion)
     * @param listId the mailing list it was sent to, if any
     * @param hasRemovalLink whether the body carries a working removal (unsubscribe) link
     * @param listUnsubscribeHeader the List-Unsubscribe header, if any
     * @param hasPhysicalAddress whether the body carries a valid physical postal address
     * @param spf the SPF result, e.g. {@code pass} or {@code fail}
     * @param dkim the DKIM result, e.g. {@code pass} or {@code fail}
     * @param fromDomainAligned whether the From domain is the sender's (DMARC-style alignment)
     * @param deceptiveSubject whether the upstream scanner marks the subject deceptive
     * @throws NullPointerException when {@code id} is null
     * @throws IllegalArgumentException when {@code recipientCount} is negative
     */
    public EmailMessage {
        Objects.requireNonNull(id, "email id must not be null");
        spf = Codes.result(spf);
        dkim = Codes.result(dkim);
        if (recipientCount < 0) {
            throw new IllegalArgumentException("recipientCount must not be negative, got " + recipientCount);
        }
    }

    /** {@return whether the message offers any opt-out: a removal link or a List-Unsubscribe header} */
    public boolean hasOptOut() {
        return Boolean.TRUE.equals(hasRemovalLink)
                || (listUnsubscribeHeader != null && !listUnsubscribeHeader.isBlank());
    }

    /** {@return the domain part of the From address, lower-cased, or {@code null} when there is none} */
    public @Nullable String fromDomain() {
        if (fromAddress == null) {
            return null;
        }
        int at = fromAddress.lastIndexOf('@');
        String domain = at < 0 ? fromAddress : fromAddress.substring(at + 1);
        domain = domain.replace(">", "").trim().toLowerCase(java.util.Locale.ROOT);
        return domain.isEmpty() ? null : domain;
    }

    /** {@return a builder with no field set yet, to write a message field by field} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder that starts from this message's fields, for a copy that differs in a few} */
    public Builder toBuilder() {
        return new Builder(this);
    }

    @Override
    public String evidenceType() {
        return "email";
    }

    @Override
    public EmailMessage withId(String newId) {
        return toBuilder().id(newId).build();
    }

    /**
     * Accumulates an {@link EmailMessage} by field name. A field left unset goes to the canonical
     * constructor as {@code null}, {@code 0} or {@code false}, and the record's own checks and
     * defaults apply when it is built. A setter replaces what was set before.
     */
    public static final class Builder {
        private @Nullable String id;
        private @Nullable String accountId;
        private @Nullable Instant sentAt;
        private @Nullable String fromAddress;
        private @Nullable String sendingIp;
        private int recipientCount;
        private @Nullable String subject;
        private @Nullable Boolean commercial;
        private @Nullable String listId;
        private @Nullable Boolean hasRemovalLink;
        private @Nullable String listUnsubscribeHeader;
        private @Nullable Boolean hasPhysicalAddress;
        private @Nullable String spf;
        private @Nullable String dkim;
        private @Nullable Boolean fromDomainAligned;
        private @Nullable Boolean deceptiveSubject;

        private Builder() {}

        private Builder(EmailMessage original) {
            id = original.id();
            accountId = original.accountId();
            sentAt = original.sentAt();
            fromAddress = original.fromAddress();
            sendingIp = original.sendingIp();
            recipientCount = original.recipientCount();
            subject = original.subject();
            commercial = original.commercial();
            listId = original.listId();
            hasRemovalLink = original.hasRemovalLink();
            listUnsubscribeHeader = original.listUnsubscribeHeader();
            hasPhysicalAddress = original.hasPhysicalAddress();
            spf = original.spf();
            dkim = original.dkim();
            fromDomainAligned = original.fromDomainAligned();
            deceptiveSubject = original.deceptiveSubject();
        }

        /**
         * Sets the message id, which the record requires.
         *
         * @param id the message id (required)
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the sending account, which the evaluator requires.
         *
         * @param accountId the sending account (required)
         * @return this builder
         */
        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        /**
         * Sets when the message was sent.
         *
         * @param sentAt when it was sent
         * @return this builder
         */
        public Builder sentAt(@Nullable Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        /**
         * Sets the header From address.
         *
         * @param fromAddress the header From address
         * @return this builder
         */
        public Builder fromAddress(@Nullable String fromAddress) {
            this.fromAddress = fromAddress;
            return this;
        }

        /**
         * Sets the IP address the message left from.
         *
         * @param sendingIp the IP address it left from
         * @return this builder
         */
        public Builder sendingIp(@Nullable String sendingIp) {
            this.sendingIp = sendingIp;
            return this;
        }

        /**
         * Sets how many recipients one copy was addressed to, which must not be negative.
         *
         * @param recipientCount how many recipients one copy was addressed to
         * @return this builder
         */
        public Builder recipientCount(int recipientCount) {
            this.recipientCount = recipientCount;
            return this;
        }

        /**
         * Sets the subject line.
         *
         * @param subject the subject line
         * @return this builder
         */
        public Builder subject(@Nullable String subject) {
            this.subject = subject;
            return this;
        }

        /**
         * Sets whether the message is commercial (advertising or promotion), {@code null} when unknown.
         *
         * @param commercial whether the message is commercial (advertising or promotion)
         * @return this builder
         */
        public Builder commercial(@Nullable Boolean commercial) {
            this.commercial = commercial;
            return this;
        }

        /**
         * Sets the mailing list it was sent to, if any.
         *
         * @param listId the mailing list it was sent to, if any
         * @return this builder
         */
        public Builder listId(@Nullable String listId) {
            this.listId = listId;
            return this;
        }

        /**
         * Sets whether the body carries a working removal (unsubscribe) link, {@code null} when unknown.
         *
         * @param hasRemovalLink whether the body carries a working removal (unsubscribe) link
         * @return this builder
         */
        public Builder hasRemovalLink(@Nullable Boolean hasRemovalLink) {
            this.hasRemovalLink = hasRemovalLink;
            return this;
        }

        /**
         * Sets the List-Unsubscribe header, if any.
         *
         * @param listUnsubscribeHeader the List-Unsubscribe header, if any
         * @return this builder
         */
        public Builder listUnsubscribeHeader(@Nullable String listUnsubscribeHeader) {
            this.listUnsubscribeHeader = listUnsubscribeHeader;
            return this;
        }

        /**
         * Sets whether the body carries a valid physical postal address, {@code null} when unknown.
         *
         * @param hasPhysicalAddress whether the body carries a valid physical postal address
         * @return this builder
         */
        public Builder hasPhysicalAddress(@Nullable Boolean hasPhysicalAddress) {
            this.hasPhysicalAddress = hasPhysicalAddress;
            return this;
        }

        /**
         * Sets the SPF result, e.g. {@code pass} or {@code fail}.
         *
         * @param spf the SPF result, e.g. {@code pass} or {@code fail}
         * @return this builder
         */
        public Builder spf(@Nullable String spf) {
            this.spf = spf;
            return this;
        }

        /**
         * Sets the DKIM result, e.g. {@code pass} or {@code fail}.
         *
         * @param dkim the DKIM result, e.g. {@code pass} or {@code fail}
         * @return this builder
         */
        public Builder dkim(@Nullable String dkim) {
            this.dkim = dkim;
            return this;
        }

        /**
         * Sets whether the From domain is the sender's (DMARC-style alignment), {@code null} when unknown.
         *
         * @param fromDomainAligned whether the From domain is the sender's (DMARC-style alignment)
         * @return this builder
         */
        public Builder fromDomainAligned(@Nullable Boolean fromDomainAligned) {
            this.fromDomainAligned = fromDomainAligned;
            return this;
        }

        /**
         * Sets whether the upstream scanner marks the subject deceptive, {@code null} when unknown.
         *
         * @param deceptiveSubject whether the upstream scanner marks the subject deceptive
         * @return this builder
         */
        public Builder deceptiveSubject(@Nullable Boolean deceptiveSubject) {
            this.deceptiveSubject = deceptiveSubject;
            return this;
        }

        /**
         * Builds the message through the canonical constructor, which requires the id and a recipient count of at least
         * zero.
         *
         * @return a new message with the fields set so far
         * @throws NullPointerException when no id was set
         * @throws IllegalArgumentException when the recipient count is negative
         */
        // NullAway: unset fields go to the canonical constructor as null on purpose (see the class comment): the
        // record rejects a missing id, and the evaluator rejects a missing accountId as an input error.
        @SuppressWarnings("NullAway")
        public EmailMessage build() {
            return new EmailMessage(
                    id,
                    accountId,
                    sentAt,
                    fromAddress,
                    sendingIp,
                    recipientCount,
                    subject,
                    commercial,
                    listId,
                    hasRemovalLink,
                    listUnsubscribeHeader,
                    hasPhysicalAddress,
                    spf,
                    dkim,
                    fromDomainAligned,
                    deceptiveSubject);
        }
    }
}
