package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.auprules.drools.TrustedReporters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Mails that are not well-formed feedback reports are rejected with one clear problem each. */
class ArfMalformedTest {

    private static final ArfReader READER = ArfReader.of(ArfReaderTest.ACCOUNTS, TrustedReporters.none());

    private static InvalidReportException rejected(byte[] mail) {
        try {
            READER.read("bad.eml", mail);
        } catch (InvalidReportException e) {
            assertThat(e.source()).contains("bad.eml");
            return e;
        }
        throw new AssertionError("expected the mail to be rejected");
    }

    private static String problem(String mail) {
        InvalidReportException e = rejected(ArfMails.bytes(mail));
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void aPlainMail_isNotAReport() {
        assertThat(problem("From: a@b.example\nSubject: hi\n\nHello\n"))
                .isEqualTo(
                        "`Content-Type` is `text/plain` "
                                + "(none given), expected `multipart/report; report-type=feedback-report` (RFC 5965 section 2)");
    }

    @Test
    void aMultipartMixedForward_isNotAReport() {
        String mail =
                ArfMails.ofType("abuse").replace("multipart/report; report-type=feedback-report", "multipart/mixed");

        assertThat(problem(mail)).startsWith("`Content-Type` is `multipart/mixed`, expected `multipart/report;");
    }

    @Test
    void aBounce_hasTheWrongReportType() {
        String mail = ArfMails.ofType("abuse").replace("report-type=feedback-report", "report-type=delivery-status");

        assertThat(problem(mail))
                .isEqualTo("wrong report-type `delivery-status`, expected `multipart/report; "
                        + "report-type=feedback-report` (RFC 5965 section 2): this is a delivery status notification (a bounce), "
                        + "not a feedback report");
    }

    @Test
    void aReportWithoutReportType_isRejected() {
        String mail = ArfMails.ofType("abuse").replace(" report-type=feedback-report;", "");

        assertThat(problem(mail)).startsWith("`Content-Type: multipart/report` has no `report-type` parameter");
    }

    @Test
    void aReportWithoutItsFeedbackPart_isRejectedNamingThePartsItHas() {
        String mail =
                ArfMails.ofType("abuse").replace("Content-Type: message/feedback-report", "Content-Type: text/plain");

        assertThat(problem(mail))
                .isEqualTo("missing the machine-readable part: no `message/feedback-report` among its "
                        + "3 part(s) (text/plain, text/plain, message/rfc822) (RFC 5965 section 2 (c))");
    }

    @Test
    void aReportWithoutTheOriginalMessage_isRejected() {
        String full = ArfMails.ofType("abuse");
        String mail = full.substring(0, full.lastIndexOf("--b1\nContent-Type: message/rfc822")) + "--b1--\n";

        assertThat(problem(mail))
                .isEqualTo("missing the original message: no `message/rfc822` or `text/rfc822-headers` "
                        + "among its 2 part(s) (text/plain, message/feedback-report) (RFC 5965 section 2 (d))");
    }

    @Test
    void aTruncatedReport_isRejected() {
        String full = ArfMails.ofType("abuse");
        String mail = full.substring(0, full.lastIndexOf("--b1--"));

        assertThat(problem(mail)).isEqualTo("truncated mail: the closing boundary `--b1--` is missing");
    }

    @Test
    void aBoundaryThatNeverAppears_givesNoParts() {
        String mail = ArfMails.ofType("abuse").replace("boundary=\"b1\"", "boundary=\"elsewhere\"");

        assertThat(problem(mail))
                .startsWith(
                        "no MIME parts: the boundary `elsewhere` of the `Content-Type` does not " + "start any part");
    }

    @Test
    void anEightBitByteInTheReportsHeaders_isRejectedWithItsLineAndField() {
        byte[] mail = ArfMails.ofType("abuse")
                .replace("Subject: Email Feedback Report", "Subject: Réclamation")
                .getBytes(StandardCharsets.UTF_8);

        InvalidReportException e = rejected(mail);

        assertThat(e.problems())
                .containsExactly("header line 3: field `Subject` has the 8-bit byte 0xC3; headers "
                        + "must be 7-bit ASCII, with any other text encoded as RFC 2047 words (RFC 5322 section 2.2)");
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void anEightBitByteInAFoldedHeaderLine_namesTheFieldItContinues() {
        byte[] mail = ArfMails.ofType("abuse")
                .replace("To: abuse@host.example", "To: abuse@host.example,\n  Zoë <z@host.example>")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThat(rejected(mail).problems())
                .singleElement()
                .asString()
                .startsWith("header line 5: field `To` has the 8-bit byte 0xEB;");
    }

    @Test
    void anEightBitByteInAFeedbackField_isRejected() {
        byte[] mail = ArfMails.ofType("abuse")
                .replace("User-Agent: Yahoo!-Mail-Feedback/2.0", "User-Agent: Réseau/1.0")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(rejected(mail).problems())
                .singleElement()
                .asString()
                .startsWith("feedback part line 2: field `User-Agent` has the 8-bit byte 0xC3;");
    }

    @Test
    void eightBitBytesInTheSpamItself_areTheSpammersBusiness_notAReason_toRejectTheReport() {
        byte[] mail = ArfMails.ofType("abuse")
                .replace("Subject: Winter sale", "Subject: Solde d'hiver à")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(READER.read("ok.eml", mail)).isNotEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            Feedback-Type: abuse                                | Feedback-Type: complaint                 | feedback part: unknown `Feedback-Type: complaint`; expected one of abuse, fraud, virus, other, auth-failure, opt-out, not-spam (RFC 5965 section 3.1, RFC 6591, RFC 6430)
            Feedback-Type: abuse                                | X-Feedback: abuse                        | feedback part: missing required field `Feedback-Type` (RFC 5965 section 3.1)
            Feedback-Type: abuse                                | Feedback-Type: abuse\\nFeedback-Type: fraud | feedback part: `Feedback-Type` appears 2 times, expected once (RFC 5965 section 3.1)
            Version: 1                                          | Version: 2                               | feedback part: unsupported `Version: 2`, expected 1 (RFC 5965 section 3.1)
            Arrival-Date: Mon, 16 Nov 2026 08:00:00 +0000       | Arrival-Date: last monday                | feedback part: `Arrival-Date: last monday` is not an RFC 5322 date such as `Thu, 8 Mar 2005 14:00:00 -0500`
            Source-IP: 203.0.113.20                             | Source-IP: mta.blast.example             | feedback part: `Source-IP: mta.blast.example` is not an IP address
            """)
    void aBadFeedbackField_isRejected(String original, String broken, String expected) {
        String mail = ArfMails.ofType("abuse").replace(original, broken.replace("\\n", "\n"));

        assertThat(problem(mail)).isEqualTo(expected);
    }

    @Test
    void anOptOutWithNoRecipientAnywhere_isRejected() {
        String mail = ArfMails.ofType("opt-out")
                .replace("Original-Rcpt-To: <bob@mail.example>\n", "")
                .replace("To: bob@mail.example\n", "To: undisclosed-recipients:;\n");

        assertThat(problem(mail))
                .isEqualTo("opt-out report names no recipient: expected `Original-Rcpt-To` or "
                        + "`Removal-Recipient` in the feedback part, or one address in the original message's `To`");
    }

    @Test
    void aReportThatCannotSayWhen_isRejected() {
        String original = ArfMails.ORIGINAL.substring(ArfMails.ORIGINAL.indexOf("From:"));
        String mail = ArfMails.mail(
                ArfMails.OUTER.replace("Date: Mon, 16 Nov 2026 09:00:00 +0000\n", ""),
                ArfMails.FEEDBACK.replace("Arrival-Date: Mon, 16 Nov 2026 08:00:00 +0000\n", ""),
                "message/rfc822",
                original);

        assertThat(problem(mail)).startsWith("cannot tell when the message arrived:");
    }

    @Test
    void anEmptyFile_orTextThatIsNoMail_isRejected() {
        assertThat(rejected(new byte[0]).problems())
                .containsExactly("empty file: expected an ARF feedback report (RFC 5965), a MIME mail");
        assertThat(problem("Dear abuse team,\n\nplease stop the spam.\n"))
                .isEqualTo("not a mail: line 1 is not a header field");
        assertThat(problem("From: a@b.example")).isEqualTo("not a mail: no blank line ends the header block");
    }

    @Test
    void theSharedSamples_areWellFormed() {
        for (String sample : List.of("001.eml", "002.eml")) {
            assertThat(READER.read(sample, Resources.bytes(Resources.ARF_SAMPLES + sample)))
                    .isNotEmpty();
        }
    }
}
