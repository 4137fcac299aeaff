package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.testing.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aup-rules test}: one line per scenario, the closing tally, exit codes 0 to 3, coverage. */
class TestCommandTest {

    static final int PACK_SCENARIOS =
            ScenarioReader.fromPack(PolicyPack.defaultPack()).size();
    static final int PACK_RULES =
            CompiledPolicy.compile(PolicyPack.defaultPack()).rules().size();

    /** Fails: acc-1 is not expected to break 1.A.2, and acc-2's blacklisted address is forbidden. */
    static final String FAILING = """
            {"description": "a purchased list is spam",
             "facts": {"accounts": [{"id": "acc-1"}, {"id": "acc-2"}],
                       "mailingLists": [{"id": "l-1", "accountId": "acc-1", "source": "PURCHASED", "subscriberCount": 5,
                                         "withOptInIp": 5, "withConfirmation": 5, "withContactInfo": 5}],
                       "blacklistListings": [{"accountId": "acc-2", "ip": "192.0.2.9", "list": "zen.spamhaus.org"}]},
             "expect": {"violations": [{"accountId": "acc-1", "clause": "1.A.5"}, {"accountId": "acc-1", "clause": "1.A.2"}],
                        "noViolations": [{"accountId": "acc-2"}], "exactly": true}}""";

    /** Passes, and makes exactly one rule fire. */
    static final String PASSING = """
            {"description": "a purchased list is spam under 1.A.5",
             "facts": {"accounts": [{"id": "acc-1"}],
                       "mailingLists": [{"id": "l-1", "accountId": "acc-1", "source": "PURCHASED", "subscriberCount": 5,
                                         "withOptInIp": 5, "withConfirmation": 5, "withContactInfo": 5}]},
             "expect": {"violations": [{"accountId": "acc-1", "clause": "1.A.5"}], "exactly": true}}""";

