package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.testing.Traceability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aup-rules clauses}: the catalog verbatim, the traceability matrix of the default pack, a
 * pack edited to open gaps, JSON, and exit codes 0 to 3.
 */
class ClausesCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNode POLICY_JSON =
            read(PolicyPack.defaultPack().text("policy.json").orElseThrow());
    static final Traceability DEFAULT = Traceability.of(CompiledPolicy.compile(PolicyPack.defaultPack()));

    @TempDir
    Path tmp;

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the default pack's matrix says something is: the {@code file:line} of its first rule, or of its first row. */
    static String whereRule(String clause) {
        return DEFAULT.trace(clause).orElseThrow().rules().get(0).where();
    }

    static String whereRow(String clause, String detail) {
        return DEFAULT.trace(clause).orElseThrow().rows().stream()
                .filter(c -> c.detail().equals(detail))
                .findFirst()
                .orElseThrow()
                .where();
    }

    /** The verbatim text of a clause, from the default pack's policy.json. */
    static String textOf(String id) {
        for (JsonNode c : POLICY_JSON.get("clauses")) {
            if (c.get("id").asText().equals(id)) {
                return c.get("text").asText();
            }
        }
        throw new IllegalArgumentException(id);
    }

    /** A copy of the default pack in a folder. */
    Path copyOfDefaultPack() throws IOException {
        Path dir = tmp.resolve("my-pack");
        for (var e : PolicyPack.defaultPack().files().entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        return dir;
    }

    static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    // ------------------------------------------------------------------ the catalog

    @Test
    void theCatalog_listsEveryClauseWithItsKindAndHeading_andCountsThemOnTheLastLine() {
        CliRun run = CliRun.of("clauses");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.lines().get(0)).isEqualTo("Entrecloud AUP 2017-01-01: clause catalog");
        List<String> headers = new ArrayList<>();
        int prohibitions = 0;
        for (JsonNode c : POLICY_JSON.get("clauses")) {
            headers.add(String.format(
                    "%-5s  %-11s  %s",
                    c.get("id").asText(),
                    c.get("kind").asText(),
                    c.get("heading").asText()
                            + (c.get("category").isNull()
                                    ? ""
                                    : "  [" + c.get("category").asText() + "]")));
            prohibitions += c.get("kind").asText().equals("PROHIBITION") ? 1 : 0;
        }
        assertThat(run.lines()).containsSubsequence(headers);
        assertThat(run.lines())
                .contains(
                        "2.12   PROHIBITION  Prohibited scripts and content  [PROHIBITED_CONTENT]",
                        "P.1    ENFORCEMENT  Acceptable Use Policy");
        assertThat(run.lastLine())
                .startsWith(POLICY_JSON.get("clauses").size() + " clauses: " + prohibitions + " PROHIBITION, ");
        assertThat(run.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(ClausesReport.WIDTH));
    }

    @Test
    void theCatalog_wrapsEachTextWithoutChangingAWord() {
        CliRun run = CliRun.of("clauses", "1.A.4");
        assertThat(run.code()).as(run.toString()).isZero();
        List<String> lines = run.lines();
        // header, blank, clause line, then the text up to the actions line
        List<String> text = lines.subList(3, lines.size()).stream()
                .takeWhile(l -> !l.strip().startsWith("actions: "))
                .toList();
        assertThat(text).hasSizeGreaterThan(3).allSatisfy(l -> assertThat(l).startsWith("       "));
        assertThat(text.stream().map(String::strip).collect(Collectors.joining(" ")))
                .isEqualTo(textOf("1.A.4"));
        assertThat(lines)
                .contains("       actions: may REPORT_TO_FTC, REQUIRE_CHANGES, DISABLE_COMPONENT, "
                        + "CHARGE_CLEANUP_FEE,");
    }

    @Test
    void namedClauses_comeInCatalogOrder() {
        CliRun run = CliRun.of("clauses", "2.12", "1.A.2", "3");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.lines())
                .filteredOn(l -> !l.startsWith(" ") && l.contains("  "))
                .extracting(l -> l.substring(0, l.indexOf(' ')))
                .containsExactly("1.A.2", "2.12", "3");
        assertThat(run.lastLine()).isEqualTo("3 clauses: 2 PROHIBITION, 1 HEADING");
    }

    @Test
    void theCatalogAsJson_holdsEveryClauseWhole() {
        CliRun run = CliRun.of("clauses", "--format", "json");
        assertThat(run.code()).as(run.toString()).isZero();
        JsonNode out = read(run.out());
        assertThat(out.at("/policy/name").asText()).isEqualTo("Entrecloud AUP");
        assertThat(out.get("clauses")).hasSameSizeAs(POLICY_JSON.get("clauses"));
        for (int i = 0; i < out.get("clauses").size(); i++) {
            JsonNode got = out.get("clauses").get(i);
            JsonNode want = POLICY_JSON.get("clauses").get(i);
            for (String field : List.of("id", "kind", "category", "heading", "text")) {
                assertThat(got.get(field)).as(want.get("id") + " " + field).isEqualTo(want.get(field));
            }
            assertThat(got.get("actions")).as(want.get("id") + " actions").isEqualTo(want.get("actions"));
        }
    }

    @Test
    void anUnknownClause_exits2WithADidYouMean() {
        CliRun run = CliRun.of("clauses", "2.99", "1.A.2");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err())
                .isEqualTo("aup-rules: unknown clause `2.99` in policy `Entrecloud AUP`; did you mean " + "`2.9`?\n");
    }

    // ------------------------------------------------------------------ the matrix

    @Test
    void theMatrixOfTheDefaultPack_countsWhatCitesEachClause_andEndsWithTheSummary() {
        CliRun run = CliRun.of("clauses", "--matrix");
        assertThat(run.code()).as(run.toString()).isZero();
        List<String> lines = run.lines();
        assertThat(lines.get(0)).isEqualTo("Traceability of Entrecloud AUP 2017-01-01 (policy pack: default)");
        assertThat(lines.get(2)).isEqualTo("clause  rules  rows  violating  innocent");
        for (int i = 0; i < DEFAULT.clauses().size(); i++) {
            Traceability.ClauseTrace t = DEFAULT.clauses().get(i);
            assertThat(lines.get(3 + i).split("\\s+"))
                    .as(lines.get(3 + i))
                    .containsExactly(
                            t.id(),
                            "" + t.rules().size(),
                            "" + t.rows().size(),
                            "" + t.violating().size(),
                            "" + t.innocent().size());
        }
        assertThat(run.out()).doesNotContain("GAP");
        assertThat(run.lastLine())
                .isEqualTo("35 PROHIBITION clauses: 35 fully traced, 0 with a gap; 0 stray citations");
    }

    @Test
    void theMatrix_namesRulesRowsAndScenariosByFileAndLine() {
        CliRun run = CliRun.of("clauses", "--matrix", "2.12", "1.D.1");
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.lines())
                .containsSubsequence(
                        "1.D.1   D. Violations of Other Laws  [OTHER_LAW]",
                        "  rules that can cite it: none",
                        "  table rows that can cite it (1):",
                        "    " + whereRow("1.D.1", "verified `LAW_ENFORCEMENT` report")
                                + "  1.D.1 verified law-enforcement report  verified `LAW_ENFORCEMENT` report",
                        "  scenarios that expect it violated (1):");
        assertThat(run.lines())
                .containsSubsequence(
                        "2.12    Prohibited scripts and content  [PROHIBITED_CONTENT]",
                        "        Scripts or content that serve as IRCD (irc servers)",
                        "  rules that can cite it: none",
                        "    " + whereRow("2.12", "PROCESS `unrealircd`")
                                + "  2.12 IRC server process  PROCESS `unrealircd`",
                        "    " + whereRow("2.12", "PORT `6660-6669`") + "  2.12 IRC port  PORT `6660-6669`",
                        "  scenarios that expect it violated (3):");
        String content = PolicyPack.defaultPack().text("scenarios/content.json").orElseThrow();
        int line = content.substring(0, content.indexOf("{\"accountId\": \"acc-irc-server\", \"clause\": \"2.12\"}"))
                .split("\n", -1)
                .length;
        assertThat(run.lines())
                .contains("    scenarios/content.json:" + line + "  An IRC daemon is an IRC server "
                        + "(2.12); IRC clients are not  [acc-irc-server]");
        assertThat(run.lastLine()).isEqualTo("2 PROHIBITION clauses: 2 fully traced, 0 with a gap; 0 stray citations");
    }

    @Test
    void aPackWithoutARuleOrAnInnocentScenario_isMarkedGAP_andFailOnGapExits1() throws IOException {
        Path pack = copyOfDefaultPack();
        Path policy = pack.resolve("policy.json");
        Files.writeString(
                policy, Files.readString(policy).replaceAll(",\\s*\"DISRUPTION\": \\[\\s*\\{[^}]*\\}\\s*\\]", ""));
        Path scenarios = pack.resolve("scenarios/actions-and-laws.json");
        ArrayNode kept = JSON.createArrayNode();
        read(Files.readString(scenarios)).forEach(s -> {
            if (!s.get("description").asText().equals("one commercial stream beside a non-commercial one is allowed")) {
                kept.add(s);
            }
        });
        Files.writeString(scenarios, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(kept));

        CliRun run = CliRun.of("clauses", "--matrix", "--policy", pack.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.lines())
                .anyMatch(l -> l.startsWith("2.15 ") && l.endsWith("  GAP: no scenario shows it kept"))
                .anyMatch(l -> l.startsWith("3.7 ") && l.endsWith("  GAP: no rule or table row can cite it"))
                .containsSubsequence(
                        "3.7     Prohibited actions  [PROHIBITED_ACTION]",
                        "  GAP: no rule or table row can cite it",
                        "  rules that can cite it: none")
                .contains("    " + pack + "/" + whereRule("1.C.2")
                        + "  1.C.2 use of the account from an embargoed place");
        assertThat(run.lines())
                .containsSubsequence(
                        "  GAP: no scenario shows it kept",
                        "    " + pack + "/" + whereRule("2.15") + "  2.15 more than one commercial audio stream",
                        "  scenarios that show it kept: none");
        assertThat(run.lastLine())
                .isEqualTo("35 PROHIBITION clauses: 33 fully traced, 2 with a gap; 0 stray citations");

        assertThat(CliRun.of("clauses", "--fail-on-gap", "--policy", pack.toString())
                        .code())
                .isEqualTo(1);
        CliRun fine = CliRun.of("clauses", "--fail-on-gap", "--policy", pack.toString(), "3.3");
        assertThat(fine.code()).as(fine.toString()).isZero();
        assertThat(fine.lastLine()).isEqualTo("1 PROHIBITION clause: 1 fully traced, 0 with a gap; 0 stray citations");
    }

    @Test
    void aScenarioCitingAnIdThatIsNoProhibition_isAStrayCitation() throws IOException {
        Path pack = copyOfDefaultPack();
        Files.writeString(pack.resolve("scenarios/zz-extra.json"), """
                {"description": "a made-up clause",
                 "facts": {"accounts": [{"id": "a"}]},
                 "expect": {"violations": [{"accountId": "a", "clause": "2.99"}]}}
                """);
        CliRun run = CliRun.of("clauses", "--fail-on-gap", "--policy", pack.toString(), "2.15");
        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.lines())
                .containsSubsequence(
                        "GAP: 1 citation of an id that is not a PROHIBITION clause of the catalog:",
                        "  " + pack + "/scenarios/zz-extra.json:3  scenario `a made-up clause` cites `2.99`");
        assertThat(run.lastLine()).isEqualTo("1 PROHIBITION clause: 1 fully traced, 0 with a gap; 1 stray citation");
    }

    @Test
    void theMatrixAsJson_holdsTheCitationsGapsAndSummary() throws IOException {
        Path pack = copyOfDefaultPack();
        edit(pack.resolve("signatures.csv"), "PROCESS,solanum,2.12,HIGH,CONFIRMED,IRC server process\n", "");
        CliRun run = CliRun.of("clauses", "--matrix", "--format", "json", "--policy", pack.toString());
        assertThat(run.code()).as(run.toString()).isZero();
        JsonNode out = read(run.out());
        assertThat(out.get("clauses")).hasSize(35);
        assertThat(out.at("/summary/prohibitions").asInt()).isEqualTo(35);
        assertThat(out.at("/summary/withGap").asInt()).isZero();
        assertThat(out.get("strayCitations")).isEmpty();
        JsonNode irc = out.get("clauses")
                .get(DEFAULT.clauses().indexOf(DEFAULT.trace("2.12").orElseThrow()));
        assertThat(irc.get("id").asText()).isEqualTo("2.12");
        assertThat(irc.get("text").asText()).isEqualTo(textOf("2.12"));
        assertThat(irc.get("rules")).isEmpty();
        assertThat(irc.get("tableRows"))
                .hasSize(DEFAULT.trace("2.12").orElseThrow().rows().size() - 1);
        assertThat(irc.get("tableRows").get(0)).isEqualTo(read("""
                {"file": "%s/signatures.csv", "line": %d, "ruleId": "2.12 IRC server process",
                 "matches": "PROCESS `unrealircd`"}""".formatted(
                        pack, DEFAULT.trace("2.12").orElseThrow().rows().get(0).line())));
        assertThat(irc.get("tableRows").findValuesAsText("matches")).doesNotContain("PROCESS `solanum`");
        JsonNode violating = irc.get("violatingScenarios").get(0);
        assertThat(violating.get("file").asText()).isEqualTo(pack + "/scenarios/content.json");
        assertThat(violating.get("description").asText())
                .isEqualTo("An IRC daemon is an IRC server (2.12); IRC clients are not");
        assertThat(violating.get("accounts"))
                .containsExactly(JSON.getNodeFactory().textNode("acc-irc-server"));
        assertThat(irc.get("gaps")).isEmpty();
    }

    // ------------------------------------------------------------------ exit codes

    @Test
    void theMatrixOfAnEnforcementClause_exits2() {
        CliRun run = CliRun.of("clauses", "--matrix", "P.1");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err())
                .isEqualTo("aup-rules: clause `P.1` is ENFORCEMENT: only PROHIBITION clauses have "
                        + "rules and scenarios to trace\n");
    }

    @Test
    void aBrokenScenarioFileOfThePack_exits2() throws IOException {
        Path pack = copyOfDefaultPack();
        Files.writeString(pack.resolve("scenarios/zz-broken.json"), "{\"description\": \"x\",\n \"facts\": 7}\n");
        CliRun run = CliRun.of("clauses", "--matrix", "--policy", pack.toString());
        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("aup-rules: " + pack + "/scenarios/zz-broken.json:2:11: $.facts: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anInvalidPack_exits3WithEveryProblem() throws IOException {
        Path pack = copyOfDefaultPack();
        edit(pack.resolve("rules/export.drl"), "@clause(\"1.C.2\")", "@clause(\"1.C.22\")");
        CliRun run = CliRun.of("clauses", "--policy", pack.toString());
        assertThat(run.code()).isEqualTo(3);
        assertThat(run.err())
                .contains(pack + "/" + whereRule("1.C.2") + ":1: error: rule `1.C.2 use of the account from"
                        + " an embargoed place`: unknown clause `1.C.22`; did you mean `1.C.2`?");
    }

    @Test
    void helpExplainsTheMatrixGapsAndExitCodes() {
        CliRun run = CliRun.of("clauses", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out())
                .contains(
                        "--matrix",
                        "--fail-on-gap",
                        "--format",
                        "--policy",
                        "GAP",
                        "@clauseFrom",
                        "Exit codes:",
                        "3  invalid policy pack");
        assertThat(CliRun.of("--help").out()).contains("clauses");
    }
}
