package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.TrustedReporters;
import org.auprules.drools.internal.FactsValidator;
import org.auprules.fuzzing.Bounded;
import org.auprules.fuzzing.Failures;
import org.auprules.fuzzing.FuzzCases;
import org.auprules.fuzzing.FuzzTries;
import org.auprules.fuzzing.JsonMutation;
import org.auprules.fuzzing.Seeds;
import org.auprules.fuzzing.Seeds.Named;
import org.auprules.fuzzing.TextMutation;
import org.auprules.internal.CanonicalFacts;
import org.auprules.json.FactsJson;

/**
 * Report files, fuzzed through {@link ReportIngestor}: the ARF mails and X-ARF reports of the samples,
 * changed below and above their structure (bytes, header lines, boundaries, charsets, MIME nesting
 * past the limit; JSON members and values), each ingested after a valid file of the same run. The
 * valid file always goes through; the mutated one becomes facts or a per-file error with problems,
 * never an exception, a hang, or the catch-all "its parser failed" error; the merged facts meet the
 * contract. Reordered X-ARF keys and CRLF line ends in ARF give the same facts.
 */
@AddLifecycleHook(FuzzTries.class)
class ReportFilesFuzz {

    static final Path SAMPLES = Path.of("../aup-rules-examples/samples/ingest/reports");
    static final FactSet ACCOUNTS = FactsJson.read(Seeds.INGEST_ACCOUNTS);
    static final ReportIngestor INGESTOR = ReportIngestor.builder()
            .facts(ACCOUNTS)
            .trustedReporters(TrustedReporters.of(PolicyPack.defaultPack()))
            .build();
    static final List<Named<byte[]>> ARF = files("arf", ".eml");
    static final List<Named<byte[]>> XARF = files("xarf-v4", ".json");
    /** The file ingested first in every case: it must go through whatever follows it. */
    static final ReportFile CONTROL = new ReportFile(
            "control.eml", read(SAMPLES.resolve("fbl").resolve("2026-11-20-complaint.eml")), ReportFormat.ARF);

