package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The text report is for triage, and csv is for spreadsheets: evaluate on the sample fleet. */
class EvaluateTriageTest {

    static final String FLEET = "samples/fleet.json";
    static EvaluationResult fleet;
    static String plain;

    @BeforeAll
    static void evaluateTheFleet() throws Exception {
        fleet = DroolsAupEvaluator.builder()
                .defaultPolicy()
                .build()
                .evaluate(FactsJson.read(Files.readString(Path.of(FLEET)), FLEET));
        plain = TextReport.render(fleet, TextReport.Style.PLAIN);
    }

    @Test
    void header_countsTheCleanAccounts() {
        long flagged =
                fleet.violations().stream().map(Violation::accountId).distinct().count();
        assertThat(plain.lines().toList().get(1))
                .isEqualTo(fleet.summary().accounts() + " accounts, " + flagged + " with violations, "
                        + (fleet.summary().accounts() - flagged) + " clean")
                .isEqualTo("27 accounts, 22 with violations, 5 clean");
        assertThat(plain.lines().toList().get(2)).isEqualTo("73 violations: 5 CRITICAL, 46 HIGH, 21 MEDIUM, 1 LOW");
    }

    @Test
    void ranking_isWorstSeverityFirst_thenMostViolations_withCountsBySeverity() {
        List<String> lines = plain.lines().toList();
        int head = lines.indexOf("  account              CRITICAL      HIGH    MEDIUM       LOW  total");
        assertThat(head).as(plain).isPositive();
        Pattern row = Pattern.compile("  (\\S+) +([·\\d]+) +([·\\d]+) +([·\\d]+) +([·\\d]+) +(\\d+)");
        List<String> ranked = new ArrayList<>();
        for (String line : lines.subList(head + 1, lines.size())) {
            Matcher m = row.matcher(line);
            if (!m.matches()) {
                break;
            }
            String account = m.group(1);
            ranked.add(account);
            Map<Severity, Integer> want = new HashMap<>();
            fleet.violationsOf(account).forEach(v -> want.merge(v.severity(), 1, Integer::sum));
            assertThat(cell(m.group(2))).as(account).isEqualTo(want.getOrDefault(Severity.CRITICAL, 0));
            assertThat(cell(m.group(3))).as(account).isEqualTo(want.getOrDefault(Severity.HIGH, 0));
            assertThat(cell(m.group(4))).as(account).isEqualTo(want.getOrDefault(Severity.MEDIUM, 0));
            assertThat(cell(m.group(5))).as(account).isEqualTo(want.getOrDefault(Severity.LOW, 0));
            assertThat(Integer.parseInt(m.group(6)))
                    .isEqualTo(fleet.violationsOf(account).size());
        }
        assertThat(ranked).hasSize(22).doesNotContain("acc-clean-shop");
        for (int i = 1; i < ranked.size(); i++) {
            Severity before = worst(ranked.get(i - 1));
            Severity after = worst(ranked.get(i));
            assertThat(before)
                    .as(ranked.get(i - 1) + " before " + ranked.get(i))
                    .isGreaterThanOrEqualTo(after);
            if (before == after) {
                assertThat(fleet.violationsOf(ranked.get(i - 1)).size())
                        .isGreaterThanOrEqualTo(
                                fleet.violationsOf(ranked.get(i)).size());
            }
        }
        // acc-newsletter has the most violations (10) but no CRITICAL one: every CRITICAL account comes first
        assertThat(ranked.indexOf("acc-newsletter")).isEqualTo(5);
        assertThat(ranked.get(0)).isEqualTo("acc-reported");
        // the detail follows in the same order
        List<String> blocks = lines.stream()
                .filter(l -> l.matches("acc-\\S+  \\(.*\\)"))
                .map(l -> l.substring(0, l.indexOf(' ')))
                .toList();
        assertThat(blocks).isEqualTo(ranked);
    }

    @Test
    void detail_isSortedBySeverityThenClause_withoutTheClauseIdTwice() {
        Map<String, List<String>> byAccount = new LinkedHashMap<>();
        String current = null;
        Pattern violation = Pattern.compile("  (\\S+) +(CRITICAL|HIGH|MEDIUM|LOW) +(CONFIRMED|SUSPECTED) (.*)");
        for (String line : plain.lines().toList()) {
            if (line.matches("acc-\\S+  \\(.*\\)")) {
                current = line.substring(0, line.indexOf(' '));
                byAccount.put(current, new ArrayList<>());
            } else if (current != null) {
                Matcher m = violation.matcher(line);
                if (m.matches()) {
                    assertThat(m.group(4)).as(line).doesNotStartWith(m.group(1) + " ");
                    byAccount.get(current).add(m.group(2) + " " + m.group(1));
                }
            }
        }
        assertThat(byAccount).hasSize(22);
        byAccount.forEach((account, got) -> {
            List<String> want = fleet.violationsOf(account).stream()
                    .sorted(java.util.Comparator.comparing(Violation::severity)
                            .reversed()
                            .thenComparing(v -> v.clause().id())
                            .thenComparing(Violation::ruleId))
                    .map(v -> v.severity() + " " + v.clauseId())
                    .toList();
            assertThat(got).as(account).isEqualTo(want);
        });
        assertThat(plain).contains("  3.2    CRITICAL CONFIRMED traffic aimed at the company's infrastructure\n");
    }

