package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.TrustedReporters;
import org.auprules.ingest.IngestResult;
import org.auprules.ingest.ReportFile;
import org.auprules.ingest.ReportFormat;
import org.auprules.ingest.ReportIngestor;
import org.auprules.json.FactsJson;
import org.auprules.json.FactsJsonWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aup-rules evaluate --reports DIR}: ingest and evaluate in one go. */
class EvaluateReportsTest {

    static final String ACCOUNTS = IngestCommandTest.ACCOUNTS;
    static final String REPORTS = "samples/ingest/reports";
    /** The public key the sample feedback-loop mails were signed with; tests never look keys up in DNS. */
    static final String KEYS = IngestCommandTest.KEYS;

    @TempDir
    Path tmp;

    @Test
    void theSampleReports_giveTheViolationsTheyProve_andNoticesForTheUnattributable() {
        // wide enough that no message wraps
        CliRun run = CliRun.of("evaluate", "--width", "300", "--reports", REPORTS, "--dkim-keys", KEYS, ACCOUNTS);

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains(
                        "CONFIRMED unsolicited email: verified complaints",
                        "3 verified spam complaints in the 30 days before 2026-11-28T12:00:00Z",
                        "CONFIRMED opt-out not honoured in time",
                        "`bob@mail.example` opted out at 2026-11-02T09:15:00Z but was mailed at 2026-11-20T08:00:00Z")
                .contains("UNATTRIBUTABLE_REPORT  02eb480f-8172-431a-9276-c28ba90f694a")
                .contains("UNATTRIBUTABLE_REPORT  56c915c2-19bc-46e1-868f-2ee9222bc149")
                .as("the untrusted ARF samples prove nothing, not even what the message they quote lacks")
                .doesNotContain("commercial email without an opt-out mechanism");
    }

    @Test
    void withoutTheirKeys_theSignedComplaintsProveNothing() throws IOException {
        Path otherKeys = Files.writeString(tmp.resolve("keys.txt"), "# no key of the samples\n");

        CliRun run = CliRun.of("evaluate", "--reports", REPORTS, "--dkim-keys", otherKeys.toString(), ACCOUNTS);

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .doesNotContain("CONFIRMED unsolicited email: verified complaints")
                .doesNotContain("CONFIRMED opt-out not honoured in time");
    }

    @Test
    void anAuthenticatedChannel_believesTheTrustedReportersOfEveryReport() throws IOException {
        Path otherKeys = Files.writeString(tmp.resolve("keys.txt"), "# no key of the samples\n");

        CliRun run = CliRun.of(
                "evaluate",
                "--reports",
                REPORTS,
                "--dkim-keys",
                otherKeys.toString(),
                "--reports-authenticated",
                ACCOUNTS);

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains("CONFIRMED unsolicited email: verified complaints", "CONFIRMED opt-out not honoured in time");
    }

    @Test
    void theVerificationOptions_needReports() {
        CliRun run = CliRun.of("evaluate", "--reports-authenticated", ACCOUNTS);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo(
                        "aup-rules: --reports-authenticated and --dkim-keys apply to the reports of `--reports DIR`; "
                                + "give that option too, or leave them out\n");
    }

    @Test
    void ingestThenEvaluate_givesTheSameResultAsEvaluateWithReports() throws IOException {
        Path merged = tmp.resolve("merged.json");
        Path step = tmp.resolve("step.json");
        Files.writeString(
                step,
                CliRun.of("ingest", "xarf", "--accounts", ACCOUNTS, REPORTS + "/xarf-v4")
                        .out());
        // X-ARF needs no key; the sample mails do
        Files.writeString(
                merged,
                CliRun.of(
                                "ingest",
                                "arf",
                                "--dkim-keys",
                                KEYS,
                                "--accounts",
                                step.toString(),
                                REPORTS + "/arf",
                                REPORTS + "/fbl")
                        .out());

        CliRun twoSteps = CliRun.of("evaluate", "--format", "json", merged.toString());
        CliRun oneStep = CliRun.of("evaluate", "--format", "json", "--reports", REPORTS, "--dkim-keys", KEYS, ACCOUNTS);

        assertThat(twoSteps.code()).isZero();
        assertThat(oneStep.out()).isEqualTo(twoSteps.out());
    }

