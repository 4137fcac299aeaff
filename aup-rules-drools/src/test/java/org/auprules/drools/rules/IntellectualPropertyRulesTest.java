package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.auprules.drools.rules.DefaultPack.evaluate;
import static org.auprules.drools.rules.DefaultPack.violations;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.auprules.api.Certainty;
import org.auprules.api.EvaluationResult;
import org.auprules.api.NoticeKind;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.policy.Action;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.ClauseId;
import org.auprules.api.policy.Modality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** 1.B: DMCA notices, complete or deficient, countered or not, verified or not. */
class IntellectualPropertyRulesTest {

    private static final List<String> ELEMENTS = List.of(
            "signature",
            "workIdentified",
            "materialIdentified",
            "contactInformation",
            "goodFaithStatement",
            "accuracyUnderPenaltyOfPerjury");

    /** A facts document with one DMCA report; {@code dmca} is the JSON of the notice, or empty for none. */
    private static String dmcaReport(Optional<String> dmca, boolean verified, boolean counterNotice) {
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-basic"}],
                 "reports": [{"id": "r-1", "accountId": "acc-1", "type": "DMCA",
                              "receivedAt": "2026-11-20T09:00:00Z", "reporter": "rights@studio.example",
                              "verified": %s, %s "counterNoticeReceived": %s}]}
                """.formatted(verified, dmca.map(d -> "\"dmca\": " + d + ",").orElse(""), counterNotice);
    }

    /** The JSON of a notice in which the given elements are false and the others true. */
    private static String notice(Set<String> missing) {
        return ELEMENTS.stream()
                .map(e -> "\"" + e + "\": " + !missing.contains(e))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static final String COMPLETE = notice(Set.of());

    @Test
    void completeVerifiedNotice_violates1B1_withTakedown() {
        EvaluationResult result = evaluate(dmcaReport(Optional.of(COMPLETE), true, false));

        List<Violation> found = violations(result, "1.B.1");
        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity, Violation::certainty, Violation::accountId)
                .containsExactly(tuple(
                        "1.B.1 infringing content: complete DMCA notice, not countered",
                        Severity.HIGH,
                        Certainty.CONFIRMED,
                        "acc-1"));
        Violation v = found.get(0);
        assertThat(v.actions())
                .contains(new AuthorizedAction(Action.TAKEDOWN_CONTENT, Modality.MAY, ClauseId.of("1.B.2")));
        assertThat(v.evidence()).extracting(e -> e.type() + ":" + e.id()).containsExactly("report:r-1");
        assertThat(v.message()).contains("`r-1`", "`rights@studio.example`", "all six elements");
        assertThat(result.violations()).hasSize(1);
        assertThat(result.notices()).isEmpty();
    }

    @Test
    void counterNoticedCompleteNotice_isNoViolation() {
        EvaluationResult result = evaluate(dmcaReport(Optional.of(COMPLETE), true, true));

        assertThat(result.violations()).isEmpty();
        assertThat(result.notices()).isEmpty();
    }

    static Stream<Arguments> deficientNotices() {
        Stream<Set<String>> single = ELEMENTS.stream().map(Set::of);
        Stream<Set<String>> several = Stream.of(
                Set.of("signature", "accuracyUnderPenaltyOfPerjury"),
                Set.of("workIdentified", "materialIdentified", "contactInformation"),
                Set.of(ELEMENTS.toArray(String[]::new)));
        return Stream.concat(single, several)
                .map(missing -> Arguments.of(
                        missing, ELEMENTS.stream().filter(missing::contains).toList()));
    }

    @ParameterizedTest(name = "missing {0}")
    @MethodSource("deficientNotices")
    void incompleteNotice_isNoViolation_butNamesExactlyTheMissingElements(Set<String> missing, List<String> inOrder) {
        EvaluationResult result = evaluate(dmcaReport(Optional.of(notice(missing)), true, false));

        assertThat(result.violations()).isEmpty();
        assertThat(result.notices())
                .extracting(n -> n.reportId(), n -> n.kind(), n -> n.missing(), n -> n.accountId())
                .containsExactly(tuple("r-1", NoticeKind.DEFICIENT_DMCA_NOTICE, inOrder, Optional.of("acc-1")));
        assertThat(result.notices().get(0).message()).contains("`r-1`", inOrder.size() + " of the 6 elements");
    }

    @Test
    void reportWithoutAnyNotice_isDeficientInAllSix() {
        EvaluationResult result = evaluate(dmcaReport(Optional.empty(), true, false));

        assertThat(result.violations()).isEmpty();
        assertThat(result.notices())
                .extracting(n -> n.kind(), n -> n.missing())
                .containsExactly(tuple(NoticeKind.DEFICIENT_DMCA_NOTICE, ELEMENTS));
    }

    @Test
    void unverifiedCompleteNotice_isNoViolation_butGoesToReview() {
        EvaluationResult result = evaluate(dmcaReport(Optional.of(COMPLETE), false, false));

        assertThat(result.violations()).isEmpty();
        assertThat(result.notices())
                .extracting(n -> n.reportId(), n -> n.kind(), n -> n.missing())
                .containsExactly(tuple("r-1", NoticeKind.REPORT_FOR_REVIEW, List.of()));
        assertThat(result.notices().get(0).message()).contains("complete but not verified");
    }

    @Test
    void unverifiedCounterNoticedCompleteNotice_isNeitherViolationNorNotice() {
        EvaluationResult result = evaluate(dmcaReport(Optional.of(COMPLETE), false, true));

        assertThat(result.violations()).isEmpty();
        assertThat(result.notices()).isEmpty();
    }

    @ParameterizedTest(name = "verified={0}, counter-notice={1}")
    @MethodSource("verifiedAndCountered")
    void deficiencyIsReported_whateverVerificationOrCounterNotice(boolean verified, boolean counterNotice) {
        EvaluationResult result =
                evaluate(dmcaReport(Optional.of(notice(Set.of("signature"))), verified, counterNotice));

        assertThat(result.violations()).isEmpty();
        assertThat(result.notices())
                .extracting(n -> n.kind(), n -> n.missing())
                .containsExactly(tuple(NoticeKind.DEFICIENT_DMCA_NOTICE, List.of("signature")));
    }

    static Stream<Arguments> verifiedAndCountered() {
        return Stream.of(Arguments.of(true, true), Arguments.of(false, false), Arguments.of(false, true));
    }

    @Test
    void eachReportIsJudgedOnItsOwn() {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1"}, {"id": "acc-2"}],
                 "reports": [
                   {"id": "r-good", "accountId": "acc-1", "type": "DMCA", "verified": true, "dmca": %s},
                   {"id": "r-bad", "accountId": "acc-1", "type": "DMCA", "verified": true,
                    "dmca": {"signature": true, "workIdentified": true}},
                   {"id": "r-other", "accountId": "acc-2", "type": "DMCA", "verified": true, "dmca": %s,
                    "counterNoticeReceived": true}]}
                """.formatted(COMPLETE, COMPLETE);
        EvaluationResult result = evaluate(json);

        assertThat(result.violations())
                .extracting(Violation::accountId, Violation::clauseId, v -> v.evidence()
                        .get(0)
                        .id())
                .containsExactly(tuple("acc-1", "1.B.1", "r-good"));
        assertThat(result.notices())
                .extracting(n -> n.reportId(), n -> n.missing())
                .containsExactly(tuple(
                        "r-bad",
                        List.of(
                                "materialIdentified",
                                "contactInformation",
                                "goodFaithStatement",
                                "accuracyUnderPenaltyOfPerjury")));
    }
}
