package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.auprules.drools.rules.DefaultPack.evaluate;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.auprules.api.Certainty;
import org.auprules.api.EvaluationResult;
import org.auprules.api.NoticeKind;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.facts.ReportType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What a verified report proves (docs/contract.md), and that an unverified one proves nothing. */
class ReportRulesTest {

    /** One report of a type about acc-1, and a quiet account acc-2. */
    private static String report(ReportType type, boolean verified) {
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-pro"}, {"id": "acc-2", "plan": "shared-pro"}],
                 "reports": [{"id": "r-1", "accountId": "acc-1", "type": "%s", "receivedAt": "2026-11-25T10:00:00Z",
                              "reporter": "abuse@isp.example", "verified": %s, "url": "http://acc1.example/x"}]}
                """.formatted(type, verified);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "PHISHING        | 2.9   | HIGH     | 2.9 verified phishing or fraud report",
                "FRAUD           | 2.9   | HIGH     | 2.9 verified phishing or fraud report",
                "MALWARE         | 2.4   | HIGH     | 2.4 verified malware, botnet or attack report",
                "BOTNET          | 2.4   | HIGH     | 2.4 verified malware, botnet or attack report",
                "DDOS            | 2.4   | HIGH     | 2.4 verified malware, botnet or attack report",
                "SCRAPING        | 2.5   | MEDIUM   | 2.5 verified scraping report",
                "SCANNING        | 2.14  | HIGH     | 2.14 verified scanning report",
                "HACKING         | 2.17  | HIGH     | 2.17 verified hacking report",
                "BRUTE_FORCE     | 3.3   | HIGH     | 3.3 verified brute-force report",
                "IMPERSONATION   | 3.4   | HIGH     | 3.4 verified impersonation report",
                "ILLEGAL_CONTENT | 2.1   | HIGH     | 2.1 verified illegal-content report",
                "CSAM            | 2.2   | CRITICAL | 2.2 verified child sexual abuse material report",
                "LAW_ENFORCEMENT | 1.D.1 | HIGH     | 1.D.1 verified law-enforcement report",
                "DISRUPTION      | 3.7   | HIGH     | 3.7 verified disruption report"
            })
    void verifiedReport_citesItsClause(ReportType type, String clause, Severity severity, String rule) {
        EvaluationResult result = evaluate(report(type, true));

        assertThat(result.violations())
                .extracting(
                        Violation::accountId,
                        Violation::clauseId,
                        Violation::ruleId,
                        Violation::severity,
                        Violation::certainty)
                .containsExactly(tuple("acc-1", clause, rule, severity, Certainty.CONFIRMED));
        Violation v = result.violations().get(0);
        assertThat(v.evidence()).extracting(e -> e.type() + ":" + e.id()).containsExactly("report:r-1");
        assertThat(v.message())
                .startsWith("verified ")
                .contains("`r-1`", "`abuse@isp.example`", "`http://acc1.example/x`");
        assertThat(result.notices()).isEmpty();
    }

    @ParameterizedTest(name = "unverified {0}")
    @EnumSource(ReportType.class)
    void unverifiedReportAlone_isNeverAViolation(ReportType type) {
        assertThat(evaluate(report(type, false)).violations()).isEmpty();
    }

    @ParameterizedTest(name = "{0}, verified={1}")
    @CsvSource({"VULNERABILITY, true", "VULNERABILITY, false", "OTHER, true", "OTHER, false"})
    void vulnerabilityAndOtherReports_areNoticesForReview_neverViolations(ReportType type, boolean verified) {
        EvaluationResult result = evaluate(report(type, verified));

        assertThat(result.violations()).isEmpty();
        assertThat(result.notices())
                .extracting(n -> n.reportId(), n -> n.kind(), n -> n.accountId().orElseThrow())
                .containsExactly(tuple("r-1", NoticeKind.REPORT_FOR_REVIEW, "acc-1"));
    }

    @Test
    void everyReportTypeIsMappedOrDeliberatelyLeftToItsOwnRules() {
        // SPAM counts towards a threshold (spam.drl); DMCA is judged by its notice
        // (intellectual-property.drl); VULNERABILITY and OTHER are notices. Every other type must map
        // to exactly one clause when verified, so a new enum value cannot slip through unnoticed.
        Set<ReportType> elsewhere =
                EnumSet.of(ReportType.SPAM, ReportType.DMCA, ReportType.VULNERABILITY, ReportType.OTHER);
        for (ReportType type : EnumSet.complementOf(EnumSet.copyOf(elsewhere))) {
            assertThat(evaluate(report(type, true)).violations())
                    .as("verified %s", type)
                    .hasSize(1);
        }
        for (ReportType type : elsewhere) {
            assertThat(evaluate(report(type, true)).violations())
                    .as("one verified %s", type)
                    .isEmpty();
        }
    }

    @Test
    void unverifiedReportsDoNotAddUp() {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1"}],
                 "reports": [
                   {"id": "r-1", "accountId": "acc-1", "type": "PHISHING", "verified": false},
                   {"id": "r-2", "accountId": "acc-1", "type": "PHISHING", "verified": false},
                   {"id": "r-3", "accountId": "acc-1", "type": "PHISHING", "verified": false},
                   {"id": "r-4", "accountId": "acc-1", "type": "CSAM", "verified": false}]}
                """;
        assertThat(evaluate(json).violations()).isEmpty();
    }

    @Test
    void reportNamingOnlyADomain_isAttributedAndCited() {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "domains": ["shop.example"]}, {"id": "acc-2"}],
                 "reports": [{"id": "r-1", "type": "HACKING", "verified": true, "domain": "cdn.shop.example"}]}
                """;
        assertThat(evaluate(json).violations())
                .extracting(Violation::accountId, Violation::clauseId)
                .containsExactly(tuple("acc-1", "2.17"));
    }

    @Test
    void eachVerifiedReportIsItsOwnViolation() {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1"}],
                 "reports": [
                   {"id": "r-1", "accountId": "acc-1", "type": "MALWARE", "verified": true},
                   {"id": "r-2", "accountId": "acc-1", "type": "DDOS", "verified": true},
                   {"id": "r-3", "accountId": "acc-1", "type": "DDOS", "verified": false}]}
                """;
        List<Violation> found = evaluate(json).violations();
        assertThat(found)
                .extracting(Violation::clauseId, v -> v.evidence().get(0).id())
                .containsExactly(tuple("2.4", "r-1"), tuple("2.4", "r-2"));
    }
}
