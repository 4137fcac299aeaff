package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.TrustedReporters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ARF report is verified only by a valid DKIM signature aligned with the trusted reporter its
 * From names, checked by jDKIM against keys generated for this run; and each report says why it is
 * verified or not. Every case asserts both sides: the forged or broken report is ingested unverified
 * (never an ingest error), and the genuine one beside it is verified.
 */
@Timeout(120)
class DkimVerificationTest {

    static final TrustedReporters TRUST = TrustedReporters.of(PolicyPack.defaultPack());
    static final DkimSigner YAHOO = DkimSigner.generate("arf.mail.yahoo.com", "fbl2026");
    static final DkimSigner HOTMAIL = DkimSigner.generate("hotmail.com", "jmrp");
    static final DkimSigner SPAMHAUS = DkimSigner.generate("spamhaus.org", "s1");
    static final DkimSigner FORGER = DkimSigner.generate("evil.example", "s1");
    static final String KEYS = String.join(
            "\n",
            "# keys published for this run",
            YAHOO.keyFileLine(),
            HOTMAIL.keyFileLine(),
            SPAMHAUS.keyFileLine(),
            FORGER.keyFileLine(),
            "");
    static final FactSet FLEET = Resources.facts("""
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-blast", "ips": ["203.0.113.20"], "domains": ["blast.example"]}]}""");

    static final byte[] REPORT = ArfMails.bytes(ArfMails.ofType("abuse"));

    private static IngestResult ingest(ReportIngestor.KeyResolver keys, boolean channel, byte[]... mails) {
        List<ReportFile> files = new ArrayList<>();
        for (int i = 0; i < mails.length; i++) {
            // each mail its own Message-ID, so that two copies of one report are two reports
            String text = new String(mails[i], StandardCharsets.UTF_8);
            files.add(new ReportFile(
                    "r" + i + ".eml",
                    i == 0
                            ? mails[i]
                            : text.replace("<fbl-1@", "<fbl-" + (i + 1) + "@").getBytes(StandardCharsets.UTF_8),
                    ReportFormat.ARF));
        }
        return ReportIngestor.builder()
                .facts(FLEET)
                .trustedReporters(TRUST)
                .keyResolver(keys)
                .authenticatedChannel(channel)
                .build()
                .ingest(files);
    }

    /** The one report of one mail, which must have been ingested, not rejected. */
    private static AbuseReport report(byte[] mail) {
        return report(mail, ReportIngestor.KeyResolver.keyText("keys.txt", KEYS));
    }

    private static AbuseReport report(byte[] mail, ReportIngestor.KeyResolver keys) {
        IngestResult r = ingest(keys, false, mail);
        assertThat(r.errors()).as("a DKIM failure is never an ingest error").isEmpty();
        assertThat(r.ingested()).isEqualTo(1);
        AbuseReport report = r.facts().reports().get(0);
        assertThat(report.accountId()).as("the report is still attributed").isEqualTo("acc-blast");
        assertThat(r.facts().emails())
                .as("the message a report quotes is a fact only when the report is verified")
                .hasSize(report.verified() ? 1 : 0);
        return report;
    }

