package org.auprules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.auprules.api.Violation;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.json.FactsJson;
import org.auprules.testing.Scenario.Expectation;
import org.auprules.testing.Scenario.SourceLocation;
import org.junit.jupiter.api.Test;

/** What makes a scenario pass or fail: missing, unexpected and forbidden violations. */
class ScenarioRunnerTest {

    static final ScenarioRunner RUNNER = ScenarioRunner.of(CompiledPolicy.compile(PolicyPack.defaultPack()));

    /** acc-1 keeps a purchased list (1.A.5 HIGH) and a dedicated address on a blacklist (1.A.3 MEDIUM); acc-2 is clean. */
    static final String FACTS = """
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-1", "plan": "shared-pro"}, {"id": "acc-2", "plan": "shared-pro"}],
             "mailingLists": [{"id": "list-1", "accountId": "acc-1", "source": "PURCHASED", "subscriberCount": 10,
                               "withOptInIp": 10, "withConfirmation": 10, "withContactInfo": 10}],
             "blacklistListings": [{"accountId": "acc-1", "ip": "198.51.100.7", "list": "zen.spamhaus.org",
                                    "ipScope": "DEDICATED"}]}
            """;

    static ScenarioResult run(String expect) {
        String json = "{\"description\": \"test\", \"facts\": " + FACTS + ", \"expect\": " + expect + "}";
        return RUNNER.run(ScenarioReader.read(json, "test.json").get(0));
    }

    @Test
    void expectedViolationsThatAppear_pass() {
        ScenarioResult r = run("""
                {"violations": [{"accountId": "acc-1", "clause": "1.A.5"}, {"accountId": "acc-1", "clause": "1.A.3"}]}""");
        assertThat(r.passed()).isTrue();
        assertThat(r.missing()).isEmpty();
        assertThat(r.explain()).isEmpty();
    }

    @Test
    void expectedViolationThatDoesNotAppear_isMissing() {
        ScenarioResult r = run("""
                {"violations": [{"accountId": "acc-1", "clause": "1.A.5"},
                                {"accountId": "acc-2", "clause": "1.A.3"}]}""");
        assertThat(r.passed()).isFalse();
        assertThat(r.missing())
                .extracting(ViolationPattern::accountId, p -> p.clause().orElseThrow())
                .containsExactly(tuple("acc-2", "1.A.3"));
        assertThat(r.unexpected()).isEmpty();
        assertThat(r.forbidden()).isEmpty();
        assertThat(r.explain()).isEqualTo("""
                acc-2: expected 1.A.3; got no violation
                  missing     1.A.3  (expected at test.json:8)
                """);
    }

    @Test
    void severityOrRuleIdInAnExpectation_mustMatchToo() {
        ScenarioResult r = run("""
                {"violations": [{"accountId": "acc-1", "clause": "1.A.3", "severity": "HIGH"},
                                {"accountId": "acc-1", "clause": "1.A.5", "ruleId": "1.A.5 purchased or rented mailing list",
                                 "certainty": "CONFIRMED"}]}""");
        assertThat(r.missing())
                .extracting(p -> p.severity().orElseThrow().name())
                .containsExactly("HIGH");
        assertThat(r.explain())
                .contains("acc-1: expected 1.A.3 HIGH, 1.A.5 CONFIRMED rule `1.A.5 purchased or rented "
                        + "mailing list`; got 1.A.3 (MEDIUM), 1.A.5 (HIGH)");
    }

    @Test
    void withoutExactly_otherViolationsAreAllowed() {
        assertThat(run("""
                {"violations": [{"accountId": "acc-1", "clause": "1.A.5"}]}""").passed()).isTrue();
    }

    @Test
    void withExactly_everyOtherViolationIsUnexpected() {
        ScenarioResult r = run("""
                {"violations": [{"accountId": "acc-1", "clause": "1.A.5"}], "exactly": true}""");
        assertThat(r.passed()).isFalse();
        assertThat(r.unexpected())
                .extracting(Violation::accountId, Violation::clauseId, Violation::ruleId)
                .containsExactly(tuple("acc-1", "1.A.3", "1.A.3 blacklisted dedicated IP address"));
        assertThat(r.missing()).isEmpty();
        assertThat(r.explain())
                .contains("acc-1: expected 1.A.5, nothing else (exactly); got 1.A.3 (MEDIUM), 1.A.5 (HIGH)")
                .contains("unexpected  1.A.3 MEDIUM CONFIRMED `1.A.3 blacklisted dedicated IP address`: the account's "
                        + "address `198.51.100.7` is listed on `zen.spamhaus.org`  (exactly: true)");
    }

    @Test
    void exactlyWithNoExpectedViolation_meansNothingAtAll() {
        ScenarioResult r = run("""
                {"exactly": true}""");
        assertThat(r.unexpected()).extracting(Violation::clauseId).containsExactly("1.A.3", "1.A.5");
        assertThat(r.explain()).startsWith("acc-1: expected no violation at all (exactly); got");
    }

    @Test
    void exactlyIsSatisfiedWhenEveryViolationIsExpected() {
        assertThat(run("""
                {"violations": [{"accountId": "acc-1", "clause": "1.A.5"}, {"accountId": "acc-1", "clause": "1.A.3"}],
                 "exactly": true}""").passed()).isTrue();
    }

