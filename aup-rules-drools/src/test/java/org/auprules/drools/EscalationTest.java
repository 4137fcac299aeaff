package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.Escalation;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.policy.Action;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.ClauseId;
import org.auprules.api.policy.Modality;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default pack's escalation table (escalations.json) at its edges, and its validation. */
class EscalationTest {

    static final AuthorizedAction FTC =
            new AuthorizedAction(Action.REPORT_TO_FTC, Modality.RECOMMENDED, ClauseId.of("1.A.4"));
    static final AuthorizedAction TERMINATE =
            new AuthorizedAction(Action.TERMINATE_ACCOUNT, Modality.RECOMMENDED, ClauseId.of("P.1"));

    /** One commercial message without an opt-out (1.A.1, MEDIUM) and 60 processes (3.1, MEDIUM), with this history. */
    static EvaluationResult evaluate(String history) {
        return TestPolicy.DEFAULT.evaluate(FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-basic"}, {"id": "acc-2", "plan": "shared-basic"}],
                 "emails": [{"id": "m-1", "accountId": "acc-1", "sentAt": "2026-11-28T09:00:00Z", "recipientCount": 3,
                             "commercial": true, "hasRemovalLink": false},
                            {"id": "m-2", "accountId": "acc-2", "sentAt": "2026-11-28T09:00:00Z", "recipientCount": 3,
                             "commercial": true, "hasRemovalLink": false}],
                 "resourceUsage": [{"id": "u-1", "accountId": "acc-1", "windowSeconds": 60, "processCount": 60}],
                 "history": [%s]}
                """.formatted(history), null));
    }

    static String prior(String account, String clause, String date, String outcome) {
        return "{\"accountId\": \"" + account + "\", \"clause\": \"" + clause + "\", \"date\": \"" + date
                + "\", \"outcome\": \"" + outcome + "\"}";
    }

    static Violation of(EvaluationResult r, String account, String clause) {
        return r.violations().stream()
                .filter(v -> v.accountId().equals(account) && v.clauseId().equals(clause))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void withoutHistoryNothingEscalates() {
        EvaluationResult r = evaluate("");
        assertThat(r.escalations()).isEmpty();
        assertThat(of(r, "acc-1", "1.A.1").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(of(r, "acc-1", "1.A.1").actions()).doesNotContain(FTC);
        assertThat(ResultJson.write(r)).doesNotContain("\"escalations\"");
    }

    @ParameterizedTest(name = "prior 1.A violation at {0}: escalated {1}")
    @CsvSource({
        "2026-08-30T12:00:00Z, true", // exactly 90 days before: within
        "2026-08-30T11:59:59Z, false", // 90 days and a second: outside
        "2026-11-28T11:59:59Z, true",
        "2026-11-28T12:00:00Z, false", // not before the evaluation: not a prior finding
    })
    void aSecondCanSpamViolationWithin90DaysIsRaisedAndRecommendsReportingToTheFtc(String date, boolean escalated) {
        EvaluationResult r = evaluate(prior("acc-1", "1.A.5", date, "VIOLATION"));
        Violation v = of(r, "acc-1", "1.A.1");
        assertThat(v.severity()).isEqualTo(escalated ? Severity.HIGH : Severity.MEDIUM);
        assertThat(v.actions().contains(FTC)).isEqualTo(escalated);
        assertThat(r.escalations()).hasSize(escalated ? 1 : 0).allSatisfy(e -> assertThat(e)
                .isEqualTo(new Escalation(
                        "acc-1",
                        v.ruleId(),
                        "1.A.1",
                        "can-spam-repeat",
                        1,
                        Severity.MEDIUM,
                        Severity.HIGH,
                        List.of(FTC))));
        // the other account, and the other clause, are untouched
        assertThat(of(r, "acc-2", "1.A.1").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(of(r, "acc-1", "3.1").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(r.summary().bySeverity().getOrDefault(Severity.HIGH, 0)).isEqualTo(escalated ? 1 : 0);
    }

    @ParameterizedTest(name = "outcome {0}: escalated {1}")
    @CsvSource({"VIOLATION, true", "SUPPRESSED, false", "DISMISSED, false"})
    void onlyPriorViolationsCount(String outcome, boolean escalated) {
        EvaluationResult r = evaluate(prior("acc-1", "1.A.2", "2026-11-01T00:00:00Z", outcome));
        assertThat(r.escalations().isEmpty()).isEqualTo(!escalated);
    }

    @Test
    void aPriorViolationOfAnotherSectionOrAnotherAccountDoesNotMakeACanSpamRepeat() {
        assertThat(evaluate(prior("acc-1", "2.15", "2026-11-01T00:00:00Z", "VIOLATION"))
                        .escalations())
                .isEmpty();
        assertThat(evaluate(prior("acc-2", "1.A.5", "2026-11-01T00:00:00Z", "VIOLATION"))
                        .escalations())
                .extracting(Escalation::accountId)
                .containsOnly("acc-2");
    }

    @ParameterizedTest(name = "second prior at {0}: third offence {1}")
    @CsvSource({"2026-06-01T12:00:00Z, true", "2026-06-01T11:59:59Z, false"})
    void aThirdViolationWithin180DaysIsCriticalAndRecommendsTermination(String second, boolean third) {
        // 2026-06-01T12:00:00Z is exactly 180 days before the evaluation
        EvaluationResult r = evaluate(prior("acc-1", "3.1", "2026-11-01T00:00:00Z", "VIOLATION") + ","
                + prior("acc-1", "2.20", second, "VIOLATION"));
        Violation v = of(r, "acc-1", "3.1");
        assertThat(v.severity()).isEqualTo(third ? Severity.CRITICAL : Severity.MEDIUM);
        assertThat(v.actions().contains(TERMINATE)).isEqualTo(third);
        // 1.A.1 is escalated too when it is a third offence, and the CAN-SPAM row does not apply without a 1.A prior
        assertThat(of(r, "acc-1", "1.A.1").actions()).doesNotContain(FTC);
        assertThat(r.escalations())
                .extracting(Escalation::row)
                .isEqualTo(third ? List.of("third-offence", "third-offence") : List.of());
    }

    @Test
    void twoRowsThatApplyBothApply_theGraverSeverityWins() {
        EvaluationResult r = evaluate(prior("acc-1", "1.A.5", "2026-11-01T00:00:00Z", "VIOLATION") + ","
                + prior("acc-1", "1.A.1", "2026-10-01T00:00:00Z", "VIOLATION"));
        Violation v = of(r, "acc-1", "1.A.1");
        assertThat(v.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(v.actions()).contains(FTC, TERMINATE);
        assertThat(r.escalations().stream().filter(e -> e.clause().equals("1.A.1")))
                .extracting(Escalation::row, Escalation::priorFindings, Escalation::from, Escalation::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("can-spam-repeat", 2, Severity.MEDIUM, Severity.HIGH),
                        org.assertj.core.groups.Tuple.tuple("third-offence", 2, Severity.HIGH, Severity.CRITICAL));
    }

    @Test
    void aHistoryEntryWithAnUnknownOutcomeOrWithoutADateIsAnInputError() {
        assertThatThrownBy(() -> evaluate(prior("acc-1", "1.A.5", "2026-11-01T00:00:00Z", "UPHELD")))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("$.history[0].outcome: unknown value `UPHELD`");
        assertThatThrownBy(
                        () -> evaluate("{\"accountId\": \"acc-1\", \"clause\": \"1.A.5\", \"outcome\": \"VIOLATION\"}"))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("missing required field `date`");
    }

    static PolicyPack packWith(String escalations) {
        Map<String, String> files = new LinkedHashMap<>();
        PolicyPack.defaultPack().files().forEach((k, v) -> files.put(k, new String(v, StandardCharsets.UTF_8)));
        files.put("escalations.json", escalations);
        return PolicyPack.ofFiles("test-pack", files);
    }

    @Test
    void theDefaultPacksTableHasNoProblems() {
        assertThat(PolicyValidator.validate(PolicyPack.defaultPack()).problems())
                .extracting(PolicyProblem::path)
                .doesNotContain("escalations.json");
        assertThat(TestPolicy.DEFAULT.compiledPolicy().escalations())
                .extracting(row -> row.id())
                .containsExactly("can-spam-repeat", "third-offence");
    }

    @Test
    void aBadTableIsRefusedWithEveryProblemAtItsLine() {
        String text = """
                {"escalations": [
                  {"id": "a", "clauses": ["1.Z"], "priorViolations": 0, "withinDays": 90, "severity": "HIHG"},
                  {"id": "a", "clauses": ["2"], "priorViolations": 1, "withinDays": 30,
                   "addActions": [{"action": "REPORT_TO_FBI", "modality": "MAY", "authority": "1.A.44"}]},
                  {"id": "b", "clauses": ["3"], "priorViolations": 1, "withinDay": 30}
                ]}
                """;
        PolicyValidator.Validation v = PolicyValidator.validate(packWith(text));
        assertThat(v.valid()).isFalse();
        assertThat(v.errors())
                .extracting(PolicyProblem::toString)
                .anyMatch(s ->
                        s.startsWith("escalations.json:2:27: error: $.escalations[0].clauses[0]: unknown clause `1.Z`"))
                .contains(
                        "escalations.json:2:54: error: $.escalations[0].priorViolations: expected a whole number of"
                                + " at least 1, got `0`",
                        "escalations.json:2:87: error: $.escalations[0].severity: unknown value `HIHG`; did you mean"
                                + " `HIGH`?",
                        "escalations.json:3:10: error: $.escalations[1].id: duplicate escalation id `a`")
                .anyMatch(
                        s -> s.contains(
                                "$.escalations[1].addActions[0].action: unknown value `REPORT_TO_FBI`; did you mean `REPORT_TO_FTC`?"))
                .anyMatch(s -> s.contains(
                        "$.escalations[1].addActions[0].authority: unknown clause `1.A.44`; did you mean `1.A.4`?"))
                .anyMatch(s ->
                        s.contains("$.escalations[2].withinDay: unknown field `withinDay`; did you mean `withinDays`?"))
                .anyMatch(s -> s.contains("$.escalations[2]: missing required field `withinDays`"))
                .anyMatch(s -> s.contains("$.escalations[2]: escalates nothing"));
    }
}
