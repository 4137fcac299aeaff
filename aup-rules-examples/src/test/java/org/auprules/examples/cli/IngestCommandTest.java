package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.IpScope;
import org.auprules.drools.PolicyPack;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code aup-rules ingest} over the shipped sample reports. */
class IngestCommandTest {

    static final String ACCOUNTS = "samples/ingest/accounts.json";
    static final String XARF = "samples/ingest/reports/xarf-v4";
    static final String ARF = "samples/ingest/reports/arf";
    static final String FBL = "samples/ingest/reports/fbl";
    /** The public key the sample feedback-loop mails were signed with; tests never look keys up in DNS. */
    static final String KEYS = "samples/ingest/dkim-keys.txt";

    @TempDir
    Path tmp;

    @Test
    void xarfSamples_printTheFactsDocument_withEveryReportMergedIn() {
        CliRun run = CliRun.of("ingest", "xarf", "--accounts", ACCOUNTS, XARF);

        assertThat(run.code()).isZero();
        assertThat(run.err()).isEmpty();
        FactSet facts = FactsJson.read(run.out(), "stdout");
        assertThat(facts.accounts()).isEqualTo(FactsJson.read(Path.of(ACCOUNTS)).accounts());
        assertThat(facts.evaluatedAt()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(facts.reports()).hasSize(12).noneMatch(AbuseReport::verified);
        assertThat(facts.reports())
                .filteredOn(r -> r.accountId() == null)
                .extracting(AbuseReport::source)
                .containsExactlyInAnyOrder("xarf:messaging/spam", "xarf:vulnerability/cve");
        assertThat(facts.reports())
                .extracting(AbuseReport::source, AbuseReport::accountId)
                .contains(
                        tuple("xarf:copyright/p2p", "acc-vps-17"),
                        tuple("xarf:content/phishing", "acc-webshop"),
                        tuple("xarf:messaging/bulk_messaging", "acc-newsletter"));
    }

    @Test
    void signedFeedbackLoopReports_becomeVerifiedComplaints_anOptOut_andEmails() {
        CliRun run = CliRun.of("ingest", "arf", "--dkim-keys", KEYS, "--accounts", ACCOUNTS, FBL);

        assertThat(run.code()).isZero();
        FactSet facts = FactsJson.read(run.out(), "stdout");
        assertThat(facts.reports()).hasSize(3).allMatch(AbuseReport::verified).allMatch(r -> r.accountId()
                .equals("acc-newsletter"));
        assertThat(facts.reports())
                .extracting(r -> r.details().get("verification"))
                .containsOnly("verified: dkim d=arf.mail.yahoo.com s=aup-rules-sample "
                        + "(trusted reporter `Yahoo Complaint Feedback Loop`)");
        assertThat(facts.optOutRequests()).singleElement().satisfies(o -> {
            assertThat(o.recipient()).isEqualTo("bob@mail.example");
            assertThat(o.requestedAt()).isEqualTo(Instant.parse("2026-11-02T09:15:00Z"));
            assertThat(o.lastMailedAt())
                    .as("bob complained again on the 20th")
                    .isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        });
        assertThat(facts.emails())
                .hasSize(4)
                .allMatch(m -> m.commercial() && m.hasRemovalLink())
                .allMatch(m -> "pass".equals(m.spf()) && "pass".equals(m.dkim()) && m.fromDomainAligned());
    }

    @Test
    void invalidFiles_areReportedOneByOne_andTheValidOnesStillGoThrough() throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"xarf_version\": \"4.2.0\", \"report_id\": 7}");

