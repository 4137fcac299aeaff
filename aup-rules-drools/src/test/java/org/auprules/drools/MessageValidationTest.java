package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auprules.drools.TestPacks.lines;

import java.util.List;
import java.util.Map;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.Violation;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.HostedProcess;
import org.junit.jupiter.api.Test;

/** {@code validate} checks every placeholder of every {@code @message}, at the placeholder's line and column. */
class MessageValidationTest {

    @Test
    void aTemplateThatReadsOnlyWhatTheRuleBinds_passesAndRenders() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules("""
                rule "2.20 script with sustained high CPU"
                    @clause("2.20") @severity("MEDIUM")
                    @message("{$p} has used {$p.cpuPercent}% CPU over {$p.runtimeSeconds} s; the limit of {$t} is {$cpu}%[ on ports {$p.listeningPorts}], {$ports.size} port(s)")
                when
                    $t : Thresholds( $cpu : cpuPercent )
                    $p : HostedProcess( cpuPercent >= $cpu )
                    accumulate( $port : Integer() from $p.listeningPorts(); $ports : collectList( $port ) )
                then
                    findings.violation(kcontext, $p);
                end
                """));

        assertThat(v.errors()).isEmpty();
        EvaluationResult r = DroolsAupEvaluator.builder()
                .policyPack(v.policy().orElseThrow().pack())
                .build()
                .evaluate(FactSet.builder()
                        .accounts(List.of(Account.of("acc-1", null)))
                        .processes(
                                List.of(new HostedProcess("p-1", "acc-1", 4242, null, null, 150.5, 1, 7200, List.of())))
                        .build());
        assertThat(r.violations())
                .extracting(Violation::message)
                .containsExactly(
                        "process `p-1` (pid 4242) has used 150.5% CPU over 7200 s; the limit of the default limits is 100%,"
                                + " 0 port(s)");
    }

    @Test
    void unknownBindingsAndFieldsAreErrorsAtThePlaceholder_withADidYouMean() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules("""
                rule "2.20 script with sustained high CPU"
                    @clause("2.20") @severity("MEDIUM")
                    @message("{$p} used {$p.cpuPercnt}% of {$cpu.value}%; {$proc.name} {$t.plan.x} \\"{$u}\\"")
                when
                    $t : Thresholds( $cpu : cpuPercent )
                    $p : HostedProcess( cpuPercent >= $cpu )
                then
                    findings.violation(kcontext, $p);
                end
                """));

        assertThat(v.valid()).isFalse();
        assertThat(lines(v.problems()))
                .containsExactly(
                        "rules/test.drl:8:29: error: rule `2.20 script with sustained high CPU`: unknown field `cpuPercnt` of"
                                + " `$p` (HostedProcess) in @message; did you mean `cpuPercent`?",
                        "rules/test.drl:8:50: error: rule `2.20 script with sustained high CPU`: `$cpu` (double) has no fields;"
                                + " `value` cannot be read from it",
                        "rules/test.drl:8:60: error: rule `2.20 script with sustained high CPU`: unknown binding `$proc` in"
                                + " @message",
                        "rules/test.drl:8:81: error: rule `2.20 script with sustained high CPU`: `$t.plan` (String) has no"
                                + " fields; `x` cannot be read from it",
                        "rules/test.drl:8:87: error: rule `2.20 script with sustained high CPU`: unknown binding `$u` in"
                                + " @message; did you mean `$p`?");
    }

    @Test
    void aTemplateThatDoesNotParse_isAnErrorAtTheMistake_evenWhenTheRuleHasOtherErrors() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules("""
                rule "3.1 memory"
                    @clause("3.1") @severity("MEDIUM") @message("{$u} uses [{$u.memoryMb} MB")
                when
                    $u : ResourceUsage( memoryMbb > 4096 )
                then
                    findings.violation(kcontext, $u);
                end
                """));

        assertThat(lines(v.problems()))
                .containsExactly(
                        "rules/test.drl:7:60: error: rule `3.1 memory`: `[` is never closed with `]`",
                        "rules/test.drl:9:25: error: rule `3.1 memory`: unknown field `memoryMbb` of `ResourceUsage`; did you"
                                + " mean `memoryMb`?");
    }

    @Test
    void aRuleThatReportsWithoutAMessage_isAnError_andOneThatOnlyDerivesNeedsNone() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules("""
                rule "3.1 memory"
                    @clause("3.1") @severity("MEDIUM")
                when
                    $u : ResourceUsage( memoryMb > 4096 )
                then
                    findings.violation(kcontext, $u);
                end

                rule "report for review"
                when
                    $r : AbuseReport( )
                then
                    findings.notice(kcontext, org.auprules.api.NoticeKind.REPORT_FOR_REVIEW, $r);
                end

                rule "3.1 derive nothing"
                when
                    $u : ResourceUsage( )
                then
                end
                """));

        assertThat(lines(v.problems()))
                .containsExactly(
                        "rules/test.drl:6:1: error: rule `3.1 memory`: calls `findings.violation` but has no @message; add"
                                + " one that says what matched, such as @message(\"{$p} is an IRC server\")",
                        "rules/test.drl:14:1: error: rule `report for review`: calls `findings.notice` but has no @message;"
                                + " add one that says what matched, such as @message(\"{$p} is an IRC server\")");
    }

    @Test
    void evidenceThatIsNotAFact_isRefusedWithWhatToDo() {
        DroolsAupEvaluator evaluator =
                DroolsAupEvaluator.builder().policyPack(memoryRule("$u, $mem")).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> evaluator.evaluate(memoryHog()))
                .hasMessageContaining("rule `3.1 memory`: evidence must be facts or collections of facts (and the"
                        + " Thresholds they were judged against), not `Long`; the @message reads every binding of"
                        + " the rule, so hand over only what the violation is about");
    }

    @Test
    void theThresholdsHandedOver_areNamedInTheMessage_butAreNoEvidence() {
        DroolsAupEvaluator evaluator =
                DroolsAupEvaluator.builder().policyPack(memoryRule("$u, $t")).build();

        Violation v = evaluator.evaluate(memoryHog()).violations().get(0);
        assertThat(v.evidence()).extracting(Evidence::id).containsExactly("u-1");
        assertThat(v.message()).isEqualTo("resource usage `u-1` is over the default limits");
    }

    private static PolicyPack memoryRule(String evidence) {
        return TestPacks.withRules("""
                rule "3.1 memory"
                    @clause("3.1") @severity("MEDIUM") @message("{$u} is over {$t}")
                when
                    $t : Thresholds( $mem : memoryMb )
                    $u : ResourceUsage( memoryMb >= $mem )
                then
                    findings.violation(kcontext, %s);
                end
                """.formatted(evidence));
    }

    private static FactSet memoryHog() {
        return org.auprules.json.FactsJson.read("""
                {"accounts": [{"id": "acc-1"}], "resourceUsage": [{"id": "u-1", "accountId": "acc-1",
                 "memoryMb": 999999}]}
                """, null);
    }

    @Test
    void theDefaultPackValidates_everyPlaceholderOfItsRulesChecked() {
        PolicyValidator.Validation v = PolicyValidator.validate(PolicyPack.defaultPack());
        assertThat(v.errors()).isEmpty();
        assertThat(Map.of(
                        "rules",
                        v.policy().orElseThrow().rules().stream()
                                .filter(r -> r.clause() != null || r.clauseFrom() != null)
                                .filter(r -> r.message() == null)
                                .toList()))
                .containsEntry("rules", List.of());
    }
}
