package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.OptOutRequest;
import org.auprules.api.facts.ReportType;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.TrustedReporters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ARF feedback reports, the two shared samples and reports built like a feedback loop's, become facts. */
class ArfReaderTest {

    static final List<Account> ACCOUNTS = Resources.accounts("""
            {"accounts": [
              {"id": "acc-sample", "ips": ["192.0.2.1"]},
              {"id": "acc-blast", "ips": ["203.0.113.20"], "domains": ["blast.example"]}
            ]}""");
    static final TrustedReporters DEFAULT_TRUST = TrustedReporters.of(PolicyPack.defaultPack());
    /**
     * These tests are about what a report becomes, so they read as if from a channel declared
     * authenticated, where a trusted reporter is believed; DkimVerificationTest is about proof.
     */
    static final ArfReader READER = ArfReader.of(
            new IngestContext(ACCOUNTS, DEFAULT_TRUST, ReportIngestor.KeyResolver.none(), true),
            ReportIngestor.Limits.defaults());
    /** The samples' abuse desk, trusted and believed, so that what its reports become can be read. */
    static final ArfReader DESK = ArfReader.of(
            new IngestContext(
                    ACCOUNTS,
                    TrustedReporters.of(List.of(new TrustedReporters.Entry(
                            "the samples' abuse desk",
                            TrustedReporters.Kind.FEEDBACK_LOOP,
                            List.of("abusedesk@example.com"),
                            List.of(),
                            List.of()))),
                    ReportIngestor.KeyResolver.none(),
                    true),
            ReportIngestor.Limits.defaults());
    /** The reader by default: only a DKIM signature proves who sent a report. */
    static final ArfReader BY_PROOF = ArfReader.of(ACCOUNTS, DEFAULT_TRUST);

    private static List<AccountFact> read(String mail) {
        return READER.read("fbl.eml", ArfMails.bytes(mail));
    }

