package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.auprules.examples.bench.FleetGenerator;
import org.auprules.json.FactsJsonWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate, convert and generate with the two forms of the input: a generated fleet gives the same
 * verdicts as a whole document and as JSON Lines, from a file or from standard input.
 */
class StreamingCliTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SAMPLE = "samples/fleet.json";

    static String lines;
    static String document;
    static CliRun documentOnStdin;
    static CliRun linesOnStdin;
    static CliRun linesAsJsonl;
    static CliRun documentAsJsonl;
    static CliRun linesAsText;
    static CliRun documentAsText;

    /** Every evaluation compiles the pack: each form and output format is evaluated once, for all tests. */
    @BeforeAll
    static void generateAndEvaluate(@TempDir Path dir) throws Exception {
        lines = CliRun.of("generate", "--accounts", "300", "--seed", "3").out();
        document = CliRun.of("generate", "--accounts", "300", "--seed", "3", "--format", "json")
                .out();
        Path doc = Files.writeString(dir.resolve("fleet.json"), document, StandardCharsets.UTF_8);
        Path jsonl = Files.writeString(dir.resolve("fleet.jsonl"), lines, StandardCharsets.UTF_8);
        documentOnStdin = CliRun.withInput(document, "evaluate", "--format", "json", "-");
        linesOnStdin = CliRun.withInput(lines, "evaluate", "--format", "json", "--threads", "3", "-");
        linesAsJsonl =
                CliRun.of("evaluate", "--format", "jsonl", "--threads", "4", "--fail-on", "HIGH", jsonl.toString());
        documentAsJsonl = CliRun.of("evaluate", "--format", "jsonl", doc.toString());
        linesAsText = CliRun.withInput(lines, "evaluate", "--fail-on", "CRITICAL", "-");
        documentAsText = CliRun.withInput(document, "evaluate", "-");
    }

    @Test
    void generate_streamsTheFleetOfTheGenerator_oneAccountPerLineAfterAHeader() {
        List<String> l = lines.lines().toList();

        assertThat(l).hasSize(301);
        assertThat(l.get(0)).isEqualTo("{\"evaluatedAt\":\"2026-11-28T12:00:00Z\"}");
        assertThat(l.get(1)).startsWith("{\"account\":{\"id\":\"acc-0000000\"");
        assertThat(l.get(300)).startsWith("{\"account\":{\"id\":\"acc-0000299\"");
        assertThat(document).isEqualTo(FactsJsonWriter.write(FleetGenerator.generate(300, 3)));
        assertThat(CliRun.of("generate", "--accounts", "300", "--seed", "4").out())
                .isNotEqualTo(lines);
    }

    @Test
    void generatedFleet_givesTheSameVerdicts_asADocumentAndAsLines_onStdin() throws Exception {
        assertThat(documentOnStdin.code()).as(documentOnStdin.toString()).isZero();
        JsonNode result = JSON.readTree(documentOnStdin.out());
        assertThat(result.at("/summary/accounts").asInt()).isEqualTo(300);
        assertThat(result.at("/summary/violations").asInt()).isPositive();
        assertThat(linesOnStdin.code()).isZero();
        assertThat(linesOnStdin.out()).isEqualTo(documentOnStdin.out());
    }

    @Test
    void jsonlOutput_isOneLinePerAccountInInputOrder_theSameForBothForms() throws Exception {
        List<String> a = linesAsJsonl.lines();
        List<String> b = documentAsJsonl.lines();

        assertThat(linesAsJsonl.code()).as("--fail-on HIGH").isEqualTo(1);
        assertThat(documentAsJsonl.code()).isZero();
        assertThat(a).hasSize(302).hasSameSizeAs(b);
        assertThat(JSON.readTree(a.get(0)).get("evaluatedAt").asText()).isEqualTo("2026-11-28T12:00:00Z");
        assertThat(a.get(0)).isEqualTo(b.get(0));
        for (int i = 1; i <= 300; i++) {
            ObjectNode line = (ObjectNode) JSON.readTree(a.get(i));
            assertThat(line.remove("line").asInt()).isEqualTo(i + 1);
            assertThat(line.get("accountId").asText()).isEqualTo(String.format("acc-%07d", i - 1));
            assertThat(line).isEqualTo(JSON.readTree(b.get(i)));
        }
        assertThat(a.get(301)).isEqualTo(b.get(301)).startsWith("{\"summary\":{\"accounts\":300,");
    }

    @Test
    void textReportOfLines_printsEachAccountAsItComes_andTheSummaryLast() {
        List<String> streamed = linesAsText.lines();
        List<String> whole = documentAsText.lines();

        assertThat(linesAsText.code()).as("--fail-on CRITICAL").isZero();
        assertThat(streamed.get(0)).isEqualTo(whole.get(0)).contains("evaluated at 2026-11-28T12:00:00Z");
        // a stream cannot rank accounts it has not seen: it prints each account's block, the same as
        // the triage report's, in input order, and closes with the counts
        assertThat(streamed.get(streamed.size() - 1))
                .startsWith("300 accounts, ")
                .contains(" violations");
        Set<String> streamedBlocks = accountBlocks(linesAsText.out());
        assertThat(streamedBlocks).isNotEmpty().isEqualTo(accountBlocks(documentAsText.out()));
        assertThat(List.copyOf(streamedBlocks))
                .as("input order")
                .isSortedAccordingTo(java.util.Comparator.naturalOrder());
    }

    /** The per-account blocks of a text report, each from its account id to the blank line after it. */
    private static Set<String> accountBlocks(String report) {
        Set<String> blocks = new LinkedHashSet<>();
        for (String block : report.split("\n\n", -1)) {
            if (block.startsWith("acc-")) {
                blocks.add(block.strip());
            }
        }
        return blocks;
    }

    @Test
    void convert_roundTrips_andKeepsTheSampleVerdicts(@TempDir Path dir) throws Exception {
        CliRun toLines = CliRun.of("convert", SAMPLE);
        assertThat(toLines.code()).as(toLines.toString()).isZero();
        assertThat(toLines.lines().get(0)).isEqualTo("{\"evaluatedAt\":\"2026-11-28T12:00:00Z\"}");
        Path jsonl = Files.writeString(dir.resolve("fleet.jsonl"), toLines.out());
        CliRun back = CliRun.of("convert", jsonl.toString());

        assertThat(back.out()).startsWith("{\n  \"evaluatedAt\" : \"2026-11-28T12:00:00Z\",\n  \"accounts\"");
        assertThat(CliRun.withInput(back.out(), "convert", "-").out()).isEqualTo(toLines.out());
        String verdicts = CliRun.of("evaluate", "--format", "json", SAMPLE).out();
        assertThat(CliRun.of("evaluate", "--format", "json", jsonl.toString()).out())
                .isEqualTo(verdicts);
        assertThat(CliRun.withInput(lines, "convert", "-").out()).isEqualTo(document);
        assertThat(CliRun.withInput(lines, "convert", "--to", "jsonl", "-").out())
                .isEqualTo(lines);
    }

    @Test
    void convert_putsEachWaiverAndPriorFindingOnItsAccountsLine_andBothFormsGiveTheSameVerdicts(@TempDir Path dir)
            throws Exception {
        String desk = "samples/desk/desk.json";
        CliRun toLines = CliRun.of("convert", desk);
        assertThat(toLines.code()).as(toLines.toString()).isZero();
        JsonNode radio = JSON.readTree(toLines.lines().stream()
                .filter(l -> l.contains("\"id\":\"acc-radio\""))
                .findFirst()
                .orElseThrow());
        assertThat(radio.path("waivers")).hasSize(1);
        assertThat(radio.path("waivers").get(0).path("id").asText()).isEqualTo("w-radio");
        assertThat(toLines.out()).doesNotContain("\"accountId\":\"acc-mailer\",\"clauses\":[\"2.15\"]");
        Path jsonl = Files.writeString(dir.resolve("desk.jsonl"), toLines.out());

        // the waived 2.15 violation is set apart and the history escalates, whichever form is read
        CliRun fromLines = CliRun.of("evaluate", "--format", "json", jsonl.toString());
        assertThat(fromLines.out())
                .isEqualTo(CliRun.of("evaluate", "--format", "json", desk).out())
                .contains("\"waiver\" : \"w-radio\"")
                .contains("\"escalations\"");
        JsonNode summary = JSON.readTree(CliRun.of("evaluate", "--format", "jsonl", jsonl.toString())
                        .lines()
                        .get(4))
                .path("summary");
        assertThat(summary.path("suppressed").asInt()).isEqualTo(1);
        assertThat(CliRun.of("evaluate", jsonl.toString()).out())
                .contains("suppressed by waivers (1)")
                .contains("[waiver w-radio]");
        assertThat(CliRun.of("convert", jsonl.toString()).out()).contains("\"w-radio\"", "\"history\"");
    }

    @Test
    void aLinesWaiverForAnotherAccountIsAnErrorAtItsPath() {
        String line = "{\"account\": {\"id\": \"a\"}, \"waivers\": [{\"id\": \"w\", \"accountId\": \"b\","
                + " \"clauses\": [\"2.15\"]}]}";

        CliRun run = CliRun.withInput(line, "evaluate", "--format", "jsonl", "-");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .contains("$.waivers[0].accountId")
                .contains("a waiver of account `b` on the line of account `a`");
    }

    @Test
    void convert_refusesAWaiverOfAnAccountTheDocumentDoesNotHave() {
        String facts = "{\"accounts\": [{\"id\": \"a\"}], \"waivers\": [{\"id\": \"w\", \"accountId\": \"ghost\","
                + " \"clauses\": [\"2.15\"]}]}";

        CliRun run = CliRun.withInput(facts, "convert", "-");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("waiver `w` of account `ghost`");
    }

    @Test
    void convert_refusesAReportNoSingleAccountCanBeCitedFor() {
        String facts = "{\"accounts\": [{\"id\": \"a\", \"ips\": [\"203.0.113.7\"]}], \"reports\": [{\"id\": \"r-1\","
                + " \"type\": \"SPAM\", \"ip\": \"198.51.100.9\"}]}";

        CliRun run = CliRun.withInput(facts, "convert", "-");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .contains("1 report or listing has no single account to go with")
                .contains("`r-1`");
    }

    @Test
    void invalidLine_stopsWithItsLineAndPath_afterTheResultsBeforeIt() {
        String[] l = lines.split("\n");
        l[3] = l[3].replace("\"plan\":\"vps-standard\"", "\"plan\":7");

        CliRun run = CliRun.withInput(String.join("\n", l), "evaluate", "--format", "jsonl", "-");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("aup-rules: <stdin>:4:39: $.account.plan: expected a string, got `7`\n");
        assertThat(run.lines()).hasSize(3).last().asString().contains("\"line\":3,");
    }

    @Test
    void optionsThatNeedTheWholeDocument_orNoThreads_areRefused() {
        assertThat(CliRun.withInput(lines, "evaluate", "--decision-log", "d.jsonl", "-"))
                .satisfies(r -> assertThat(r.code()).isEqualTo(2))
                .satisfies(r -> assertThat(r.err()).contains("need the whole document"));
        assertThat(CliRun.withInput(lines, "evaluate", "--threads", "0", "-"))
                .satisfies(r -> assertThat(r.code()).isEqualTo(2))
                .satisfies(r -> assertThat(r.err()).contains("--threads must be at least 1, got 0"));
    }
}