    @Test
    void failOn_stillDecidesTheExitCode() {
        assertThat(CliRun.of("evaluate", "--fail-on", "HIGH", "--reports", REPORTS, "--dkim-keys", KEYS, ACCOUNTS)
                        .code())
                .isOne();
        assertThat(CliRun.of("evaluate", "--fail-on", "CRITICAL", "--reports", REPORTS, "--dkim-keys", KEYS, ACCOUNTS)
                        .code())
                .isZero();
    }

    @Test
    void anInvalidReportFile_isNamedOnStderr_andTheRestIsEvaluated_withExit4() throws IOException {
        Path dir = tmp.resolve("reports");
        Files.createDirectories(dir.resolve("fbl"));
        for (String f :
                new String[] {"2026-11-20-complaint.eml", "2026-11-24-complaint.eml", "2026-11-26-complaint.eml"}) {
            Files.copy(Path.of(REPORTS, "fbl", f), dir.resolve("fbl").resolve(f));
        }
        Files.writeString(
                dir.resolve("bounce.eml"),
                "From: mailer-daemon@host.example\nContent-Type: multipart/report; "
                        + "report-type=delivery-status; boundary=x\n\n--x\n\n--x--\n");
        Files.writeString(dir.resolve("notes.txt"), "not a report, and skipped: neither .json nor .eml");

        CliRun run = CliRun.of("evaluate", "--reports", dir.toString(), "--dkim-keys", KEYS, ACCOUNTS);

        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err())
                .contains(dir.resolve("bounce.eml") + ": wrong report-type `delivery-status`")
                .endsWith("1 of 4 report files invalid, 3 ingested\n")
                .doesNotContain("notes.txt");
        assertThat(run.out()).contains("CONFIRMED unsolicited email: verified complaints");
        assertThat(CliRun.of(
                                "evaluate",
                                "--fail-on",
                                "HIGH",
                                "--reports",
                                dir.toString(),
                                "--dkim-keys",
                                KEYS,
                                ACCOUNTS)
                        .code())
                .as("a violation at --fail-on wins over invalid files")
                .isOne();
    }

    @Test
    void theFactsFileInsideTheReportsFolder_isNotTakenForAReport() {
        CliRun run = CliRun.of("evaluate", "--reports", "samples/ingest", "--dkim-keys", KEYS, ACCOUNTS);

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aReportsFolderThatIsNotThere_isInvalidInput() {
        CliRun run = CliRun.of("evaluate", "--reports", "no-such-folder", ACCOUNTS);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("aup-rules: cannot read reports folder `no-such-folder`: no such folder\n");
    }

    /** The Java example of docs/ingest.md, with paths relative to this module. */
    @Test
    void theJavaExampleOfTheGuide_runs() {
        FactSet accounts = FactsJson.read(Path.of("samples/ingest/accounts.json"));
        IngestResult result = ReportIngestor.builder()
                .facts(accounts)
                .trustedReporters(TrustedReporters.of(PolicyPack.defaultPack()))
                .keyResolver(ReportIngestor.KeyResolver.keyFile(Path.of("samples/ingest/dkim-keys.txt")))
                .build()
                .ingest(
                        ReportFormat.ARF,
                        ReportFile.expand(List.of(Path.of("samples/ingest/reports/fbl")), List.of(ReportFormat.ARF)));
        EvaluationResult verdict =
                DroolsAupEvaluator.builder().defaultPolicy().build().evaluate(result.facts());
        String document = FactsJsonWriter.write(result.facts());

        assertThat(result.errors()).isEmpty();
        assertThat(verdict.violations()).extracting(v -> v.clauseId()).contains("1.A.5", "1.A.1");
        assertThat(FactsJson.read(document, null)).isEqualTo(result.facts());
    }
}
