package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.apache.james.jdkim.DKIMSigner;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar checks DKIM signatures with a key file: a complaint signed with a key made for
 * this run is verified; a forged one in the feedback loop's name, unsigned or signed by the forger,
 * is ingested unverified, and neither is an ingest error.
 */
@Timeout(300)
class DkimReportsJarIT {

    static final String COMPLAINT = "samples/ingest/reports/fbl/2026-11-24-complaint.eml";

    @TempDir
    Path tmp;

    /** The mail with a DKIM-Signature by {@code domain}/{@code selector} on top, as jDKIM's signer writes it. */
    private static String sign(String mail, String domain, String selector, KeyPair key) throws Exception {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain + "; s=" + selector
                + "; h=from:to:subject:date:message-id:mime-version:content-type; bh=; b=;";
        String field = new DKIMSigner(template, key.getPrivate())
                .sign(new ByteArrayInputStream(mail.getBytes(StandardCharsets.US_ASCII)));
        return field + "\n" + mail;
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String keyLine(String domain, String selector, KeyPair key) {
        return selector + "._domainkey." + domain + " v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()) + "\n";
    }

    @Test
    void aSignedComplaint_isVerified_andForgedOnes_areIngestedUnverified() throws Exception {
        String sample = Files.readString(Path.of(COMPLAINT), StandardCharsets.US_ASCII);
        // the sample's own signature goes: this run signs with a key of its own
        String unsigned = sample.substring(sample.indexOf("\nFrom: ") + 1);
        KeyPair yahoo = rsa();
        KeyPair forger = rsa();
        Path keys = Files.writeString(
                tmp.resolve("dkim-keys.txt"),
                "# made for this run\n" + keyLine("arf.mail.yahoo.com", "it", yahoo)
                        + keyLine("evil.example", "s1", forger));
        Path signed = Files.writeString(tmp.resolve("1-signed.eml"), sign(unsigned, "arf.mail.yahoo.com", "it", yahoo));
        Path forgedUnsigned =
                Files.writeString(tmp.resolve("2-forged.eml"), unsigned.replace("<fbl-20261124-1@", "<forged-1@"));
        Path forgedSigned = Files.writeString(
                tmp.resolve("3-forged-signed.eml"),
                sign(unsigned.replace("<fbl-20261124-1@", "<forged-2@"), "evil.example", "s1", forger));
        Path altered = Files.writeString(
                tmp.resolve("4-altered.eml"),
                sign(unsigned.replace("<fbl-20261124-1@", "<altered@"), "arf.mail.yahoo.com", "it", yahoo)
                        .replace("Original-Rcpt-To: <", "Original-Rcpt-To: <x"));

        AupRulesJarIT.Run r = AupRulesJarIT.run(
                null,
                "ingest",
                "arf",
                "--dkim-keys",
                keys.toString(),
                "--accounts",
                "samples/ingest/accounts.json",
                signed.toString(),
                forgedUnsigned.toString(),
                forgedSigned.toString(),
                altered.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        FactSet facts = FactsJson.read(r.out(), "stdout");
        assertThat(facts.reports())
                .extracting(
                        AbuseReport::id, AbuseReport::verified, x -> x.details().get("verification"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "fbl-20261124-1@arf.mail.yahoo.com",
                                true,
                                "verified: dkim d=arf.mail.yahoo.com s=it (trusted reporter `Yahoo Complaint Feedback "
                                        + "Loop`)"),
                        org.assertj.core.groups.Tuple.tuple(
                                "forged-1@arf.mail.yahoo.com",
                                false,
                                "unverified: no DKIM signature; it claims to come from trusted reporter `Yahoo "
                                        + "Complaint Feedback Loop` (From `feedback@arf.mail.yahoo.com`), which anyone "
                                        + "can write"),
                        org.assertj.core.groups.Tuple.tuple(
                                "forged-2@arf.mail.yahoo.com",
                                false,
                                "unverified: DKIM signature d=evil.example s=s1 is not aligned with trusted reporter "
                                        + "`Yahoo Complaint Feedback Loop`: the signing domain must be the From domain "
                                        + "`arf.mail.yahoo.com` or a parent of it, and belong to the reporter; it claims "
                                        + "to come from trusted reporter `Yahoo Complaint Feedback Loop` (From "
                                        + "`feedback@arf.mail.yahoo.com`)"),
                        org.assertj.core.groups.Tuple.tuple(
                                "altered@arf.mail.yahoo.com",
                                false,
                                "unverified: DKIM signature d=arf.mail.yahoo.com s=it fails: body hash mismatch (the "
                                        + "body was changed after it was signed); it claims to come from trusted "
                                        + "reporter `Yahoo Complaint Feedback Loop` (From `feedback@arf.mail.yahoo.com`)"));
        assertThat(facts.emails())
                .as("only the verified complaint's message is a fact")
                .extracting(m -> m.id())
                .containsExactly("fbl-20261124-1@arf.mail.yahoo.com/message");

        AupRulesJarIT.Run noKeyFile = AupRulesJarIT.run(
                null,
                "ingest",
                "arf",
                "--dkim-keys",
                tmp.resolve("missing.txt").toString(),
                "--accounts",
                "samples/ingest/accounts.json",
                signed.toString());
        assertThat(noKeyFile.exit()).isEqualTo(2);
        assertThat(noKeyFile.out()).isEmpty();
        assertThat(noKeyFile.err())
                .isEqualTo("aup-rules: cannot read DKIM key file `" + tmp.resolve("missing.txt") + "`: no such file\n");
    }
}
