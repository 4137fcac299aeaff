package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyInfo;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analysts edit a live pack: good changes go live, broken ones are rejected, evaluations never notice. */
class ReloadingAupEvaluatorTest {

    /** One message to 60 recipients, sent to no list: bulk email against 1.A.2 once bulk starts below 60. */
    private static final FactSet SIXTY_RECIPIENTS = FactsJson.read("""
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
             "emails": [{"id": "m-1", "accountId": "acc-1", "sentAt": "2026-11-28T10:00:00Z", "recipientCount": 60,
                         "commercial": false, "hasRemovalLink": true}]}
            """, null);

    private static final String BROKEN_RULE = TestPacks.HEADER + """
            rule "3.1 memory"
                @clause("3.1") @severity("MEDIUM") @message("memory")
            when
                $u : ResourceUsage( memoryMbb > 4096 )
            then
                findings.violation(kcontext, $u);
            end
            """;

    @TempDir
    Path pack;

    /** What listeners heard, in order: the reloaded policy, or the problems of a rejection. */
    private final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();

    private final ReloadingAupEvaluator.Listener recorder = new ReloadingAupEvaluator.Listener() {
        @Override
        public void reloaded(PolicyInfo policy) {
            heard.add(policy);
        }

        @Override
        public void rejected(List<PolicyProblem> problems) {
            heard.add(problems);
        }
    };

    @BeforeEach
    void copyDefaultPack() {
        TestPacks.copyDefaultPack(pack);
    }

    private void setBulkThreshold(int recipients) {
        Path json = pack.resolve(PolicyPack.POLICY_FILE);
        TestPacks.write(
                json,
                TestPacks.read(json)
                        .replaceFirst(
                                "\"bulkRecipientsPerMessage\": \\d+", "\"bulkRecipientsPerMessage\": " + recipients));
    }

    private static List<String> clauses(EvaluationResult r) {
        return r.violations().stream().map(Violation::clauseId).toList();
    }

    @Test
    void aGoodChangeGoesLive_aBrokenOneIsRejected_andTheFixGoesLive() {
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(pack)
                .watch(false)
                .listener(recorder)
                .build()) {
            EvaluationResult before = evaluator.evaluate(SIXTY_RECIPIENTS);
            assertThat(clauses(before)).isEmpty();
            assertThat(before.policy().digest())
                    .isEqualTo(PolicyPack.fromDirectory(pack).digest());

            setBulkThreshold(50);
            ReloadingAupEvaluator.Outcome good = evaluator.reloadNow();
            EvaluationResult after = evaluator.evaluate(SIXTY_RECIPIENTS);
            assertThat(good.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(clauses(after)).containsExactly("1.A.2", "1.A.5");
            assertThat(after.policy()).isEqualTo(good.policy()).isNotEqualTo(before.policy());
            assertThat(after.policy().digest())
                    .isEqualTo(PolicyPack.fromDirectory(pack).digest());
            assertThat(heard.poll()).isEqualTo(after.policy());

            TestPacks.write(pack.resolve("rules/burden.drl"), BROKEN_RULE);
            ReloadingAupEvaluator.Outcome broken = evaluator.reloadNow();
            EvaluationResult whileBroken = evaluator.evaluate(SIXTY_RECIPIENTS);
            assertThat(broken.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.REJECTED);
            assertThat(broken.problems())
                    .map(PolicyProblem::toString)
                    .contains("rules/burden.drl:9:25: error: rule"
                            + " `3.1 memory`: unknown field `memoryMbb` of `ResourceUsage`; did you mean `memoryMb`?");
            assertThat(whileBroken.policy()).isEqualTo(after.policy());
            assertThat(clauses(whileBroken)).containsExactly("1.A.2", "1.A.5");
            assertThat(heard.poll()).isEqualTo(broken.problems());

            TestPacks.write(pack.resolve("rules/burden.drl"), BROKEN_RULE.replace("memoryMbb", "memoryMb"));
            ReloadingAupEvaluator.Outcome fixed = evaluator.reloadNow();
            assertThat(fixed.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.policy()).isEqualTo(fixed.policy()).isNotEqualTo(after.policy());
            assertThat(evaluator.compiledPolicy().rules())
                    .extracting(CompiledPolicy.RuleInfo::name)
                    .contains("3.1 memory");
            assertThat(heard.poll()).isEqualTo(fixed.policy());
            assertThat(heard).isEmpty();
        }
    }

