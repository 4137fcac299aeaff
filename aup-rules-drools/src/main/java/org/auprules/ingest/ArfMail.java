package org.auprules.ingest;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One feedback report mail, checked against the structure RFC 5965 requires and split into its
 * parts. Every way it can be malformed is an {@link InvalidReportException} that says which part
 * or header is wrong.
 */
final class ArfMail {

    private final MimeMessage mail;
    private final Map<String, List<String>> fields;
    private final OriginalMessage original;

    private ArfMail(MimeMessage mail, Map<String, List<String>> fields, OriginalMessage original) {
        this.mail = mail;
        this.fields = fields;
        this.original = original;
    }

    /**
     * Fields of the feedback part that RFC 5965 allows once: section 3.1's required fields and
     * section 3.2's optional ones, with {@code Received-Date}, the older name of {@code Arrival-Date}.
     * A second value would make the report say two things; it is rejected rather than one picked.
     */
    private static final Map<String, String> ONCE = onceOnly();

    /** Headers of the report itself that RFC 5322 section 3.6 allows at most once. */
    private static final List<String> ONCE_IN_HEADER = List.of(
            "From",
            "Sender",
            "Reply-To",
            "To",
            "Cc",
            "Bcc",
            "Message-ID",
            "In-Reply-To",
            "References",
            "Subject",
            "Date");

