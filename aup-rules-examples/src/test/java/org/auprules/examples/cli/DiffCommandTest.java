package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.auprules.drools.PolicyPack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aup-rules diff} on the shipped pack and a copy of it that lowers one threshold:
 * {@code bulkRecipientsPerMessage} from 100 to 50.
 */
class DiffCommandTest {

    @TempDir
    static Path dir;

    static Path lowered;
    static Path facts;

    /** acc-a mails 60 recipients, acc-b 150 and 60, both to no list; acc-c has a blacklisted address. */
    static final String FACTS = """
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-a"}, {"id": "acc-b"}, {"id": "acc-c"}],
             "emails": [{"id": "m-1", "accountId": "acc-a", "recipientCount": 60},
                        {"id": "m-2", "accountId": "acc-b", "recipientCount": 150},
                        {"id": "m-3", "accountId": "acc-b", "recipientCount": 60}],
             "blacklistListings": [{"accountId": "acc-c", "ip": "198.51.100.7", "list": "zen.spamhaus.org"}]}
            """;

    @BeforeAll
    static void copyTheDefaultPackWithALowerBulkThreshold() throws IOException {
        lowered = dir.resolve("lowered");
        for (var e : PolicyPack.defaultPack().files().entrySet()) {
            Path target = lowered.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        Path policy = lowered.resolve("policy.json");
        String text = Files.readString(policy);
        assertThat(text).contains("\"bulkRecipientsPerMessage\": 100,");
        Files.writeString(
                policy, text.replace("\"bulkRecipientsPerMessage\": 100,", "\"bulkRecipientsPerMessage\": 50,"));
        facts = Files.writeString(dir.resolve("facts.json"), FACTS);
    }

    @Test
    void listsWhatAppearsAndChanges_perAccountAndClause_thenTheSummaryTable() {
        CliRun run = CliRun.of("diff", "--base", "default", "--head", lowered.toString(), facts.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.lines().get(0))
                .startsWith("base  Entrecloud AUP 2017-01-01  sha256:")
                .endsWith("…  (default)");
        assertThat(run.lines().get(1))
                .startsWith("head  Entrecloud AUP 2017-01-01  sha256:")
                .endsWith("…  (" + lowered + ")");
        assertThat(run.lines())
                .contains(
                        facts + "  (3 accounts)",
                        "  + acc-a  1.A.2  HIGH CONFIRMED  `1.A.2 bulk email sent to no mailing list`: 1 bulk message(s) sent to "
                                + "no double-authorized mailing list the account keeps",
                        "  + acc-a  1.A.5  HIGH CONFIRMED  `1.A.5 emailing in bulk against 1.A.2`: 1 bulk message(s) sent "
                                + "without meeting the conditions of 1.A.2",
                        "  ~ acc-b  1.A.2  `1.A.2 bulk email sent to no mailing list`: evidence [email m-2] → [email m-2, email m-3]",
                        "  ~ acc-b  1.A.5  `1.A.5 emailing in bulk against 1.A.2`: evidence [email m-2] → [email m-2, email m-3]",
                        "clause   base   head  appeared  disappeared  changed",
                        "1.A.2       1      2         1            0        1",
                        "1.A.3       1      1         0            0        0",
                        "1.A.5       1      2         1            0        1",
                        "total       3      5         2            0        2");
        assertThat(run.out()).doesNotContain("acc-c  1.A.3");
        assertThat(run.lastLine()).isEqualTo("4 changes: 2 appeared, 0 disappeared, 2 changed");
    }

    @Test
    void theReverseEdit_makesViolationsDisappear() {
        CliRun run = CliRun.of("diff", "--base", lowered.toString(), "--head", "default", facts.toString());
        assertThat(run.out())
                .contains("  - acc-a  1.A.2  HIGH CONFIRMED  `1.A.2 bulk email sent to no mailing list`")
                .contains("evidence [email m-2, email m-3] → [email m-2]");
        assertThat(run.lastLine()).isEqualTo("4 changes: 0 appeared, 2 disappeared, 2 changed");
    }

    @Test
    void failOnChange_exits1WhenSomethingChanged_and0WhenNothingDid() {
        assertThat(CliRun.of(
                                "diff",
                                "--base",
                                "default",
                                "--head",
                                lowered.toString(),
                                "--fail-on-change",
                                facts.toString())
                        .code())
                .isEqualTo(1);
        CliRun same = CliRun.of("diff", "--base", "default", "--head", "default", "--fail-on-change", facts.toString());
        assertThat(same.code()).as(same.toString()).isZero();
        assertThat(same.out())
                .contains("the two packs are identical (same digest)\n")
                .contains("  no change\n");
        assertThat(same.lastLine()).isEqualTo("no changes");
    }

    @Test
    void severalFactsFiles_areSummedInOneTable() throws IOException {
        Path quiet = Files.writeString(dir.resolve("quiet.json"), "{\"accounts\": [{\"id\": \"acc-q\"}]}");
        CliRun run = CliRun.of(
                "diff",
                "--base",
                "default",
                "--head",
                lowered.toString(),
                facts.toString(),
                quiet.toString(),
                facts.toString());
        assertThat(run.out())
                .contains(quiet + "  (1 account)\n  no change\n")
                .contains("total       6     10         4            0        4");
        assertThat(run.lastLine()).isEqualTo("8 changes: 4 appeared, 0 disappeared, 4 changed");
    }

    @Test
    void jsonGivesEveryChangeWithBothVersions() throws IOException {
        CliRun run = CliRun.of(
                "diff", "--format", "json", "--base", "default", "--head", lowered.toString(), facts.toString());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("changed").booleanValue()).isTrue();
        assertThat(doc.at("/base/digest").textValue())
                .isNotEqualTo(doc.at("/head/digest").textValue());
        JsonNode changes = doc.at("/files/0/changes");
        assertThat(changes).hasSize(4);
        assertThat(changes.get(0).get("type").textValue()).isEqualTo("APPEARED");
        assertThat(changes.get(0).get("base").isNull()).isTrue();
        assertThat(changes.get(0).at("/head/clause/id").textValue()).isEqualTo("1.A.2");
        assertThat(changes.get(2).get("type").textValue()).isEqualTo("CHANGED");
        assertThat(changes.get(2).at("/aspects/0").textValue()).isEqualTo("EVIDENCE");
        JsonNode total = doc.get("summary").get(doc.get("summary").size() - 1);
        assertThat(total.get("clause").textValue()).isEqualTo("total");
        assertThat(total.get("appeared").intValue()).isEqualTo(2);
    }

    @Test
    void invalidFacts_exit2WithPathAndLine() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), """
                {"accounts": [{"id": "acc-1"}],
                 "emails": [{"id": "m-1", "accountId": "acc-2"}]}""");
        CliRun run = CliRun.of("diff", "--base", "default", "--head", "default", bad.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("aup-rules: " + bad + ":2:40: $.emails[0].accountId: unknown account `acc-2`: "
                        + "expected the id of an entry of `$.accounts`\n");
    }

    @Test
    void anInvalidPack_exits3() throws IOException {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("policy.json"), "{}");
        CliRun run = CliRun.of("diff", "--base", "default", "--head", broken.toString(), facts.toString());
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err()).contains("invalid policy pack").contains(broken + "/policy.json:1:1: error: ");
        assertThat(CliRun.of("diff", "--base", dir.resolve("none").toString(), "--head", "default", facts.toString())
                        .code())
                .isEqualTo(3);
    }

    @Test
    void standardInputCanBeReadOnlyOnce() {
        CliRun run = CliRun.of("diff", "--base", "default", "--head", "default", "-", "-");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("standard input `-` can be read only once");
    }
}