    @Test
    void theHostsFactLimitsHoldBeforeAndAfterAReload() {
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(pack)
                .watch(false)
                .factLimits(100, 3)
                .build()) {
            assertThat(evaluator.evaluate(FactLimitsTest.facts(1, 2, 1)).violations())
                    .isNotEmpty();
            assertThatThrownBy(() -> evaluator.evaluate(FactLimitsTest.facts(1, 4, 0)))
                    .isInstanceOfSatisfying(InvalidFactsException.class, e -> assertThat(e.path())
                            .isEqualTo("$.emails[3]"));

            setBulkThreshold(50);
            assertThat(evaluator.reloadNow().status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThatThrownBy(() -> evaluator.evaluate(FactLimitsTest.facts(1, 4, 0)))
                    .isInstanceOfSatisfying(InvalidFactsException.class, e -> assertThat(e.path())
                            .isEqualTo("$.emails[3]"));
        }
        assertThatThrownBy(() -> ReloadingAupEvaluator.builder(pack).factLimits(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fact limits must be at least 1, got 1 per call and 0 per account");
    }

    @Test
    void aNewVersionIsWhatResultsCarryAfterReload() {
        try (ReloadingAupEvaluator evaluator =
                ReloadingAupEvaluator.builder(pack).watch(false).build()) {
            Path json = pack.resolve(PolicyPack.POLICY_FILE);
            TestPacks.write(
                    json, TestPacks.read(json).replace("\"version\": \"2017-01-01\"", "\"version\": \"2026-12\""));

            evaluator.reloadNow();

            PolicyInfo info = evaluator.evaluate(SIXTY_RECIPIENTS).policy();
            assertThat(info.name()).isEqualTo("Entrecloud AUP");
            assertThat(info.version()).isEqualTo("2026-12");
            assertThat(info.digest())
                    .isEqualTo(PolicyPack.fromDirectory(pack).digest())
                    .startsWith("sha256:");
        }
    }

    @Test
    void anUnchangedFolderReloadsNothing() {
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(pack)
                .watch(false)
                .listener(recorder)
                .build()) {
            ReloadingAupEvaluator.Outcome outcome = evaluator.reloadNow();

            assertThat(outcome.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.UNCHANGED);
            assertThat(heard).isEmpty();
        }
    }

    @Test
    void evaluationsRunningThroughReloadsNeverFail_andEachAnswersWithOneWholePolicy() throws Exception {
        try (ReloadingAupEvaluator evaluator =
                ReloadingAupEvaluator.builder(pack).watch(false).build()) {
            Map<String, Integer> expectedByDigest = new ConcurrentHashMap<>();
            expectedByDigest.put(evaluator.policy().digest(), 0);
            AtomicBoolean stop = new AtomicBoolean();
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            Queue<EvaluationResult> results = new ConcurrentLinkedQueue<>();
            AtomicInteger evaluations = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            results.add(evaluator.evaluate(SIXTY_RECIPIENTS));
                            evaluations.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
                t.start();
                threads.add(t);
            }

            setBulkThreshold(50);
            expectedByDigest.put(evaluator.reloadNow().policy().digest(), 2);
            TestPacks.write(pack.resolve("rules/burden.drl"), BROKEN_RULE);
            assertThat(evaluator.reloadNow().status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.REJECTED);
            Files.delete(pack.resolve("rules/burden.drl"));
            setBulkThreshold(70);
            expectedByDigest.put(evaluator.reloadNow().policy().digest(), 0);
            int atLastReload = evaluations.get();
            while (evaluations.get() < atLastReload + 20) {
                Thread.onSpinWait();
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }

            assertThat(failures).isEmpty();
            assertThat(results).allSatisfy(r -> assertThat(r.violations())
                    .hasSize(expectedByDigest.get(r.policy().digest())));
            assertThat(results)
                    .extracting(r -> r.policy().digest())
                    .contains(evaluator.policy().digest());
        }
    }

    @Test
    void theWatcherCompilesAnEditorsSaveOnceItHasSettled() throws Exception {
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(pack)
                .quietPeriod(Duration.ofMillis(300))
                .listener(recorder)
                .build()) {
            // Editors write a temporary file and rename it over the original; several saves come in a burst.
            Path json = pack.resolve(PolicyPack.POLICY_FILE);
            Path temp = pack.resolve(".policy.json.swp");
            for (int recipients : new int[] {10, 20, 50}) {
                Files.writeString(
                        temp,
                        TestPacks.read(json)
                                .replaceFirst(
                                        "\"bulkRecipientsPerMessage\": \\d+",
                                        "\"bulkRecipientsPerMessage\": " + recipients));
                Files.move(temp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }

            Object first = heard.poll(60, TimeUnit.SECONDS);

            assertThat(first).isInstanceOf(PolicyInfo.class);
            assertThat(((PolicyInfo) first).digest())
                    .isEqualTo(PolicyPack.fromDirectory(pack).digest());
            assertThat(evaluator.compiledPolicy().thresholdsFor(null).bulkRecipientsPerMessage())
                    .isEqualTo(50);
            assertThat(clauses(evaluator.evaluate(SIXTY_RECIPIENTS))).containsExactly("1.A.2", "1.A.5");
        }
    }

