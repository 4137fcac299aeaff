package org.auprules.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.TrustedReporters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forged copies of every shared sample report (../shared/samples: both ARF mails and the twelve
 * X-ARF reports), each made to claim a reporter the default pack trusts, are ingested unverified;
 * the same reports signed by the trusted reporter's key, or read from a channel declared
 * authenticated, are verified.
 */
@Timeout(120)
class ForgedSamplesTest {

    static final TrustedReporters TRUST = TrustedReporters.of(PolicyPack.defaultPack());
    static final DkimSigner YAHOO = DkimSigner.generate("arf.mail.yahoo.com", "fbl2026");
    static final DkimSigner FORGER = DkimSigner.generate("evil.example", "s1");
    static final ReportIngestor.KeyResolver KEYS =
            ReportIngestor.KeyResolver.keyText("keys.txt", YAHOO.keyFileLine() + "\n" + FORGER.keyFileLine());
    static final FactSet FLEET = Resources.facts("""
            {"accounts": [
              {"id": "acc-sample", "ips": ["192.0.2.1"]},
              {"id": "acc-media", "ips": ["203.0.113.200"]}
            ]}""");

    /** The shared samples, as this project's test resources hold them. */
    static Stream<String> arfSamples() {
        return list(Resources.ARF_SAMPLES, ".eml");
    }

    static Stream<String> xarfSamples() {
        return list(Resources.XARF_SAMPLES, ".json");
    }

