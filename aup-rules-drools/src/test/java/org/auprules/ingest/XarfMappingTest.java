package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.DmcaNotice;
import org.auprules.api.facts.IpScope;
import org.auprules.api.facts.ReportType;
import org.auprules.drools.TrustedReporters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an X-ARF report's fields become a fact: attribution, verification, listings and DMCA elements. */
class XarfMappingTest {

    static final List<Account> ACCOUNTS = Resources.accounts("""
            {"accounts": [
              {"id": "acc-a", "ips": ["198.51.100.9", "203.0.113.5", "2001:db8::7"], "domains": ["shop.example"]},
              {"id": "acc-b", "ips": ["203.0.113.5"], "domains": ["blog.example"]}
            ]}""");
    static final TrustedReporters SPAMHAUS = TrustedReporters.of(List.of(new TrustedReporters.Entry(
            "The Spamhaus Project",
            TrustedReporters.Kind.ANTI_ABUSE_ORGANISATION,
            List.of(),
            List.of("spamhaus.org"),
            List.of("Spamhaus"))));

    private static AccountFact read(ObjectNode report, TrustedReporters trusted) {
        List<AccountFact> facts = XarfReader.of(ACCOUNTS, trusted).read("r.json", report.toString());
        assertThat(facts).hasSize(1);
        return facts.get(0);
    }

    /** Read as if it came through a channel the operator declared authenticated. */
    private static AccountFact readFromAuthenticatedChannel(ObjectNode report, TrustedReporters trusted) {
        IngestContext channel = new IngestContext(ACCOUNTS, trusted, ReportIngestor.KeyResolver.none(), true);
        List<AccountFact> facts =
                XarfReader.of(channel, ReportIngestor.Limits.defaults()).read("r.json", report.toString());
        assertThat(facts).hasSize(1);
        return facts.get(0);
    }

