package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line of the long commands: with {@code --progress} it goes to standard error,
 * counting what the command works through; standard output is byte for byte what it is without;
 * with {@code --no-progress}, and by default when standard error is not a terminal (as here), no
 * progress is written at all.
 */
class ProgressCliTest {

    /** One drawing of the line, or its erasing: a carriage return, the text, a carriage return. */
    private static final Pattern FRAME = Pattern.compile("\r[^\r\n]*\r");

    static final String FLEET = "samples/fleet.json";
    static final String REPORTS = "samples/ingest/reports";
    static final String ACCOUNTS = "samples/ingest/accounts.json";
    static final String KEYS = "samples/ingest/dkim-keys.txt";

    @TempDir
    static Path dir;

    static Path lines;
    static String linesText;

    @BeforeAll
    static void aJsonLinesFleet() throws IOException {
        CliRun generated = CliRun.of("generate", "--accounts", "300", "--seed", "7");
        assertThat(generated.code()).as(generated.toString()).isZero();
        linesText = generated.out();
        lines = dir.resolve("fleet.jsonl");
        Files.writeString(lines, linesText, StandardCharsets.UTF_8);
    }

    /** The runs with --progress, --no-progress and neither, after checking what they share. */
    private static CliRun shown(String stdin, String... args) {
        CliRun progress = CliRun.withInput(stdin, with(args, "--progress"));
        CliRun none = CliRun.withInput(stdin, with(args, "--no-progress"));
        CliRun plain = CliRun.withInput(stdin, args);
        assertThat(progress.code())
                .as(progress.toString())
                .isEqualTo(none.code())
                .isEqualTo(plain.code());
        assertThat(progress.out())
                .as("stdout with --progress")
                .isEqualTo(none.out())
                .isEqualTo(plain.out());
        assertThat(progress.out()).doesNotContain("\r");
        assertThat(none.err()).as("--no-progress").doesNotContain("\r").isEqualTo(plain.err());
        assertThat(plain.err()).as("stderr is no terminal here").doesNotContain("\r");
        assertThat(progress.err()).as("progress frames").contains("\r");
        // what else the command says on stderr is the same, in the same order
        assertThat(FRAME.matcher(progress.err()).replaceAll("")).isEqualTo(none.err());
        return progress;
    }

    private static String[] with(String[] args, String option) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(1, option);
        return all.toArray(String[]::new);
    }

    @Test
    void evaluate_aDocument_countsItsAccounts_ofTheirTotal() {
        for (String format : List.of("text", "json")) {
            CliRun run = shown("", "evaluate", "--format", format, FLEET);
            assertThat(run.err()).matches("(?s)\r  \\d+/27 accounts[^\r]*\r.*");
        }
    }

    @Test
    void evaluate_aJsonLinesFile_countsItsAccounts_ofTheTotalCountedFirst() {
        CliRun run = shown("", "evaluate", "--format", "jsonl", lines.toString());
        assertThat(run.err()).contains("/300 accounts");
        assertThat(run.out().lines()).hasSize(302); // header, 300 accounts, summary
    }

    @Test
    void evaluate_jsonLinesOnStdin_countsAccounts_withoutATotal_norTimeLeft() {
        CliRun run = shown(linesText, "evaluate", "--format", "jsonl", "-");
        assertThat(run.err())
                .matches("(?s)\r  \\d+ accounts(  [\\d.]+/s)? *\r.*")
                .doesNotContain("/300", "left");
    }

    @Test
    void evaluate_withReports_countsTheReportFiles_thenTheAccounts() {
        CliRun run = shown("", "evaluate", "--reports", REPORTS, "--dkim-keys", KEYS, ACCOUNTS);
        String err = run.err();
        assertThat(err).contains(" report files", " accounts");
        assertThat(err.indexOf(" report files")).isLessThan(err.lastIndexOf(" accounts"));
    }

    @Test
    void diff_countsEachAccountOnceBothPacksHaveJudgedIt() {
        CliRun run = shown("", "diff", "--base", "default", "--head", "default", FLEET, ACCOUNTS);
        assertThat(run.err()).contains("/32 accounts");
    }

    @Test
    void ingest_countsTheReportFiles() throws IOException {
        long files;
        try (var walk = Files.walk(Path.of(REPORTS, "xarf-v4"))) {
            files = walk.filter(p -> p.toString().endsWith(".json")).count();
        }
        CliRun run = shown("", "ingest", "xarf", "--accounts", ACCOUNTS, REPORTS + "/xarf-v4");
        assertThat(run.err()).contains("/" + files + " report files");
    }

    @Test
    void test_countsTheScenarios() {
        CliRun run = shown("", "test");
        assertThat(run.err()).contains("/" + TestCommandTest.PACK_SCENARIOS + " scenarios");
    }
}
