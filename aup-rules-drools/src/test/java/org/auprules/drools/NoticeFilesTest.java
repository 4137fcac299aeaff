package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.desk.NoticeRules;
import org.auprules.drools.internal.NoticeFilesReader;
import org.junit.jupiter.api.Test;

class NoticeFilesTest {

    private static final String VALID_TAIL = """
              "deadlines": {"bySeverity": {"CRITICAL": "PT24H", "HIGH": "P2D", "MEDIUM": "P5D", "LOW": "P10D"}},
              "remedies": {"default": "Stop it."}
            }
            """;

    @Test
    void theDefaultPackDeclaresEveryFactTypeAndEverySeverity() {
        NoticeRules rules =
                CompiledPolicy.compile(PolicyPack.defaultPack()).noticeRules().orElseThrow();
        assertThat(rules.visibleFields().keySet())
                .containsExactlyInAnyOrderElementsOf(NoticeFilesReader.FACT_TYPES.keySet());
        assertThat(rules.bySeverity().keySet()).containsExactlyInAnyOrder(Severity.values());
        assertThat(rules.visibleFields().get("report")).doesNotContain("reporter", "email", "organisation", "source");
        assertThat(rules.visibleFields().get("file")).doesNotContain("scannerSignature", "id", "accountId");
        assertThat(rules.byClause()).containsEntry("1.B.1", Duration.ofHours(24));
        assertThat(rules.textTemplate()).contains("{{#clauses}}");
        assertThat(rules.htmlTemplate()).contains("{{text}}").doesNotContain("{{{");
        assertThat(PolicyValidator.validate(PolicyPack.defaultPack()).errors()).isEmpty();
    }

    @Test
    void anUnknownFactTypeIsAnErrorAtItsLineWithADidYouMean() {
        List<PolicyProblem> errors = errors("""
                {
                  "visibleFields": {
                    "proces": ["name"]
                  },
                """ + VALID_TAIL);
        assertThat(errors)
                .extracting(PolicyProblem::toString)
                .containsExactly("notices/masking.json:3:15: error: $.visibleFields.proces: unknown fact type"
                        + " `proces`; did you mean `process`?");
    }

    @Test
    void anUnknownFieldIsAnErrorAtItsLineAndColumnWithADidYouMean() {
        List<PolicyProblem> errors = errors("""
                {
                  "visibleFields": {
                    "process": ["name", "cpuPercnt"],
                    "report": ["type", "zzzzzzzzzzzz"]
                  },
                """ + VALID_TAIL);
        assertThat(errors)
                .extracting(PolicyProblem::toString)
                .containsExactly(
                        "notices/masking.json:3:25: error: $.visibleFields.process[1]: unknown field `cpuPercnt` of"
                                + " fact type `process`; did you mean `cpuPercent`?",
                        "notices/masking.json:4:24: error: $.visibleFields.report[1]: unknown field `zzzzzzzzzzzz`"
                                + " of fact type `report`; expected one of id, accountId, type, receivedAt, reporter,"
                                + " verified, dmca, counterNoticeReceived, ip, domain, url, email, organisation,"
                                + " source, details");
    }

    @Test
    void deadlinesNeedEverySeverityAValidDurationAndKnownClauses() {
        List<PolicyProblem> errors = errors("""
                {
                  "visibleFields": {},
                  "deadlines": {
                    "bySeverity": {"CRITICAL": "PT24H", "HIGH": "two days", "MEDIUM": "P5D", "LOWW": "P10D"},
                    "byClause": {"1.B.9": "P1D", "1.B.1": "PT1H"}
                  },
                  "remedies": {"default": "Stop it.", "9.9": "No."}
                }
                """);
        assertThat(errors)
                .extracting(PolicyProblem::toString)
                .containsExactly(
                        "notices/masking.json:4:19: error: $.deadlines.bySeverity: missing severity `LOW`: every"
                                + " severity needs a deadline",
                        "notices/masking.json:4:49: error: $.deadlines.bySeverity.HIGH: expected an ISO-8601 duration"
                                + " such as `P3D` or `PT24H`, got `\"two days\"`",
                        "notices/masking.json:4:86: error: $.deadlines.bySeverity.LOWW: unknown severity `LOWW`; did"
                                + " you mean `LOW`?",
                        "notices/masking.json:5:27: error: $.deadlines.byClause.1.B.9: unknown clause `1.B.9`; did you"
                                + " mean `1.B.1`? (see `aup-rules clauses` for the ids)",
                        "notices/masking.json:7:46: error: $.remedies.9.9: unknown clause `9.9`; did you mean `2.9`?"
                                + " (see `aup-rules clauses` for the ids)");
    }