    private static byte[] edit(byte[] mail, String from, String to) {
        String text = new String(mail, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(AbuseReport r) {
        return r.details().get(Verification.DETAIL);
    }

    @Test
    void aReportSignedByTheTrustedFeedbackLoop_isVerified_andSaysBySignature() {
        AbuseReport r = report(YAHOO.sign(REPORT));

        assertThat(r.verified()).isTrue();
        assertThat(reason(r))
                .isEqualTo("verified: dkim d=arf.mail.yahoo.com s=fbl2026 "
                        + "(trusted reporter `Yahoo Complaint Feedback Loop`)");
        assertThat(r.accountId()).isEqualTo("acc-blast");
    }

    @Test
    void theSameReportUnsigned_isUnverified_andSaysNoSignature() {
        AbuseReport r = report(REPORT);

        assertThat(r.verified()).isFalse();
        assertThat(reason(r))
                .startsWith("unverified: no DKIM signature; it claims to come from trusted reporter "
                        + "`Yahoo Complaint Feedback Loop`");
    }

    @Test
    void aSignatureOverAModifiedBody_fails_withBodyHash() {
        byte[] signed = YAHOO.sign(REPORT);
        byte[] otherComplainant =
                edit(signed, "Original-Rcpt-To: <bob@mail.example>", "Original-Rcpt-To: <eve@mail.example>");

        AbuseReport r = report(otherComplainant);

        assertThat(r.verified()).isFalse();
        assertThat(reason(r))
                .startsWith("unverified: DKIM signature d=arf.mail.yahoo.com s=fbl2026 fails: body hash mismatch")
                .contains("body hash");
        assertThat(report(signed).verified()).as("the untouched report").isTrue();
    }

    @Test
    void aModifiedSignedHeader_fails_theHeaderSignature() {
        byte[] signed = YAHOO.sign(REPORT);

        AbuseReport r = report(edit(signed, "Subject: Email Feedback Report", "Subject: Urgent Feedback Report"));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r))
                .startsWith("unverified: DKIM signature d=arf.mail.yahoo.com s=fbl2026 fails: "
                        + "header signature does not verify");
    }

    @Test
    void aChangedFrom_isAChangedSignedHeader() {
        byte[] signedByHotmail =
                HOTMAIL.sign(edit(REPORT, "Yahoo! Feedback Loop <feedback@arf.mail.yahoo.com>", "<staff@hotmail.com>"));
        assertThat(report(signedByHotmail).verified()).isTrue();

        AbuseReport r = report(edit(signedByHotmail, "From: <staff@hotmail.com>", "From: <STAFF@hotmail.com>"));
        assertThat(r.verified())
                .as("relaxed canonicalisation keeps the From value's case")
                .isFalse();
        assertThat(reason(r)).contains("header signature does not verify");
    }