        CliRun run = CliRun.of(
                "ingest",
                "xarf",
                "--accounts",
                ACCOUNTS,
                XARF + "/connection-ddos.json",
                broken.toString(),
                tmp.resolve("missing.json").toString());

        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err())
                .contains("aup-rules: " + broken + ": `$.report_id`: integer found, string expected "
                        + "(schema `xarf-core.json#/properties/report_id/type`, line 1)")
                .contains("aup-rules: " + tmp.resolve("missing.json") + ": cannot read `" + tmp.resolve("missing.json")
                        + "`: no such file")
                .endsWith("aup-rules: 2 of 3 report files invalid, 1 ingested\n");
        assertThat(FactsJson.read(run.out(), "stdout").reports())
                .extracting(AbuseReport::id)
                .containsExactly("9ac39cd1-85f3-4c31-ae87-a0a95f3ebc83");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void hostileMailsInAFolder_areEachAnError_andEveryValidMailStillGoesThrough() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("fbl"));
        try (var files = Files.list(Path.of(FBL))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        String complaint = Files.readString(Path.of(FBL, "2026-11-20-complaint.eml"), StandardCharsets.US_ASCII)
                .replace("<fbl-20261120-1@arf.mail.yahoo.com>", "<hostile@arf.mail.yahoo.com>");
        Files.writeString(
                dir.resolve("dup-source-ip.eml"),
                complaint.replace("Source-IP: 203.0.113.20", "Source-IP: 198.51.100.9\nSource-IP: 203.0.113.20"));
        int body = complaint.lastIndexOf("Content-Type: text/plain; charset=\"us-ascii\"\n");
        StringBuilder nest = new StringBuilder("Content-Type: multipart/mixed; boundary=\"n0\"\n\n");
        for (int i = 1; i < 8000; i++) {
            nest.append("--n")
                    .append(i - 1)
                    .append("\nContent-Type: multipart/mixed; boundary=\"n")
                    .append(i)
                    .append("\"\n\n");
        }
        nest.append("--n7999\nContent-Type: text/plain\n\nhello\n--n7999--\n");
        Files.writeString(
                dir.resolve("nested.eml"),
                complaint.substring(0, body)
                        + nest
                        + complaint.substring(body + "Content-Type: text/plain; charset=\"us-ascii\"\n".length()));
        try (RandomAccessFile huge =
                new RandomAccessFile(dir.resolve("huge.eml").toFile(), "rw")) {
            huge.setLength(40L << 20);
        }

        CliRun run = CliRun.of("ingest", "arf", "--dkim-keys", KEYS, "--accounts", ACCOUNTS, dir.toString());

        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err())
                .contains(
                        "aup-rules: " + dir.resolve("dup-source-ip.eml")
                                + ": feedback part: `Source-IP` appears 2 times, expected at most once (RFC 5965 section 3.2)\n")
                .contains("aup-rules: " + dir.resolve("nested.eml")
                        + ": MIME parts nested more than 16 levels deep (part 3.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1); "
                        + "the limit is maxMimeDepth = 16\n")
                .contains("aup-rules: " + dir.resolve("huge.eml") + ": cannot read `" + dir.resolve("huge.eml")
                        + "`: file is 41943040 bytes, more than the limit of 33554432 bytes (maxFileBytes)\n")
                .endsWith("aup-rules: 3 of 7 report files invalid, 4 ingested\n");
        FactSet facts = FactsJson.read(run.out(), "stdout");
        assertThat(facts.reports())
                .extracting(AbuseReport::id)
                .containsExactlyInAnyOrder(
                        "fbl-20261120-1@arf.mail.yahoo.com",
                        "fbl-20261124-1@arf.mail.yahoo.com",
                        "fbl-20261126-1@arf.mail.yahoo.com");
        assertThat(facts.optOutRequests()).hasSize(1);
    }

    @Test
    void anArfMailGivenAsXarf_saysToUseIngestArf_andReadsNothing() {
        CliRun run = CliRun.of("ingest", "xarf", "--accounts", ACCOUNTS, ARF + "/001.eml");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("use `aup-rules ingest arf` for it").doesNotContain("malformed JSON");
    }

    @Test
    void unreadableAccounts_endWithExit2_andPrintNothing() {
        CliRun run = CliRun.of("ingest", "arf", "--accounts", "no-such-accounts.json", FBL);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("cannot read `no-such-accounts.json`: no such file");
    }

    @Test
    void accountsCanComeFromStandardInput() throws IOException {
        CliRun run = CliRun.withInput(Files.readString(Path.of(ACCOUNTS)), "ingest", "arf", "--accounts", "-", ARF);

        assertThat(run.code()).isZero();
        assertThat(FactsJson.read(run.out(), "stdout").reports()).hasSize(2).allMatch(r -> "acc-newsletter"
                .equals(r.accountId()));
    }

    private Path packWith(String from, String to) throws IOException {
        Path dir = tmp.resolve("pack");
        for (Map.Entry<String, byte[]> f : PolicyPack.defaultPack().files().entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        Path policy = dir.resolve("policy.json");
        String text = Files.readString(policy, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(policy, text.replace(from, to), StandardCharsets.UTF_8);
        return dir;
    }

    @Test
    void aPackThatTrustsTheReporter_andAnAuthenticatedChannel_turnItsBlocklistReportIntoAListing() throws IOException {
        Path pack = packWith(
                "\"trustedReporters\": [",
                "\"trustedReporters\": [\n    {\"name\": \"Threat Intelligence "
                        + "Consortium\", \"kind\": \"ANTI_ABUSE_ORGANISATION\", \"domains\": [\"threat-intel.example\"]},");

        CliRun claimOnly = CliRun.of(
                "ingest",
                "xarf",
                "--accounts",
                ACCOUNTS,
                "--policy",
                pack.toString(),
                XARF + "/reputation-blocklist.json");
        CliRun run = CliRun.of(
                "ingest",
                "xarf",
                "--accounts",
                ACCOUNTS,
                "--policy",
                pack.toString(),
                "--reports-authenticated",
                XARF + "/reputation-blocklist.json");

        assertThat(claimOnly.code()).isZero();
        assertThat(FactsJson.read(claimOnly.out(), "stdout").reports())
                .as("an X-ARF file proves nothing about its sender: a report for review, not a listing")
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.verified()).isFalse();
                    assertThat(r.details().get("verification"))
                            .startsWith("unverified: it claims to come from trusted reporter "
                                    + "`Threat Intelligence Consortium`");
                });
        assertThat(run.code()).isZero();
        FactSet facts = FactsJson.read(run.out(), "stdout");
        assertThat(facts.reports()).isEmpty();
        assertThat(facts.blacklistListings()).singleElement().satisfies(l -> {
            assertThat(l.accountId()).isEqualTo("acc-media");
            assertThat(l.ip()).isEqualTo("203.0.113.200");
            assertThat(l.ipScope()).isEqualTo(IpScope.DEDICATED);
        });
    }

    @Test
    void aPackWithABrokenTrustList_endsWithExit3_namingFileLineAndColumn() throws IOException {
        Path pack = packWith(
                "\"kind\": \"FEEDBACK_LOOP\", \"addresses\": [\"staff@hotmail.com\"]",
                "\"kind\": \"FEEDBACK-LOOP\", \"addresses\": [\"staff@hotmail.com\"]");

        CliRun run = CliRun.of("ingest", "arf", "--accounts", ACCOUNTS, "--policy", pack.toString(), FBL);

        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .containsPattern(java.util.regex.Pattern.quote(pack + "/policy.json:") + "\\d+:\\d+: error: "
                        + java.util.regex.Pattern.quote("unknown kind `FEEDBACK-LOOP`; expected one of FEEDBACK_LOOP, "
                                + "ANTI_ABUSE_ORGANISATION"));
    }

    @Test
    void signedReports_withoutTheirKey_orAlteredAfterSigning_areIngestedUnverified() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("fbl"));
        String complaint = Files.readString(Path.of(FBL, "2026-11-24-complaint.eml"), StandardCharsets.US_ASCII);
        Files.writeString(
                dir.resolve("altered.eml"), complaint.replace("Source-IP: 203.0.113.20", "Source-IP: 203.0.113.21"));
        Path noKeys = Files.writeString(tmp.resolve("keys.txt"), "# nothing\n");

        CliRun altered = CliRun.of("ingest", "arf", "--dkim-keys", KEYS, "--accounts", ACCOUNTS, dir.toString());
        CliRun keyless = CliRun.of("ingest", "arf", "--dkim-keys", noKeys.toString(), "--accounts", ACCOUNTS, FBL);

        assertThat(altered.code())
                .as("a signature that fails is no ingest error")
                .isZero();
        assertThat(FactsJson.read(altered.out(), "stdout").reports())
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.verified()).isFalse();
                    assertThat(r.details().get("verification"))
                            .startsWith("unverified: DKIM signature d=arf.mail.yahoo.com s=aup-rules-sample fails: "
                                    + "body hash mismatch");
                });
        assertThat(keyless.code()).isZero();
        FactSet facts = FactsJson.read(keyless.out(), "stdout");
        assertThat(facts.reports())
                .as("three complaints and the opt-out, all for review")
                .hasSize(4)
                .noneMatch(AbuseReport::verified)
                .allSatisfy(r -> assertThat(r.details().get("verification")).contains("fails: key not found"));
        assertThat(facts.optOutRequests()).isEmpty();
        assertThat(facts.emails()).isEmpty();
    }

    @Test
    void aBrokenKeyFile_isABadOption() throws IOException {
        Path keys = Files.writeString(tmp.resolve("keys.txt"), "arf.mail.yahoo.com v=DKIM1; k=rsa; p=AAAA\n");

        CliRun broken = CliRun.of("ingest", "arf", "--dkim-keys", keys.toString(), "--accounts", ACCOUNTS, FBL);
        CliRun missing = CliRun.of("ingest", "arf", "--dkim-keys", "no-such-keys.txt", "--accounts", ACCOUNTS, FBL);

        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.out()).isEmpty();
        assertThat(broken.err())
                .isEqualTo(
                        "aup-rules: DKIM key file `" + keys + "` line 1: `arf.mail.yahoo.com` is not a key name such "
                                + "as `selector._domainkey.example.net`; expected `selector._domainkey.domain TXT-record-value`\n");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("aup-rules: cannot read DKIM key file `no-such-keys.txt`: no such file\n");
    }

    @Test
    void anUnknownFormat_isABadOption() {
        CliRun run = CliRun.of("ingest", "iodef", "--accounts", ACCOUNTS, XARF);

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains(
                        "Invalid value for positional parameter at index 0 (FORMAT): expected one of " + "[xarf, arf]");
    }

    @Test
    void aMistypedOptionOrValue_isOneMessageAndAPointerToTheHelp_notTheWholeHelp() {
        CliRun value = CliRun.of("evaluate", "--fail-on", "hihg", "samples/fleet.json");
        assertThat(value.code()).isEqualTo(2);
        assertThat(value.out()).isEmpty();
        assertThat(value.err())
                .isEqualTo("aup-rules: Invalid value for option '--fail-on': unknown severity `hihg`; expected one of "
                        + "LOW, MEDIUM, HIGH, CRITICAL\nsee `aup-rules evaluate --help`\n");
        CliRun option = CliRun.of("test", "--formt", "junit");
        assertThat(option.code()).isEqualTo(2);
        assertThat(option.err())
                .startsWith("aup-rules: Unknown option: '--formt'\nPossible solutions: --format\n")
                .contains("--format")
                .endsWith("see `aup-rules test --help`\n")
                .doesNotContain("Usage:");
    }
}
