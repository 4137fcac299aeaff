package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.auprules.api.EvaluationFailedException;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.Violation;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.ListSource;
import org.auprules.api.facts.MailingList;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.junit.jupiter.api.Test;

/** What every embedder relies on: determinism, order, no duplicates, time, threads, clear errors. */
class EvaluatorContractTest {

    static final Path FLEET = Path.of("../aup-rules-examples/samples/fleet.json");

    @Test
    void sameInput_givesByteIdenticalOutput() {
        FactSet facts = FactsJson.read(FLEET);
        String first = ResultJson.write(TestPolicy.DEFAULT.evaluate(facts));
        String again = ResultJson.write(
                DroolsAupEvaluator.builder().defaultPolicy().build().evaluate(facts));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void violationsAreOrderedByAccountThenClauseThenRuleThenEvidence() {
        List<Violation> v = TestPolicy.DEFAULT.evaluate(FactsJson.read(FLEET)).violations();
        assertThat(v).isNotEmpty().isSortedAccordingTo(Violation.ORDER);
        assertThat(v).extracting(Violation::accountId).isSorted();
    }

    @Test
    void accountOrderInTheInput_doesNotChangeTheOutput() {
        FactSet facts = FactsJson.read(FLEET);
        List<Account> reversed = new ArrayList<>(facts.accounts());
        java.util.Collections.reverse(reversed);
        FactSet shuffled = facts.toBuilder().accounts(reversed).build();
        assertThat(ResultJson.write(TestPolicy.DEFAULT.evaluate(shuffled)))
                .isEqualTo(ResultJson.write(TestPolicy.DEFAULT.evaluate(facts)));
    }

    @Test
    void oneRuleFiringTwiceOnTheSameEvidence_givesOneViolation() {
        PolicyPack pack = packWithRule("""
                rule "1.A.5 purchased list, seen through every pair of lists"
                    @clause("1.A.5") @severity("HIGH") @message("list `{$l.id}` was purchased")
                when
                    $l : MailingList( source == ListSource.PURCHASED )
                    MailingList()
                then
                    findings.violation(kcontext, $l);
                end
                """);
        DroolsAupEvaluator evaluator =
                DroolsAupEvaluator.builder().policyPack(pack).build();
        FactSet facts = FactSet.builder()
                .evaluatedAt(Instant.parse("2026-11-28T12:00:00Z"))
                .accounts(List.of(Account.of("acc-1", null)))
                .mailingLists(List.of(
                        new MailingList("l-1", "acc-1", ListSource.PURCHASED, 1, 0, 0, 0),
                        new MailingList("l-2", "acc-1", ListSource.DOUBLE_OPT_IN, 1, 1, 1, 1),
                        new MailingList("l-3", "acc-1", ListSource.DOUBLE_OPT_IN, 1, 1, 1, 1)))
                .build();
        assertThat(evaluator.evaluate(facts).violations())
                .extracting(Violation::accountId, v -> v.evidence().get(0).id())
                .containsExactly(tuple("acc-1", "l-1"));
    }

    @Test
    void evaluationTimeComesFromTheInput_elseFromTheInjectedClock() {
        Instant fixed = Instant.parse("2030-01-01T00:00:00Z");
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .compiledPolicy(TestPolicy.DEFAULT.compiledPolicy())
                .clock(Clock.fixed(fixed, ZoneOffset.UTC))
                .build();
        FactSet withTime = FactsJson.read(FLEET);
        assertThat(evaluator.evaluate(withTime).evaluatedAt()).isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
        FactSet withoutTime = withTime.toBuilder().evaluatedAt(null).build();
        assertThat(evaluator.evaluate(withoutTime).evaluatedAt()).isEqualTo(fixed);
    }

    @Test
    void manyThreadsShareOneEvaluator_andAllAgree() throws Exception {
        FactSet facts = FactsJson.read(FLEET);
        String expected = ResultJson.write(TestPolicy.DEFAULT.evaluate(facts));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> ResultJson.write(TestPolicy.DEFAULT.evaluate(facts))));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void factsWithoutIds_areNamedByTheirPlaceInTheInput() {
        EvaluationResult r = TestPolicy.evaluate("""
                {"evaluatedAt": "2026-11-28T12:00:00Z", "accounts": [{"id": "acc-1"}],
                 "blacklistListings": [{"accountId": "acc-1", "ip": "192.0.2.1", "list": "a.example", "ipScope": "DEDICATED"},
                                       {"accountId": "acc-1", "ip": "192.0.2.2", "list": "b.example", "ipScope": "DEDICATED"}]}
                """);
        assertThat(r.violations())
                .extracting(v -> v.evidence().get(0).id())
                .containsExactly("blacklistListings[0]", "blacklistListings[1]");
    }

    @Test
    void factOfAnUnknownAccount_isAnInputError_andNothingIsEvaluated() {
        FactSet facts = FactSet.builder()
                .accounts(List.of(Account.of("acc-1", null)))
                .mailingLists(List.of(new MailingList("l-1", "acc-9", ListSource.PURCHASED, 1, 0, 0, 0)))
                .build();
        assertThatThrownBy(() -> TestPolicy.DEFAULT.evaluate(facts))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessage("$.mailingLists[0].accountId: unknown account `acc-9`: expected the id of an entry of "
                        + "`$.accounts`");
    }