    @Test
    void aHeaderAddedAboveTheSignedOne_isRefused_evenThoughJdkimFindsTheSignatureValid() {
        byte[] signed = YAHOO.sign(REPORT);
        byte[] twoTypes = ("Content-Type: multipart/report; report-type=feedback-report; boundary=\"b1\"\r\n"
                        + new String(signed, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);

        AbuseReport r = report(twoTypes);

        assertThat(r.verified()).isFalse();
        assertThat(reason(r))
                .contains(
                        "fails: the mail has 2 `Content-Type` headers but the signature covers 1: one was added after "
                                + "signing");
    }

    @Test
    void aValidSignatureByAnUntrustedDomain_isNotAligned() {
        AbuseReport r = report(FORGER.sign(REPORT));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r))
                .startsWith("unverified: DKIM signature d=evil.example s=s1 is not aligned with trusted reporter "
                        + "`Yahoo Complaint Feedback Loop`: the signing domain must be the From domain "
                        + "`arf.mail.yahoo.com` or a parent of it, and belong to the reporter");
    }

    @Test
    void aValidSignatureByAnotherTrustedReporter_isNotAlignedWithTheFrom() {
        AbuseReport r = report(SPAMHAUS.sign(REPORT));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r))
                .startsWith("unverified: DKIM signature d=spamhaus.org s=s1 is not aligned with trusted "
                        + "reporter `Yahoo Complaint Feedback Loop`");
    }

    @Test
    void aTrustedSignature_onAReportFromAnUntrustedAddress_provesNothing() {
        byte[] fromStranger = edit(REPORT, "Yahoo! Feedback Loop <feedback@arf.mail.yahoo.com>", "<x@evil.example>");

        AbuseReport r = report(FORGER.sign(fromStranger));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r)).isEqualTo("unverified: reporter `x@evil.example` is not a trusted reporter");
    }

    @Test
    void aFeedbackLoopListedByAddress_isVerified_bySignatureOfItsDomain_only() {
        byte[] jmrp = edit(REPORT, "Yahoo! Feedback Loop <feedback@arf.mail.yahoo.com>", "<staff@hotmail.com>");
        byte[] otherUser = edit(REPORT, "Yahoo! Feedback Loop <feedback@arf.mail.yahoo.com>", "<bob@hotmail.com>");
        DkimSigner subdomain = HOTMAIL.claiming("mail.hotmail.com", "jmrp");

        assertThat(reason(report(HOTMAIL.sign(jmrp))))
                .isEqualTo("verified: dkim d=hotmail.com s=jmrp "
                        + "(trusted reporter `Microsoft Outlook.com Junk Mail Reporting Program (JMRP)`)");
        assertThat(reason(report(HOTMAIL.sign(otherUser))))
                .as("anyone can write from @hotmail.com, and Hotmail signs their mail too")
                .isEqualTo("unverified: reporter `bob@hotmail.com` is not a trusted reporter");
        assertThat(reason(
                        report(subdomain.sign(jmrp), ReportIngestor.KeyResolver.keyText("k", subdomain.keyFileLine()))))
                .as("a subdomain is not a parent of the address's domain")
                .contains("DKIM signature d=mail.hotmail.com s=jmrp is not aligned");
    }

    @Test
    void aSignatureClaimingTheTrustedDomain_withTheForgersKey_doesNotVerify() {
        DkimSigner impostor = FORGER.claiming("arf.mail.yahoo.com", "fbl2026");

        AbuseReport r = report(impostor.sign(REPORT));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r)).contains("d=arf.mail.yahoo.com s=fbl2026 fails: header signature does not verify");
    }

    @Test
    void aSignatureWhoseKeyIsNotPublished_fails_keyNotFound() {
        DkimSigner unknownSelector = YAHOO.claiming("arf.mail.yahoo.com", "nosuch");

        AbuseReport r = report(unknownSelector.sign(REPORT));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r))
                .contains("d=arf.mail.yahoo.com s=nosuch fails: key not found (nothing is published at "
                        + "`nosuch._domainkey.arf.mail.yahoo.com`)");
        assertThat(report(YAHOO.sign(REPORT), ReportIngestor.KeyResolver.none()).verified())
                .as("without any key, no signature verifies")
                .isFalse();
    }

    @Test
    void anExpiredSignature_fails() {
        AbuseReport r = report(YAHOO.sign(REPORT, "t=999999000; x=1000000000; "));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r))
                .contains("d=arf.mail.yahoo.com s=fbl2026 fails: signature expired")
                .contains("(x=)");
        assertThat(report(YAHOO.sign(REPORT, "x=4102444800; ")).verified())
                .as("a signature that expires in 2100")
                .isTrue();
    }

    @Test
    void aSignatureOverPartOfTheBody_isNotAccepted() {
        AbuseReport r = report(YAHOO.sign(REPORT, "l=40; "));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r)).contains("it signs only the first 40 bytes of the body (l=40)");
    }

    @Test
    void rsaSha1_isNotAccepted() {
        AbuseReport r = report(YAHOO.sign(REPORT, "", "rsa-sha1", DkimSigner.headersOf(REPORT)));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r)).contains("rsa-sha1, which RFC 8301 forbids");
    }

    @Test
    void aKeyUnder1024Bits_isNotAccepted() {
        DkimSigner weak = DkimSigner.generate("arf.mail.yahoo.com", "weak", 512);

        AbuseReport r = report(weak.sign(REPORT), ReportIngestor.KeyResolver.keyText("k", weak.keyFileLine()));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r)).contains("has 512 bits; RFC 8301 requires at least 1024");
    }

    @Test
    void aSignatureThatLeavesTheReportsStructureUnsigned_isNotAccepted() {
        List<String> noContentType = new ArrayList<>(DkimSigner.headersOf(REPORT));
        noContentType.remove("Content-Type");
        List<String> noMessageId = new ArrayList<>(DkimSigner.headersOf(REPORT));
        noMessageId.remove("Message-ID");

        assertThat(reason(report(YAHOO.sign(REPORT, "", "rsa-sha256", noContentType))))
                .contains("it does not sign the `Content-Type` header, which decides how the report is read");
        assertThat(reason(report(YAHOO.sign(REPORT, "", "rsa-sha256", noMessageId))))
                .contains("it does not sign the `Message-ID` header, which gives the report its id");
        assertThat(report(YAHOO.sign(REPORT, "", "rsa-sha256", List.of("From", "Content-Type", "Message-ID", "Date")))
                        .verified())
                .as("From, Content-Type, Message-ID and Date are enough")
                .isTrue();
    }

    @Test
    void aSignedReportWithoutAMessageId_isNotAccepted_forACopyWithAnotherUnsignedHeaderWouldCountTwice() {
        byte[] noId = edit(REPORT, "Message-ID: <fbl-1@arf.mail.yahoo.com>\n", "");

        AbuseReport r = report(YAHOO.sign(noId));

        assertThat(r.verified()).isFalse();
        assertThat(reason(r)).contains("fails: the report has no `Message-ID`");
        assertThat(r.id()).startsWith("arf-");
    }

    @Test
    void oneGoodSignature_amongBadOnes_verifies() {
        byte[] twice = YAHOO.sign(FORGER.sign(REPORT));

        AbuseReport r = report(twice);

        assertThat(r.verified()).isTrue();
        assertThat(reason(r)).startsWith("verified: dkim d=arf.mail.yahoo.com s=fbl2026");
    }

    @Test
    void moreSignaturesThanAreChecked_proveNothing() {
        byte[] mail = YAHOO.sign(REPORT);
        for (int i = 0; i < DkimCheck.MAX_SIGNATURES; i++) {
            mail = FORGER.sign(mail);
        }

        AbuseReport r = report(mail);

        assertThat(r.verified()).isFalse();
        assertThat(reason(r)).startsWith("unverified: 9 DKIM signatures, more than the 8 that are checked");
    }

    @Test
    void malformedSignatures_leaveTheReportUnverified_withAShortReason_neverAnError() {
        String huge = "a".repeat(100_000);
        List<String> fields = List.of(
                "DKIM-Signature: v=1; a=rsa-sha256; d=arf.mail.yahoo.com; s=fbl2026; h=from; bh=!!!; b=???",
                "DKIM-Signature: garbage",
                "DKIM-Signature: v=1; a=rsa-sha256; d=arf.mail.yahoo.com; s=" + huge + "; h=from; bh=; b=",
                "DKIM-Signature: v=2; a=ed25519-sha256; d=" + huge + ".example; s=s; h=from; bh=; b=",
                "DKIM-Signature: v=1; a=rsa-sha256; d=arf.mail.yahoo.com; s=fbl2026; h=from:content-type; "
                        + "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=" + "A".repeat(5000),
                "DKIM-Signature: v=1; a=rsa-sha256; d=arf.mail.yahoo.com; s=fbl2026; i=@evil.example; h=from; "
                        + "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA",
                "DKIM-Signature: v=1; a=rsa-sha256; d=arf.mail.yahoo.com; s=fbl2026; q=http/well-known; h=from; "
                        + "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA",
                "DKIM-Signature: v=1; a=rsa-sha256; d=arf.mail.yahoo.com; s=fbl2026; t=99999999999; h=from; "
                        + "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AAAA");
        for (String field : fields) {
            String what = field.substring(0, Math.min(field.length(), 60));
            byte[] mail = (field + "\n" + new String(REPORT, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

            AbuseReport r = report(mail);

            assertThat(r.verified()).as(what).isFalse();
            assertThat(reason(r)).as(what).startsWith("unverified: ").hasSizeLessThan(600);
        }
        assertThat(report(YAHOO.sign(REPORT)).verified())
                .as("the genuine report beside them")
                .isTrue();
    }

    @Test
    void keysAreLookedUp_onlyForSignaturesAlignedWithTheTrustedReporter() {
        List<String> lookups = Collections.synchronizedList(new ArrayList<>());
        ReportIngestor.KeyResolver file = ReportIngestor.KeyResolver.keyText("keys.txt", KEYS);
        ReportIngestor.KeyResolver counting = (selector, domain) -> {
            lookups.add(selector + "._domainkey." + domain);
            return file.records(selector, domain);
        };
        byte[] fromStranger = edit(REPORT, "Yahoo! Feedback Loop <feedback@arf.mail.yahoo.com>", "<x@evil.example>");

        assertThat(report(FORGER.sign(REPORT), counting).verified()).isFalse();
        assertThat(report(FORGER.sign(fromStranger), counting).verified()).isFalse();
        assertThat(lookups)
                .as("a report cannot make the ingestor look up a domain of its choosing")
                .isEmpty();

        assertThat(report(YAHOO.sign(REPORT), counting).verified()).isTrue();
        assertThat(lookups).containsExactly("fbl2026._domainkey.arf.mail.yahoo.com");
    }

    @Test
    void aFailedKeyLookup_leavesTheReportUnverified_andIngested() {
        ReportIngestor.KeyResolver down = (selector, domain) -> {
            throw new UncheckedIOException("DNS timed out", new IOException("timeout"));
        };

        AbuseReport r = report(YAHOO.sign(REPORT), down);

        assertThat(r.verified()).isFalse();
        assertThat(reason(r))
                .contains("fails: key lookup of `fbl2026._domainkey.arf.mail.yahoo.com` failed: DNS timed out");
    }

    @Test
    void theAuthenticatedChannel_believesTheClaimedTrustedReporter_andOnlyThem() {
        byte[] fromStranger = edit(REPORT, "Yahoo! Feedback Loop <feedback@arf.mail.yahoo.com>", "<x@evil.example>");

        IngestResult r = ingest(ReportIngestor.KeyResolver.none(), true, REPORT, fromStranger);

        assertThat(r.facts().reports())
                .extracting(AbuseReport::verified, DkimVerificationTest::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                true,
                                "verified: authenticated channel (trusted reporter `Yahoo Complaint Feedback Loop`)"),
                        org.assertj.core.groups.Tuple.tuple(
                                false, "unverified: reporter `x@evil.example` is not a trusted reporter"));
        assertThat(ingest(ReportIngestor.KeyResolver.none(), false, REPORT)
                        .facts()
                        .reports()
                        .get(0)
                        .verified())
                .as("off by default")
                .isFalse();
    }

    @Test
    void aKeyFile_holdsOneRecordALine_bareOrQuoted(@TempDir Path dir) throws IOException {
        String record = YAHOO.keyFileLine().substring(YAHOO.keyFileLine().indexOf(' ') + 1);
        String half = record.substring(0, 40);
        Path file = dir.resolve("dkim-keys.txt");
        Files.writeString(
                file,
                "# the feedback loop's key\n\nFBL2026._domainkey.ARF.mail.yahoo.com.  \"" + half + "\" \""
                        + record.substring(40) + "\"\n");

        assertThat(report(YAHOO.sign(REPORT), ReportIngestor.KeyResolver.keyFile(file))
                        .verified())
                .isTrue();
        assertThat(ReportIngestor.KeyResolver.keyFile(file).records("fbl2026", "arf.mail.yahoo.com"))
                .containsExactly(record);
        assertThat(ReportIngestor.KeyResolver.keyFile(file).records("other", "arf.mail.yahoo.com"))
                .isEmpty();
    }

    @Test
    void aBrokenKeyFile_isRefused_naming_itsLine(@TempDir Path dir) {
        assertThatThrownBy(
                        () -> ReportIngestor.KeyResolver.keyText("keys.txt", "# ok\narf.mail.yahoo.com v=DKIM1; p=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DKIM key file `keys.txt` line 2: `arf.mail.yahoo.com` is not a key name such as "
                        + "`selector._domainkey.example.net`; expected `selector._domainkey.domain TXT-record-value`");
        assertThatThrownBy(() -> ReportIngestor.KeyResolver.keyText("keys.txt", "s._domainkey.example.net"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "DKIM key file `keys.txt` line 1: `s._domainkey.example.net` has no TXT record " + "value");
        assertThatThrownBy(() -> ReportIngestor.KeyResolver.keyText("keys.txt", "s._domainkey.example.net \"v=DKIM1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("(quoted strings must be closed)");
        assertThatThrownBy(() -> ReportIngestor.KeyResolver.keyFile(dir.resolve("missing.txt")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageEndingWith("missing.txt`: no such file");
    }
}