    @Test
    void noViolationsNamingOnlyAnAccount_forbidsEveryViolationOfIt() {
        ScenarioResult r = run("""
                {"noViolations": [{"accountId": "acc-1"}]}""");
        assertThat(r.forbidden()).extracting(f -> f.violation().clauseId()).containsExactly("1.A.3", "1.A.5");
        assertThat(r.forbidden())
                .allSatisfy(f -> assertThat(f.forbiddenBy().isWholeAccount()).isTrue());
        assertThat(r.explain())
                .contains("acc-1: expected no violation at all; got 1.A.3 (MEDIUM), 1.A.5 (HIGH)")
                .contains("forbidden   1.A.5 HIGH CONFIRMED `1.A.5 purchased or rented mailing list`: mailing list "
                        + "`list-1` was purchased  (noViolations `acc-1 any violation` at test.json:7)");
    }

    @Test
    void noViolationsOfAnInnocentAccount_passes() {
        assertThat(run("""
                {"noViolations": [{"accountId": "acc-2"}]}""").passed()).isTrue();
    }

    @Test
    void noViolationsNamingAClause_forbidsThatClauseOnly() {
        ScenarioResult r = run("""
                {"noViolations": [{"accountId": "acc-1", "clause": "1.A.3"}, {"accountId": "acc-1", "clause": "1.A.1"}]}""");
        assertThat(r.forbidden())
                .extracting(
                        f -> f.violation().clauseId(),
                        f -> f.forbiddenBy().clause().orElseThrow())
                .containsExactly(tuple("1.A.3", "1.A.3"));
        assertThat(r.explain()).contains("acc-1: expected no 1.A.3, no 1.A.1; got 1.A.3 (MEDIUM), 1.A.5 (HIGH)");
    }

    @Test
    void noViolationsNarrowedBySeverity_letsOtherSeveritiesThrough() {
        assertThat(run("""
                {"noViolations": [{"accountId": "acc-1", "clause": "1.A.3", "severity": "HIGH"}]}""").passed()).isTrue();
    }

    @Test
    void aFailureCanBeMissingUnexpectedAndForbiddenAtOnce() {
        ScenarioResult r = run("""
                {"violations": [{"accountId": "acc-1", "clause": "1.A.1"}],
                 "noViolations": [{"accountId": "acc-1", "clause": "1.A.5"}], "exactly": true}""");
        assertThat(r.missing()).hasSize(1);
        assertThat(r.unexpected()).extracting(Violation::clauseId).containsExactly("1.A.3", "1.A.5");
        assertThat(r.forbidden()).extracting(f -> f.violation().clauseId()).containsExactly("1.A.5");
    }

    @Test
    void assertPassed_throwsAnAssertionErrorThatExplains() {
        assertThatThrownBy(() -> run("""
                {"noViolations": [{"accountId": "acc-1", "clause": "1.A.3"}]}""").assertPassed())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("test (test.json:1)\nacc-1: expected no 1.A.3; got");
    }

    @Test
    void aClauseThePolicyDoesNotHave_isAnErrorWithItsLine() {
        assertThatThrownBy(() -> run("""
                {"violations": [{"accountId": "acc-1",
                                 "clause": "1.A.55"}]}"""))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessage("$.expect.violations[0]: unknown clause `1.A.55` in policy `Entrecloud AUP`; "
                        + "did you mean `1.A.5`? (line 7)");
    }

    @Test
    void anEnforcementClause_cannotBeExpected() {
        assertThatThrownBy(() -> run("""
                {"noViolations": [{"accountId": "acc-1", "clause": "1.A.4"}]}"""))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("clause `1.A.4` is ENFORCEMENT, not a PROHIBITION");
    }

    @Test
    void runAll_checksEveryScenarioBeforeRunningAny() {
        List<Scenario> scenarios = ScenarioReader.read("""
                [{"description": "good", "facts": {"accounts": [{"id": "a"}]}, "expect": {"exactly": true}},
                 {"description": "bad", "facts": {"accounts": [{"id": "a"}]},
                  "expect": {"violations": [{"accountId": "a", "clause": "9.9"}]}}]""", "two.json");
        List<ScenarioResult> seen = new ArrayList<>();
        assertThatThrownBy(() -> RUNNER.runAll(scenarios, seen::add))
                .isInstanceOf(InvalidScenarioException.class)
                .hasMessageContaining("$[1].expect.violations[0]: unknown clause `9.9`");
        assertThat(seen).isEmpty();
    }

    @Test
    void runAll_reportsEachResultAndTallies() {
        List<Scenario> scenarios = ScenarioReader.read("""
                [{"description": "clean", "facts": {"accounts": [{"id": "a"}]}, "expect": {"exactly": true}},
                 {"description": "wrong", "facts": {"accounts": [{"id": "a"}]},
                  "expect": {"violations": [{"accountId": "a", "clause": "2.12"}]}}]""", "two.json");
        List<String> seen = new ArrayList<>();
        SuiteResult suite = RUNNER.runAll(scenarios, r -> seen.add(r.scenario().description()));
        assertThat(seen).containsExactly("clean", "wrong");
        assertThat(suite.passed()).isEqualTo(1);
        assertThat(suite.failed()).isEqualTo(1);
        assertThat(suite.allPassed()).isFalse();
        assertThat(suite.tally()).isEqualTo("1 passed, 1 failed");
    }

    @Test
    void scenariosCanBeBuiltInJava() {
        Scenario s = new Scenario(
                "purchased list",
                FactsJson.read(FACTS, null),
                new Expectation(
                        List.of(ViolationPattern.of("acc-1", "1.A.5")),
                        List.of(ViolationPattern.anyOf("acc-2")),
                        false),
                SourceLocation.inCode("ScenarioRunnerTest"));
        assertThat(RUNNER.run(s).passed()).isTrue();
    }
}
