package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Notice;
import org.auprules.api.NoticeKind;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.OptOutRequest;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.TrustedReporters;
import org.auprules.ingest.IngestResult.IngestError;
import org.auprules.json.FactsJson;
import org.auprules.json.FactsJsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Files in, facts document out, per-file errors beside it; and what the policy makes of the result. */
class ReportIngestorTest {

    private static final DroolsAupEvaluator EVALUATOR =
            DroolsAupEvaluator.builder().defaultPolicy().build();
    private static final TrustedReporters TRUST = TrustedReporters.of(PolicyPack.defaultPack());

    static final FactSet FLEET = Resources.facts("""
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [
               {"id": "acc-blast", "plan": "shared-pro", "ips": ["203.0.113.20"], "domains": ["blast.example"]},
               {"id": "acc-quiet", "plan": "shared-basic", "ips": ["203.0.113.30"]}
             ],
             "reports": [
               {"id": "r-old", "accountId": "acc-quiet", "type": "OTHER", "receivedAt": "2026-01-01T00:00:00Z",
                "reporter": "desk@host.example", "verified": true}
             ]}""");

    /** Yahoo's feedback loop, as far as these tests know it: a key made for this run. */
    private static final DkimSigner YAHOO = DkimSigner.generate("arf.mail.yahoo.com", "fbl2026");

    private static ReportIngestor ingestor() {
        return ReportIngestor.builder()
                .facts(FLEET)
                .trustedReporters(TRUST)
                .keyResolver(ReportIngestor.KeyResolver.keyText("keys", YAHOO.keyFileLine()))
                .build();
    }

    /** A Yahoo feedback-loop complaint about mail from acc-blast to a recipient, arriving at a time. */
    private static ReportFile complaint(String id, String type, String recipient, String arrival) {
        String mail = ArfMails.ofType(type)
                .replace("<fbl-1@arf.mail.yahoo.com>", "<" + id + "@arf.mail.yahoo.com>")
                .replace("bob@mail.example", recipient)
                .replace("Arrival-Date: Mon, 16 Nov 2026 08:00:00 +0000", "Arrival-Date: " + arrival)
                .replace("Date: Mon, 16 Nov 2026 09:00:00 +0000", "Date: " + arrival);
        return new ReportFile(id + ".eml", YAHOO.sign(ArfMails.bytes(mail)), ReportFormat.ARF);
    }

    /** The same complaint, unsigned: what anyone can write with Yahoo's address in From. */
    private static ReportFile forged(ReportFile signed) {
        String text = new String(signed.content(), StandardCharsets.UTF_8);
        return new ReportFile(
                signed.name(),
                text.substring(text.indexOf("\r\n") + 2).getBytes(StandardCharsets.UTF_8),
                ReportFormat.ARF);
    }

    private static ReportFile sample(String file) {
        return new ReportFile(file, Resources.bytes(Resources.XARF_SAMPLES + file), ReportFormat.XARF);
    }

    @Test
    void validFilesGoThrough_andEachInvalidOneIsReportedOnItsOwn() {
        ReportFile broken = new ReportFile(
                "broken.json", "{\"xarf_version\": \"4.2.0\"}".getBytes(StandardCharsets.UTF_8), ReportFormat.XARF);
        ReportFile bounce = new ReportFile(
                "bounce.eml",
                ArfMails.bytes(ArfMails.ofType("abuse").replace("feedback-report;", "delivery-status;")),
                ReportFormat.ARF);

        IngestResult r = ingestor()
                .ingest(List.of(
                        sample("connection-ddos.json"),
                        broken,
                        complaint("c1", "abuse", "bob@mail.example", "Mon, 16 Nov 2026 08:00:00 +0000"),
                        bounce));

        assertThat(r.ingested()).isEqualTo(2);
        assertThat(r.complete()).isFalse();
        assertThat(r.errors()).extracting(IngestError::file).containsExactly("broken.json", "bounce.eml");
        assertThat(r.errors().get(0).problems()).hasSize(7).allMatch(p -> p.contains("missing required field"));
        assertThat(r.errors().get(1).lines()).singleElement().asString().startsWith("bounce.eml: wrong report-type");
        assertThat(r.facts().reports())
                .extracting(x -> x.id())
                .containsExactly("r-old", "9ac39cd1-85f3-4c31-ae87-a0a95f3ebc83", "c1@arf.mail.yahoo.com");
        assertThat(r.facts().emails()).extracting(x -> x.id()).containsExactly("c1@arf.mail.yahoo.com/message");
        assertThat(r.facts().accounts()).isEqualTo(FLEET.accounts());
        assertThat(r.facts().evaluatedAt()).isEqualTo(FLEET.evaluatedAt());
    }