    @Test
    void aMissingDefaultRemedyOrTemplateIsAnError() {
        Map<String, String> files = defaultFiles();
        files.remove(NoticeFilesReader.HTML_TEMPLATE);
        files.put(NoticeFilesReader.MASKING_FILE, """
                {"visibleFields": {}, "deadlines": {"bySeverity": {"CRITICAL": "PT1H", "HIGH": "PT1H",
                 "MEDIUM": "PT1H", "LOW": "PT1H"}}, "remedies": {"2": "Remove it."}}
                """);
        assertThat(PolicyValidator.validate(PolicyPack.ofFiles("t", files)).errors())
                .extracting(PolicyProblem::toString)
                .containsExactly(
                        "notices/masking.json:2:49: error: $.remedies: missing `default`: the remedy for clauses no"
                                + " other key covers",
                        "notices/notice.html.mustache:0:0: error: missing: a pack with customer notices needs"
                                + " notices/masking.json, notices/notice.txt.mustache and"
                                + " notices/notice.html.mustache");
    }

    @Test
    void longestClauseOrSectionWins() {
        NoticeRules rules = new NoticeRules(
                Map.of(),
                Map.of(Severity.LOW, Duration.ofDays(10), Severity.HIGH, Duration.ofDays(2)),
                Map.of("1", Duration.ofDays(7), "1.B", Duration.ofDays(3), "1.B.1", Duration.ofHours(24)),
                Map.of("default", "d", "1.A", "a"),
                "",
                "");
        assertThat(rules.deadline("1.B.1", Severity.LOW)).isEqualTo(Duration.ofHours(24));
        assertThat(rules.deadline("1.B.2", Severity.LOW)).isEqualTo(Duration.ofDays(3));
        assertThat(rules.deadline("1.A.1", Severity.LOW)).isEqualTo(Duration.ofDays(7));
        assertThat(rules.deadline("1.BX", Severity.LOW)).isEqualTo(Duration.ofDays(7));
        assertThat(rules.deadline("2.12", Severity.HIGH)).isEqualTo(Duration.ofDays(2));
        assertThat(rules.remedy("1.A.5")).isEqualTo("a");
        assertThat(rules.remedy("1.B.1")).isEqualTo("d");
    }

    @Test
    void noticeFilesAreInTheDigest() {
        Map<String, String> files = defaultFiles();
        String before = PolicyPack.ofFiles("t", files).digest();
        files.put(NoticeFilesReader.TEXT_TEMPLATE, files.get(NoticeFilesReader.TEXT_TEMPLATE) + "\nBranded.\n");
        assertThat(PolicyPack.ofFiles("t", files).digest()).isNotEqualTo(before);
    }

    private static List<PolicyProblem> errors(String masking) {
        Map<String, String> files = defaultFiles();
        files.put(NoticeFilesReader.MASKING_FILE, masking);
        return PolicyValidator.validate(PolicyPack.ofFiles("t", files)).errors();
    }

    private static Map<String, String> defaultFiles() {
        PolicyPack pack = PolicyPack.defaultPack();
        Map<String, String> files = new LinkedHashMap<>();
        pack.files().keySet().forEach(f -> files.put(f, pack.text(f).orElseThrow()));
        return files;
    }
}