    @Test
    void duplicateAccountIds_areAnInputError() {
        FactSet facts = FactSet.builder()
                .accounts(List.of(Account.of("acc-1", null), Account.of("acc-1", null)))
                .build();
        assertThatThrownBy(() -> TestPolicy.DEFAULT.evaluate(facts))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageContaining("$.accounts[1].id: duplicate account id `acc-1`");
    }

    @Test
    void summaryCountsBySeverityAndCategory() {
        EvaluationResult r = TestPolicy.DEFAULT.evaluate(FactsJson.read(FLEET));
        assertThat(r.summary().violations()).isEqualTo(r.violations().size());
        assertThat(r.summary().bySeverity().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(r.violations().size());
        assertThat(r.summary().accounts())
                .isEqualTo(FactsJson.read(FLEET).accounts().size());
        assertThat(r.policy().name()).isEqualTo("Entrecloud AUP");
        assertThat(r.policy().digest()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void digestChangesWithThePolicy_butNotWithItsScenarios() {
        String policy = PolicyPack.defaultPack().text("policy.json").orElseThrow();
        String rules = PolicyPack.defaultPack().text("rules/spam.drl").orElseThrow();
        PolicyPack base = PolicyPack.ofFiles("a", Map.of("policy.json", policy, "rules/spam.drl", rules));
        PolicyPack withScenario = PolicyPack.ofFiles(
                "b", Map.of("policy.json", policy, "rules/spam.drl", rules, "scenarios/x.json", "[]"));
        PolicyPack edited = PolicyPack.ofFiles(
                "c",
                Map.of(
                        "policy.json",
                        policy.replace("\"bulkMessagesPerHour\": 500", "\"bulkMessagesPerHour\": 400"),
                        "rules/spam.drl",
                        rules));
        assertThat(withScenario.digest()).isEqualTo(base.digest());
        assertThat(edited.digest()).isNotEqualTo(base.digest());
        assertThat(policy).contains("\"bulkMessagesPerHour\": 500");
    }

    @Test
    void aRuleThatThrows_failsTheEvaluation_namingTheRuleAndTheAccount() {
        PolicyPack pack = packWithRule("""
                rule "2.12 process name length"
                    @clause("2.12") @severity("HIGH") @message("{$p} has a long name")
                when
                    $p : HostedProcess( )
                then
                    int length = $p.name().length();
                    findings.violation(kcontext, $p);
                end
                """);
        DroolsAupEvaluator evaluator =
                DroolsAupEvaluator.builder().policyPack(pack).build();
        FactSet facts = FactsJson.read("""
                {"accounts": [{"id": "acc-1"}], "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 1}]}
                """, null);
        assertThatThrownBy(() -> evaluator.evaluate(facts))
                .isInstanceOf(EvaluationFailedException.class)
                .hasMessageStartingWith("rule `2.12 process name length` failed while judging account `acc-1`: "
                        + "NullPointerException")
                .satisfies(e ->
                        assertThat(((EvaluationFailedException) e).accountId()).isEqualTo("acc-1"));
    }

    @Test
    void builderWithoutAPolicy_saysWhatToDo() {
        assertThatThrownBy(() -> DroolsAupEvaluator.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call defaultPolicy() or policyPack(folder)");
    }

    @Test
    void brokenPack_failsToBuild_withEveryProblem() {
        PolicyPack pack = packWithRule("""
                rule "2.21 typo in the clause"
                    @clause("2.21") @severity("HGH") @message("x")
                when
                    $l : MailingList()
                then
                    findings.violation(kcontext, $l);
                end
                """);
        assertThatThrownBy(() -> DroolsAupEvaluator.builder().policyPack(pack).build())
                .isInstanceOf(InvalidPolicyException.class)
                .satisfies(
                        e -> assertThat(((InvalidPolicyException) e).problems())
                                .extracting(Object::toString)
                                .satisfiesExactlyInAnyOrder(
                                        p -> assertThat(p)
                                                .startsWith("rules/test.drl:6:1: error: rule `2.21 typo in the "
                                                        + "clause`: unknown clause `2.21`"),
                                        p -> assertThat(p)
                                                .isEqualTo(
                                                        "rules/test.drl:6:1: error: rule `2.21 typo in the "
                                                                + "clause`: unknown severity `HGH`; expected one of LOW, MEDIUM, HIGH, CRITICAL")));
    }

    /** The default pack's policy.json with one DRL file holding {@code rule}. */
    static PolicyPack packWithRule(String rule) {
        String drl = """
                package rules;
                import org.auprules.api.facts.*;
                import org.auprules.drools.rules.*;
                global Findings findings;

                """ + rule;
        return PolicyPack.ofFiles(
                "test-pack",
                Map.of(
                        "policy.json",
                        PolicyPack.defaultPack().text("policy.json").orElseThrow(),
                        "rules/test.drl",
                        drl));
    }
}
