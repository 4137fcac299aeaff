package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.auprules.api.Certainty;
import org.auprules.api.EvaluationResult;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.facts.ReportType;
import org.auprules.drools.internal.PackSource;
import org.auprules.drools.internal.ReportTypesReader;
import org.auprules.drools.rules.ReportTypeRow;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading reportTypes in policy.json, and the one rule that turns its rows into violations. */
class ReportTypesReaderTest {

    private static final String DEFAULT_POLICY =
            PolicyPack.defaultPack().text(PolicyPack.POLICY_FILE).orElseThrow();
    private static final String SECTION_START = "  \"reportTypes\": {";

    /** The default policy.json with its reportTypes section replaced; the section is the last one. */
    private static String policyWith(String section) {
        int start = DEFAULT_POLICY.indexOf(SECTION_START);
        return DEFAULT_POLICY.substring(0, start) + "  \"reportTypes\": " + section + "\n}\n";
    }

    private static ReportTypesReader.Parsed read(String policyText) {
        PolicyDocument document = PolicyDocument.parse(PolicyPack.ofFiles("test", Map.of("policy.json", policyText)))
                .document()
                .orElseThrow();
        PackSource source = PackSource.of(
                "test", new TreeMap<>(Map.of("policy.json", policyText.getBytes(StandardCharsets.UTF_8))));
        return ReportTypesReader.read(document.catalog(), source);
    }

    /**
     * The 1-based line and column of the only occurrence of {@code marker} in the reportTypes section;
     * problems are placed, as in the other tables, at the value the path names.
     */
    private static int[] at(String text, String marker) {
        int from = text.indexOf("\"reportTypes\"");
        int i = text.indexOf(marker, from);
        assertThat(i).as("marker `%s`", marker).isNotNegative();
        assertThat(text.indexOf(marker, i + 1))
                .as("marker `%s` occurs once", marker)
                .isNegative();
        int line = (int) text.substring(0, i).chars().filter(c -> c == '\n').count() + 1;
        return new int[] {line, i - text.lastIndexOf('\n', i - 1)};
    }

