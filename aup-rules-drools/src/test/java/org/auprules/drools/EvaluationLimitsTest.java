package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.auprules.api.EvaluationFailedException;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Violation;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.HostedProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rules that would never return, each met with a clean failure naming the rule and the account
 * within the deadline plus a small margin, no thread left inside the engine, and an evaluator that
 * judges the next account correctly.
 */
class EvaluationLimitsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** Two grace periods and the cost of halting, stopping and starting a thread on a busy machine. */
    private static final Duration MARGIN = Duration.ofSeconds(2);

    /** A rule of its own that every attack pack also holds, to show the evaluator still works afterwards. */
    private static final String CANARY = """
            rule "2.12 process named ircd"
                @clause("2.12") @severity("HIGH") @message("{$p} is an IRC server")
            when
                $p : HostedProcess( name == "ircd" )
            then
                findings.violation(kcontext, $p);
            end

            declare Tick
                n : long
            end

            """;

    @AfterEach
    void noThreadIsLeftInTheEngine() throws InterruptedException {
        long until = System.nanoTime() + MARGIN.toNanos();
        // a thread that just left the engine may still be on its way back to the pool
        while ((BoundedSession.running() > 0 || runnableSessionThreads() > 0) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertThat(BoundedSession.running())
                .as("sessions whose thread is still inside the engine")
                .isZero();
        assertThat(runnableSessionThreads()).as("session threads still running").isZero();
    }

    @Test
    @Timeout(20)
    void aModifyThatReactivatesItself_passesTheDefaultFiringLimit_andFailsNamingTheRule() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        rule "seed"
                        when
                            HostedProcess( name == "attack" )
                        then
                            insert(new Tick(0L));
                        end

                        rule "modify loop"
                        when
                            $t : Tick( n >= 0 )
                        then
                            modify($t) { setN($t.getN() + 1) }
                        end
                        """))
                .build();

        EvaluationFailedException e = failsWithin(evaluator, DroolsAupEvaluator.DEFAULT_DEADLINE);

        assertThat(e.rule()).contains("modify loop");
        assertThat(e.accountId()).isEqualTo("acc-1");
        assertThat(e.getCause()).isInstanceOf(LimitExceededException.class);
        assertThat(e.getMessage())
                .contains("rule `modify loop` failed while judging account `acc-1`")
                .contains("more than the limit of " + DroolsAupEvaluator.DEFAULT_MAX_FIRINGS + " times")
                .contains("`modify loop` " + (DroolsAupEvaluator.DEFAULT_MAX_FIRINGS + 1));
        stillWorks(evaluator);
    }

    @Test
    @Timeout(20)
    void anUpdateLoop_passesAFiringLimitSetInTheBuilder() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        rule "seed"
                        when
                            HostedProcess( name == "attack" )
                        then
                            insert(new Tick(0L));
                        end

                        rule "update loop"
                        when
                            $t : Tick( n >= 0 )
                        then
                            $t.setN($t.getN() + 1);
                            update($t);
                        end
                        """))
                .maxFirings(5_000)
                .build();

        EvaluationFailedException e = failsWithin(evaluator, DroolsAupEvaluator.DEFAULT_DEADLINE);

        assertThat(e.rule()).contains("update loop");
        assertThat(e.getMessage()).contains("more than the limit of 5000 times");
        stillWorks(evaluator);
    }

    @Test
    @Timeout(20)
    void aRuleThatStopsBelowTheFiringLimit_isNotCut() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        rule "seed"
                        when
                            HostedProcess( name == "attack" )
                        then
                            insert(new Tick(0L));
                        end

                        rule "count to 99"
                        when
                            $t : Tick( n < 99 )
                        then
                            modify($t) { setN($t.getN() + 1) }
                        end
                        """))
                // seed, 99 modifies and the canary: 101 firings, exactly the limit
                .maxFirings(101)
                .build();

        assertThat(evaluator
                        .evaluate(facts(List.of(process("p-1", "attack"), process("p-2", "ircd"))))
                        .violations())
                .hasSize(1);
    }

    @Test
    @Timeout(30)
    void aFourWayCartesianJoinOverHundredsOfFacts_passesTheDeadline() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        rule "four-way join"
                        when
                            HostedProcess( $a : pid, name == "attack" )
                            HostedProcess( $b : pid, name == "attack" )
                            HostedProcess( $c : pid, name == "attack" )
                            HostedProcess( name == "attack", pid == $a + $b + $c + 1000000 )
                        then
                            insert(new Tick(1L));
                        end
                        """))
                .deadline(DEADLINE)
                .build();

        EvaluationFailedException e = failsWithin(
                evaluator,
                DEADLINE,
                facts(LongStream.range(0, 200)
                        .mapToObj(i -> process("p-" + i, "attack"))
                        .toList()));

        assertThat(e.accountId()).isEqualTo("acc-1");
        assertThat(e.getMessage()).contains("ran longer than the deadline of 1000 ms");
        stillWorks(evaluator);
    }

    @Test
    @Timeout(30)
    void aConsequenceInAnEndlessLoop_passesTheDeadline_andItsThreadIsStopped() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        rule "spin"
                        when
                            HostedProcess( name == "attack" )
                        then
                            long i = 1;
                            while (i > 0) {
                                i = i * 3 + 1;
                                if (i < 0) { i = 1; }
                            }
                        end
                        """))
                .deadline(DEADLINE)
                .build();
        int abandonedBefore = BoundedSession.abandoned();

        EvaluationFailedException e = failsWithin(evaluator, DEADLINE);

        assertThat(e.rule()).contains("spin");
        assertThat(e.getMessage())
                .contains("rule `spin` failed while judging account `acc-1`")
                .contains("ran longer than the deadline of 1000 ms");
        // Java 17 to 19 still stop a thread that checks nothing; the class doc says what later ones do
        if (Runtime.version().feature() < 20) {
            assertThat(BoundedSession.abandoned()).isEqualTo(abandonedBefore);
        }
        stillWorks(evaluator);
    }

    @Test
    @Timeout(30)
    void deepRecursion_failsWithTheStackOverflowNamed() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        function long depth(long n) {
                            return depth(n + 1) + 1;
                        }

                        rule "recurse"
                        when
                            HostedProcess( name == "attack" )
                        then
                            depth(0);
                        end
                        """))
                .build();

        EvaluationFailedException e = failsWithin(evaluator, DroolsAupEvaluator.DEFAULT_DEADLINE);

        assertThat(e.rule()).contains("recurse");
        assertThat(e.getMessage()).contains("rule `recurse` failed while judging account `acc-1`: StackOverflowError");
        stillWorks(evaluator);
    }

    @Test
    @Timeout(30)
    void insertsWithoutEnd_inOneConsequence_passTheDeadline() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        rule "flood"
                        when
                            HostedProcess( name == "attack" )
                        then
                            long i = 0;
                            while (i >= 0) {
                                insert(new Tick(i));
                                i = i + 1;
                            }
                        end
                        """))
                .deadline(Duration.ofMillis(300))
                .build();

        EvaluationFailedException e = failsWithin(evaluator, Duration.ofMillis(300));

        assertThat(e.rule()).contains("flood");
        // within 300 ms the heap holds out; if it did not, the OutOfMemoryError names the rule the same way
        assertThat(e.getMessage()).containsAnyOf("ran longer than the deadline", "OutOfMemoryError");
        stillWorks(evaluator);
    }

    @Test
    @Timeout(20)
    void insertsThatTriggerMoreInserts_passTheFiringLimit() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        rule "seed"
                        when
                            HostedProcess( name == "attack" )
                        then
                            insert(new Tick(0L));
                        end

                        rule "spawn"
                        when
                            $t : Tick( n >= 0 )
                        then
                            insert(new Tick($t.getN() + 1));
                        end
                        """))
                .maxFirings(20_000)
                .build();

        EvaluationFailedException e = failsWithin(evaluator, DroolsAupEvaluator.DEFAULT_DEADLINE);

        assertThat(e.rule()).contains("spawn");
        assertThat(e.getMessage()).contains("more than the limit of 20000 times");
        stillWorks(evaluator);
    }

    @Test
    @Timeout(30)
    void aHaltedSession_isNeverHandedOutAgain() {
        // the loop stops at the first halt, so the halted session would go back to the pool if nothing stopped it
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        rule "seed"
                        when
                            HostedProcess( name == "attack" )
                        then
                            insert(new Tick(0L));
                        end

                        rule "slow loop"
                        when
                            $t : Tick( n >= 0 )
                        then
                            long i = 0;
                            while (i < 2000000) { i = i + 1; }
                            modify($t) { setN($t.getN() + 1) }
                        end
                        """))
                .deadline(Duration.ofMillis(200))
                .build();
        for (int round = 0; round < 5; round++) {
            failsWithin(evaluator, Duration.ofMillis(200));
        }
        // many rounds of fresh sessions from the pool: each one judges from a clean state
        for (int round = 0; round < 20; round++) {
            stillWorks(evaluator);
        }
    }

    @Test
    @Timeout(60)
    void manyAccountsInOneCall_pass_andTheOneThatPassesTheDeadlineIsNamed() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(TestPacks.withRules(CANARY + """
                        rule "busy"
                        when
                            HostedProcess( name == "busy" )
                        then
                            long i = 0;
                            while (i < 20000000) { i = i + 1; }
                        end

                        rule "spin"
                        when
                            HostedProcess( name == "attack" )
                        then
                            long i = 1;
                            while (i > 0) { i = i + 2; if (i < 0) { i = 1; } }
                        end
                        """))
                .deadline(DEADLINE)
                .build();
        List<Account> accounts = LongStream.range(0, 40)
                .mapToObj(i -> Account.of("acc-" + i, null))
                .toList();
        List<HostedProcess> busy = LongStream.range(0, 40)
                .mapToObj(i -> new HostedProcess("p-" + i, "acc-" + i, i, "busy", null, 0, 0, 0, List.of()))
                .toList();
        FactSet many = FactSet.builder()
                .evaluatedAt(Instant.parse("2026-11-28T12:00:00Z"))
                .accounts(accounts)
                .processes(busy)
                .build();

        // forty accounts judged one after another on one runner thread, each within its own deadline
        assertThat(evaluator.evaluate(many).firedRules()).containsExactly("busy");

        List<HostedProcess> withAttack = new java.util.ArrayList<>(busy);
        withAttack.add(new HostedProcess("p-x", "acc-7", 99, "attack", null, 0, 0, 0, List.of()));
        EvaluationFailedException e = failsWithin(
                evaluator,
                DEADLINE.multipliedBy(3),
                FactSet.builder()
                        .evaluatedAt(Instant.parse("2026-11-28T12:00:00Z"))
                        .accounts(accounts)
                        .processes(withAttack)
                        .build());
        assertThat(e.accountId()).isEqualTo("acc-7");
        assertThat(e.rule()).contains("spin");
        stillWorks(evaluator);
    }

    @Test
    @Timeout(10)
    void limitsOutOfRange_areRefusedByTheBuilder() {
        assertThatThrownBy(() -> DroolsAupEvaluator.builder().maxFirings(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFirings must be at least 1, got 0");
        assertThatThrownBy(() -> DroolsAupEvaluator.builder().deadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deadline must be above zero, got PT0S");
    }

    /** Evaluates one account and returns the failure, checking it came within the deadline and the margin. */
    private static EvaluationFailedException failsWithin(DroolsAupEvaluator evaluator, Duration deadline) {
        return failsWithin(evaluator, deadline, facts("attack"));
    }

    private static EvaluationFailedException failsWithin(
            DroolsAupEvaluator evaluator, Duration deadline, FactSet facts) {
        // the deadline counts from the moment an account's session is ready: the first session of
        // a new policy, slow to build on a busy machine, is built before the clock starts
        stillWorks(evaluator);
        long start = System.nanoTime();
        EvaluationFailedException e =
                catchThrowableOfType(EvaluationFailedException.class, () -> evaluator.evaluate(facts));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(e).as("the evaluation failed").isNotNull();
        assertThat(took).as("time to failure").isLessThan(deadline.plus(MARGIN));
        System.out.printf(
                "%s: failed after %d ms (%d sessions abandoned so far): %s%n",
                e.rule().orElse("?"), took.toMillis(), BoundedSession.abandoned(), e.getMessage());
        return e;
    }

    /** The next account on the same evaluator is judged, and correctly: the canary fires, the attack does not. */
    private static void stillWorks(DroolsAupEvaluator evaluator) {
        FactSet clean = FactSet.builder()
                .evaluatedAt(Instant.parse("2026-11-28T12:00:00Z"))
                .accounts(List.of(Account.of("acc-2", null)))
                .processes(List.of(new HostedProcess("p-9", "acc-2", 9, "ircd", null, 0, 0, 0, List.of())))
                .build();
        EvaluationResult result = evaluator.evaluate(clean);
        assertThat(result.violations())
                .extracting(Violation::ruleId, Violation::accountId)
                .containsExactly(tuple("2.12 process named ircd", "acc-2"));
        assertThat(result.firedRules()).containsExactly("2.12 process named ircd");
    }

    private static FactSet facts(String processName) {
        return facts(List.of(process("p-1", processName)));
    }

    private static FactSet facts(List<HostedProcess> processes) {
        return FactSet.builder()
                .evaluatedAt(Instant.parse("2026-11-28T12:00:00Z"))
                .accounts(List.of(Account.of("acc-1", null)))
                .processes(processes)
                .build();
    }

    private static HostedProcess process(String id, String name) {
        return new HostedProcess(id, "acc-1", id.hashCode(), name, null, 0, 0, 0, List.of());
    }

    private static long runnableSessionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("aup-rules-session-"))
                .filter(t -> t.getState() == Thread.State.RUNNABLE)
                .count();
    }
}
