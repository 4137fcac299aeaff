package org.auprules.ingest;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.auprules.api.facts.EmailMessage;
import org.jspecify.annotations.Nullable;

/**
 * The message a feedback report complains about (its third MIME part), as far as the policy can
 * judge it: sender, subject, opt-out mechanisms, and whether it looks commercial.
 *
 * <p>It looks commercial when its headers or body show any sign of marketing mail: a
 * {@code List-Unsubscribe} header; {@code Precedence: bulk}, {@code list} or {@code junk}; a removal
 * (unsubscribe or opt-out) link in the body; or a subject with a promotional word ({@link #PROMOTIONAL}).
 * Without any of these it does not; a report that carries headers only is judged on its headers.
 */
final class OriginalMessage {

    /** Words and phrases of promotional subject lines, matched as whole words, ignoring case. */
    static final Pattern PROMOTIONAL = Pattern.compile("(?i)\\b(sale|offers?|discounts?|deals?|free|coupons?|"
            + "promo|promotion|save|buy|order now|limited time|special|prices?|cheap|earn|money|cash|prizes?|"
            + "win|winner|bonus|clearance|newsletter)\\b|\\d+\\s*%\\s*off\\b");

    private static final Pattern LINK = Pattern.compile("(?i)(https?://|mailto:)[^\\s\"'<>]+");
    private static final Pattern REMOVAL = Pattern.compile("(?i)unsubscribe|opt[ -]?out|remove me|removal");
    private static final Pattern BRACKETED = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]+)\\]");
    /** How much of a body to search for a removal link; spam bodies past this are not read. */
    private static final int BODY_LIMIT = 1 << 20;

    private final MimeMessage message;
    private final boolean headersOnly;

    private OriginalMessage(MimeMessage message, boolean headersOnly) {
        this.message = message;
        this.headersOnly = headersOnly;
    }

    /**
     * @param bytes       the part's content: a whole message, or its header block alone
     * @param headersOnly whether the part is {@code text/rfc822-headers}
     */
    static OriginalMessage parse(Session session, byte[] bytes, boolean headersOnly) throws MessagingException {
        return new OriginalMessage(new MimeMessage(session, new ByteArrayInputStream(bytes)), headersOnly);
    }

    /** Every value of a header, unfolded. */
    List<String> headers(String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null
                    ? List.of()
                    : Arrays.stream(values)
                            .map(v -> MimeUtility.unfold(v).trim().replaceAll("\\s+", " "))
                            .toList();
        } catch (MessagingException e) {
            return List.of();
        }
    }

    /** The first value of a header, unfolded, or {@code null}. */
    @Nullable
    String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The first From address, or the raw header when it does not parse; {@code null} without a From header. */
    @Nullable
    String fromAddress() {
        String raw = header("From");
        if (raw == null) {
            return null;
        }
        List<String> addresses = addresses(raw);
        return addresses.isEmpty() ? raw : addresses.get(0);
    }

    /** The subject, decoded from RFC 2047 when encoded; {@code null} without a Subject header. */
    @Nullable
    String subject() {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return header("Subject");
        }
    }

    /** The addresses of To and Cc that parse, at least one: the complaining recipient got it. */
    int recipientCount() {
        int n = 0;
        for (String h : List.of("To", "Cc")) {
            for (String value : headers(h)) {
                n += addresses(value).size();
            }
        }
        return Math.max(1, n);
    }

    /** The addr-specs of an address header, skipping those that do not parse. */
    static List<String> addresses(String value) {
        List<String> out = new ArrayList<>();
        try {
            for (Address a : InternetAddress.parseHeader(value, false)) {
                String spec = ((InternetAddress) a).getAddress();
                if (spec != null && spec.contains("@")) {
                    out.add(spec.trim());
                }
            }
        } catch (jakarta.mail.internet.AddressException e) {
            // a header that does not parse names no address we could use
        }
        return out;
    }

    /** The connecting IP address of the topmost Received header: the relay the receiver took it from. */
    Optional<String> receivedIp() {
        String received = header("Received");
        if (received == null) {
            return Optional.empty();
        }
        Matcher m = BRACKETED.matcher(received);
        while (m.find()) {
            if (Identifier.isIp(m.group(1))) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The date of the topmost Received header, after its last semicolon. */
    Optional<Instant> receivedDate() {
        String received = header("Received");
        if (received == null || !received.contains(";")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MailDateFormat()
                    .parse(received.substring(received.lastIndexOf(';') + 1).trim())
                    .toInstant());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the body carries a removal link: a URL or mailto link with "unsubscribe", "opt out",
     * "remove me" or "removal" in it or in the 120 characters before it. {@code null} when the
     * report carries no body, or the body cannot be read.
     */
    @Nullable
    Boolean hasRemovalLink() {
        if (headersOnly) {
            return null;
        }
        try {
            StringBuilder text = new StringBuilder();
            collectText(message, text);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String before = text.substring(Math.max(0, m.start() - 120), m.start());
                if (REMOVAL.matcher(m.group()).find() || REMOVAL.matcher(before).find()) {
                    return true;
                }
            }
            return false;
        } catch (MessagingException | IOException | RuntimeException e) {
            return null;
        }
    }

    private static void collectText(Part part, StringBuilder into) throws MessagingException, IOException {
        if (into.length() >= BODY_LIMIT) {
            return;
        }
        if (part.isMimeType("text/*")) {
            Object content = part.getContent();
            String s = content instanceof String str ? str : "";
            into.append(s, 0, Math.min(s.length(), BODY_LIMIT - into.length())).append('\n');
        } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart bp = mp.getBodyPart(i);
                collectText(bp, into);
            }
        }
    }

    /** Whether the message looks commercial, by the signs listed on this class. */
    boolean looksCommercial(@Nullable Boolean removalLink) {
        String precedence = header("Precedence");
        String subject = subject();
        return header("List-Unsubscribe") != null
                || (precedence != null && precedence.toLowerCase(Locale.ROOT).matches("\\s*(bulk|list|junk)\\s*"))
                || Boolean.TRUE.equals(removalLink)
                || (subject != null && PROMOTIONAL.matcher(subject).find());
    }

    /**
     * The email fact.
     *
     * @param id        the fact's id
     * @param accountId the sending account
     * @param sentAt    when it arrived at the complaining recipient's provider
     * @param sendingIp the address it came from, or {@code null} when the report does not say
     * @param auth      the authentication results that apply to it
     */
    EmailMessage toEmail(
            String id, String accountId, Instant sentAt, @Nullable String sendingIp, AuthenticationResults auth) {
        Boolean removalLink = hasRemovalLink();
        return new EmailMessage(
                id,
                accountId,
                sentAt,
                fromAddress(),
                sendingIp,
                recipientCount(),
                subject(),
                looksCommercial(removalLink),
                null,
                removalLink,
                header("List-Unsubscribe"),
                null,
                auth.spf(),
                auth.dkim(),
                auth.fromDomainAligned().orElse(null),
                null);
    }
}