    private static ObjectNode scan(String sourceIdentifier) {
        return XarfTypesTest.core(XarfType.CONNECTION_PORT_SCAN)
                .put("source_identifier", sourceIdentifier)
                .put("source_port", 4444)
                .put("protocol", "tcp")
                .put("first_seen", "2025-02-03T04:00:00Z");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            198.51.100.9,       acc-a
            2001:db8::7,        acc-a
            shop.example,       acc-a
            www.shop.example,   acc-a
            SHOP.EXAMPLE.,      acc-a
            blog.example,       acc-b
            198.51.100.10,      none
            myshop.example,     none
            203.0.113.5,        none
            2001:0DB8:0::0007,  acc-a
            ::ffff:198.51.100.9, acc-a
            """)
    void theSourceIdentifier_attributesTheReport(String identifier, String account) {
        AbuseReport r = (AbuseReport) read(scan(identifier), TrustedReporters.none());
        assertThat(r.accountId()).isEqualTo(account);
    }

    @Test
    void anIpIdentifier_isTheReportsIp_aDomainItsDomain() {
        assertThat(((AbuseReport) read(scan("198.51.100.9"), TrustedReporters.none())).ip())
                .isEqualTo("198.51.100.9");
        AbuseReport byName = (AbuseReport) read(scan("Mail.Shop.Example"), TrustedReporters.none());
        assertThat(byName.ip()).isNull();
        assertThat(byName.domain()).isEqualTo("mail.shop.example");
    }

    @Test
    void aContentReport_isAttributedByItsUrl_whenNobodyOwnsItsAddress() {
        ObjectNode phishing = XarfTypesTest.core(XarfType.CONTENT_PHISHING)
                .put("source_identifier", "192.0.2.99")
                .put("url", "https://login.blog.example/verify");

        AbuseReport r = (AbuseReport) read(phishing, TrustedReporters.none());

        assertThat(r.accountId()).isEqualTo("acc-b");
        assertThat(r.url()).isEqualTo("https://login.blog.example/verify");
        assertThat(r.type()).isEqualTo(ReportType.PHISHING);
    }

    @ParameterizedTest(name = "reporter {0} / {1} / {2} verified: {3}")
    @CsvSource(textBlock = """
            abuse@spamhaus.org,      spamhaus.org,        Someone,                true
            abuse@desk.example,      spamhaus.org,        Someone,                true
            abuse@desk.example,      xbl.spamhaus.org,    Someone,                true
            abuse@desk.example,      desk.example,        '  spamHAUS ',          true
            reports@mx.spamhaus.org, desk.example,        Someone,                true
            abuse@desk.example,      notspamhaus.org,     Someone,                false
            abuse@desk.example,      spamhaus.org.evil.example, Someone,          false
            abuse@desk.example,      desk.example,        The Spamhaus Project Fan Club, false
            """)
    void throughAnAuthenticatedChannel_aReportIsVerified_onlyWhenItsReporterIsTrusted(
            String contact, String domain, String org, boolean verified) {
        ObjectNode report = scan("198.51.100.9");
        report.putObject("reporter").put("org", org).put("contact", contact).put("domain", domain);

        AbuseReport r = (AbuseReport) readFromAuthenticatedChannel(report, SPAMHAUS);

        assertThat(r.verified()).isEqualTo(verified);
        assertThat(r.details().get("verification"))
                .isEqualTo(
                        verified
                                ? "verified: authenticated channel (trusted reporter `The Spamhaus Project`)"
                                : "unverified: reporter `" + contact + "` (" + org + ", " + domain
                                        + ") is not a trusted reporter");
        assertThat(r.reporter()).isEqualTo(contact);
        assertThat(r.organisation()).isEqualTo(org);
    }

    @ParameterizedTest(name = "reporter {0} / {1} / {2}, no authenticated channel: unverified")
    @CsvSource(textBlock = """
            abuse@spamhaus.org,      spamhaus.org,        Someone
            abuse@desk.example,      desk.example,        '  spamHAUS '
            reports@mx.spamhaus.org, desk.example,        The Spamhaus Project
            """)
    void withoutAnAuthenticatedChannel_aTrustedReportersNameProvesNothing(String contact, String domain, String org) {
        ObjectNode report = scan("198.51.100.9");
        report.putObject("reporter").put("org", org).put("contact", contact).put("domain", domain);

        AbuseReport r = (AbuseReport) read(report, SPAMHAUS);

        assertThat(r.verified()).isFalse();
        assertThat(r.details().get("verification"))
                .isEqualTo("unverified: it claims to come from trusted reporter `The Spamhaus Project`, but an X-ARF "
                        + "report carries no signature that proves who sent it, and its channel is not declared "
                        + "authenticated");
    }

    @Test
    void aVerificationFieldInTheReport_isTheSendersWords_keptApartFromTheIngestorsReason() {
        ObjectNode report = scan("198.51.100.9");
        report.put("verification", "verified: dkim d=spamhaus.org s=s1");

        AbuseReport r = (AbuseReport) read(report, SPAMHAUS);

        assertThat(r.verified()).isFalse();
        assertThat(r.details())
                .containsEntry("report.verification", "verified: dkim d=spamhaus.org s=s1")
                .hasEntrySatisfying("verification", v -> assertThat(v).startsWith("unverified: reporter "));
    }

    @Test
    void aTrustedSender_doesNotVerifyAnUntrustedReportersComplaint() {
        ObjectNode report = scan("198.51.100.9");
        report.putObject("sender")
                .put("org", "Spamhaus")
                .put("contact", "relay@spamhaus.org")
                .put("domain", "spamhaus.org");

        AbuseReport r = (AbuseReport) readFromAuthenticatedChannel(report, SPAMHAUS);

        assertThat(r.verified()).isFalse();
        assertThat(r.details()).containsEntry("sender.org", "Spamhaus");
    }

    private static ObjectNode blocklist(String identifier, String reporterDomain) {
        ObjectNode r = XarfTypesTest.core(XarfType.REPUTATION_BLOCKLIST)
                .put("source_identifier", identifier)
                .put("threat_type", "spam");
        r.putObject("reporter")
                .put("org", "Zen")
                .put("contact", "lists@" + reporterDomain)
                .put("domain", reporterDomain);
        return r;
    }

    @Test
    void aTrustedBlocklistReport_ofAnAddressOneAccountOwns_isADedicatedListing() {
        AccountFact f = readFromAuthenticatedChannel(blocklist("198.51.100.9", "spamhaus.org"), SPAMHAUS);

        assertThat(f).isInstanceOf(BlacklistListing.class);
        BlacklistListing l = (BlacklistListing) f;
        assertThat(l.accountId()).isEqualTo("acc-a");
        assertThat(l.ipScope()).isEqualTo(IpScope.DEDICATED);
        assertThat(l.list()).isEqualTo("spamhaus.org");
        assertThat(l.id()).isEqualTo("0b5c2f9e-8a3d-4c1e-9f7b-2d6e8a4c1b3f");
    }

    @Test
    void anAddressInsideAnotherAccountsRange_isShared_andAnotherSpellingOfAnOwnedAddress_isDedicated() {
        List<Account> accounts = Resources.accounts("""
                {"accounts": [
                  {"id": "acc-a", "ips": ["2001:db8::7"]},
                  {"id": "acc-b", "ips": ["192.0.2.0/28"]},
                  {"id": "acc-c", "ips": ["192.0.2.3"]}
                ]}""");
        IngestContext channel = new IngestContext(accounts, SPAMHAUS, ReportIngestor.KeyResolver.none(), true);
        XarfReader reader = XarfReader.of(channel, ReportIngestor.Limits.defaults());

        BlacklistListing inRange = (BlacklistListing)
                reader.read("r.json", blocklist("192.0.2.3", "spamhaus.org").toString())
                        .get(0);
        BlacklistListing spelled = (BlacklistListing) reader.read(
                        "r.json",
                        blocklist("2001:0db8:0:0:0:0:0:0007", "spamhaus.org").toString())
                .get(0);

        assertThat(inRange.ipScope()).isEqualTo(IpScope.SHARED);
        assertThat(inRange.accountId()).isNull();
        assertThat(spelled.ipScope()).isEqualTo(IpScope.DEDICATED);
        assertThat(spelled.accountId()).isEqualTo("acc-a");
    }

    @Test
    void aTrustedBlocklistReport_ofAnAddressTwoAccountsList_isASharedListing() {
        BlacklistListing l =
                (BlacklistListing) readFromAuthenticatedChannel(blocklist("203.0.113.5", "spamhaus.org"), SPAMHAUS);

        assertThat(l.ipScope()).isEqualTo(IpScope.SHARED);
        assertThat(l.accountId())
                .as("no owner is picked by its place in the input: evaluate settles it from the owners' own mail")
                .isNull();
    }

    @Test
    void aTrustedBlocklistReport_ofAnAddressNobodyOwns_isAnUnattributedListing() {
        BlacklistListing l =
                (BlacklistListing) readFromAuthenticatedChannel(blocklist("192.0.2.1", "spamhaus.org"), SPAMHAUS);

        assertThat(l.accountId()).isNull();
        assertThat(l.ipScope()).isEqualTo(IpScope.DEDICATED);
    }

    @Test
    void anUntrustedBlocklistReport_isAnUnverifiedReportForReview_notAListing() {
        AbuseReport r =
                (AbuseReport) readFromAuthenticatedChannel(blocklist("198.51.100.9", "lists.example"), SPAMHAUS);

        assertThat(r.type()).isEqualTo(ReportType.OTHER);
        assertThat(r.verified()).isFalse();
        assertThat(r.source()).isEqualTo("xarf:reputation/blocklist");
        assertThat(r.accountId()).isEqualTo("acc-a");
    }

    @Test
    void aTrustedBlocklistReport_withoutAnAuthenticatedChannel_isAReportForReview_notAListing() {
        AbuseReport r = (AbuseReport) read(blocklist("198.51.100.9", "spamhaus.org"), SPAMHAUS);

        assertThat(r.type()).isEqualTo(ReportType.OTHER);
        assertThat(r.verified()).isFalse();
        assertThat(r.accountId()).isEqualTo("acc-a");
    }

    @Test
    void aTrustedBlocklistReport_ofADomain_isAReportForReview() {
        AbuseReport r = (AbuseReport) readFromAuthenticatedChannel(blocklist("shop.example", "spamhaus.org"), SPAMHAUS);

        assertThat(r.type()).isEqualTo(ReportType.OTHER);
        assertThat(r.verified()).isTrue();
        assertThat(r.domain()).isEqualTo("shop.example");
    }

    @Test
    void aCopyrightReport_provesWorkMaterialAndContact_butNeverTheSignatureOrSwornStatements() {
        ObjectNode report = XarfTypesTest.core(XarfType.COPYRIGHT_COPYRIGHT)
                .put("infringing_url", "http://shop.example/film.mp4")
                .put("work_title", "A Film");

        AbuseReport r = (AbuseReport) read(report, TrustedReporters.none());

        assertThat(r.dmca()).isEqualTo(new DmcaNotice(false, true, true, true, false, false));
        assertThat(r.dmca().missing())
                .containsExactly("signature", "goodFaithStatement", "accuracyUnderPenaltyOfPerjury");
        assertThat(r.accountId()).isEqualTo("acc-a");
        assertThat(r.counterNoticeReceived()).isFalse();
    }

    @Test
    void aCopyrightReport_withoutAWorkTitle_missesWorkIdentified() {
        ObjectNode report =
                XarfTypesTest.core(XarfType.COPYRIGHT_COPYRIGHT).put("infringing_url", "http://shop.example/film.mp4");

        assertThat(((AbuseReport) read(report, TrustedReporters.none())).dmca().workIdentified())
                .isFalse();
    }

    @Test
    void aUsenetReport_identifiesTheMaterialByNewsgroupAndMessageId() {
        ObjectNode report = XarfTypesTest.core(XarfType.COPYRIGHT_USENET)
                .put("newsgroup", "alt.binaries.movies")
                .put("work_identifier", "ISAN 0000-0000-3A8D-0000-Z-0000-0000-6");
        report.putObject("message_info").put("message_id", "<part1of9@news.example>");

        DmcaNotice n = ((AbuseReport) read(report, TrustedReporters.none())).dmca();

        assertThat(n.materialIdentified()).isTrue();
        assertThat(n.workIdentified()).isTrue();
    }

    @Test
    void aP2pReport_identifiesTheMaterialByItsSwarm() {
        AbuseReport r = (AbuseReport) XarfReader.of(ACCOUNTS, TrustedReporters.none())
                .read("p2p", Resources.bytes(Resources.XARF_SAMPLES + "copyright-p2p.json"))
                .get(0);

        assertThat(r.dmca()).isEqualTo(new DmcaNotice(false, true, true, true, false, false));
        assertThat(r.details())
                .containsEntry("swarm_info.info_hash", "da39a3ee5e6b4b0d3255bfef95601890afd80709")
                .containsEntry("p2p_protocol", "bittorrent");
    }

    @Test
    void nonCopyrightReports_carryNoDmcaNotice() {
        assertThat(((AbuseReport) read(scan("198.51.100.9"), TrustedReporters.none())).dmca())
                .isNull();
    }

    @Test
    void details_dropPayloadsAndInternalMetadata_butKeepEvidenceDescriptions() {
        ObjectNode report = scan("198.51.100.9");
        report.putArray("evidence")
                .addObject()
                .put("content_type", "text/plain")
                .put("payload", "c2VjcmV0")
                .put("description", "IDS log")
                .put("hash", "sha256:00ff");
        report.putObject("_internal").put("ticket", "ABUSE-1");
        report.putArray("tags").add("scan:syn").add("target:ssh");

        AbuseReport r = (AbuseReport) read(report, TrustedReporters.none());

        assertThat(r.details())
                .containsEntry("evidence[0].description", "IDS log")
                .containsEntry("evidence[0].hash", "sha256:00ff")
                .containsEntry("tags", "scan:syn, target:ssh")
                .doesNotContainKeys("evidence[0].payload", "_internal.ticket", "_internal")
                .doesNotContainKeys("report_id", "timestamp", "source_identifier", "reporter.org", "reporter.contact");
    }
}
