package org.auprules.ingest;

import jakarta.mail.Session;
import jakarta.mail.internet.MailDateFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.OptOutRequest;
import org.auprules.api.facts.ReportType;
import org.auprules.drools.TrustedReporters;
import org.jspecify.annotations.Nullable;

/**
 * Reads ARF feedback reports (RFC 5965): mails of type {@code multipart/report;
 * report-type=feedback-report} whose parts are a text for people, the machine-readable
 * {@code message/feedback-report}, and the original message ({@code message/rfc822} or
 * {@code text/rfc822-headers}). Parsing is Jakarta Mail's (Eclipse Angus Mail).
 *
 * <p>{@code Feedback-Type} decides what a report becomes: {@code abuse} a SPAM report,
 * {@code fraud} a FRAUD report, {@code virus} a MALWARE report, {@code other} and
 * {@code auth-failure} an OTHER report for a person to read, {@code opt-out} an
 * {@link OptOutRequest} for the original recipient, and {@code not-spam} nothing at all. Except for
 * {@code not-spam}, the original message also becomes an email fact (see {@link OriginalMessage})
 * when the report can be attributed and is verified. An unverified report proves nothing: its
 * opt-out stays a report of type OTHER and its original message stays in its details.
 *
 * <p>The report is attributed by {@code Source-IP} (or, when absent, the connecting address of the
 * original message's topmost {@code Received} header), then {@code Reported-Domain}, then the
 * first http(s) {@code Reported-Uri}. Its time is {@code Arrival-Date} (or the older
 * {@code Received-Date}, then the date of that {@code Received} header, then the report's own
 * {@code Date}). Its reporter is the report's {@code From} address; it is verified when that
 * address or its domain is trusted and a valid DKIM signature aligned with that reporter proves it
 * (see {@link DkimCheck}), or the channel is declared authenticated. Its id is the report's {@code Message-ID}, or, without one,
 * {@code arf-} and the start of the SHA-256 of the file.
 *
 * <pre>{@code
 * ArfReader reader = ArfReader.of(facts.accounts(), TrustedReporters.of(PolicyPack.defaultPack()));
 * List<AccountFact> facts = reader.read("fbl.eml", Files.readAllBytes(Path.of("fbl.eml")));
 * }</pre>
 *
 * Thread-safe.
 */
final class ArfReader {

    private static final Session SESSION = Session.getInstance(new Properties());

    private final IngestContext context;
    private final ReportIngestor.Limits limits;

    private ArfReader(IngestContext context, ReportIngestor.Limits limits) {
        this.context = context;
        this.limits = limits;
    }

    /**
     * A reader that attributes reports to these accounts and verifies those of these reporters.
     *
     * @param accounts the accounts, with the {@code ips} and {@code domains} they own
     * @param trusted  the reporters whose reports are verified
     */
    public static ArfReader of(List<Account> accounts, TrustedReporters trusted) {
        return new ArfReader(new IngestContext(accounts, trusted), ReportIngestor.Limits.defaults());
    }

    static ArfReader of(IngestContext context, ReportIngestor.Limits limits) {
        return new ArfReader(context, limits);
    }

    /**
     * Reads one feedback report mail.
     *
     * @param source  the file name, for messages
     * @param content the mail, as it arrived
     * @return the report's facts: a report, or an opt-out request, with the original message as an
     *         email fact when attributed; nothing for {@code not-spam}
     * @throws InvalidReportException when the mail is not a well-formed ARF feedback report
     */
    public List<AccountFact> read(String source, byte[] content) {
        ArfMail mail = ArfMail.parse(source, content, SESSION, limits);
        String feedbackType = mail.feedbackType();
        if (feedbackType.equals("not-spam")) {
            return List.of();
        }
        ReportType type =
                switch (feedbackType) {
                    case "abuse" -> ReportType.SPAM;
                    case "fraud" -> ReportType.FRAUD;
                    case "virus" -> ReportType.MALWARE;
                    case "other", "auth-failure", "opt-out" -> ReportType.OTHER;
                    default ->
                        throw new InvalidReportException(
                                source,
                                "feedback part: unknown `Feedback-Type: "
                                        + Text.abbreviate(feedbackType)
                                        + "`; expected one of abuse, fraud, virus, other, auth-failure, opt-out, not-spam "
                                        + "(RFC 5965 section 3.1, RFC 6591, RFC 6430)");
                };
        String ip = mail.field("Source-IP").orElse(null);
        if (ip != null && !Identifier.isIp(ip)) {
            throw new InvalidReportException(
                    source, "feedback part: `Source-IP: " + Text.abbreviate(ip) + "` is not an IP address");
        }
        if (ip == null) {
            ip = mail.original().receivedIp().orElse(null);
        }
        String domain = mail.field("Reported-Domain")
                .map(d -> Identifier.of(d).domain())
                .orElse(null);
        String url = mail.fields("Reported-Uri").stream()
                .filter(u -> u.toLowerCase(Locale.ROOT).matches("https?://.*"))
                .findFirst()
                .orElse(null);
        String owner = context.owner(ip, domain, url, null).orElse(null);
        Instant arrival = arrival(source, mail);
        String reporter = mail.from().orElse(null);
        Verification verification = verify(content, mail, reporter);
        String id = mail.messageId().orElseGet(() -> "arf-" + digest(content));
        List<String> authFields = new ArrayList<>(mail.fields("Authentication-Results"));
        authFields.addAll(mail.original().headers("Authentication-Results"));
        AuthenticationResults auth = AuthenticationResults.of(authFields);

        List<AccountFact> facts = new ArrayList<>();
        // What an unverified report says proves nothing: it stays a report for a person to read, and
        // neither its opt-out nor the message it quotes becomes a fact that rules judge.
        // An opt-out that names nobody is malformed, whoever sent it.
        String recipient = feedbackType.equals("opt-out") && owner != null ? recipient(source, mail) : null;
        if (owner != null && recipient != null && verification.verified()) {
            Instant requested = mail.date().orElse(arrival);
            facts.add(new OptOutRequest(id, owner, recipient, requested, arrival));
        } else {
            facts.add(new AbuseReport(
                    id,
                    owner,
                    type,
                    arrival,
                    reporter,
                    verification.verified(),
                    null,
                    false,
                    ip,
                    domain,
                    url,
                    null,
                    mail.fromName().orElse(null),
                    "arf:" + feedbackType,
                    verification.into(details(mail))));
        }
        if (owner != null && verification.verified()) {
            facts.add(mail.original().toEmail(id + "/message", owner, arrival, ip, auth));
        }
        return List.copyOf(facts);
    }