    @Test
    void theSameReportTwice_isIngestedOnce() {
        IngestResult r = ingestor()
                .ingest(List.of(
                        sample("connection-ddos.json"),
                        new ReportFile(
                                "copy.json",
                                Resources.bytes(Resources.XARF_SAMPLES + "connection-ddos.json"),
                                ReportFormat.XARF)));

        assertThat(r.ingested()).isOne();
        assertThat(r.errors())
                .singleElement()
                .isEqualTo(new IngestError(
                        "copy.json",
                        List.of(
                                "duplicate report id `9ac39cd1-85f3-4c31-ae87-a0a95f3ebc83`: `connection-ddos.json` already has it; "
                                        + "a report is ingested once")));
    }

    @Test
    void aReportTheFactsDocumentAlreadyHas_isNotIngestedAgain() {
        FactSet withIt = FLEET.toBuilder()
                .reports(List.of(FLEET.reports().get(0).withId("c1@arf.mail.yahoo.com")))
                .build();

        IngestResult r = ReportIngestor.builder()
                .facts(withIt)
                .build()
                .ingest(List.of(complaint("c1", "abuse", "bob@mail.example", "Mon, 16 Nov 2026 08:00:00 +0000")));

        assertThat(r.errors())
                .singleElement()
                .extracting(IngestError::problems, list(String.class))
                .containsExactly(
                        "duplicate report id `c1@arf.mail.yahoo.com`: the facts document already has it; a report is ingested once");
    }

