package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The abuse desk's commands as users run them: waivers in evaluate and validate. */
class DeskCommandsTest {

    static final String DESK = "samples/desk/desk.json";

    @TempDir
    Path tmp;

    @Test
    void evaluateListsTheSuppressedViolationsApartWithTheirWaiver() {
        CliRun text = CliRun.of("evaluate", DESK);
        assertThat(text.code()).isZero();
        assertThat(text.out())
                .contains(
                        "suppressed by waivers (1)\n"
                                + "  acc-radio      2.15   MEDIUM   2.15 more than one commercial audio stream  [waiver w-radio]")
                .doesNotContain("acc-radio\n");
        CliRun json = CliRun.of("evaluate", "--format", "json", DESK);
        assertThat(json.out()).contains("\"waiver\" : \"w-radio\"").contains("\"suppressed\" : 1");
    }

    @Test
    void validateWarnsAboutExpiredWaiversAndWaiversThatMatchNothing_notAboutOnesInUse() throws IOException {
        Path pack = tmp.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Files.writeString(pack.resolve("waivers.json"), """
                {"waivers": [
                  {"id": "p-gone", "accountId": "acc-radio", "clauses": ["2.15"], "expiresAt": "2026-11-28T12:00:00Z"},
                  {"id": "p-live", "accountId": "acc-radio", "clauses": ["2.15"], "expiresAt": "2026-11-28T12:00:01Z"},
                  {"id": "p-nobody", "accountId": "acc-gone", "clauses": ["3.1"]}
                ]}
                """);
        CliRun run = CliRun.of("validate", "--facts", DESK, pack.toString());
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(pack.resolve("waivers.json") + ":2:3: warning: $.waivers[0]: waiver `p-gone` expired at"
                        + " 2026-11-28T12:00:00Z (checked at 2026-11-28T12:00:00Z)")
                .contains(pack.resolve("waivers.json") + ":4:3: warning: $.waivers[2]: waiver `p-nobody` matches"
                        + " nothing in the facts: account `acc-gone` is not in them")
                .contains(DESK + ":30:5: warning: $.waivers[1]: waiver `w-old` expired")
                .contains(DESK + ":32:5: warning: $.waivers[2]: waiver `w-scan` matches nothing in the facts:"
                        + " `acc-shell` has no violation of 2.14")
                .doesNotContain("`p-live`")
                .doesNotContain("`w-radio`");
        // without facts, only expiry can be told, against the clock: p-gone has expired by now
        CliRun alone = CliRun.of("validate", pack.toString());
        assertThat(alone.out()).contains("`p-gone` expired").doesNotContain("matches nothing");
    }

    @Test
    void aPackWaiverOnAClauseThatDoesNotExistMakesThePackInvalid() throws IOException {
        Path pack = tmp.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Files.writeString(
                pack.resolve("waivers.json"),
                "{\"waivers\": [{\"id\": \"w\", \"accountId\": \"a\", \"clauses\": [\"3.11\"]}]}\n");
        CliRun run = CliRun.of("validate", pack.toString());
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.out())
                .contains("waivers.json:1:56: error: $.waivers[0].clauses[0]: unknown clause `3.11`;"
                        + " did you mean `3.1`?");
    }

    @Test
    void anInputWaiverOnAClauseThatDoesNotExistIsAnInputErrorAtItsLine() throws IOException {
        Path facts = Files.writeString(
                tmp.resolve("f.json"),
                Files.readString(Path.of(DESK)).replace("\"clauses\": [\"2.14\"]", "\"clauses\": [\"2.41\"]"));
        CliRun run = CliRun.of("evaluate", facts.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("$.waivers[2].clauses[0]: unknown clause `2.41`; did you mean `2.14`?");
        assertThat(run.err()).contains("f.json:32:60: ");
    }

    @Test
    void explainPrintsWhatFiredWhatWasWaivedAndHowCloseTheRestCame() {
        CliRun shell = CliRun.of("explain", "--account", "acc-shell", "--clause", "3.3", DESK);
        assertThat(shell.code()).isZero();
        assertThat(shell.out())
                .isEqualTo("acc-shell (plan `shared-basic`), evaluated at 2026-11-28T12:00:00Z\n\n3.3\n"
                        + "  not met  3.3 brute-force login attempts\n"
                        + "           brute force: 19 failed attempts in 600 s (a-1), threshold 20 in 600 s\n"
                        + "  not met  3.3 brute-force login that succeeded\n"
                        + "           brute force that got in: no successful brute-force attempts reported;"
                        + " threshold 20 in 600 s\n");
        CliRun radio = CliRun.of("explain", "--account", "acc-radio", "--clause", "2.15", DESK);
        assertThat(radio.out()).contains("  waived   2.15 more than one commercial audio stream  [waiver w-radio]");
        CliRun mailer = CliRun.of("explain", "--account", "acc-mailer", "--clause", "1.A.1", "--format", "json", DESK);
        assertThat(mailer.out()).contains("\"ruleId\" : \"1.A.1 commercial email without an opt-out mechanism\"");
        CliRun nobody = CliRun.of("explain", "--account", "acc-shel", DESK);
        assertThat(nobody.code()).isEqualTo(2);
        assertThat(nobody.err()).contains("no account `acc-shel`; did you mean `acc-shell`?");
        CliRun badClause = CliRun.of("explain", "--account", "acc-shell", "--clause", "3.33", DESK);
        assertThat(badClause.code()).isEqualTo(2);
        assertThat(badClause.err()).contains("unknown clause `3.33`; did you mean `3.3`?");
    }

    @Test
    void explainSaysWhichEscalationRowAppliedFromWhichPriorFindingAndWhatItAdded() {
        CliRun mailer = CliRun.of("explain", "--account", "acc-mailer", "--clause", "1.A.1", DESK);
        assertThat(mailer.code()).as(mailer.toString()).isZero();
        assertThat(mailer.out())
                .contains("  fired    1.A.1 commercial email without an opt-out mechanism  [HIGH]\n")
                .contains(
                        "  raised   1.A.1 commercial email without an opt-out mechanism  [escalation can-spam-repeat]\n"
                                + "           a second CAN-SPAM violation within 90 days is at least HIGH, and the desk should"
                                + " report it to the FTC\n"
                                + "           1 prior violation in the 90 days before, 1 needed: 1.A.2 at 2026-10-02T08:00:00Z\n"
                                + "           severity MEDIUM -> HIGH; adds REPORT_TO_FTC (RECOMMENDED, 1.A.4)\n")
                .doesNotContain("third-offence");
        // acc-shell has no history: nothing raised
        assertThat(CliRun.of("explain", "--account", "acc-shell", DESK).out()).doesNotContain("raised");
    }

    @Test
    void explainReadsOnlyAHistoryStoreThatExists() {
        Path missing = tmp.resolve("none.db");
        CliRun r = CliRun.of("explain", "--account", "acc-mailer", "--history", missing.toString(), DESK);
        assertThat(r.code()).isEqualTo(HistoryOption.HISTORY_FAILED);
        assertThat(r.err()).contains("no history store at `" + missing + "`");
        assertThat(r.out()).isEmpty();
        assertThat(missing).doesNotExist();
    }
}
