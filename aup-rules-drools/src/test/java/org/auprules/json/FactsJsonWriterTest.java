package org.auprules.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.ReportType;
import org.junit.jupiter.api.Test;

/** The facts document written by FactsJsonWriter reads back, with FactsJson, to the same facts. */
class FactsJsonWriterTest {

    /** Every list of docs/contract.md, with every field of every fact set. */
    static final String EVERYTHING = """
            {
              "evaluatedAt": "2026-11-28T12:00:00Z",
              "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE",
                            "createdAt": "2025-01-10T00:00:00Z", "owner": "Jane Doe", "contactEmail": "jane@example.com",
                            "ips": ["203.0.113.7", "2001:db8::7"], "domains": ["shop.example"]},
                           {"id": "acc-2"}],
              "emails": [{"id": "m-1", "accountId": "acc-1", "sentAt": "2026-11-27T09:00:00Z",
                          "fromAddress": "news@shop.example", "sendingIp": "203.0.113.7", "recipientCount": 2500,
                          "subject": "Winter sale \\"50%\\" off — ünïcode", "commercial": true, "listId": "list-1",
                          "hasRemovalLink": false, "listUnsubscribeHeader": "<mailto:u@shop.example>",
                          "hasPhysicalAddress": true, "spf": "pass", "dkim": "fail", "fromDomainAligned": false,
                          "deceptiveSubject": false},
                         {"id": "m-2", "accountId": "acc-1", "recipientCount": 0, "subject": ""}],
              "mailingLists": [{"id": "list-1", "accountId": "acc-1", "source": "DOUBLE_OPT_IN", "subscriberCount": 2500,
                                "withOptInIp": 2500, "withConfirmation": 2400, "withContactInfo": 2500}],
              "optOutRequests": [{"accountId": "acc-1", "recipient": "bob@example.org",
                                  "requestedAt": "2026-11-01T00:00:00Z", "lastMailedAt": "2026-11-20T00:00:00Z"}],
              "blacklistListings": [{"id": "bl-1", "ip": "203.0.113.7", "list": "zen.spamhaus.org",
                                     "listedAt": "2026-11-27T00:00:00Z", "ipScope": "SHARED"}],
              "files": [{"id": "f-1", "accountId": "acc-1", "path": "/home/acc1/public_html/x.php", "sizeBytes": 12034,
                         "sha256": "ab12", "mimeType": "text/x-php", "scannerSignature": "Php.Webshell.C99",
                         "categories": ["HACKING", "MALWARE"]}],
              "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 4242, "name": "xmrig",
                             "commandLine": "./xmrig -o pool", "cpuPercent": 98.5, "memoryMb": 512,
                             "runtimeSeconds": 86400, "listeningPorts": [6667, 8080]}],
              "websites": [{"id": "w-1", "accountId": "acc-1", "domain": "shop.example", "categories": ["GAMBLING"],
                            "installedSoftware": ["Revive Adserver 5.4"]}],
              "audioStreams": [{"accountId": "acc-1", "server": "icecast", "mount": "/live", "commercial": true}],
              "networkActivity": [{"accountId": "acc-1", "windowSeconds": 300, "distinctDestinations": 40000,
                                   "distinctDestinationPorts": 3, "peakPacketsPerSecond": 120000,
                                   "targetsCompanyInfrastructure": true}],
              "accessAttempts": [{"accountId": "acc-1", "kind": "BRUTE_FORCE", "target": "ssh://10.0.0.5",
                                  "attempts": 350, "windowSeconds": 600, "succeeded": false}],
              "resourceUsage": [{"accountId": "acc-1", "windowSeconds": 3600, "cpuPercent": 180.0, "memoryMb": 3072,
                                 "ioMbPerSecond": 40.5, "processCount": 15, "inodes": 250000}],
              "exports": [{"accountId": "acc-1", "destinationCountry": "IR", "item": "crypto-lib.tar.gz",
                           "eccn": "5D002", "at": "2026-11-01T00:00:00Z"}],
              "logins": [{"accountId": "acc-1", "country": "KP", "ip": "175.45.176.1", "at": "2026-11-02T00:00:00Z"}],
              "permits": [{"accountId": "acc-1", "type": "EXPORT_LICENSE", "reference": "D123456", "covers": "5D002",
                           "validUntil": "2027-01-01T00:00:00Z"}],
              "reports": [{"id": "r-1", "accountId": "acc-1", "type": "DMCA", "receivedAt": "2026-11-20T00:00:00Z",
                           "reporter": "rights@studio.example", "verified": true,
                           "dmca": {"signature": true, "workIdentified": true, "materialIdentified": false,
                                    "contactInformation": true, "goodFaithStatement": true,
                                    "accuracyUnderPenaltyOfPerjury": false},
                           "counterNoticeReceived": true, "ip": "203.0.113.7", "domain": "shop.example",
                           "url": "http://shop.example/a", "email": "x@shop.example", "organisation": "Studio",
                           "source": "xarf:copyright/copyright", "details": {"z": "last", "a": "first", "m.n[0]": "x"}},
                          {"id": "r-2", "type": "OTHER"}]
            }
            """;

    @Test
    void everyKindOfFact_roundTrips() {
        FactSet facts = FactsJson.read(EVERYTHING, null);

        String written = FactsJsonWriter.write(facts);

        assertThat(FactsJson.read(written, null)).isEqualTo(facts);
        assertThat(FactsJsonWriter.write(FactsJson.read(written, null))).isEqualTo(written);
        assertThat(facts.accountFactLists().values()).allMatch(list -> !list.isEmpty());
    }

    @Test
    void absentValuesAndEmptyLists_areLeftOut_emptyStringsAndFalseAreKept() {
        String written = FactsJsonWriter.write(FactsJson.read("""
                {"accounts": [{"id": "acc-1", "ips": []}],
                 "emails": [{"id": "m-1", "accountId": "acc-1", "subject": "", "commercial": false}]}""", null));

        assertThat(written).isEqualTo("""
                {
                  "accounts" : [
                    {
                      "id" : "acc-1"
                    }
                  ],
                  "emails" : [
                    {
                      "id" : "m-1",
                      "accountId" : "acc-1",
                      "recipientCount" : 0,
                      "subject" : "",
                      "commercial" : false
                    }
                  ]
                }
                """);
    }

    @Test
    void timesAreInstants_andDetailsAreSortedByKey() {
        String written = FactsJsonWriter.write(FactsJson.read(EVERYTHING, null));

        assertThat(written)
                .contains("\"evaluatedAt\" : \"2026-11-28T12:00:00Z\"")
                .containsSubsequence("\"a\" : \"first\"", "\"m.n[0]\" : \"x\"", "\"z\" : \"last\"")
                .doesNotContain("null")
                .doesNotContain("[ ]")
                .doesNotContain("hasOptOut")
                .doesNotContain("missing");
    }

    @Property(tries = 200)
    void anyTextInAReportOrMessage_roundTrips(@ForAll String subject, @ForAll String key, @ForAll String value) {
        FactSet facts = FactsJson.read("{\"accounts\": [{\"id\": \"a\"}]}", null).toBuilder()
                .emails(List.of(new EmailMessage(
                        "m", "a", null, null, null, 1, subject, null, null, null, null, null, null, null, null, null)))
                .reports(List.of(new AbuseReport(
                        "r",
                        null,
                        ReportType.SPAM,
                        null,
                        null,
                        false,
                        null,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Map.of(key, value))))
                .build();

        assertThat(FactsJson.read(FactsJsonWriter.write(facts), null)).isEqualTo(facts);
    }
}