    private static Stream<String> list(String resource, String extension) {
        try (Stream<Path> files = Files.list(dir(resource))) {
            return files
                    .map(f -> resource + f.getFileName())
                    .filter(f -> f.endsWith(extension))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir(String resource) {
        try {
            return Path.of(ForgedSamplesTest.class
                    .getClassLoader()
                    .getResource(resource)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IngestResult ingest(ReportFormat format, byte[] content, boolean channel) {
        return ReportIngestor.builder()
                .facts(FLEET)
                .trustedReporters(TRUST)
                .keyResolver(KEYS)
                .authenticatedChannel(channel)
                .build()
                .ingest(List.of(new ReportFile("forged", content, format)));
    }

    private static AbuseReport onlyReport(IngestResult r) {
        assertThat(r.errors()).as("a forged report is ingested, not rejected").isEmpty();
        return r.facts().reports().stream()
                .filter(f -> f.source() != null)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void everySharedSample_hasItsCopyHere_byteForByte() throws IOException {
        assertThat(arfSamples()).hasSize(2);
        assertThat(xarfSamples()).hasSize(12);
        Path shared = Path.of("../../shared/samples");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "shared/ is beside the checkout");
        try (Stream<Path> arf = Files.list(shared.resolve("arf"));
                Stream<Path> xarf = Files.list(shared.resolve("xarf-v4/samples"))) {
            List<Path> all = Stream.concat(arf.filter(p -> p.toString().endsWith(".eml")), xarf)
                    .toList();
            assertThat(all).hasSize(14);
            for (Path p : all) {
                String copy = (p.toString().endsWith(".eml") ? Resources.ARF_SAMPLES : Resources.XARF_SAMPLES)
                        + p.getFileName();
                assertThat(Resources.bytes(copy)).as(copy).isEqualTo(Files.readAllBytes(p));
            }
        }
    }

    /**
     * The sample with Yahoo's feedback loop as its From, and a Message-ID as a feedback loop gives
     * its reports (the samples have none; a verified report needs one).
     */
    private static byte[] claimingYahoo(String sample) {
        String text = Resources.text(sample);
        assertThat(text).startsWith("From: <abusedesk@example.com>");
        return text.replaceFirst(
                        "From: <abusedesk@example.com>",
                        "From: Yahoo! Feedback Loop <feedback@arf.mail.yahoo.com>\nMessage-ID: <"
                                + sample.substring(sample.lastIndexOf('/') + 1) + "@arf.mail.yahoo.com>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arfSamples")
    void aForgedArfSample_isUnverified_however_itIsForged(String sample) {
        byte[] forged = claimingYahoo(sample);

        AbuseReport unsigned = onlyReport(ingest(ReportFormat.ARF, forged, false));
        AbuseReport ownDomain = onlyReport(ingest(ReportFormat.ARF, FORGER.sign(forged), false));
        AbuseReport ownKey = onlyReport(ingest(
                ReportFormat.ARF,
                FORGER.claiming("arf.mail.yahoo.com", "fbl2026").sign(forged),
                false));

        assertThat(unsigned.reporter()).isEqualTo("feedback@arf.mail.yahoo.com");
        assertThat(List.of(unsigned, ownDomain, ownKey)).noneMatch(AbuseReport::verified);
        assertThat(unsigned.details().get("verification")).startsWith("unverified: no DKIM signature");
        assertThat(ownDomain.details().get("verification"))
                .startsWith("unverified: DKIM signature d=evil.example s=s1 is not aligned with trusted reporter "
                        + "`Yahoo Complaint Feedback Loop`");
        assertThat(ownKey.details().get("verification"))
                .startsWith("unverified: DKIM signature d=arf.mail.yahoo.com s=fbl2026 fails: header signature does "
                        + "not verify");
        assertThat(unsigned.accountId())
                .as("still attributed, for a person to read")
                .isEqualTo("acc-sample");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arfSamples")
    void theSameArfSample_signedByTheTrustedReporter_orFromAnAuthenticatedChannel_isVerified(String sample) {
        byte[] claimed = claimingYahoo(sample);

        AbuseReport signed = onlyReport(ingest(ReportFormat.ARF, YAHOO.sign(claimed), false));
        AbuseReport channel = onlyReport(ingest(ReportFormat.ARF, claimed, true));

        assertThat(signed.verified()).isTrue();
        assertThat(signed.details().get("verification"))
                .isEqualTo("verified: dkim d=arf.mail.yahoo.com s=fbl2026 (trusted reporter `Yahoo Complaint Feedback "
                        + "Loop`)");
        assertThat(channel.verified()).isTrue();
        assertThat(channel.details().get("verification"))
                .isEqualTo("verified: authenticated channel (trusted reporter `Yahoo Complaint Feedback Loop`)");
    }

    /** The sample with The Spamhaus Project as its reporter and sender. */
    private static byte[] claimingSpamhaus(String sample) {
        ObjectNode r = Resources.json(sample);
        for (String who : List.of("reporter", "sender")) {
            r.putObject(who)
                    .put("org", "The Spamhaus Project")
                    .put("contact", "abuse@spamhaus.org")
                    .put("domain", "spamhaus.org");
        }
        return r.toString().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xarfSamples")
    void aForgedXarfSample_isUnverified_andBecomesNoListing(String sample) {
        IngestResult r = ingest(ReportFormat.XARF, claimingSpamhaus(sample), false);

        AbuseReport forged = onlyReport(r);
        assertThat(forged.verified()).isFalse();
        assertThat(forged.organisation()).isEqualTo("The Spamhaus Project");
        assertThat(forged.details().get("verification"))
                .isEqualTo("unverified: it claims to come from trusted reporter `The Spamhaus Project`, but an X-ARF "
                        + "report carries no signature that proves who sent it, and its channel is not declared "
                        + "authenticated");
        assertThat(r.facts().blacklistListings()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xarfSamples")
    void theSameXarfSample_fromAnAuthenticatedChannel_isVerified(String sample) {
        IngestResult r = ingest(ReportFormat.XARF, claimingSpamhaus(sample), true);

        assertThat(r.errors()).isEmpty();
        List<AccountFact> facts = r.facts().accountFacts().toList();
        if (sample.endsWith("reputation-blocklist.json")) {
            assertThat(r.facts().blacklistListings())
                    .singleElement()
                    .extracting(BlacklistListing::accountId)
                    .isEqualTo("acc-media");
        } else {
            AbuseReport believed = onlyReport(r);
            assertThat(believed.verified()).as(facts.toString()).isTrue();
            assertThat(believed.details().get("verification"))
                    .isEqualTo("verified: authenticated channel (trusted reporter `The Spamhaus Project`)");
        }
    }
}