    @Test
    void actions_areSaidOncePerAccount_whenEveryViolationSharesThem() {
        List<String> shared = fleet.violations().stream()
                .map(Violation::accountId)
                .distinct()
                .filter(a -> fleet.violationsOf(a).size() > 1
                        && fleet.violationsOf(a).stream()
                                        .map(Violation::actions)
                                        .distinct()
                                        .count()
                                == 1)
                .toList();
        assertThat(shared).isNotEmpty();
        for (String account : shared) {
            assertThat(block(account))
                    .as(account)
                    .contains("\n  actions, for each: ")
                    .doesNotContain("         actions: ");
        }
        // acc-botnet's 3.2 also says the company WILL terminate: its actions differ, so each says its own
        String botnet = block("acc-botnet");
        assertThat(botnet)
                .contains("         actions: WILL TERMINATE_ACCOUNT (3), MAY TERMINATE_ACCOUNT (P.1)")
                .doesNotContain("actions, for each");
        assertThat(botnet.split("         actions: ", -1)).hasSize(4);
    }

    @Test
    void lines_wrapAtTheWidth_andPlainTextHasNoColour() {
        for (int width : new int[] {60, 80, 120}) {
            String text = TextReport.render(fleet, new TextReport.Style(width, false));
            Pattern tableRow = Pattern.compile("  (account|acc-\\S+) +(CRITICAL|[·\\d]+) .*");
            // the first line, naming the policy, is never wrapped; a table's rows neither
            assertThat(text.lines().skip(1).filter(l -> !tableRow.matcher(l).matches()))
                    .as("width " + width)
                    .allSatisfy(
                            l -> assertThat(l.length() <= width || !l.strip().contains(" "))
                                    .as(l)
                                    .isTrue());
            assertThat(text.replaceAll("\\s+", " ")).isEqualTo(plain.replaceAll("\\s+", " "));
        }
        assertThat(TextReport.render(fleet, new TextReport.Style(60, false))
                        .lines()
                        .count())
                .isGreaterThan(plain.lines().count());
        assertThat(plain).doesNotContain("\u001b[");
        String coloured = TextReport.render(fleet, new TextReport.Style(80, true));
        assertThat(coloured).contains("\u001b[1;31mCRITICAL\u001b[0m").contains("\u001b[36mLOW");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void colour_isOffWithNoColor_andOffWhenStdoutIsNotATerminal() {
        assertThat(Terminal.ColorMode.AUTO.colours(Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(Terminal.ColorMode.NEVER.colours(Map.of())).isFalse();
        assertThat(Terminal.ColorMode.ALWAYS.colours(Map.of("NO_COLOR", "1"))).isTrue();
        // the tests' stdout is a pipe, not a terminal: auto means no colour, and 80 columns
        assertThat(Terminal.ColorMode.AUTO.colours(Map.of())).isFalse();
        assertThat(Terminal.width(Map.of("COLUMNS", "200"))).isEqualTo(80);
    }

    @Test
    void theCommand_takesColorWidthAndFormatInAnyCase() {
        CliRun run = CliRun.of("evaluate", "--color=ALWAYS", "--width=60", "--format=TEXT", FLEET);
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(TextReport.render(fleet, new TextReport.Style(60, true)));
        CliRun bad = CliRun.of("evaluate", "--format=xml", FLEET);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown format `xml`; expected one of text, json, jsonl, csv, html");
    }

    @Test
    void csv_isOneRowPerViolation_quotedAsRfc4180Says() throws Exception {
        CliRun run = CliRun.of("evaluate", "--format", "CSV", FLEET);
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(CsvReport.render(fleet)).endsWith("\r\n");
        List<List<String>> rows = parseCsv(run.out());
        assertThat(rows.get(0))
                .containsExactly("account", "clause", "severity", "certainty", "rule", "message", "evidence");
        assertThat(rows).hasSize(fleet.violations().size() + 1);
        for (int i = 0; i < fleet.violations().size(); i++) {
            Violation v = fleet.violations().get(i);
            assertThat(rows.get(i + 1))
                    .containsExactly(
                            v.accountId(),
                            v.clauseId(),
                            v.severity().name(),
                            v.certainty().name(),
                            v.ruleId(),
                            v.message(),
                            String.join(
                                    " ",
                                    v.evidence().stream()
                                            .map(e -> e.type() + ":" + e.id())
                                            .toList()));
        }
        assertThat(fleet.violations()).anyMatch(v -> v.message().contains(","));
        assertThat(CsvReport.field("say \"hi\", then\nleave")).isEqualTo("\"say \"\"hi\"\", then\nleave\"");
        assertThat(CsvReport.field("plain")).isEqualTo("plain");
        // json stays the output document
        JsonNode json = new ObjectMapper()
                .readTree(CliRun.of("evaluate", "--format", "Json", FLEET).out());
        assertThat(json.path("violations").size()).isEqualTo(fleet.violations().size());
    }

    /** An RFC 4180 reader, independent of the writer: quoted fields, doubled quotes, CRLF. */
    private static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        return rows;
    }

    private static String block(String account) {
        int start = plain.indexOf("\n" + account + "  (");
        int end = plain.indexOf("\n\n", start + 1);
        return plain.substring(start, end < 0 ? plain.length() : end + 1);
    }

    private static Severity worst(String account) {
        return fleet.violationsOf(account).stream()
                .map(Violation::severity)
                .max(Enum::compareTo)
                .orElseThrow();
    }

    private static int cell(String s) {
        return s.equals("·") ? 0 : Integer.parseInt(s);
    }
}