    /**
     * Verified when the {@code From} is a trusted reporter and proved so: by a valid DKIM signature
     * aligned with that reporter, or by the channel the operator declared authenticated.
     */
    private Verification verify(byte[] content, ArfMail mail, @Nullable String from) {
        if (from == null) {
            return Verification.unproved("the report has no From address");
        }
        var claimed = context.trusted().match(List.of(from), List.of(), List.of());
        if (claimed.isEmpty()) {
            return Verification.untrusted("`" + Text.abbreviate(from) + "`");
        }
        if (context.authenticatedChannel()) {
            return Verification.channel(claimed.get());
        }
        return DkimCheck.check(content, mail, from, claimed.get(), context);
    }

    private static Instant arrival(String source, ArfMail mail) {
        for (String field : List.of("Arrival-Date", "Received-Date")) {
            Optional<String> value = mail.field(field);
            if (value.isPresent()) {
                try {
                    return new MailDateFormat().parse(value.get()).toInstant();
                } catch (java.text.ParseException e) {
                    throw new InvalidReportException(
                            source,
                            "feedback part: `" + field + ": " + Text.abbreviate(value.get())
                                    + "` is not an RFC 5322 date such as `Thu, 8 Mar 2005 14:00:00 -0500`");
                }
            }
        }
        return mail.original()
                .receivedDate()
                .or(mail::date)
                .orElseThrow(() -> new InvalidReportException(
                        source,
                        "cannot tell when the message arrived: no `Arrival-Date` in the feedback part, no dated `Received` "
                                + "header in the original message, and no `Date` header on the report"));
    }

    private static String recipient(String source, ArfMail mail) {
        for (String field : List.of("Original-Rcpt-To", "Removal-Recipient")) {
            for (String value : mail.fields(field)) {
                List<String> addresses = OriginalMessage.addresses(value);
                if (!addresses.isEmpty()) {
                    return addresses.get(0);
                }
            }
        }
        List<String> to = mail.original().headers("To").stream()
                .flatMap(v -> OriginalMessage.addresses(v).stream())
                .toList();
        if (to.size() == 1) {
            return to.get(0);
        }
        throw new InvalidReportException(
                source,
                "opt-out report names no recipient: expected `Original-Rcpt-To` or "
                        + "`Removal-Recipient` in the feedback part, or one address in the original message's `To`");
    }

    /** The feedback fields under their ARF names, then the original message's main headers as {@code original.*}. */
    private static Map<String, String> details(ArfMail mail) {
        Map<String, String> details = new TreeMap<>(mail.allFields());
        for (String h : List.of("From", "To", "Subject", "Date", "Message-ID", "Received", "List-Unsubscribe")) {
            String v = mail.original().header(h);
            if (v != null) {
                details.put("original." + h, v);
            }
        }
        return details;
    }

    /**
     * The first 16 hex digits of the SHA-256 of the mail with CRLF line ends read as LF, so that one
     * mail saved by stores that differ only in line ends gets one id and counts once.
     */
    private static String digest(byte[] content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            int from = 0;
            for (int i = 0; i + 1 < content.length; i++) {
                if (content[i] == '\r' && content[i + 1] == '\n') {
                    sha.update(content, from, i - from);
                    from = i + 1;
                }
            }
            sha.update(content, from, content.length - from);
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
