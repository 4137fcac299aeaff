package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aup-rules notice} as users run it. */
class NoticeCommandTest {

    static final String DESK = "samples/desk/desk.json";

    @TempDir
    Path tmp;

    @Test
    void printsTheTextNoticeOfAnAccount() {
        CliRun run = CliRun.of("notice", "--account", "acc-mailer", DESK);
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .startsWith("Entrecloud AUP: notice of Acceptable Use Policy violations\n\nAccount: acc-mailer\n")
                .contains("You must act by 2026-11-30T12:00:00Z at the latest.")
                .contains("Clause 1.A.1 (A. CAN-SPAM Act Violations), severity HIGH")
                .contains("recipient count: 87")
                .doesNotContain("m-1")
                .doesNotContain("<html");
        CliRun html = CliRun.of("notice", "--account", "acc-mailer", "--format", "html", DESK);
        assertThat(html.out())
                .startsWith("<!DOCTYPE html>")
                .contains("<section class=\"clause\" data-clause=\"1.A.1\">");
    }

    @Test
    void writesBothFilesOfEachAccountIntoOut() throws IOException {
        Path out = tmp.resolve("notices");
        CliRun run =
                CliRun.of("notice", "--account", "acc-mailer", "--account", "acc-radio", "--out", out.toString(), DESK);
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("acc-mailer.html (3 violation(s))").contains("acc-radio.html (0 violation(s))");
        assertThat(Files.readString(out.resolve("acc-mailer.txt"))).contains("Clause 1.A.2");
        assertThat(Files.readString(out.resolve("acc-mailer.html"))).contains("data-clause=\"1.A.2\"");
        assertThat(Files.readString(out.resolve("acc-radio.txt")))
                .contains("Our review found no breach")
                .doesNotContain("2.15");
    }

    @Test
    void anUnknownAccountExitsTwoWithADidYouMean() {
        CliRun run = CliRun.of("notice", "--account", "acc-mailr", DESK);
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("aup-rules: --account: unknown account `acc-mailr`; did you mean `acc-mailer`?\n");
    }

    @Test
    void aPackMayRebrandTheTemplatesAndABadMaskingFileIsAnInvalidPack() throws IOException {
        Path pack = tmp.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Files.writeString(
                pack.resolve("notices/notice.txt.mustache"),
                "Hello {{accountId}}, {{clauseCount}} clause(s), by {{deadline}}.\n");
        CliRun run = CliRun.of("notice", "--policy", pack.toString(), "--account", "acc-mailer", DESK);
        assertThat(run.out()).isEqualTo("Hello acc-mailer, 3 clause(s), by 2026-11-30T12:00:00Z.\n");

        Files.writeString(
                pack.resolve("notices/masking.json"),
                Files.readString(pack.resolve("notices/masking.json")).replace("\"process\":", "\"processes\":"));
        CliRun bad = CliRun.of("notice", "--policy", pack.toString(), "--account", "acc-mailer", DESK);
        assertThat(bad.code()).isEqualTo(3);
        assertThat(bad.err())
                .contains(
                        "masking.json:9:18: error: $.visibleFields.processes: unknown fact type `processes`; did you mean `process`?");
    }

    @Test
    void fileNamesKeepOnlySafeCharacters() {
        assertThat(NoticeCommand.fileName("acc-1")).isEqualTo("acc-1");
        assertThat(NoticeCommand.fileName("../../etc/passwd")).isEqualTo("_._.._etc_passwd");
        assertThat(NoticeCommand.fileName(".hidden")).isEqualTo("_hidden");
    }

    @Test
    void validateReportsABrokenTemplateAtItsLineAndColumn_andNoticeRefusesThePack() throws IOException {
        Path pack = tmp.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Path txt = pack.resolve("notices/notice.txt.mustache");
        Files.writeString(txt, "Hello {{accountId}}\n{{#clauses}}\nClause {{id}}: {{hedaing}}\n{{/clause}}\n");
        CliRun run = CliRun.of("validate", pack.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.out())
                .contains(txt + ":3:16: warning: `{{hedaing}}` reads `hedaing`, which the notice model does not"
                        + " give here; did you mean `heading`? (it renders as nothing)\n")
                .contains(txt + ":4:1: error: `{{/clause}}` closes `clause`, but the section open here is `clauses`"
                        + " (opened at 2:1): close it first with `{{/clauses}}`\n");
        CliRun notice = CliRun.of("notice", "--policy", pack.toString(), "--account", "acc-mailer", DESK);
        assertThat(notice.code()).isEqualTo(3);
        assertThat(notice.out()).isEmpty();
        assertThat(notice.err()).contains("notice.txt.mustache:4:1: error:");
        CliRun evaluate = CliRun.of("evaluate", "--policy", pack.toString(), DESK);
        assertThat(evaluate.code()).isEqualTo(3);

        // only the misspelt name left: a warning, the pack is valid and the notice renders
        Files.writeString(txt, "Hello {{accountId}}\n{{#clauses}}\nClause {{id}}: {{hedaing}}\n{{/clauses}}\n");
        CliRun warned = CliRun.of("validate", pack.toString());
        assertThat(warned.code()).as(warned.toString()).isZero();
        assertThat(warned.out()).contains(":3:16: warning: `{{hedaing}}`").doesNotContain("error");
        assertThat(CliRun.of("notice", "--policy", pack.toString(), "--account", "acc-mailer", DESK)
                        .out())
                .startsWith("Hello acc-mailer\nClause 1.A.1: \nClause 1.A.2: \n");
    }
}