    private static Map<String, String> onceOnly() {
        Map<String, String> once = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String f : List.of("Feedback-Type", "User-Agent", "Version")) {
            once.put(f, "expected once (RFC 5965 section 3.1)");
        }
        for (String f : List.of(
                "Original-Envelope-Id",
                "Original-Mail-From",
                "Arrival-Date",
                "Received-Date",
                "Reporting-MTA",
                "Source-IP",
                "Incidents")) {
            once.put(f, "expected at most once (RFC 5965 section 3.2)");
        }
        return once;
    }

    static ArfMail parse(String source, byte[] content, Session session) {
        return parse(source, content, session, ReportIngestor.Limits.defaults());
    }

    static ArfMail parse(String source, byte[] content, Session session, ReportIngestor.Limits limits) {
        if (content.length == 0) {
            throw new InvalidReportException(
                    source, "empty file: expected an ARF feedback report (RFC 5965), a MIME mail");
        }
        int headerEnd = headerEnd(content);
        if (headerEnd < 0) {
            throw new InvalidReportException(source, "not a mail: no blank line ends the header block");
        }
        MimeCheck.headerBlock(source, headerEnd, "the mail", limits);
        checkSevenBit(source, content, headerEnd, "header");
        if (!new String(content, 0, Math.min(content.length, 200), java.nio.charset.StandardCharsets.US_ASCII)
                .matches("(?s)[!-9;-~]+:.*")) {
            throw new InvalidReportException(source, 1, List.of("not a mail: line 1 is not a header field"));
        }
        try {
            // A shared stream: nested parts are views of these bytes, not copies of them at every level.
            MimeMessage mail = new MimeMessage(session, new SharedByteArrayInputStream(content));
            for (String h : ONCE_IN_HEADER) {
                String[] values = mail.getHeader(h);
                if (values != null && values.length > 1) {
                    throw new InvalidReportException(
                            source,
                            "`" + h + "` appears " + values.length + " times in the mail's header; "
                                    + "RFC 5322 section 3.6 allows it at most once");
                }
            }
            MimeMultipart parts = reportParts(source, mail);
            MimeCheck.check(source, mail, limits);
            BodyPart feedback = null;
            BodyPart original = null;
            List<String> types = new ArrayList<>();
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart p = parts.getBodyPart(i);
                types.add(baseType(p));
                if (feedback == null && p.isMimeType("message/feedback-report")) {
                    feedback = p;
                } else if (original == null
                        && (p.isMimeType("message/rfc822") || p.isMimeType("text/rfc822-headers"))) {
                    original = p;
                }
            }
            String found = " among its " + types.size() + " part(s) (" + String.join(", ", types) + ")";
            if (feedback == null) {
                throw new InvalidReportException(
                        source,
                        "missing the machine-readable part: no " + "`message/feedback-report`" + found
                                + " (RFC 5965 section 2 (c))");
            }
            if (original == null) {
                throw new InvalidReportException(
                        source,
                        "missing the original message: no `message/rfc822` or " + "`text/rfc822-headers`" + found
                                + " (RFC 5965 section 2 (d))");
            }
            byte[] feedbackBytes = feedback.getInputStream().readAllBytes();
            MimeCheck.headerBlock(source, feedbackBytes.length, "the feedback part", limits);
            checkSevenBit(source, feedbackBytes, feedbackBytes.length, "feedback part");
            Map<String, List<String>> fields = fields(source, feedbackBytes);
            byte[] originalBytes = original.getInputStream().readAllBytes();
            boolean headersOnly = original.isMimeType("text/rfc822-headers");
            if (headersOnly) {
                MimeCheck.headerBlock(source, originalBytes.length, "the original message", limits);
            }
            OriginalMessage message = OriginalMessage.parse(session, originalBytes, headersOnly);
            return new ArfMail(mail, fields, message);
        } catch (MessagingException | IOException e) {
            throw new InvalidReportException(source, "cannot read the MIME structure: " + e.getMessage());
        }
    }

    private static MimeMultipart reportParts(String source, MimeMessage mail) throws MessagingException, IOException {
        String raw = mail.getHeader("Content-Type", null);
        ContentType type;
        try {
            type = new ContentType(raw == null ? "text/plain" : raw);
        } catch (ParseException e) {
            throw new InvalidReportException(
                    source,
                    "malformed `Content-Type: " + MimeUtility.unfold(raw).trim() + "`");
        }
        String expected = "expected `multipart/report; report-type=feedback-report` (RFC 5965 section 2)";
        if (!type.match("multipart/report")) {
            throw new InvalidReportException(
                    source,
                    "`Content-Type` is `" + type.getBaseType().toLowerCase(Locale.ROOT) + "`"
                            + (raw == null ? " (none given)" : "") + ", " + expected);
        }
        String reportType = type.getParameter("report-type");
        if (reportType == null) {
            throw new InvalidReportException(
                    source, "`Content-Type: multipart/report` has no `report-type` parameter, " + expected);
        }
        if (!reportType.equalsIgnoreCase("feedback-report")) {
            throw new InvalidReportException(
                    source,
                    "wrong report-type `" + reportType + "`, " + expected
                            + (reportType.equalsIgnoreCase("delivery-status")
                                    ? ": this is a delivery status notification (a bounce), not a feedback report"
                                    : ""));
        }
        MimeMultipart parts;
        try {
            if (!(mail.getContent() instanceof MimeMultipart mp)) {
                throw new InvalidReportException(source, "the `multipart/report` body cannot be read as MIME parts");
            }
            parts = mp;
            if (parts.getCount() == 0) {
                throw new InvalidReportException(source, "the `multipart/report` body has no parts");
            }
        } catch (MessagingException e) {
            throw new InvalidReportException(
                    source,
                    "no MIME parts: the boundary `" + type.getParameter("boundary")
                            + "` of the `Content-Type` does not start any part (" + e.getMessage() + ")");
        }
        if (!parts.isComplete()) {
            throw new InvalidReportException(
                    source,
                    "truncated mail: the closing boundary `--" + type.getParameter("boundary") + "--` is missing");
        }
        return parts;
    }

    private static String baseType(BodyPart p) throws MessagingException {
        try {
            return new ContentType(p.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return p.getContentType();
        }
    }

    /** The machine-readable fields, unfolded, by name as first written, values in order. */
    private static Map<String, List<String>> fields(String source, byte[] bytes) throws MessagingException {
        InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(bytes));
        Map<String, List<String>> fields = new LinkedHashMap<>();
        // The name as first written, for each name ignoring case: one lookup per field, however many there are.
        Map<String, String> firstName = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Enumeration<Header> e = headers.getAllHeaders(); e.hasMoreElements(); ) {
            Header h = e.nextElement();
            String name = firstName.computeIfAbsent(h.getName(), n -> n);
            String value = MimeUtility.unfold(h.getValue()).trim().replaceAll("\\s+", " ");
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(withoutComments(source, name, value));
        }
        List<String> feedbackType = values(fields, "Feedback-Type");
        if (feedbackType.isEmpty()) {
            throw new InvalidReportException(
                    source, "feedback part: missing required field `Feedback-Type` " + "(RFC 5965 section 3.1)");
        }
        for (Map.Entry<String, List<String>> f : fields.entrySet()) {
            String rule = ONCE.get(f.getKey());
            if (rule != null && f.getValue().size() > 1) {
                throw new InvalidReportException(
                        source,
                        "feedback part: `" + f.getKey() + "` appears "
                                + f.getValue().size() + " times, " + rule);
            }
        }
        List<String> version = values(fields, "Version");
        if (!version.isEmpty() && !version.get(0).equals("1")) {
            throw new InvalidReportException(
                    source,
                    "feedback part: unsupported `Version: " + version.get(0) + "`, expected 1 (RFC 5965 section 3.1)");
        }
        return fields;
    }

    /**
     * The fields whose RFC 5965 (and RFC 6591, 6430, 6692) grammar is {@code [CFWS] value [CFWS]}, or a
     * list of such parts: their comments are no part of the value. {@code User-Agent} is not among
     * them (its comments are part of the product), nor is a field no RFC defines.
     */
    private static final java.util.Set<String> COMMENTED = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        COMMENTED.addAll(List.of(
                "Feedback-Type",
                "Version",
                "Arrival-Date",
                "Received-Date",
                "Incidents",
                "Original-Envelope-Id",
                "Original-Mail-From",
                "Original-Rcpt-To",
                "Removal-Recipient",
                "Reported-Domain",
                "Reporting-MTA",
                "Source-IP",
                "Source-Port",
                "Authentication-Results",
                "Auth-Failure",
                "Delivery-Result",
                "DKIM-ADSP-DNS",
                "DKIM-Canonicalized-Body",
                "DKIM-Canonicalized-Header",
                "DKIM-Domain",
                "DKIM-Identity",
                "DKIM-Selector",
                "Identity-Alignment",
                "SPF-DNS"));
    }

    /**
     * A feedback field's value as its grammar reads it: without comments where the grammar allows
     * them around the value; for {@code Reported-URI}, whose URI may hold parentheses, only before
     * and after it.
     */
    private static String withoutComments(String source, String name, String value) {
        try {
            if (name.equalsIgnoreCase("Reported-URI")) {
                return Cfws.stripAround(value);
            }
            return COMMENTED.contains(name) ? Cfws.strip(value) : value;
        } catch (IllegalArgumentException e) {
            throw new InvalidReportException(
                    source, "feedback part: `" + name + ": " + Text.abbreviate(value) + "`: " + e.getMessage());
        }
    }

    private static List<String> values(Map<String, List<String>> fields, String name) {
        return fields.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .findFirst()
                .map(Map.Entry::getValue)
                .orElse(List.of());
    }

    /** The offset of the blank line that ends the header block, or -1. */
    private static int headerEnd(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\n' && (b[i + 1] == '\n' || (b[i + 1] == '\r' && i + 2 < b.length && b[i + 2] == '\n'))) {
                return i + 1;
            }
        }
        return -1;
    }

    /** Headers are 7-bit ASCII (RFC 5322 section 2.2); a non-ASCII value must be RFC 2047-encoded. */
    private static void checkSevenBit(String source, byte[] b, int end, String where) {
        int line = 1;
        int lineStart = 0;
        String field = null;
        for (int i = 0; i < end; i++) {
            if (b[i] == '\n') {
                line++;
                lineStart = i + 1;
                continue;
            }
            if (i == lineStart && b[i] != ' ' && b[i] != '\t') {
                int colon = indexOf(b, (byte) ':', i, end);
                field = colon < 0 ? null : new String(b, i, colon - i, java.nio.charset.StandardCharsets.US_ASCII);
            }
            if ((b[i] & 0x80) != 0) {
                throw new InvalidReportException(
                        source,
                        where.equals("header") ? line : 0,
                        List.of(where + " line "
                                + line + ": " + (field == null ? "" : "field `" + field + "` has ")
                                + "the 8-bit byte 0x"
                                + String.format("%02X", b[i] & 0xFF) + "; headers must be 7-bit ASCII, with any other "
                                + "text encoded as RFC 2047 words (RFC 5322 section 2.2)"));
            }
        }
    }

    private static int indexOf(byte[] b, byte c, int from, int end) {
        for (int i = from; i < end && b[i] != '\n'; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The {@code Feedback-Type}, lower case. */
    String feedbackType() {
        return values(fields, "Feedback-Type").get(0).toLowerCase(Locale.ROOT);
    }

    /** The first value of a feedback field. */
    Optional<String> field(String name) {
        return values(fields, name).stream().filter(v -> !v.isBlank()).findFirst();
    }

    /** Every value of a feedback field, in order. */
    List<String> fields(String name) {
        return values(fields, name);
    }

    /** Every feedback field, several values joined with {@code ", "}. */
    Map<String, String> allFields() {
        Map<String, String> all = new LinkedHashMap<>();
        fields.forEach((k, v) -> all.put(k, String.join(", ", v)));
        return all;
    }

    OriginalMessage original() {
        return original;
    }

    /** How many times the report's own header has this field, ignoring case. */
    int headerCount(String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null ? 0 : values.length;
        } catch (MessagingException e) {
            return 0;
        }
    }

    /** The report's From address. */
    Optional<String> from() {
        return firstFrom().map(InternetAddress::getAddress);
    }

    /** The display name of the report's From address. */
    Optional<String> fromName() {
        return firstFrom().map(InternetAddress::getPersonal).filter(s -> !s.isBlank());
    }

    private Optional<InternetAddress> firstFrom() {
        try {
            String raw = mail.getHeader("From", ",");
            if (raw == null) {
                return Optional.empty();
            }
            var parsed = InternetAddress.parseHeader(raw, false);
            return parsed.length == 0 ? Optional.empty() : Optional.of(parsed[0]);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    /** The report's Message-ID, without its angle brackets. */
    Optional<String> messageId() {
        try {
            String id = mail.getMessageID();
            return id == null || id.isBlank()
                    ? Optional.empty()
                    : Optional.of(id.trim().replaceAll("^<|>$", ""));
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    /** The report's own Date. */
    Optional<Instant> date() {
        try {
            return Optional.ofNullable(mail.getSentDate()).map(java.util.Date::toInstant);
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }
}