    @Test
    void theWatcherRejectsABrokenFile_andTheOldPolicyKeepsAnswering() throws Exception {
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(pack)
                .quietPeriod(Duration.ofMillis(200))
                .listener(recorder)
                .build()) {
            PolicyInfo good = evaluator.policy();
            TestPacks.write(pack.resolve("rules/burden.drl"), BROKEN_RULE);

            Object first = heard.poll(60, TimeUnit.SECONDS);

            assertThat(first)
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .map(Object::toString)
                    .contains("rules/burden.drl:9:25: error: rule `3.1 memory`:"
                            + " unknown field `memoryMbb` of `ResourceUsage`; did you mean `memoryMb`?");
            assertThat(evaluator.evaluate(SIXTY_RECIPIENTS).policy()).isEqualTo(good);
        }
    }

    @Test
    void pollingAloneNoticesAChange() throws Exception {
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(pack)
                .pollingOnly(true)
                .pollInterval(Duration.ofMillis(100))
                .quietPeriod(Duration.ofMillis(100))
                .listener(recorder)
                .build()) {
            assertThat(evaluator.watchesEvents()).isFalse();
            setBulkThreshold(50);

            Object first = heard.poll(60, TimeUnit.SECONDS);

            assertThat(first).isEqualTo(evaluator.policy());
            assertThat(evaluator.policy().digest())
                    .isEqualTo(PolicyPack.fromDirectory(pack).digest());
        }
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheReloadNorTheOtherListeners() {
        Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
        Queue<Throwable> reported = new ConcurrentLinkedQueue<>();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(pack)
                .watch(false)
                .listener(new ReloadingAupEvaluator.Listener() {
                    @Override
                    public void reloaded(PolicyInfo policy) {
                        throw new IllegalStateException("listener bug");
                    }
                })
                .listener(recorder)
                .build()) {
            setBulkThreshold(50);

            ReloadingAupEvaluator.Outcome outcome = evaluator.reloadNow();

            assertThat(outcome.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(heard).containsExactly(outcome.policy());
            assertThat(reported)
                    .singleElement()
                    .extracting(Throwable::getMessage)
                    .isEqualTo("listener bug");
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void aPackThatIsInvalidAtStartCannotBeServed() throws IOException {
        TestPacks.write(pack.resolve("rules/burden.drl"), BROKEN_RULE);

        assertThatThrownBy(() -> ReloadingAupEvaluator.builder(pack).build())
                .isInstanceOf(InvalidPolicyException.class)
                .satisfies(e -> assertThat(((InvalidPolicyException) e).problems())
                        .map(PolicyProblem::toString)
                        .anyMatch(p -> p.startsWith("rules/burden.drl:9:25: error:")));
        assertThatThrownBy(() ->
                        ReloadingAupEvaluator.builder(pack.resolve("missing")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a folder");
    }

    @Test
    void theBuilderHandsItsExecutorToTheEvaluator_andTheResultIsTheSame() {
        StringBuilder json = new StringBuilder("{\"evaluatedAt\": \"2026-11-28T12:00:00Z\", \"accounts\": [");
        StringBuilder emails = new StringBuilder("], \"emails\": [");
        for (int i = 0; i < 300; i++) {
            String sep = i == 0 ? "" : ",";
            json.append(sep)
                    .append("{\"id\": \"acc-")
                    .append(i)
                    .append("\", \"plan\": \"shared-basic\", \"country\": \"US\", \"status\": \"ACTIVE\"}");
            emails.append(sep)
                    .append("{\"id\": \"m-")
                    .append(i)
                    .append("\", \"accountId\": \"acc-")
                    .append(i)
                    .append("\", \"sentAt\": \"2026-11-28T10:00:00Z\", \"recipientCount\": ")
                    .append(i % 2 == 0 ? 600 : 2)
                    .append(", \"commercial\": false, \"hasRemovalLink\": true}");
        }
        FactSet fleet = FactsJson.read(json.append(emails).append("]}").toString(), null);
        AtomicInteger tasks = new AtomicInteger();
        try (ReloadingAupEvaluator split = ReloadingAupEvaluator.builder(pack)
                        .watch(false)
                        .executor(r -> {
                            tasks.incrementAndGet();
                            r.run();
                        })
                        .parallelism(2)
                        .build();
                ReloadingAupEvaluator alone =
                        ReloadingAupEvaluator.builder(pack).watch(false).build()) {
            EvaluationResult result = split.evaluate(fleet);
            assertThat(tasks).hasValue(1);
            assertThat(result.violations().stream()
                            .map(Violation::accountId)
                            .distinct()
                            .toList())
                    .hasSize(150)
                    .allMatch(id -> Integer.parseInt(id.substring("acc-".length())) % 2 == 0);
            assertThat(result).isEqualTo(alone.evaluate(fleet));
        }
        assertThatThrownBy(() -> ReloadingAupEvaluator.builder(pack)
                        .watch(false)
                        .parallelism(2)
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("parallelism(2) needs threads to run on");
    }
}
