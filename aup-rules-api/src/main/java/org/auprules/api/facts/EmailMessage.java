package org.auprules.api.facts;

import java.time.Instant;
import java.util.Objects;

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
public record EmailMessage(String id, String accountId, Instant sentAt, String fromAddress,
                           String sendingIp, int recipientCount, String subject, Boolean commercial,
                           String listId, Boolean hasRemovalLink, String listUnsubscribeHeader,
                           Boolean hasPhysicalAddress, String spf, String dkim,
                           Boolean fromDomainAligned, Boolean deceptiveSubject) implements AccountFact {

    public EmailMessage {
        Objects.requireNonNull(id, "email id must not be null");
        if (recipientCount < 0) {
            throw new IllegalArgumentException("recipientCount must not be negative, got " + recipientCount);
        }
    }

    /** Whether the message offers any opt-out: a removal link or a List-Unsubscribe header. */
    public boolean hasOptOut() {
        return Boolean.TRUE.equals(hasRemovalLink)
                || (listUnsubscribeHeader != null && !listUnsubscribeHeader.isBlank());
    }

    /** The domain part of the From address, lower-cased, or {@code null} when there is none. */
    public String fromDomain() {
        if (fromAddress == null) {
            return null;
        }
        int at = fromAddress.lastIndexOf('@');
        String domain = at < 0 ? fromAddress : fromAddress.substring(at + 1);
        domain = domain.replace(">", "").trim().toLowerCase(java.util.Locale.ROOT);
        return domain.isEmpty() ? null : domain;
    }

    @Override
    public String evidenceType() {
        return "email";
    }

    @Override
    public EmailMessage withId(String newId) {
        return new EmailMessage(newId, accountId, sentAt, fromAddress, sendingIp, recipientCount, subject,
                commercial, listId, hasRemovalLink, listUnsubscribeHeader, hasPhysicalAddress, spf, dkim,
                fromDomainAligned, deceptiveSubject);
    }
}