    static Path write(Path dir, String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void withoutPath_runsThePacksOwnScenariosAndClosesWithTheTally() {
        CliRun run = CliRun.of("test");
        assertThat(run.code()).as(run.toString()).isZero();
        List<String> lines = run.lines();
        assertThat(lines).hasSize(PACK_SCENARIOS + 2);
        assertThat(lines.subList(0, PACK_SCENARIOS))
                .allSatisfy(l -> assertThat(l).startsWith("✓ "));
        assertThat(lines.get(PACK_SCENARIOS)).isEmpty();
        assertThat(run.lastLine()).isEqualTo(PACK_SCENARIOS + " passed, 0 failed");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aFailingScenario_showsExpectedAgainstGotPerAccountAndClause_andExits1(@TempDir Path dir) throws IOException {
        Path file = write(dir, "s.json", "[" + FAILING + ",\n" + PASSING + "]");
        CliRun run = CliRun.of("test", "--policy", "default", file.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.lines())
                .containsExactly(
                        "✗ a purchased list is spam  (" + file + ":1)",
                        "    acc-1: expected 1.A.5, 1.A.2, nothing else (exactly); got 1.A.5 (HIGH)",
                        "      missing     1.A.2  (expected at " + file + ":6)",
                        "    acc-2: expected no violation at all; got 1.A.3 (MEDIUM)",
                        "      forbidden   1.A.3 MEDIUM CONFIRMED `1.A.3 blacklisted dedicated IP address`: the account's "
                                + "address `192.0.2.9` is listed on `zen.spamhaus.org`  (noViolations `acc-2 any violation` at "
                                + file + ":7)",
                        "✓ a purchased list is spam under 1.A.5",
                        "",
                        "1 passed, 1 failed");
    }

    @Test
    void aFolderIsSearchedRecursively(@TempDir Path dir) throws IOException {
        write(dir, "a/one.json", PASSING);
        write(dir, "b/c/two.json", PASSING.replace("under 1.A.5", "again"));
        write(dir, "b/readme.txt", "not a scenario");
        CliRun run = CliRun.of("test", dir.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.lines())
                .containsExactly(
                        "✓ a purchased list is spam under 1.A.5",
                        "✓ a purchased list is spam again",
                        "",
                        "2 passed, 0 failed");
    }

    @Test
    void badScenarioFiles_areAllReportedWithPathAndLine_andExit2(@TempDir Path dir) throws IOException {
        Path orphan = write(dir, "a.json", """
                [
                  {"description": "fine", "facts": {"accounts": [{"id": "acc-1"}]}, "expect": {"exactly": true}},
                  {"description": "mail from nowhere",
                   "facts": {"accounts": [{"id": "acc-1"}],
                             "emails": [{"id": "m-1", "accountId": "acc-9"}]},
                   "expect": {"exactly": true}}
                ]""");
        Path malformed = write(dir, "b.json", "{\"description\": ");
        Path good = write(dir, "c.json", PASSING);
        CliRun run = CliRun.of("test", dir.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        List<String> errors = run.err().lines().toList();
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0))
                .isEqualTo("aup-rules: " + orphan + ":5:52: $[1].facts.emails[0].accountId: unknown account "
                        + "`acc-9`: expected the id of an entry of `$.accounts`");
        assertThat(errors.get(1))
                .startsWith("aup-rules: " + malformed + ":1:17: malformed JSON: ")
                .doesNotContain("(line ");
        // the good file still ran, and the report lists the broken ones in its tally
        assertThat(run.out())
                .contains(ScenarioReport.ERROR + " " + orphan + "\n")
                .contains(ScenarioReport.ERROR + " " + malformed + "\n")
                .contains(ScenarioReport.PASS + " a purchased list is spam under 1.A.5");
        assertThat(run.lastLine()).isEqualTo("1 passed, 0 failed, 2 errored");
        assertThat(good).exists();
    }

    @Test
    void aClauseThePolicyLacks_errorsThatScenario_theOthersRun_exit2(@TempDir Path dir) throws IOException {
        Path file = write(dir, "s.json", PASSING.replace("\"clause\": \"1.A.5\"", "\"clause\": \"1.A.55\""));
        Path good = write(dir, "t.json", PASSING);
        CliRun run = CliRun.of("test", file.toString(), good.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("aup-rules: " + file + ":5:28: $.expect.violations[0]: unknown clause `1.A.55` in "
                        + "policy `Entrecloud AUP`; did you mean `1.A.5`?\n");
        assertThat(run.lines())
                .containsSubsequence(
                        ScenarioReport.ERROR + " a purchased list is spam under 1.A.5",
                        ScenarioReport.PASS + " a purchased list is spam under 1.A.5",
                        "",
                        "1 passed, 0 failed, 1 errored");
    }

    @Test
    void aPathThatDoesNotExist_exits2(@TempDir Path dir) {
        CliRun run = CliRun.of("test", dir.resolve("nope.json").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("aup-rules: cannot read `" + dir.resolve("nope.json") + "`: no such file or folder\n");
    }

    @Test
    void anInvalidPolicyPack_exits3(@TempDir Path dir) throws IOException {
        write(dir, "pack/policy.json", "{\"name\": \"broken\"");
        Path scenarios = write(dir, "s.json", PASSING);
        CliRun run = CliRun.of("test", "--policy", dir.resolve("pack").toString(), scenarios.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(dir.resolve("pack") + "/policy.json:1:");
    }

    @Test
    void aPackWithoutScenarios_needsAPath(@TempDir Path dir) throws IOException {
        for (var e : PolicyPack.defaultPack().files().entrySet()) {
            if (!e.getKey().startsWith(ScenarioReader.PACK_FOLDER)) {
                Files.createDirectories(dir.resolve(e.getKey()).getParent());
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
        }
        CliRun run = CliRun.of("test", "--policy", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("aup-rules: no PATH given, and policy pack `" + dir + "` has no `scenarios/` "
                        + "folder of scenario files\n");
    }

    @Test
    void jsonGivesTheMachineReadableForm(@TempDir Path dir) throws IOException {
        Path file = write(dir, "s.json", "[" + FAILING + ",\n" + PASSING + "]");
        CliRun run = CliRun.of("test", "--format", "json", "--coverage", file.toString());
        assertThat(run.code()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertThat(doc.get("passed").intValue()).isEqualTo(1);
        assertThat(doc.get("failed").intValue()).isEqualTo(1);
        assertThat(doc.at("/policy/name").textValue()).isEqualTo("Entrecloud AUP");
        JsonNode failed = doc.get("scenarios").get(0);
        assertThat(failed.get("passed").booleanValue()).isFalse();
        assertThat(failed.get("line").intValue()).isEqualTo(1);
        assertThat(failed.at("/missing/0/clause").textValue()).isEqualTo("1.A.2");
        assertThat(failed.at("/missing/0/line").intValue()).isEqualTo(6);
        assertThat(failed.at("/forbidden/0/clause").textValue()).isEqualTo("1.A.3");
        assertThat(failed.at("/forbidden/0/forbiddenBy/accountId").textValue()).isEqualTo("acc-2");
        assertThat(failed.get("unexpected")).hasSize(1);
        assertThat(failed.get("violations")).hasSize(2);
        assertThat(doc.at("/scenarios/1/passed").booleanValue()).isTrue();
        assertThat(doc.at("/coverage/rules/total").intValue()).isEqualTo(PACK_RULES);
        assertThat(doc.at("/coverage/rules/covered").intValue()).isEqualTo(2);
        assertThat(doc.at("/coverage/rules/uncovered")).hasSize(PACK_RULES - 2);
        assertThat(doc.at("/coverage/clauses/lacking/0/clause").textValue()).isEqualTo("1.A.1");
    }

    @Test
    void coverageOfTheWholeSuite_isEveryRule() {
        CliRun run = CliRun.of("test", "--coverage", "--min-coverage", "100");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("  rules:   " + PACK_RULES + " of " + PACK_RULES + " fired (100.0 %)\n")
                .contains("  rule coverage meets the minimum of 100.0 %\n")
                .doesNotContain("rules no scenario made fire");
        assertThat(run.lastLine()).isEqualTo(PACK_SCENARIOS + " passed, 0 failed");
    }

    @Test
    void belowTheMinimumCoverage_exits1EvenWhenEveryScenarioPasses(@TempDir Path dir) throws IOException {
        Path file = write(dir, "s.json", PASSING);
        double oneRule = 100.0 / PACK_RULES;
        CliRun enough =
                CliRun.of("test", "--min-coverage", String.valueOf(Math.floor(oneRule * 100) / 100), file.toString());
        assertThat(enough.code()).as(enough.toString()).isZero();
        assertThat(enough.out())
                .contains("  rules:   1 of " + PACK_RULES + " fired")
                .contains("rules/spam.drl:")
                .contains("rule coverage meets the minimum");
        CliRun tooLittle = CliRun.of("test", "--min-coverage", String.valueOf(oneRule + 0.01), file.toString());
        assertThat(tooLittle.code()).as(tooLittle.toString()).isEqualTo(1);
        assertThat(tooLittle.out()).contains("  rule coverage is below the minimum of ");
        assertThat(tooLittle.lastLine()).isEqualTo("1 passed, 0 failed");
    }

    @Test
    void aMinimumOutsideZeroTo100_isABadOption(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.of(
                "test", "--min-coverage", "101", write(dir, "s.json", PASSING).toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--min-coverage must be a percentage from 0 to 100, got `101.0`");
    }

    @Test
    void helpDescribesTheCommandWithoutWarnings() {
        for (String command : List.of("test", "diff")) {
            CliRun run = CliRun.of("help", command);
            assertThat(run.code()).isZero();
            assertThat(run.err()).as(command).isEmpty();
            assertThat(run.out()).contains("Exit codes:").contains("  3  ");
        }
        assertThat(CliRun.of("help", "test").out()).contains("fewer than PERCENT % of");
    }
}
