package org.auprules.ingest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.tagvalue.SignatureRecordTemplate;

/**
 * Signs test mails with Apache James jDKIM's own signer and a key pair generated when the test runs:
 * nothing secret is ever committed, and a key file line publishes the public half.
 */
final class DkimSigner {

    /** The headers a feedback loop signs, in the order they are listed in {@code h=}, when the mail has them. */
    static final List<String> SIGNED =
            List.of("From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type");

    private final String domain;
    private final String selector;
    private final KeyPair keys;

    private DkimSigner(String domain, String selector, KeyPair keys) {
        this.domain = domain;
        this.selector = selector;
        this.keys = keys;
    }

    /** A signer for {@code d=domain s=selector} with a fresh RSA key of this many bits. */
    static DkimSigner generate(String domain, String selector, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return new DkimSigner(domain, selector, g.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 2048-bit signer for {@code d=domain s=selector}. */
    static DkimSigner generate(String domain, String selector) {
        return generate(domain, selector, 2048);
    }

    /** The same key, claiming another domain or selector: what a forger with their own key writes. */
    DkimSigner claiming(String otherDomain, String otherSelector) {
        return new DkimSigner(otherDomain, otherSelector, keys);
    }

    /** The key file line that publishes this signer's public key. */
    String keyFileLine() {
        return selector + "._domainkey." + domain + " v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The mail with a DKIM-Signature header on top, signing {@link #SIGNED} (those present), relaxed/relaxed. */
    byte[] sign(byte[] mail) {
        return sign(mail, "");
    }

    /** The mail signed with these extra tags, e.g. {@code "x=1000000000; "} or {@code "l=10; "}. */
    byte[] sign(byte[] mail, String extraTags) {
        return sign(mail, extraTags, "rsa-sha256", headersOf(mail));
    }

    /** The mail signed with an algorithm and a list of headers of one's choosing. */
    byte[] sign(byte[] mail, String extraTags, String algorithm, List<String> headers) {
        String template = "v=1; a=" + algorithm + "; c=relaxed/relaxed; d=" + domain + "; s=" + selector + "; "
                + extraTags + "h=" + String.join(":", headers) + "; bh=; b=;";
        try {
            // jDKIM's template checks expiry as a verifier would; a signer that writes an already expired
            // signature (x= in the past), as a test of the verifier needs, skips that check.
            String field = new org.apache.james.jdkim.DKIMSigner(template, keys.getPrivate()) {
                @Override
                public SignatureRecord newSignatureRecordTemplate(String record) {
                    return new SignatureRecordTemplate(record) {
                        @Override
                        public void validate() {}
                    };
                }
            }.sign(new ByteArrayInputStream(mail));
            byte[] header = (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[header.length + mail.length];
            System.arraycopy(header, 0, out, 0, header.length);
            System.arraycopy(mail, 0, out, header.length, mail.length);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("jDKIM could not sign the test mail: " + e.getMessage(), e);
        }
    }

    /** Which of {@link #SIGNED} the mail's own header block has. */
    static List<String> headersOf(byte[] mail) {
        String text = new String(mail, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\n\n");
        int crlf = text.indexOf("\r\n\r\n");
        String head = text.substring(0, crlf >= 0 && (end < 0 || crlf < end) ? crlf : end)
                .toLowerCase(Locale.ROOT);
        List<String> present = new ArrayList<>();
        for (String h : SIGNED) {
            if (head.startsWith(h.toLowerCase(Locale.ROOT) + ":")
                    || head.contains("\n" + h.toLowerCase(Locale.ROOT) + ":")) {
                present.add(h);
            }
        }
        return present;
    }
}
