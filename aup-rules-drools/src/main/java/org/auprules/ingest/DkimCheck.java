package org.auprules.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.tagvalue.PublicKeyRecordImpl;
import org.auprules.drools.TrustedReporters;
import org.jspecify.annotations.Nullable;

/**
 * Checks the DKIM signatures (RFC 6376) of an ARF report with Apache James jDKIM: the report is
 * verified when one signature is valid and aligned with the trusted reporter its {@code From}
 * claims ({@link TrustedReporters#signedBy}). Keys are looked up only for aligned signatures.
 *
 * <p>Beyond what jDKIM checks (body hash, header signature, expiry, future dates, key
 * applicability), a valid signature must also: not use {@code rsa-sha1} nor a key under 1024 bits
 * (RFC 8301); sign the whole body (no {@code l=}); sign {@code From}, {@code Content-Type} and
 * {@code Message-ID} (which the report must have), and {@code Date} when the report has one, since
 * they name the reporter and decide how the report is read, its id and its time; and cover every instance of each header it signs, so that no header
 * was added above the signed one (a second {@code Content-Type} would make the mail read otherwise).
 * Nothing here throws: every failure is a reason.
 */
final class DkimCheck {

    /** Signatures beyond this many are not checked: each could cost a key lookup. */
    static final int MAX_SIGNATURES = 8;

    private static final String NOT_ALIGNED = "not aligned";
    private static final Pattern TAG = Pattern.compile("(?:^|;)\\s*([A-Za-z]+)\\s*=\\s*([^;]*)");
    private static final Pattern EXPIRED = Pattern.compile("expired since (.*?)\\.?$");

    private DkimCheck() {}

