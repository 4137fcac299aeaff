package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.IpScope;
import org.auprules.api.facts.ReportType;
import org.auprules.drools.TrustedReporters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every X-ARF sample the X-ARF project ships, read as the facts it becomes. */
class XarfSamplesTest {

    /** An account for each sample's source, except the two private addresses, which nobody owns here. */
    static final List<Account> ACCOUNTS = Resources.accounts("""
            {"accounts": [
              {"id": "acc-ddos",     "ips": ["192.0.2.155"]},
              {"id": "acc-ssh",      "ips": ["198.51.100.77"]},
              {"id": "acc-scan",     "ips": ["198.51.100.150"]},
              {"id": "acc-malware",  "ips": ["192.0.2.75"]},
              {"id": "acc-phish",    "domains": ["secure-banking-login.example.com"]},
              {"id": "acc-stream",   "domains": ["pirate-streams.example.com"]},
              {"id": "acc-torrent",  "ips": ["192.0.2.100"]},
              {"id": "acc-bot",      "ips": ["198.51.100.25"]},
              {"id": "acc-bulk",     "domains": ["bulk-sender.example"]},
              {"id": "acc-c2",       "ips": ["203.0.113.200"]}
            ]}""");

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(
                        "connection-ddos.json",
                        "9ac39cd1-85f3-4c31-ae87-a0a95f3ebc83",
                        ReportType.DDOS,
                        "xarf:connection/ddos",
                        "acc-ddos"),
                Arguments.of(
                        "connection-login-attack.json",
                        "dbf79f17-f4f4-4c22-ae58-19991f52a1e8",
                        ReportType.BRUTE_FORCE,
                        "xarf:connection/login_attack",
                        "acc-ssh"),
                Arguments.of(
                        "connection-port-scan.json",
                        "5cb60abc-119f-4f7d-a81d-26f89eed942b",
                        ReportType.SCANNING,
                        "xarf:connection/port_scan",
                        "acc-scan"),
                Arguments.of(
                        "content-malware.json",
                        "83915efa-a15d-4c95-9eda-729d88d19d4c",
                        ReportType.MALWARE,
                        "xarf:content/malware",
                        "acc-malware"),
                Arguments.of(
                        "content-phishing.json",
                        "1a5ec293-0849-40a4-9eba-d5926262ff05",
                        ReportType.PHISHING,
                        "xarf:content/phishing",
                        "acc-phish"),
                Arguments.of(
                        "copyright-copyright.json",
                        "f4a82ca4-28fb-4f09-a29c-0fe0706ac974",
                        ReportType.DMCA,
                        "xarf:copyright/copyright",
                        "acc-stream"),
                Arguments.of(
                        "copyright-p2p.json",
                        "2acc5d8c-15ba-4432-8ee1-08c657711c63",
                        ReportType.DMCA,
                        "xarf:copyright/p2p",
                        "acc-torrent"),
                Arguments.of(
                        "infrastructure-botnet.json",
                        "31cccdf0-e34b-47b7-b5a9-b8fb58b54c90",
                        ReportType.BOTNET,
                        "xarf:infrastructure/botnet",
                        "acc-bot"),
                Arguments.of(
                        "messaging-bulk-messaging.json",
                        "4d725a50-851c-4963-af88-91fbb9ced1ce",
                        ReportType.SPAM,
                        "xarf:messaging/bulk_messaging",
                        "acc-bulk"),
                Arguments.of(
                        "messaging-spam.json",
                        "02eb480f-8172-431a-9276-c28ba90f694a",
                        ReportType.SPAM,
                        "xarf:messaging/spam",
                        null),
                Arguments.of(
                        "reputation-blocklist.json",
                        "62b0db36-3f81-4c55-9b69-a3e37a767220",
                        ReportType.OTHER,
                        "xarf:reputation/blocklist",
                        "acc-c2"),
                Arguments.of(
                        "vulnerability-cve.json",
                        "56c915c2-19bc-46e1-868f-2ee9222bc149",
                        ReportType.VULNERABILITY,
                        "xarf:vulnerability/cve",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void sample_becomesOneReport(String file, String reportId, ReportType type, String source, String account) {
        List<AccountFact> facts = XarfReader.of(ACCOUNTS, TrustedReporters.none())
                .read(file, Resources.bytes(Resources.XARF_SAMPLES + file));

        assertThat(facts).singleElement().isInstanceOf(AbuseReport.class);
        AbuseReport r = (AbuseReport) facts.get(0);
        assertThat(r.id()).isEqualTo(reportId);
        assertThat(r.type()).isEqualTo(type);
        assertThat(r.source()).isEqualTo(source);
        assertThat(r.accountId()).isEqualTo(account);
        assertThat(r.verified()).as("no sample reporter is trusted").isFalse();
        assertThat(r.organisation())
                .isEqualTo(Resources.json(Resources.XARF_SAMPLES + file)
                        .at("/reporter/org")
                        .asText());
        assertThat(r.details()).containsKey("xarf_version").doesNotContainKeys("report_id", "category", "type");
        assertThat(r.details().keySet()).noneMatch(k -> k.endsWith(".payload"));
    }

    @Test
    void ddosSample_keepsItsFieldsAsEvidence() {
        AbuseReport r = (AbuseReport) XarfReader.of(ACCOUNTS, TrustedReporters.none())
                .read("ddos", Resources.bytes(Resources.XARF_SAMPLES + "connection-ddos.json"))
                .get(0);

        assertThat(r.receivedAt()).isEqualTo(Instant.parse("2025-01-11T09:21:23Z"));
        assertThat(r.reporter()).isEqualTo("ddos@ddos-monitor.example");
        assertThat(r.ip()).isEqualTo("192.0.2.155");
        assertThat(r.details())
                .containsEntry("peak_pps", "250000")
                .containsEntry("attack_vector", "syn_flood")
                .containsEntry("tags", "attack:syn_flood, volume:high, mitigation:applied")
                .containsEntry("evidence[0].description", "DDoS attack flow analysis and statistics")
                .containsEntry("sender.org", "DDoS Protection Service")
                .containsEntry("reporter.domain", "ddos-monitor.example");
    }

    @Test
    void spamSample_fromAPrivateAddress_staysUnattributed_andItsSenderIsNotUsedToAttribute() {
        List<Account> ownsTheSender = Resources.accounts("""
                {"accounts": [{"id": "acc-example", "domains": ["example.com"]}]}""");

        AbuseReport r = (AbuseReport) XarfReader.of(ownsTheSender, TrustedReporters.none())
                .read("spam", Resources.bytes(Resources.XARF_SAMPLES + "messaging-spam.json"))
                .get(0);

        assertThat(r.accountId())
                .as("smtp_from can be forged; it never attributes")
                .isNull();
        assertThat(r.ip()).isEqualTo("192.168.1.100");
        assertThat(r.email()).isNull();
        assertThat(r.details())
                .containsEntry("smtp_from", "marketing@example.com")
                .containsEntry("subject", "Urgent: Claim Your Prize Now!");
    }

    @Test
    void phishingSample_isAttributedByTheHostOfItsUrl() {
        AbuseReport r = (AbuseReport) XarfReader.of(ACCOUNTS, TrustedReporters.none())
                .read("phish", Resources.bytes(Resources.XARF_SAMPLES + "content-phishing.json"))
                .get(0);

        assertThat(r.url()).isEqualTo("http://secure-banking-login.example.com/auth");
        assertThat(r.accountId()).isEqualTo("acc-phish");
        assertThat(r.details()).containsEntry("target_brand", "Major Bank Corp").doesNotContainKey("url");
    }

    @Test
    void blocklistSample_fromATrustedReporter_throughAnAuthenticatedChannel_becomesABlacklistListing() {
        TrustedReporters trusted = TrustedReporters.of(List.of(new TrustedReporters.Entry(
                "intel",
                TrustedReporters.Kind.ANTI_ABUSE_ORGANISATION,
                List.of(),
                List.of("threat-intel.example"),
                List.of())));

        byte[] sample = Resources.bytes(Resources.XARF_SAMPLES + "reputation-blocklist.json");
        assertThat(XarfReader.of(ACCOUNTS, trusted).read("bl", sample))
                .as("without an authenticated channel, the reporter's name proves nothing")
                .singleElement()
                .isInstanceOf(AbuseReport.class)
                .extracting(f -> ((AbuseReport) f).verified())
                .isEqualTo(false);

        List<AccountFact> facts = XarfReader.of(
                        new IngestContext(ACCOUNTS, trusted, ReportIngestor.KeyResolver.none(), true),
                        ReportIngestor.Limits.defaults())
                .read("bl", sample);

        assertThat(facts)
                .singleElement()
                .isEqualTo(new BlacklistListing(
                        "62b0db36-3f81-4c55-9b69-a3e37a767220",
                        "acc-c2",
                        "203.0.113.200",
                        "threat-intel.example",
                        Instant.parse("2025-01-11T10:51:30Z"),
                        IpScope.DEDICATED));
    }

    @Test
    void everySampleOfTheSharedSamplesIsTested() throws Exception {
        Path dir = Path.of(
                getClass().getClassLoader().getResource(Resources.XARF_SAMPLES).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")))
                    .containsExactlyInAnyOrderElementsOf(
                            samples().map(a -> (String) a.get()[0]).toList());
        }
    }
}
