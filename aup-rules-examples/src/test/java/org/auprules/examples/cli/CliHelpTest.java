package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help that docs/cli.md follows: whole-sentence summaries, examples and the exit codes of every command. */
class CliHelpTest {

    private static final List<String> COMMANDS = List.of(
            "evaluate",
            "init-pack",
            "validate",
            "test",
            "diff",
            "ingest",
            "clauses",
            "convert",
            "generate",
            "stream",
            "explain",
            "bench",
            "serve",
            "serve-bench",
            "notice");

    @Test
    void topLevelHelp_summarizesEachCommandInAWholeSentence() {
        Map<String, String> summaries = summaries(CliRun.of("--help").lines());

        assertThat(summaries).containsOnlyKeys(concat("help", COMMANDS));
        summaries.forEach((command, summary) -> assertThat(summary).as(command).endsWith("."));
    }

    @Test
    void topLevelHelp_listsEveryExitCode() {
        CliRun run = CliRun.of("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(
                        "  0  success",
                        "  1  ",
                        "--fail-on-change (diff)",
                        "  2  ",
                        "  3  ",
                        "  4  some report files were invalid (ingest, evaluate --reports)");
    }

    @Test
    void everyCommandsHelp_hasExamplesAndExitCodes() {
        for (String command : COMMANDS) {
            CliRun run = CliRun.of("help", command);

            assertThat(run.code()).as(command).isZero();
            assertThat(run.err()).as(command).isEmpty();
            assertThat(run.out())
                    .as(command)
                    .contains("Exit codes:\n  0  ")
                    .contains("  aup-rules " + command)
                    .as("the design notes are not shipped; docs/contract.md is")
                    .doesNotContain("FACTS.md");
        }
    }

    @Test
    void footersAreWrittenToEightyColumns_soPicocliNeverBreaksAnExampleMidWord() {
        CommandLine cli = new CommandLine(new AupRulesCli());
        for (String command : concat("aup-rules", COMMANDS)) {
            CommandLine c =
                    command.equals("aup-rules") ? cli : cli.getSubcommands().get(command);

            assertThat(c.getCommandSpec().usageMessage().footer()).as(command).allMatch(l -> l.length() <= 80);
        }
    }

    /** Command name to its summary in the "Commands:" list, continuation lines joined. */
    private static Map<String, String> summaries(List<String> lines) {
        Map<String, String> summaries = new LinkedHashMap<>();
        String current = null;
        boolean inList = false;
        for (String line : lines) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.matches("  [a-z-]+ +\\S.*")) {
                current = line.trim().split(" +", 2)[0];
                summaries.put(current, line.trim().split(" +", 2)[1]);
            } else if (inList && current != null && line.startsWith("    ")) {
                summaries.merge(current, " " + line.trim(), String::concat);
            } else if (inList) {
                break;
            }
        }
        return summaries;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