    @Test
    void filesThatCannotBeRead_areErrorsToo() {
        IngestResult r = ingestor().ingest(ReportFormat.XARF, List.of(Path.of("no/such/report.json")));

        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("no/such/report.json");
            assertThat(e.problems()).singleElement().asString().startsWith("cannot read `no/such/report.json`");
        });
        assertThat(r.facts()).isEqualTo(FLEET);
    }

    @Test
    void theFileListener_hearsEveryFile_inOrder_validInvalidOrUnreadable() {
        List<String> heard = new java.util.ArrayList<>();
        ReportIngestor listened = ReportIngestor.builder()
                .facts(FLEET)
                .trustedReporters(TRUST)
                .onFileRead(heard::add)
                .build();
        ReportFile broken = new ReportFile(
                "broken.json", "{\"xarf_version\": \"4.2.0\"}".getBytes(StandardCharsets.UTF_8), ReportFormat.XARF);
        IngestResult r = listened.ingest(List.of(sample("connection-ddos.json"), broken));
        assertThat(heard).containsExactly("connection-ddos.json", "broken.json");
        assertThat(r.ingested()).isOne();
        assertThat(r.facts())
                .isEqualTo(ingestor()
                        .ingest(List.of(sample("connection-ddos.json"), broken))
                        .facts());

        heard.clear();
        listened.ingest(ReportFormat.XARF, List.of(Path.of("no/such/report.json")));
        assertThat(heard).containsExactly("no/such/report.json");
    }

    @Test
    void aBuilderWithoutFacts_saysWhatToDo() {
        assertThatThrownBy(() -> ReportIngestor.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no facts given: call facts(FactSet)");
    }

    @ParameterizedTest(name = "{0} verified complaints in 30 days: 1.A.5 {1}")
    @CsvSource({"2, false", "3, true"})
    void verifiedFeedbackLoopComplaints_reachTheSpamThreshold(int complaints, boolean violates) {
        List<ReportFile> files = new ArrayList<>();
        for (int i = 0; i < complaints; i++) {
            files.add(complaint(
                    "c" + i, "abuse", "user" + i + "@mail.example", "Mon, 2" + i + " Nov 2026 08:00:00 +0000"));
        }

        EvaluationResult result = EVALUATOR.evaluate(ingestor().ingest(files).facts());

        assertThat(result.violations().stream().anyMatch(v -> v.clauseId().equals("1.A.5")))
                .isEqualTo(violates);
    }

    @Test
    void forgedComplaints_inTheNameOfATrustedFeedbackLoop_proveNoSpam() {
        List<ReportFile> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            files.add(forged(
                    complaint("c" + i, "abuse", "u" + i + "@mail.example", "Mon, 2" + i + " Nov 2026 08:00:00 +0000")));
        }

        IngestResult ingested = ingestor().ingest(files);
        EvaluationResult result = EVALUATOR.evaluate(ingested.facts());

        assertThat(ingested.errors())
                .as("a missing signature is no ingest error")
                .isEmpty();
        assertThat(ingested.facts().reports())
                .hasSize(6)
                .filteredOn(r -> r.source() != null)
                .allSatisfy(r -> {
                    assertThat(r.verified()).isFalse();
                    assertThat(r.details().get("verification")).startsWith("unverified: no DKIM signature");
                });
        assertThat(result.violations()).noneMatch(v -> v.clauseId().equals("1.A.5"));
        assertThat(EVALUATOR
                        .evaluate(ReportIngestor.builder()
                                .facts(FLEET)
                                .trustedReporters(TRUST)
                                .authenticatedChannel(true)
                                .build()
                                .ingest(files)
                                .facts())
                        .violations())
                .as("the same files, from a channel the operator declared authenticated, are believed")
                .anyMatch(v -> v.clauseId().equals("1.A.5"));
    }

    @Test
    void complaintsFromAnUntrustedReporter_proveNoSpam() {
        List<ReportFile> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            files.add(
                    complaint("c" + i, "abuse", "u" + i + "@mail.example", "Mon, 2" + i + " Nov 2026 08:00:00 +0000"));
        }

        EvaluationResult result = EVALUATOR.evaluate(
                ReportIngestor.builder().facts(FLEET).build().ingest(files).facts());

        assertThat(result.violations()).noneMatch(v -> v.clauseId().equals("1.A.5"));
    }

    @ParameterizedTest(name = "complaint {1} after an opt-out on Mon 2 Nov: 1.A.1 {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Mon, 16 Nov 2026 10:00:00 +0000 | 2026-11-16T10:00:00Z | false
            Tue, 17 Nov 2026 10:00:00 +0000 | 2026-11-17T10:00:00Z | true
            """)
    void aComplaintAfterTheOptOutDeadline_provesTheOptOutWasNotHonoured(String arrival, Instant at, boolean violates) {
        ReportFile optOut = complaint("o1", "opt-out", "bob@mail.example", "Mon, 2 Nov 2026 08:00:00 +0000");
        ReportFile later = complaint("c1", "abuse", "Bob@Mail.Example", arrival);

        IngestResult ingested = ingestor().ingest(List.of(optOut, later));
        EvaluationResult result = EVALUATOR.evaluate(ingested.facts());

        assertThat(ingested.facts().optOutRequests())
                .singleElement()
                .extracting(OptOutRequest::lastMailedAt)
                .isEqualTo(at);
        assertThat(result.violations().stream().anyMatch(v -> v.ruleId().equals("1.A.1 opt-out not honoured in time")))
                .isEqualTo(violates);
    }

    @Test
    void theComplainedAboutMessage_isJudgedByThePolicy() {
        String noOptOut = ArfMails.mail(ArfMails.FEEDBACK, ArfMails.ORIGINAL);
        ReportFile signed = new ReportFile("c.eml", YAHOO.sign(ArfMails.bytes(noOptOut)), ReportFormat.ARF);

        EvaluationResult result =
                EVALUATOR.evaluate(ingestor().ingest(List.of(signed)).facts());

        assertThat(result.violations())
                .extracting(Violation::accountId, Violation::ruleId)
                .contains(tuple("acc-blast", "1.A.1 commercial email without an opt-out mechanism"));
        IngestResult forged = ingestor().ingest(List.of(forged(signed)));
        assertThat(forged.facts().emails())
                .as("the message quoted by an unverified report proves nothing")
                .isEmpty();
        assertThat(EVALUATOR.evaluate(forged.facts()).violations())
                .noneMatch(v -> v.accountId() != null && v.accountId().equals("acc-blast"));
    }

    @Test
    void anUnattributableReport_isKeptInTheDocument_andEvaluatedAsANotice() {
        IngestResult r = ingestor().ingest(List.of(sample("messaging-spam.json")));

        assertThat(r.facts().reports())
                .extracting(x -> x.id(), x -> x.accountId())
                .contains(tuple("02eb480f-8172-431a-9276-c28ba90f694a", null));
        FactSet reread = FactsJson.read(FactsJsonWriter.write(r.facts()), null);
        assertThat(reread).isEqualTo(r.facts());
        assertThat(EVALUATOR.evaluate(reread).notices())
                .extracting(Notice::reportId, Notice::kind)
                .contains(tuple("02eb480f-8172-431a-9276-c28ba90f694a", NoticeKind.UNATTRIBUTABLE_REPORT));
    }

    @Test
    void aTrustedBlocklistReport_throughAnAuthenticatedChannel_becomesAListing_thatBreaks1A3() {
        String json = Resources.text(Resources.XARF_SAMPLES + "reputation-blocklist.json")
                .replace("\"203.0.113.200\"", "\"203.0.113.30\"")
                .replace("\"Threat Intelligence Consortium\"", "\"The Spamhaus Project\"");
        ReportFile file = new ReportFile("bl.json", json.getBytes(StandardCharsets.UTF_8), ReportFormat.XARF);

        assertThat(ingestor().ingest(List.of(file)).facts().blacklistListings())
                .as("an X-ARF file proves nothing about its sender")
                .isEmpty();
        IngestResult r = ReportIngestor.builder()
                .facts(FLEET)
                .trustedReporters(TRUST)
                .authenticatedChannel(true)
                .build()
                .ingest(List.of(file));
        EvaluationResult result = EVALUATOR.evaluate(r.facts());

        assertThat(r.facts().blacklistListings()).singleElement().satisfies(l -> {
            assertThat(l.accountId()).isEqualTo("acc-quiet");
            assertThat(l.list()).isEqualTo("threat-intel.example");
        });
        assertThat(result.violations())
                .extracting(Violation::accountId, Violation::ruleId)
                .contains(tuple("acc-quiet", "1.A.3 blacklisted dedicated IP address"));
    }
}
