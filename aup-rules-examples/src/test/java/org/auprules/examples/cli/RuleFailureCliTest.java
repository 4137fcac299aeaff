package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A rule that throws is the pack's fault: exit 3, the rule and account named, no stack trace. */
class RuleFailureCliTest {

    @Test
    void aRuleThatThrows_exitsThree_namingTheRuleAndTheAccount(@TempDir Path dir) throws Exception {
        Path pack = dir.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Files.writeString(pack.resolve("rules/broken.drl"), """
                package rules;
                import org.auprules.api.facts.*;
                import org.auprules.drools.rules.*;
                global Findings findings;

                rule "2.12 process name length"
                    @clause("2.12") @severity("HIGH") @message("{$p} has a long name")
                when
                    $p : HostedProcess( )
                then
                    int length = $p.name().length();
                    findings.violation(kcontext, $p);
                end
                """);
        Path facts = Files.writeString(dir.resolve("facts.json"), """
                {"accounts": [{"id": "acc-1"}], "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 1}]}
                """);

        CliRun run = CliRun.of("evaluate", "--policy", pack.toString(), facts.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .startsWith("aup-rules: rule `2.12 process name length` failed while judging "
                        + "account `acc-1`: NullPointerException")
                .doesNotContain("\tat ");
    }

    @Test
    @Timeout(60)
    void aRuleThatRecursesWithoutEnd_exitsThree_namingTheRule(@TempDir Path dir) throws Exception {
        CliRun run = evaluateWith(dir, """
                function long depth(long n) {
                    return depth(n + 1) + 1;
                }

                rule "2.12 deep"
                    @clause("2.12") @severity("HIGH") @message("{$p} is deep")
                when
                    $p : HostedProcess( )
                then
                    depth(0);
                    findings.violation(kcontext, $p);
                end
                """);

        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .isEqualTo("aup-rules: rule `2.12 deep` failed while judging account `acc-1`: StackOverflowError");
    }

    @Test
    @Timeout(60)
    void aRuleThatRunsOutOfMemory_exitsThree_namingTheRule(@TempDir Path dir) throws Exception {
        // an array past what the VM can allocate fails at once, without filling the test's heap
        CliRun run = evaluateWith(dir, """
                rule "2.12 greedy"
                    @clause("2.12") @severity("HIGH") @message("{$p} is greedy")
                when
                    $p : HostedProcess( )
                then
                    long[] all = new long[2147483639];
                    findings.violation(kcontext, $p);
                end
                """);

        assertThat(run.code()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip())
                .startsWith("aup-rules: rule `2.12 greedy` failed while judging account `acc-1`: OutOfMemoryError")
                .doesNotContain("\tat ");
    }

    /** Evaluates one account with one process against a fresh pack holding these rules. */
    private static CliRun evaluateWith(Path dir, String rules) throws Exception {
        Path pack = dir.resolve("pack");
        assertThat(CliRun.of("init-pack", pack.toString()).code()).isZero();
        Files.writeString(pack.resolve("rules/broken.drl"), """
                package rules;
                import org.auprules.api.facts.*;
                import org.auprules.drools.rules.*;
                global Findings findings;

                """ + rules);
        Path facts = Files.writeString(dir.resolve("facts.json"), """
                {"accounts": [{"id": "acc-1"}], "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 1}]}
                """);
        return CliRun.of("evaluate", "--policy", pack.toString(), facts.toString());
    }
}