    static List<Named<byte[]>> files(String folder, String extension) {
        List<Named<byte[]>> out = new ArrayList<>();
        for (String sub : extension.equals(".eml") ? List.of("arf", "fbl") : List.of(folder)) {
            try (var files = Files.list(SAMPLES.resolve(sub))) {
                files.filter(f -> f.toString().endsWith(extension))
                        .sorted()
                        .forEach(f -> out.add(new Named<>(sub + "/" + f.getFileName(), read(f))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Header lines and MIME parts an ARF mail gets inserted at a line. */
    static final List<String> MIME = List.of(
            "Source-IP: 192.0.2.1",
            "Source-IP: 999.999.1.1",
            "Source-IP: ",
            "Feedback-Type: abuse",
            "Feedback-Type: not-a-type",
            "Version: 99",
            "Arrival-Date: yesterday",
            "Arrival-Date: Mon, 31 Feb 2026 25:61:61 +9999",
            "Original-Rcpt-To: <" + "x".repeat(5000) + "@example.com>",
            "Content-Type: multipart/report; report-type=feedback-report; boundary=\"\"",
            "Content-Type: multipart/mixed; boundary=\"x\"",
            "Content-Type: message/rfc822",
            "Content-Type: text/plain; charset=\"x-unknown\"",
            "Content-Type: text/plain; charset=\"utf-7\"",
            "Content-Type: text/plain; charset=\"utf-16\"",
            "Content-Transfer-Encoding: base64",
            "Content-Transfer-Encoding: quoted-printable",
            "Subject: =?utf-8?B?w6k=?= =?x-bogus?Q?=FF?=",
            "Subject: =?utf-8?B?",
            "X-Folded:\n\t" + "folded ".repeat(2000),
            "--part1_13d.2e68ed54_boundary",
            "--part1_13d.2e68ed54_boundary--",
            "",
            "\u0000\u00ff\u0080");

    /** A change to an ARF mail: a header line inserted, or the mail nested in {@code depth} MIME levels. */
    record MimeChange(int kind, int at, int pick, int depth) {
        String applyTo(String mail) {
            if (kind % 3 != 0) {
                String[] lines = mail.split("\n", -1);
                int i = at % lines.length;
                List<String> out = new ArrayList<>(List.of(lines));
                out.add(i, MIME.get(pick % MIME.size()));
                return String.join("\n", out);
            }
            String m = mail;
            for (int d = 0; d < depth; d++) {
                m = pick % 2 == 0
                        ? "Content-Type: multipart/mixed; boundary=\"n" + d + "\"\n\n--n" + d + "\n" + m + "\n--n" + d
                                + "--\n"
                        : "Content-Type: message/rfc822\n\n" + m;
            }
            return m;
        }
    }

    @Provide
    Arbitrary<Named<byte[]>> arfMails() {
        return Arbitraries.of(ARF);
    }

    @Provide
    Arbitrary<Named<byte[]>> xarfReports() {
        return Arbitraries.of(XARF);
    }

    @Provide
    Arbitrary<List<MimeChange>> mimeChanges() {
        Arbitrary<Integer> any = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        return Combinators.combine(any, any, any, Arbitraries.integers().between(1, 40))
                .as(MimeChange::new)
                .list()
                .ofMinSize(0)
                .ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<TextMutation>> textChanges() {
        return TextMutation.lists(3);
    }

    @Provide
    Arbitrary<List<JsonMutation>> jsonChanges() {
        return JsonMutation.lists(3);
    }

    @Property
    @FuzzCases(150)
    void mutatedArfMails_becomeFactsOrAPerFileError(
            @ForAll("arfMails") Named<byte[]> seed,
            @ForAll("mimeChanges") List<MimeChange> mime,
            @ForAll("textChanges") List<TextMutation> text) {
        // ISO-8859-1 maps each byte to one char and back, so text changes reach every byte value
        String mail = new String(seed.value(), StandardCharsets.ISO_8859_1);
        for (MimeChange m : mime) {
            mail = m.applyTo(mail);
        }
        String mutated = TextMutation.apply(mail, text);
        byte[] bytes = mutated.getBytes(StandardCharsets.ISO_8859_1);
        Failures.keep("arf", mutated, () -> checkIngest(new ReportFile("fuzz.eml", bytes, ReportFormat.ARF)));
    }

    @Property
    @FuzzCases(150)
    void mutatedXarfReports_becomeFactsOrAPerFileError(
            @ForAll("xarfReports") Named<byte[]> seed,
            @ForAll("jsonChanges") List<JsonMutation> changes,
            @ForAll JsonMutation.Style style,
            @ForAll("textChanges") List<TextMutation> text) {
        JsonNode tree = Seeds.tree(new String(seed.value(), StandardCharsets.UTF_8));
        String mutated = TextMutation.apply(style.write(JsonMutation.apply(tree, changes)), text);
        byte[] bytes = mutated.getBytes(StandardCharsets.UTF_8);
        Failures.keep("xarf", mutated, () -> checkIngest(new ReportFile("fuzz.json", bytes, ReportFormat.XARF)));
    }

    static void checkIngest(ReportFile mutated) {
        IngestResult result = Bounded.call("ingesting", () -> INGESTOR.ingest(List.of(CONTROL, mutated)))
                .get();
        assertThat(result.errors()).hasSizeLessThanOrEqualTo(1).allSatisfy(e -> assertThat(e.file())
                .isEqualTo(mutated.name()));
        assertThat(result.ingested()).isEqualTo(2 - result.errors().size());
        Statistics.label("outcome").collect(result.errors().isEmpty() ? "ingested" : "per-file error");
        for (IngestResult.IngestError e : result.errors()) {
            assertThat(e.problems()).allSatisfy(p -> assertThat(p)
                    .isNotBlank()
                    .doesNotContain("which no limit caught")
                    .doesNotContain("Exception"));
        }
        // what was ingested meets the contract of a facts document
        Bounded.call("validating the merged facts", () -> {
                    FactsValidator.validate(result.facts());
                    return null;
                })
                .get();
    }

    @Property
    @FuzzCases(20)
    void reorderedXarfKeys_andCrlfArfMails_giveTheSameFacts(
            @ForAll("xarfReports") Named<byte[]> xarf,
            @ForAll("arfMails") Named<byte[]> arf,
            @ForAll long shuffle,
            @ForAll JsonMutation.Style style) {
        String json = new String(xarf.value(), StandardCharsets.UTF_8);
        String reordered = style.write(JsonMutation.shuffleKeys(Seeds.tree(json), new Random(shuffle)));
        String mail = new String(arf.value(), StandardCharsets.ISO_8859_1);
        String crlf = mail.replace("\r\n", "\n").replace("\n", "\r\n");
        Failures.keep("reports-reordered", reordered + "\n\n" + crlf, () -> {
            FactSet before = ingest(xarf.name(), xarf.value(), arf.name(), arf.value());
            FactSet after = ingest(
                    xarf.name(),
                    reordered.getBytes(StandardCharsets.UTF_8),
                    arf.name(),
                    crlf.getBytes(StandardCharsets.ISO_8859_1));
            assertThat(Seeds.difference(CanonicalFacts.json(after), CanonicalFacts.json(before)))
                    .isEmpty();
        });
    }

    /**
     * Found by the fuzzing: the ids of the facts of an ARF mail whose original message has no usable
     * {@code Message-ID} (the sample {@code arf/001.eml}) are digests of its bytes, so the same mail
     * saved with CRLF instead of LF line ends (as mail is sent) got other ids and was ingested
     * twice, counting one complaint as two. The digest now reads CRLF as LF.
     */
    @Example
    void theSameMailWithCrlfLineEnds_isTheSameReport() {
        byte[] lf = ARF.get(0).value();
        byte[] crlf = new String(lf, StandardCharsets.ISO_8859_1)
                .replace("\n", "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        IngestResult r = INGESTOR.ingest(List.of(
                new ReportFile("lf.eml", lf, ReportFormat.ARF), new ReportFile("crlf.eml", crlf, ReportFormat.ARF)));
        assertThat(r.ingested()).isEqualTo(1);
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.file())
                .isEqualTo("crlf.eml"));
    }

    static FactSet ingest(String xarfName, byte[] xarf, String arfName, byte[] arf) {
        IngestResult r = INGESTOR.ingest(List.of(
                new ReportFile(xarfName, xarf, ReportFormat.XARF), new ReportFile(arfName, arf, ReportFormat.ARF)));
        assertThat(r.errors()).isEmpty();
        return r.facts();
    }
}
