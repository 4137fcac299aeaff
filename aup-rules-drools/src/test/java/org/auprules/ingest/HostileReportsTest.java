package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.EmailMessage;
import org.auprules.ingest.IngestResult.IngestError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Report files built to break the ingest: each becomes one per-file error naming what is wrong and
 * which limit, and the valid files of the same run still become their facts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileReportsTest {

    /** A valid complaint and a valid X-ARF report, the files that must always go through. */
    private static final ReportFile VALID_ARF = new ReportFile(
            "valid.eml", ArfMails.bytes(ArfMails.ofType("abuse").replace("<fbl-1@", "<valid@")), ReportFormat.ARF);

    private static final ReportFile VALID_XARF = new ReportFile(
            "valid.json", Resources.bytes(Resources.XARF_SAMPLES + "connection-ddos.json"), ReportFormat.XARF);

    private static IngestResult ingest(ReportIngestor ingestor, ReportFile hostile) {
        return ingestor.ingest(List.of(VALID_ARF, hostile, VALID_XARF));
    }

    private static ReportIngestor ingestor() {
        return believing().build();
    }

    /**
     * These tests are about limits, not proof: the reports are read as from a channel declared
     * authenticated, so that the valid complaint's email fact shows it went through.
     */
    private static ReportIngestor.Builder believing() {
        return ReportIngestor.builder()
                .facts(ReportIngestorTest.FLEET)
                .trustedReporters(org.auprules.drools.TrustedReporters.of(org.auprules.drools.PolicyPack.defaultPack()))
                .authenticatedChannel(true);
    }

    /** Ingests the hostile file between two valid ones; returns its single problem after checking the others went through. */
    private static String rejected(ReportIngestor ingestor, ReportFile hostile) {
        IngestResult r = ingest(ingestor, hostile);
        assertValidOnesWentThrough(r);
        assertThat(r.errors()).extracting(IngestError::file).containsExactly(hostile.name());
        assertThat(r.errors().get(0).problems()).hasSize(1);
        String problem = r.errors().get(0).problems().get(0);
        assertThat(problem.length())
                .as("a problem names the limit, it does not echo the input")
                .isLessThan(400);
        return problem;
    }

    private static String rejected(ReportFile hostile) {
        return rejected(ingestor(), hostile);
    }

    private static void assertValidOnesWentThrough(IngestResult r) {
        assertThat(r.facts().reports())
                .extracting(AbuseReport::id)
                .contains("valid@arf.mail.yahoo.com", "9ac39cd1-85f3-4c31-ae87-a0a95f3ebc83");
        assertThat(r.facts().emails()).extracting(EmailMessage::id).contains("valid@arf.mail.yahoo.com/message");
    }

    private static ReportFile arf(String name, String mail) {
        return new ReportFile(name, mail.getBytes(StandardCharsets.UTF_8), ReportFormat.ARF);
    }

    private static ReportFile xarf(String name, String json) {
        return new ReportFile(name, json.getBytes(StandardCharsets.UTF_8), ReportFormat.XARF);
    }

    /** The standard complaint whose original message has this MIME body after its headers. */
    private static String withOriginalBody(String contentType, String body) {
        String original = ArfMails.ORIGINAL
                .replace("Content-Type: text/plain\n", "Content-Type: " + contentType + "\n")
                .replace("Our best prices of the year.\n", body);
        return ArfMails.mail(ArfMails.FEEDBACK, original).replace("<fbl-1@", "<hostile@");
    }

    /** Multiparts nested {@code levels} deep, a text at the bottom. */
    private static String nestedMultipart(int levels) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int i = 1; i < levels; i++) {
            open.append("--n")
                    .append(i - 1)
                    .append("\nContent-Type: multipart/mixed; boundary=\"n")
                    .append(i)
                    .append("\"\n\n");
            close.insert(0, "--n" + (i - 1) + "--\n");
        }
        return open + "--n" + (levels - 1) + "\nContent-Type: text/plain\n\nhello\n--n" + (levels - 1) + "--\n" + close;
    }

    @Test
    void mimeNested8000LevelsDeep_isAnErrorNamingTheDepthLimit() {
        String mail = withOriginalBody("multipart/mixed; boundary=\"n0\"", nestedMultipart(8000));

        assertThat(rejected(arf("nested.eml", mail)))
                .isEqualTo("MIME parts nested more than 16 levels deep (part 3.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1); "
                        + "the limit is maxMimeDepth = 16");
    }

    @Test
    void messagesNestedInMessages8000Deep_areAnErrorToo() {
        StringBuilder original = new StringBuilder();
        for (int i = 0; i < 8000; i++) {
            original.append("From: a@b.example\nContent-Type: message/rfc822\n\n");
        }
        original.append("From: a@b.example\nSubject: bottom\n\nhello\n");
        String mail = ArfMails.mail(
                        ArfMails.FEEDBACK,
                        ArfMails.ORIGINAL.replace(
                                "Content-Type: text/plain\n\nOur best prices of the year.\n",
                                "Content-Type: message/rfc822\n\n" + original))
                .replace("<fbl-1@", "<hostile@");

        assertThat(rejected(arf("russian-doll.eml", mail)))
                .startsWith("MIME parts nested more than 16 levels deep (part 3.")
                .endsWith("the limit is maxMimeDepth = 16");
    }

    @Test
    void nestingWithinTheLimit_isRead() {
        IngestResult r = ingest(
                ingestor(), arf("ten.eml", withOriginalBody("multipart/mixed; boundary=\"n0\"", nestedMultipart(10))));

        assertThat(r.errors()).isEmpty();
        assertThat(r.facts().emails()).extracting(EmailMessage::id).contains("hostile@arf.mail.yahoo.com/message");
    }

    @Test
    void withTheDepthLimitLiftedOnASmallStack_theOverflowIsStillThatFilesErrorAlone() throws InterruptedException {
        ReportIngestor unlimited = believing()
                .limits(ReportIngestor.Limits.defaults()
                        .withMaxMimeDepth(1_000_000)
                        .withMaxMimeParts(1_000_000))
                .build();
        String mail = withOriginalBody("multipart/mixed; boundary=\"n0\"", nestedMultipart(8000));
        AtomicReference<IngestResult> result = new AtomicReference<>();
        Thread small =
                new Thread(null, () -> result.set(ingest(unlimited, arf("nested.eml", mail))), "small", 256 << 10);
        small.start();
        small.join(TimeUnit.SECONDS.toMillis(50));

        IngestResult r = result.get();
        assertThat(r).as("the ingest returned").isNotNull();
        assertValidOnesWentThrough(r);
        // The overflow surfaces as itself or wrapped by the mail library, depending on where the stack runs out.
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.problems())
                .singleElement()
                .asString()
                .matches(
                        "cannot read this ARF file: its parser failed with (StackOverflowError|IllegalStateException), "
                                + "which no limit caught; please report it with the file"));
    }

    @Test
    void tenThousandParts_areAnErrorNamingThePartLimit() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            body.append("--p\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        body.append("--p--\n");
        String mail = withOriginalBody("multipart/mixed; boundary=\"p\"", body.toString());

        assertThat(rejected(arf("many-parts.eml", mail)))
                .isEqualTo("more than 500 MIME parts; the limit is maxMimeParts = 500");
    }

    @Test
    void aPartLargerThanTheLimit_isAnErrorNamingThePartAndTheLimit() {
        String body = "x".repeat(80) + "\n";
        String mail = withOriginalBody("text/plain", body.repeat(5_000));
        ReportIngestor small = believing()
                .limits(ReportIngestor.Limits.defaults().withMaxPartBytes(100_000))
                .build();

        assertThat(rejected(small, arf("huge-part.eml", mail)))
                .matches("MIME part 3 is \\d{6} bytes, more than the limit of 100000 bytes \\(maxPartBytes\\)");
        assertThat(ingest(ingestor(), arf("huge-part.eml", mail)).errors()).isEmpty();
    }

    @Test
    void aFileLargerThanTheLimit_isAnErrorBeforeAnythingIsParsed() {
        ReportIngestor small = believing()
                .limits(ReportIngestor.Limits.defaults().withMaxFileBytes(10_000))
                .build();
        String mail = withOriginalBody("text/plain", "y".repeat(20_000) + "\n");

        assertThat(rejected(small, arf("big.eml", mail)))
                .matches("file is \\d+ bytes, more than the limit of 10000 bytes \\(maxFileBytes\\)");
        assertThat(rejected(small, xarf("big.json", "[" + "0,".repeat(10_000) + "0]")))
                .isEqualTo("file is 20003 bytes, more than the limit of 10000 bytes (maxFileBytes)");
    }

    @Test
    void aHugeHeaderOnTheReport_isAnErrorNamingTheHeaderLimit() {
        String mail = ArfMails.ofType("abuse")
                .replace("Subject: Email Feedback Report", "Subject: " + "long ".repeat(100_000) + "Report");

        assertThat(rejected(arf("long-header.eml", mail)))
                .matches("header block of the mail is \\d+ bytes, more than the limit of 262144 bytes "
                        + "\\(maxHeaderBytes\\)");
    }

    @Test
    void aHugeFeedbackPart_isAnErrorNamingTheHeaderLimit() {
        String feedback = ArfMails.FEEDBACK + "Reported-Uri: http://blast.example/" + "a".repeat(300_000) + "\n";

        assertThat(rejected(arf("long-feedback.eml", ArfMails.mail(feedback, ArfMails.ORIGINAL))))
                .matches("header block of the feedback part is \\d+ bytes, more than the limit of 262144 bytes "
                        + "\\(maxHeaderBytes\\)");
    }

    @Test
    void aHugeHeaderInTheOriginalMessage_isAnErrorToo() {
        String original = "X-Junk: " + "j".repeat(300_000) + "\n" + ArfMails.ORIGINAL;

        assertThat(rejected(arf("long-original.eml", ArfMails.mail(ArfMails.FEEDBACK, original))))
                .matches(
                        "header block of the message in MIME part 3 is \\d+ bytes, more than the limit of 262144 bytes "
                                + "\\(maxHeaderBytes\\)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-no-such-charset", "../../etc/passwd", "utf-7", "UTF-32"})
    void anUnknownOrWrongCharsetInTheOriginal_stillGivesTheReport(String charset) {
        String original = ArfMails.ORIGINAL
                .replace("Subject: Winter sale: 50% off everything", "Subject: =?" + charset + "?Q?Winter_sale?=")
                .replace("Content-Type: text/plain", "Content-Type: text/plain; charset=\"" + charset + "\"");
        String mail = ArfMails.mail(ArfMails.FEEDBACK, original).replace("<fbl-1@", "<charset@");

        IngestResult r = ingest(ingestor(), arf("charset.eml", mail));

        assertValidOnesWentThrough(r);
        assertThat(r.errors()).isEmpty();
        assertThat(r.facts().emails())
                .filteredOn(e -> e.id().equals("charset@arf.mail.yahoo.com/message"))
                .singleElement()
                .satisfies(e -> assertThat(e.subject()).isNotBlank());
    }

    @Test
    void bytesThatAreNotTheDeclaredCharset_stillGiveTheReport() {
        byte[] mail = ArfMails.bytes(ArfMails.mail(
                        ArfMails.FEEDBACK,
                        ArfMails.ORIGINAL.replace(
                                "Content-Type: text/plain", "Content-Type: text/plain; charset=utf-8")))
                .clone();
        String text = new String(mail, StandardCharsets.ISO_8859_1)
                .replace("Our best prices", "Our \u00ff\u00fe\u00c3 best prices")
                .replace("<fbl-1@", "<bytes@");
        IngestResult r = ingest(
                ingestor(), new ReportFile("bytes.eml", text.getBytes(StandardCharsets.ISO_8859_1), ReportFormat.ARF));

        assertThat(r.errors()).isEmpty();
        assertThat(r.facts().reports()).extracting(AbuseReport::id).contains("bytes@arf.mail.yahoo.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Source-IP: 198.51.100.7",
                "Arrival-Date: Tue, 17 Nov 2026 08:00:00 +0000",
                "Original-Mail-From: <other@else.example>",
                "User-Agent: Other/1.0",
                "Version: 1",
                "Reporting-MTA: dns; mx.example",
                "Incidents: 3",
                "Original-Envelope-Id: abc"
            })
    void aFieldRfc5965AllowsOnce_givenTwice_isAnError(String second) {
        String name = second.substring(0, second.indexOf(':'));
        String feedback = ArfMails.FEEDBACK.contains(name + ":")
                ? ArfMails.FEEDBACK + second + "\n"
                : ArfMails.FEEDBACK + second + "\n" + second + "\n";
        String mail = ArfMails.mail(feedback, ArfMails.ORIGINAL);

        assertThat(rejected(arf("twice.eml", mail)))
                .isEqualTo("feedback part: `" + name + "` appears 2 times, "
                        + (name.equals("User-Agent") || name.equals("Version")
                                ? "expected once (RFC 5965 section 3.1)"
                                : "expected at most once (RFC 5965 section 3.2)"));
    }

    @Test
    void fieldsRfc5965AllowsSeveralTimes_areKept() {
        String feedback =
                ArfMails.FEEDBACK + "Original-Rcpt-To: <carol@mail.example>\nReported-Domain: other.example\n";
        IngestResult r = ingest(
                ingestor(),
                arf("several.eml", ArfMails.mail(feedback, ArfMails.ORIGINAL).replace("<fbl-1@", "<sev@")));

        assertThat(r.errors()).isEmpty();
        assertThat(r.facts().reports())
                .filteredOn(x -> x.id().equals("sev@arf.mail.yahoo.com"))
                .singleElement()
                .satisfies(x -> assertThat(x.details())
                        .containsEntry("Original-Rcpt-To", "<bob@mail.example>, <carol@mail.example>"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"From: Other <fbl@other.example>", "Date: Tue, 17 Nov 2026 09:00:00 +0000", "Message-ID: <x@y>"})
    void aReportHeaderRfc5322AllowsOnce_givenTwice_isAnError(String second) {
        String name = second.substring(0, second.indexOf(':'));
        String mail = ArfMails.ofType("abuse").replace("MIME-Version: 1.0\n", "MIME-Version: 1.0\n" + second + "\n");

        assertThat(rejected(arf("twice-header.eml", mail)))
                .isEqualTo("`" + name + "` appears 2 times in the mail's header; RFC 5322 section 3.6 allows it "
                        + "at most once");
    }

    @Test
    void aFeedbackPartWithManyDistinctFields_isReadInLinearTime() {
        StringBuilder feedback = new StringBuilder(ArfMails.FEEDBACK);
        for (int i = 0; i < 20_000; i++) {
            feedback.append("X-F").append(i).append(": v\n");
        }
        long start = System.nanoTime();
        IngestResult r = ingest(
                ingestor(),
                arf(
                        "fields.eml",
                        ArfMails.mail(feedback.toString(), ArfMails.ORIGINAL).replace("<fbl-1@", "<f@")));

        assertThat(r.errors()).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
    }

    // X-ARF

    /** The DDoS sample with one more top-level field. */
    private static String xarfWith(String field, String value) {
        String sample = Resources.text(Resources.XARF_SAMPLES + "connection-ddos.json")
                .replace("9ac39cd1-85f3-4c31-ae87-a0a95f3ebc83", "0e2b7c4a-0c7e-4b8e-9a55-6a2f2b3c4d5e");
        return sample.substring(0, sample.lastIndexOf('}')) + ", \"" + field + "\": " + value + "}";
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 8_000, 200_000})
    void jsonNestedDeeply_isAnErrorNamingTheDepthLimit(int levels) {
        String json = xarfWith("_internal", "{\"a\":".repeat(levels) + "1" + "}".repeat(levels));
        long lastLine = json.chars().filter(c -> c == '\n').count() + 1;

        assertThat(rejected(xarf("deep.json", json)))
                .isEqualTo(
                        "JSON nested more than 64 levels deep (line " + lastLine + "); the limit is maxJsonDepth = 64");
    }

    @Test
    void arraysNestedDeeply_areAnErrorToo() {
        assertThat(rejected(xarf("deep-array.json", xarfWith("extra", "[".repeat(50_000) + "]".repeat(50_000)))))
                .startsWith("JSON nested more than 64 levels deep");
    }

    @Test
    void aHugeString_isAnErrorNamingTheStringLimit() {
        ReportIngestor small = believing()
                .limits(ReportIngestor.Limits.defaults().withMaxJsonStringLength(100_000))
                .build();

        assertThat(rejected(
                        small, xarf("long-string.json", xarfWith("description", "\"" + "s".repeat(200_000) + "\""))))
                .startsWith("JSON string longer than 100000 characters")
                .endsWith("the limit is maxJsonStringLength = 100000");
    }

    @Test
    void aHugeArray_isAnErrorNamingTheTokenLimit() {
        assertThat(rejected(xarf("long-array.json", xarfWith("extra", "[" + "1,".repeat(200_000) + "1]"))))
                .startsWith("JSON has more than 100000 tokens")
                .endsWith("the limit is maxJsonTokens = 100000");
    }

    @Test
    void aHugeNumber_isAnError() {
        assertThat(rejected(xarf("long-number.json", xarfWith("count", "1" + "0".repeat(5_000)))))
                .startsWith("JSON number longer than 1000 digits");
    }

    @Test
    void aDuplicateKey_isAnError() {
        String json = xarfWith("source_identifier", "\"198.51.100.1\"");

        assertThat(rejected(xarf("duplicate.json", json)))
                .startsWith("malformed JSON: duplicate field `source_identifier`: an object names each field once");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"report_id\": 5",
                "\"timestamp\": [1]",
                "\"reporter\": \"spamhaus\"",
                "\"source_identifier\": {\"ip\": \"192.0.2.1\"}",
                "\"category\": null",
                "\"type\": true"
            })
    void aFieldOfTheWrongType_isASchemaError(String field) {
        String name = field.substring(1, field.indexOf('"', 1));
        String sample = Resources.text(Resources.XARF_SAMPLES + "connection-ddos.json")
                .replace("9ac39cd1-85f3-4c31-ae87-a0a95f3ebc83", "0e2b7c4a-0c7e-4b8e-9a55-6a2f2b3c4d5e");
        String json = sample.replaceFirst("\"" + name + "\":\\s*(\"[^\"]*\"|\\{[^}]*\\})", field);
        assertThat(json).isNotEqualTo(sample);

        IngestResult r = ingest(ingestor(), xarf("wrong-type.json", json));

        assertValidOnesWentThrough(r);
        assertThat(r.errors())
                .singleElement()
                .satisfies(e -> assertThat(e.problems()).isNotEmpty().anyMatch(p -> p.startsWith("`$." + name)));
    }
}