    /**
     * Whether a valid signature aligned with a trusted reporter proves that {@code from} sent the
     * report.
     *
     * @param content the mail as it arrived
     * @param mail    the mail, parsed and checked by {@link ArfMail}
     * @param from    the report's {@code From} address
     * @param claimed the trusted reporter {@code from} claims to be
     */
    static Verification check(
            byte[] content, ArfMail mail, String from, TrustedReporters.Entry claimed, IngestContext context) {
        String claim = "it claims to come from trusted reporter `" + claimed.name() + "` (From `"
                + Text.abbreviate(from) + "`)";
        int count = mail.headerCount("DKIM-Signature");
        if (count == 0) {
            return Verification.unproved("no DKIM signature; " + claim + ", which anyone can write");
        }
        if (count > MAX_SIGNATURES) {
            return Verification.unproved(
                    count + " DKIM signatures, more than the " + MAX_SIGNATURES + " that are checked; " + claim);
        }
        TrustedReporters trusted = context.trusted();
        DKIMVerifier verifier = new DKIMVerifier(retriever(from, trusted, context.keys()));
        try {
            verifier.verify(new ByteArrayInputStream(content));
        } catch (FailException e) {
            // every signature failed: the results below say how
        } catch (IOException | RuntimeException e) {
            String why = String.valueOf(e.getMessage()).replaceFirst("^[\\w.$]+(Exception|Error): ", "");
            return Verification.unproved(
                    "its DKIM signature could not be checked (" + Text.abbreviate(why) + "); " + claim);
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Result r : verifier.getResults()) {
            outcomes.add(outcome(r, mail, from, trusted));
        }
        for (Outcome o : outcomes) {
            Optional<TrustedReporters.Entry> entry =
                    o.domain() == null ? Optional.empty() : trusted.signedBy(from, o.domain());
            if (o.failure() == null && entry.isPresent()) {
                return Verification.proved("dkim d=" + o.domain() + " s=" + o.selector(), entry.get());
            }
        }
        for (Outcome o : outcomes) {
            if (o.aligned() || o.domain() == null) {
                return Verification.unproved("DKIM signature " + o.tags() + " fails: " + o.failure() + "; " + claim);
            }
        }
        if (outcomes.isEmpty()) {
            return Verification.unproved("no DKIM signature could be read; " + claim);
        }
        String domain = from.substring(from.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return Verification.unproved((outcomes.size() == 1
                        ? "DKIM signature " + outcomes.get(0).tags() + " is not"
                        : "none of its " + outcomes.size() + " DKIM signatures ("
                                + String.join(
                                        ", ",
                                        outcomes.stream().map(Outcome::tags).toList())
                                + ") is")
                + " aligned with trusted reporter `" + claimed.name()
                + "`: the signing domain must be the From domain `"
                + domain + "` or a parent of it, and belong to the reporter; " + claim);
    }

    /** One signature's result: its domain and selector, whether aligned, and what is wrong with it, if anything. */
    private record Outcome(
            @Nullable String domain,
            @Nullable String selector,
            boolean aligned,
            @Nullable String failure) {
        String tags() {
            return "d=" + (domain == null ? "?" : Text.abbreviate(domain)) + " s="
                    + (selector == null ? "?" : Text.abbreviate(selector));
        }
    }

    private static Outcome outcome(Result r, ArfMail mail, String from, TrustedReporters trusted) {
        SignatureRecord record = r.getRecord();
        String domain = null;
        String selector = null;
        if (record != null && !"invalid".contentEquals(record.getDToken())) {
            domain = record.getDToken().toString().toLowerCase(Locale.ROOT);
            selector = record.getSelector().toString();
        } else if (r.getDkimRawField() != null) {
            Map<String, String> tags = tags(r.getDkimRawField());
            domain = tags.containsKey("d") ? tags.get("d").toLowerCase(Locale.ROOT) : null;
            selector = tags.get("s");
        }
        boolean aligned = domain != null && trusted.signedBy(from, domain).isPresent();
        String failure = r.isSuccess() && record != null ? stricter(record, mail) : readable(r.getErrorMessage());
        return new Outcome(domain, selector, aligned, failure);
    }

    /** What this project asks of a signature that jDKIM found valid; {@code null} when it has it all. */
    private static @Nullable String stricter(SignatureRecord record, ArfMail mail) {
        if ("sha1".contentEquals(record.getHashMethod())) {
            return "it is signed with rsa-sha1, which RFC 8301 forbids verifiers to accept";
        }
        if (record.getBodyHashLimit() >= 0) {
            return "it signs only the first " + record.getBodyHashLimit() + " bytes of the body (l="
                    + record.getBodyHashLimit() + "), so anything could have been added after them";
        }
        if (mail.headerCount("Message-ID") == 0) {
            return "the report has no `Message-ID`, which a verified report needs so that a copy of it is never "
                    + "counted twice";
        }
        Map<String, Integer> signed = new LinkedHashMap<>();
        Map<String, String> spelled = new LinkedHashMap<>();
        for (CharSequence h : record.getHeaders()) {
            String name = h.toString().trim();
            signed.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
            spelled.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        }
        Map<String, String> required = new LinkedHashMap<>();
        required.put("From", "which names the reporter");
        required.put("Content-Type", "which decides how the report is read");
        required.put("Message-ID", "which gives the report its id");
        required.put("Date", "which dates the report");
        for (Map.Entry<String, String> h : required.entrySet()) {
            boolean must = !h.getKey().equals("Date");
            if (!signed.containsKey(h.getKey().toLowerCase(Locale.ROOT))
                    && (must || mail.headerCount(h.getKey()) > 0)) {
                return "it does not sign the `" + h.getKey() + "` header, " + h.getValue();
            }
        }
        for (Map.Entry<String, Integer> h : signed.entrySet()) {
            int present = mail.headerCount(h.getKey());
            if (present > h.getValue()) {
                String name = spelled.get(h.getKey());
                return "the mail has " + present + " `" + name + "` headers but the signature covers " + h.getValue()
                        + ": one was added after signing";
            }
        }
        return null;
    }

    /** jDKIM's message, in this project's words where they are plainer, never longer than 200 characters. */
    private static String readable(@Nullable String message) {
        String text = plainer(message).replaceFirst("\\.$", "");
        return text.length() > 200 ? text.substring(0, 197) + "..." : text;
    }

    private static String plainer(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return "it does not verify";
        }
        if (message.contains("bodyhash is different")) {
            return "body hash mismatch (the body was changed after it was signed)";
        }
        if (message.contains("Header signature does not verify")) {
            return "header signature does not verify (a signed header was changed after signing, "
                    + "or the key is not the signer's)";
        }
        Matcher expired = EXPIRED.matcher(message);
        if (expired.find()) {
            return "signature expired " + expired.group(1).trim() + " ago (x=)";
        }
        if (message.contains("in the future")) {
            return "signature date (t=) in the future: "
                    + lowerFirst(message.replaceFirst("^Invalid signature record: ", ""));
        }
        if (message.startsWith("no key for signature")) {
            return "key not found";
        }
        return lowerFirst(message.replaceFirst("^Invalid signature record: ", "invalid signature: "));
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The tags of a raw {@code DKIM-Signature} field, for a signature jDKIM could not read. */
    private static Map<String, String> tags(String field) {
        String value = field.replaceFirst("(?is)^\\s*DKIM-Signature\\s*:", "").replaceAll("\\s+", " ");
        Map<String, String> tags = new LinkedHashMap<>();
        Matcher m = TAG.matcher(value);
        while (m.find()) {
            tags.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), m.group(2).trim());
        }
        return tags;
    }

    /**
     * jDKIM's key source: the embedder's {@link ReportIngestor.KeyResolver}, asked only for domains
     * aligned with the trusted reporter, with keys under 1024 bits refused.
     */
    private static PublicKeyRecordRetriever retriever(
            String from, TrustedReporters trusted, ReportIngestor.KeyResolver keys) {
        return (method, selector, domain) -> {
            if (!"dns/txt".contentEquals(method)) {
                throw new PermFailException("key query method `" + method + "` is not supported; expected dns/txt");
            }
            String d = domain.toString().toLowerCase(Locale.ROOT);
            if (trusted.signedBy(from, d).isEmpty()) {
                throw new PermFailException(NOT_ALIGNED);
            }
            String name = selector + "._domainkey." + d;
            List<String> records;
            try {
                records = keys.records(selector.toString(), d);
            } catch (UncheckedIOException e) {
                throw new TempFailException("key lookup of `" + name + "` failed: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new TempFailException("key lookup of `" + name + "` failed: " + e);
            }
            if (records == null || records.isEmpty()) {
                throw new PermFailException("key not found (nothing is published at `" + name + "`)");
            }
            List<String> strong = new ArrayList<>();
            String weak = null;
            for (String r : records) {
                int bits = rsaBits(r);
                if (bits >= 0 && bits < 1024) {
                    weak = "the key at `" + name + "` has " + bits + " bits; RFC 8301 requires at least 1024";
                } else {
                    strong.add(r);
                }
            }
            if (strong.isEmpty() && weak != null) {
                throw new PermFailException(weak);
            }
            return strong;
        };
    }

    /** The size of an RSA key record's key; -1 when it is not one jDKIM can read (jDKIM then says why). */
    private static int rsaBits(String record) {
        try {
            PublicKeyRecordImpl key = new PublicKeyRecordImpl(record);
            key.validate();
            return key.getPublicKey() instanceof RSAPublicKey rsa
                    ? rsa.getModulus().bitLength()
                    : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