    private static <T> T only(List<AccountFact> facts, Class<T> type) {
        List<T> matching =
                facts.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    @Test
    void sample001_withoutSourceIp_isAttributedByTheReceivedHeader_andTimedByIt() {
        byte[] sample = Resources.bytes(Resources.ARF_SAMPLES + "001.eml");
        assertThat(READER.read("001.eml", sample))
                .as("from a reporter nobody trusts: a report for review, and its message proves nothing")
                .singleElement()
                .isInstanceOf(AbuseReport.class)
                .extracting(f -> ((AbuseReport) f).verified())
                .isEqualTo(false);
        List<AccountFact> facts = DESK.read("001.eml", sample);

        AbuseReport r = only(facts, AbuseReport.class);
        assertThat(r.type()).isEqualTo(ReportType.SPAM);
        assertThat(r.source()).isEqualTo("arf:abuse");
        assertThat(r.ip()).isEqualTo("192.0.2.1");
        assertThat(r.accountId()).isEqualTo("acc-sample");
        assertThat(r.receivedAt())
                .as("Received: … Thu, 08 Mar 2005 14:00:00 -0400")
                .isEqualTo(Instant.parse("2005-03-08T18:00:00Z"));
        assertThat(r.reporter()).isEqualTo("abusedesk@example.com");
        assertThat(r.verified()).isTrue();
        assertThat(r.id()).matches("arf-[0-9a-f]{16}");
        assertThat(r.details())
                .containsEntry("Feedback-Type", "abuse")
                .containsEntry("User-Agent", "SomeGenerator/1.0")
                .containsEntry("original.Subject", "Earn money")
                .containsEntry("original.Message-ID", "8787KJKJ3K4J3K4J3K4J3.mail@example.net");

        EmailMessage m = only(facts, EmailMessage.class);
        assertThat(m.id()).isEqualTo(r.id() + "/message");
        assertThat(m.accountId()).isEqualTo("acc-sample");
        assertThat(m.fromAddress()).isEqualTo("somespammer@example.net");
        assertThat(m.subject()).isEqualTo("Earn money");
        assertThat(m.sendingIp()).isEqualTo("192.0.2.1");
        assertThat(m.sentAt()).isEqualTo(r.receivedAt());
        assertThat(m.recipientCount())
                .as("`<Undisclosed Recipients>` names no address; one recipient complained")
                .isOne();
        assertThat(m.commercial()).as("`Earn money` is a promotional subject").isTrue();
        assertThat(m.hasRemovalLink()).isFalse();
        assertThat(m.hasOptOut()).isFalse();
        assertThat(m.spf()).isNull();
        assertThat(m.dkim()).isNull();
    }

    @Test
    void sample002_usesSourceIpArrivalDateReportedDomainAndUri_andTheSpfResult() {
        List<AccountFact> facts = DESK.read("002.eml", Resources.bytes(Resources.ARF_SAMPLES + "002.eml"));

        AbuseReport r = only(facts, AbuseReport.class);
        assertThat(r.ip()).isEqualTo("192.0.2.1");
        assertThat(r.receivedAt())
                .as("Arrival-Date: Thu, 8 Mar 2005 14:00:00 EDT")
                .isEqualTo(Instant.parse("2005-03-08T18:00:00Z"));
        assertThat(r.domain()).isEqualTo("example.net");
        assertThat(r.url())
                .as("the first http(s) Reported-Uri; mailto is no location")
                .isEqualTo("http://example.net/earn_money.html");
        assertThat(r.email()).isNull();
        assertThat(r.details())
                .containsEntry("Reported-Uri", "http://example.net/earn_money.html, mailto:user@example.com")
                .containsEntry("Original-Rcpt-To", "<user@example.com>")
                .containsEntry(
                        "Authentication-Results", "mail.example.com; spf=fail smtp.mail=somespammer@example.com");
        EmailMessage m = only(facts, EmailMessage.class);
        assertThat(m.spf()).isEqualTo("fail");
        assertThat(m.subject())
                .as("the sample's original headers end before Subject")
                .isNull();
        assertThat(m.commercial()).isFalse();
    }

    @Test
    void sample002_isAttributedByItsReportedDomain_whenNobodyOwnsItsSourceIp() {
        ArfReader reader = ArfReader.of(Resources.accounts("""
                {"accounts": [{"id": "acc-net", "domains": ["example.net"]}]}"""), TrustedReporters.none());

        List<AccountFact> facts = reader.read("002.eml", Resources.bytes(Resources.ARF_SAMPLES + "002.eml"));

        assertThat(only(facts, AbuseReport.class).accountId()).isEqualTo("acc-net");
    }

    @Test
    void aSampleNobodyOwns_isKeptAsAnUnattributedReport_withoutAnEmailFact() {
        ArfReader reader = ArfReader.of(List.of(), TrustedReporters.none());

        List<AccountFact> facts = reader.read("001.eml", Resources.bytes(Resources.ARF_SAMPLES + "001.eml"));

        assertThat(facts).singleElement().isInstanceOf(AbuseReport.class);
        assertThat(facts.get(0).accountId()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(textBlock = """
            abuse,        SPAM
            fraud,        FRAUD
            virus,        MALWARE
            other,        OTHER
            auth-failure, OTHER
            Abuse,        SPAM
            """)
    void theFeedbackType_decidesTheReportType(String feedbackType, ReportType type) {
        List<AccountFact> facts = read(ArfMails.ofType(feedbackType));

        AbuseReport r = only(facts, AbuseReport.class);
        assertThat(r.type()).isEqualTo(type);
        assertThat(r.source()).isEqualTo("arf:" + feedbackType.toLowerCase(java.util.Locale.ROOT));
        assertThat(only(facts, EmailMessage.class).accountId()).isEqualTo("acc-blast");
    }

    @Test
    void notSpam_producesNothing() {
        assertThat(read(ArfMails.ofType("not-spam"))).isEmpty();
    }

    @Test
    void aSignedFeedbackLoopReport_isVerified_andIdentifiedByItsMessageId() {
        DkimSigner yahoo = DkimSigner.generate("arf.mail.yahoo.com", "fbl2026");
        ArfReader reader = ArfReader.of(
                new IngestContext(
                        ACCOUNTS,
                        DEFAULT_TRUST,
                        ReportIngestor.KeyResolver.keyText("keys", yahoo.keyFileLine()),
                        false),
                ReportIngestor.Limits.defaults());
        AbuseReport r =
                only(reader.read("fbl.eml", yahoo.sign(ArfMails.bytes(ArfMails.ofType("abuse")))), AbuseReport.class);

        assertThat(r.verified())
                .as("Yahoo's feedback loop is trusted by the default pack, and signed the report")
                .isTrue();
        assertThat(r.details())
                .containsEntry(
                        "verification",
                        "verified: dkim d=arf.mail.yahoo.com s=fbl2026 (trusted reporter `Yahoo Complaint Feedback Loop`)");
        assertThat(r.reporter()).isEqualTo("feedback@arf.mail.yahoo.com");
        assertThat(r.organisation()).isEqualTo("Yahoo! Feedback Loop");
        assertThat(r.id()).isEqualTo("fbl-1@arf.mail.yahoo.com");
        assertThat(r.receivedAt()).isEqualTo(Instant.parse("2026-11-16T08:00:00Z"));
    }

    @Test
    void anUnsignedFeedbackLoopReport_isNotVerified_whatever_itsFromSays() {
        List<AccountFact> facts = BY_PROOF.read("fbl.eml", ArfMails.bytes(ArfMails.ofType("abuse")));
        AbuseReport r = only(facts, AbuseReport.class);
        assertThat(facts).as("the message it quotes proves nothing either").noneMatch(EmailMessage.class::isInstance);

        assertThat(r.verified()).isFalse();
        assertThat(r.reporter()).isEqualTo("feedback@arf.mail.yahoo.com");
        assertThat(r.details().get("verification"))
                .isEqualTo("unverified: no DKIM signature; it claims to come from trusted reporter `Yahoo Complaint "
                        + "Feedback Loop` (From `feedback@arf.mail.yahoo.com`), which anyone can write");
    }

    @Test
    void aReportFromAnyoneElse_isNotVerified() {
        String mail = ArfMails.ofType("abuse")
                .replace("Yahoo! Feedback Loop <feedback@arf.mail.yahoo.com>", "<feedback@arf.mail.yahoo.example>");

        assertThat(only(read(mail), AbuseReport.class).verified()).isFalse();
    }

    @Test
    void anOptOut_becomesAnOptOutRequestForTheOriginalRecipient() {
        List<AccountFact> facts = read(ArfMails.ofType("opt-out"));

        assertThat(facts).noneMatch(AbuseReport.class::isInstance);
        OptOutRequest o = only(facts, OptOutRequest.class);
        assertThat(o.accountId()).isEqualTo("acc-blast");
        assertThat(o.recipient()).isEqualTo("bob@mail.example");
        assertThat(o.requestedAt()).as("the report's Date").isEqualTo(Instant.parse("2026-11-16T09:00:00Z"));
        assertThat(o.lastMailedAt())
                .as("the reported message's arrival")
                .isEqualTo(Instant.parse("2026-11-16T08:00:00Z"));
        assertThat(only(facts, EmailMessage.class).subject()).isEqualTo("Winter sale: 50% off everything");
    }

    @Test
    void anOptOutWithoutOriginalRcptTo_takesTheRecipientFromTheOriginalTo() {
        String mail = ArfMails.ofType("opt-out").replace("Original-Rcpt-To: <bob@mail.example>\n", "");

        assertThat(only(read(mail), OptOutRequest.class).recipient()).isEqualTo("bob@mail.example");
    }

    @Test
    void anOptOutNobodyCanBeHeldTo_isKeptAsAnUnattributedReport() {
        List<AccountFact> facts = ArfReader.of(List.of(), TrustedReporters.none())
                .read("o.eml", ArfMails.bytes(ArfMails.ofType("opt-out")));

        AbuseReport r = only(facts, AbuseReport.class);
        assertThat(facts).hasSize(1);
        assertThat(r.accountId()).isNull();
        assertThat(r.type()).isEqualTo(ReportType.OTHER);
        assertThat(r.source()).isEqualTo("arf:opt-out");
    }

    @Test
    void theEmailFact_judgesTheOriginalMessage() {
        EmailMessage m = only(read(ArfMails.ofType("abuse")), EmailMessage.class);

        assertThat(m.fromAddress()).isEqualTo("deals@blast.example");
        assertThat(m.commercial()).as("`sale`, `50% off`").isTrue();
        assertThat(m.hasRemovalLink()).isFalse();
        assertThat(m.listUnsubscribeHeader()).isNull();
        assertThat(m.hasPhysicalAddress()).as("never guessed").isNull();
        assertThat(m.deceptiveSubject()).as("never guessed").isNull();
        assertThat(m.listId()).isNull();
        assertThat(m.recipientCount()).isOne();
    }

    @Test
    void listUnsubscribe_isCarried_andMarksTheMessageCommercial() {
        String original = ArfMails.ORIGINAL
                .replace("Subject: Winter sale: 50% off everything", "Subject: Hello")
                .replace("MIME-Version: 1.0\n", """
                        MIME-Version: 1.0
                        List-Unsubscribe: <mailto:leave@blast.example>,
                         <https://blast.example/u/1>
                        """);

        EmailMessage m = only(read(ArfMails.mail(ArfMails.FEEDBACK, original)), EmailMessage.class);

        assertThat(m.listUnsubscribeHeader()).isEqualTo("<mailto:leave@blast.example>, <https://blast.example/u/1>");
        assertThat(m.hasOptOut()).isTrue();
        assertThat(m.commercial()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Subject: Hello                               | Precedence: bulk | true
            Subject: Hello                               | Precedence: list | true
            Subject: Hello                               | X-Mailer: mutt   | false
            Subject: Minutes of Tuesday's meeting        | X-Mailer: mutt   | false
            Subject: Your winner's bonus is waiting      | X-Mailer: mutt   | true
            Subject: Free shipping this weekend          | X-Mailer: mutt   | true
            Subject: Freedom of speech                   | X-Mailer: mutt   | false
            """)
    void commercial_isJudgedByHeadersAndSubject(String subject, String header, boolean commercial) {
        String original = ArfMails.ORIGINAL
                .replace("Subject: Winter sale: 50% off everything", subject)
                .replace("MIME-Version: 1.0\n", "MIME-Version: 1.0\n" + header + "\n");

        assertThat(only(read(ArfMails.mail(ArfMails.FEEDBACK, original)), EmailMessage.class)
                        .commercial())
                .isEqualTo(commercial);
    }

    @Test
    void aRemovalLinkInTheBody_isFound_andMarksTheMessageCommercial() {
        String original = ArfMails.ORIGINAL
                .replace("Subject: Winter sale: 50% off everything", "Subject: Hello")
                .replace("Our best prices of the year.", "News.\nTo unsubscribe, visit\nhttps://blast.example/u?id=1");

        EmailMessage m = only(read(ArfMails.mail(ArfMails.FEEDBACK, original)), EmailMessage.class);

        assertThat(m.hasRemovalLink()).isTrue();
        assertThat(m.commercial()).isTrue();
    }

    @Test
    void anOrdinaryLinkInTheBody_isNoRemovalLink() {
        String original = ArfMails.ORIGINAL.replace("Our best prices of the year.", "See https://blast.example/shop");

        assertThat(only(read(ArfMails.mail(ArfMails.FEEDBACK, original)), EmailMessage.class)
                        .hasRemovalLink())
                .isFalse();
    }

    @Test
    void aReportWithTheOriginalHeadersOnly_leavesTheRemovalLinkUnknown() {
        String headers = ArfMails.ORIGINAL.substring(0, ArfMails.ORIGINAL.indexOf("\n\n") + 1);

        EmailMessage m = only(
                read(ArfMails.mail(ArfMails.OUTER, ArfMails.FEEDBACK, "text/rfc822-headers", headers)),
                EmailMessage.class);

        assertThat(m.hasRemovalLink()).isNull();
        assertThat(m.subject()).isEqualTo("Winter sale: 50% off everything");
    }

    @Test
    void authenticationResults_ofTheOriginal_giveSpfDkimAndAlignment_feedbackFieldsFirst() {
        String original = "Authentication-Results: mx.mail.example;\n spf=pass smtp.mailfrom=blast.example;\n"
                + " dkim=fail (bad signature) header.d=blast.example;\n dkim=pass header.d=esp.example;\n"
                + " dmarc=fail header.from=blast.example\n" + ArfMails.ORIGINAL;
        String feedback = ArfMails.FEEDBACK + "Authentication-Results: mx.mail.example; spf=softfail\n";

        EmailMessage m = only(read(ArfMails.mail(feedback, original)), EmailMessage.class);

        assertThat(m.spf()).as("the feedback part's own field comes first").isEqualTo("softfail");
        assertThat(m.dkim()).as("one passing signature is enough").isEqualTo("pass");
        assertThat(m.fromDomainAligned()).as("dmarc=fail").isFalse();
    }

    @Test
    void toAndCcAddresses_countTheRecipients() {
        String original = ArfMails.ORIGINAL.replace(
                "To: bob@mail.example",
                "To: bob@mail.example, Ann <ann@mail.example>,\n carl@mail.example\nCc: dee@mail.example");

        assertThat(only(read(ArfMails.mail(ArfMails.FEEDBACK, original)), EmailMessage.class)
                        .recipientCount())
                .isEqualTo(4);
    }

    @Test
    void withoutArrivalDate_theTopmostReceivedDateIsTheTime() {
        String mail = ArfMails.mail(
                ArfMails.FEEDBACK.replace("Arrival-Date: Mon, 16 Nov 2026 08:00:00 +0000\n", ""), ArfMails.ORIGINAL);

        assertThat(only(read(mail), AbuseReport.class).receivedAt()).isEqualTo(Instant.parse("2026-11-16T07:59:58Z"));
    }

    @Test
    void withoutArrivalDateOrReceived_theReportsDateIsTheTime() {
        String original = ArfMails.ORIGINAL.substring(ArfMails.ORIGINAL.indexOf("From:"));
        String mail = ArfMails.mail(
                ArfMails.FEEDBACK.replace("Arrival-Date: Mon, 16 Nov 2026 08:00:00 +0000\n", ""), original);

        AbuseReport r = only(read(mail), AbuseReport.class);
        assertThat(r.receivedAt()).isEqualTo(Instant.parse("2026-11-16T09:00:00Z"));
        assertThat(r.ip()).isEqualTo("203.0.113.20");
    }

    @Test
    void aSourceIpNobodyOwns_fallsBackToTheReportedDomain() {
        String mail = ArfMails.ofType("abuse").replace("Source-IP: 203.0.113.20", "Source-IP: 192.0.2.200");

        AbuseReport r = only(read(mail), AbuseReport.class);
        assertThat(r.ip()).isEqualTo("192.0.2.200");
        assertThat(r.accountId()).isEqualTo("acc-blast");
    }

    @Test
    void theOriginalSendersDomain_neverAttributesAReport() {
        String mail = ArfMails.ofType("abuse")
                .replace("Source-IP: 203.0.113.20", "Source-IP: 192.0.2.200")
                .replace("Reported-Domain: blast.example\n", "");

        assertThat(read(mail)).singleElement().satisfies(f -> assertThat(f.accountId())
                .isNull());
    }
}
