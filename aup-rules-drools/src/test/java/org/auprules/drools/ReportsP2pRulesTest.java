package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 3.6: a verified X-ARF copyright/p2p report shows peer-to-peer file sharing from the account. */
class ReportsP2pRulesTest {

    private static final DroolsAupEvaluator EVALUATOR =
            DroolsAupEvaluator.builder().defaultPolicy().build();

    private static EvaluationResult evaluate(String type, boolean verified, String source) {
        return EVALUATOR.evaluate(FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-basic", "ips": ["192.0.2.100"]}],
                 "reports": [{"id": "2acc5d8c", "type": "%s", "receivedAt": "2026-11-20T13:44:41Z",
                              "reporter": "p2p-reports@copyright-monitor.example", "verified": %s,
                              "organisation": "P2P Monitoring Service", "ip": "192.0.2.100", "source": "%s",
                              "dmca": {"signature": false, "workIdentified": true, "materialIdentified": true,
                                       "contactInformation": true, "goodFaithStatement": false,
                                       "accuracyUnderPenaltyOfPerjury": false},
                              "details": {"p2p_protocol": "bittorrent", "work_title": "Copyrighted Movie 2024"}}]}
                """.formatted(type, verified, source), null));
    }

    private static List<Violation> p2p(EvaluationResult r) {
        return r.violations().stream().filter(v -> v.clauseId().equals("3.6")).toList();
    }

    @Test
    void verifiedP2pCopyrightReport_violates3_6() {
        List<Violation> found = p2p(evaluate("DMCA", true, "xarf:copyright/p2p"));

        assertThat(found).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("3.6 verified P2P copyright report");
            assertThat(v.accountId()).isEqualTo("acc-1");
            assertThat(v.severity()).isEqualTo(Severity.HIGH);
            assertThat(v.message())
                    .isEqualTo("verified P2P copyright report `2acc5d8c` from `P2P Monitoring Service`: "
                            + "the peer at `192.0.2.100` shared `Copyrighted Movie 2024` over bittorrent");
            assertThat(v.evidence()).containsExactly(new Evidence("report", "2acc5d8c"));
        });
    }

    @Test
    void unverifiedP2pCopyrightReport_provesNothing() {
        assertThat(p2p(evaluate("DMCA", false, "xarf:copyright/p2p"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(textBlock = """
            DMCA,  xarf:copyright/copyright
            DMCA,  xarf:copyright/cyberlocker
            DMCA,  arf:abuse
            SPAM,  xarf:copyright/p2p
            """)
    void otherVerifiedReports_areNotP2pEvidence(String type, String source) {
        assertThat(p2p(evaluate(type, true, source))).isEmpty();
    }
}