    @Test
    void theShippedSection_readsWithoutProblems_oneRowPerReportType() {
        ReportTypesReader.Parsed parsed = read(DEFAULT_POLICY);

        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.table().rowsFor(ReportType.SCRAPING))
                .containsExactly(new ReportTypeRow(
                        ReportType.SCRAPING,
                        "2.5",
                        Severity.MEDIUM,
                        Certainty.CONFIRMED,
                        "verified scraping report",
                        "scrapes data from others",
                        at(DEFAULT_POLICY, "{\"clause\": \"2.5\"")[0]));
        assertThat(parsed.table().rowsFor(ReportType.SPAM)).isEmpty();
        assertThat(parsed.table().rowsFor(ReportType.DMCA)).isEmpty();
        assertThat(parsed.table().rowsFor(null)).isEmpty();
        assertThat(Stream.of(ReportType.MALWARE, ReportType.BOTNET, ReportType.DDOS)
                        .map(t -> parsed.table().rowsFor(t).get(0).ruleId())
                        .distinct()
                        .toList())
                .containsExactly("2.4 verified malware, botnet or attack report");
    }

    static Stream<Arguments> mistakes() {
        String ok = "\"severity\": \"HIGH\", \"certainty\": \"CONFIRMED\", \"description\": \"d\", \"says\": \"s\"";
        return Stream.of(
                Arguments.of(
                        "{\"SCRAPNG\": [\n{\"clause\": \"2.5\", " + ok + "}\n]}",
                        "[\n{",
                        "unknown report type `SCRAPNG`; did you mean `SCRAPING`?"),
                Arguments.of(
                        "{\"SCRAPING\": [\n{\"clause\": \"2.55\", " + ok + "}\n]}",
                        "\"2.55\"",
                        "unknown clause `2.55`; did you mean `2.5`?"),
                Arguments.of(
                        "{\"SCRAPING\": [\n{\"clause\": \"1.A.6\", " + ok + "}\n]}",
                        "\"1.A.6\"",
                        "clause `1.A.6` is ENFORCEMENT, not a PROHIBITION: an entry can only cite a clause that can be"
                                + " broken"),
                Arguments.of(
                        "{\"SCRAPING\": [\n{\"clause\": \"2.5\", \"severty\": \"HIGH\", " + ok + "}\n]}",
                        "\"HIGH\", \"severity\"",
                        "unknown field `severty`; did you mean `severity`?"),
                Arguments.of(
                        "{\"SCRAPING\": [\n{\"clause\": \"2.5\", \"severity\": \"HGH\", \"certainty\":"
                                + " \"CONFIRMED\", \"description\": \"d\", \"says\": \"s\"}\n]}",
                        "\"HGH\"",
                        "unknown severity `HGH`; expected one of LOW, MEDIUM, HIGH, CRITICAL"),
                Arguments.of(
                        "{\"SCRAPING\": [\n{\"clause\": \"2.5\", \"severity\": \"HIGH\", \"certainty\":"
                                + " \"CONFIRMED\", \"description\": \"d\", \"says\": \" \"}\n]}",
                        "\" \"",
                        "empty `says`: it ends the message `… says the account …`, as in `scrapes data from others`"),
                Arguments.of(
                        "{\"SCRAPING\": {\"clause\": \"2.5\"}}",
                        "{\"clause\"",
                        "expected a list of entries for `SCRAPING`, got `{\"clause\":\"2.5\"}`"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("mistakes")
    void mistake_isReportedAtItsLineAndColumnInPolicyJson(String section, String marker, String message) {
        String text = policyWith(section);

        assertThat(read(text).problems())
                .extracting(PolicyProblem::path, PolicyProblem::line, PolicyProblem::column, PolicyProblem::message)
                .containsExactly(tuple("policy.json", at(text, marker)[0], at(text, marker)[1], message));
    }

    @Test
    void missingFields_areEachNamed_andASectionWithAnErrorHasNoRows() {
        String text = policyWith("{\"SCRAPING\": [\n{\"clause\": \"2.5\", \"severity\": \"MEDIUM\"}\n]}");

        ReportTypesReader.Parsed parsed = read(text);
        assertThat(parsed.problems())
                .extracting(PolicyProblem::line, PolicyProblem::message)
                .containsExactly(
                        tuple(at(text, "{\"clause\"")[0], "missing required field `certainty`"),
                        tuple(at(text, "{\"clause\"")[0], "missing required field `description`"),
                        tuple(at(text, "{\"clause\"")[0], "missing required field `says`"));
        assertThat(parsed.table().rows()).isEmpty();
    }

    @Test
    void badSection_failsTheCompileOfThePack() {
        Map<String, String> files = new HashMap<>();
        PolicyPack.defaultPack()
                .files()
                .keySet()
                .forEach(p -> files.put(p, PolicyPack.defaultPack().text(p).orElseThrow()));
        String text = policyWith("{\"HACKNG\": []}");
        files.put("policy.json", text);

        PolicyCompiler.Compilation c = PolicyCompiler.compile(PolicyPack.ofFiles("test-pack", files));

        assertThat(c.succeeded()).isFalse();
        assertThat(c.problems())
                .extracting(PolicyProblem::path, PolicyProblem::line, PolicyProblem::message)
                .containsExactly(tuple(
                        "policy.json", at(text, "HACKNG")[0], "unknown report type `HACKNG`; did you mean `HACKING`?"));
    }

    private static EvaluationResult evaluate(PolicyPack pack, String type, boolean verified) {
        return DroolsAupEvaluator.builder()
                .policyPack(pack)
                .build()
                .evaluate(FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z", "accounts": [{"id": "acc-1"}],
                 "reports": [{"id": "r-1", "accountId": "acc-1", "type": "%s", "verified": %s,
                              "reporter": "abuse@isp.example", "receivedAt": "2026-11-20T10:00:00Z"}]}
                """.formatted(type, verified), null));
    }

    @Test
    void aRowThePackAdds_raisesItsViolation_andATypeWithoutARowRaisesNone() {
        Map<String, String> files = new HashMap<>();
        PolicyPack.defaultPack()
                .files()
                .keySet()
                .forEach(p -> files.put(p, PolicyPack.defaultPack().text(p).orElseThrow()));
        files.put(
                "policy.json",
                policyWith("{\"VULNERABILITY\": [\n{\"clause\": \"3.7\", \"severity\": \"LOW\","
                        + " \"certainty\": \"SUSPECTED\", \"description\": \"verified vulnerability report\", \"says\":"
                        + " \"runs software open to attack\"}\n]}"));
        PolicyPack pack = PolicyPack.ofFiles("test-pack", files);

        List<Violation> found = evaluate(pack, "VULNERABILITY", true).violations();
        assertThat(found)
                .extracting(
                        Violation::ruleId,
                        Violation::clauseId,
                        Violation::severity,
                        Violation::certainty,
                        Violation::message)
                .containsExactly(tuple(
                        "3.7 verified vulnerability report",
                        "3.7",
                        Severity.LOW,
                        Certainty.SUSPECTED,
                        "verified vulnerability report `r-1` from `abuse@isp.example` received"
                                + " 2026-11-20T10:00:00Z says the account runs software open to attack"));
        assertThat(evaluate(pack, "VULNERABILITY", false).violations())
                .as("an unverified report proves nothing")
                .isEmpty();
        assertThat(evaluate(pack, "SCRAPING", true).violations())
                .as("this table has no SCRAPING row")
                .isEmpty();
        assertThat(evaluate(PolicyPack.defaultPack(), "SCRAPING", true).violations())
                .extracting(Violation::ruleId)
                .containsExactly("2.5 verified scraping report");
    }
}
