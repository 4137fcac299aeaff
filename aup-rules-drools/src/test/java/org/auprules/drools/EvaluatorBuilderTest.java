package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;

/** The evaluator's builder takes exactly one policy, and says so when given a second. */
class EvaluatorBuilderTest {

    static final CompiledPolicy POLICY = CompiledPolicy.compile(PolicyPack.defaultPack());
    static final String ONCE = "; call only one of defaultPolicy(), policyPack(...) or compiledPolicy(...), once, "
            + "or use a new builder";

    @Test
    void aPackAfterACompiledPolicy_isRefused() {
        DroolsAupEvaluator.Builder b = DroolsAupEvaluator.builder().compiledPolicy(POLICY);
        assertThatThrownBy(() -> b.policyPack(PolicyPack.defaultPack()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a policy was already chosen with compiledPolicy(policy)" + ONCE);
    }

    @Test
    void theDefaultPolicyTwice_isRefused() {
        DroolsAupEvaluator.Builder b = DroolsAupEvaluator.builder().defaultPolicy();
        assertThatThrownBy(b::defaultPolicy)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a policy was already chosen with defaultPolicy()" + ONCE);
    }

    @Test
    void aFolderAfterAPack_isRefusedBeforeTheFolderIsRead() {
        DroolsAupEvaluator.Builder b = DroolsAupEvaluator.builder().policyPack(PolicyPack.defaultPack());
        assertThatThrownBy(() -> b.policyPack(Path.of("no-such-folder")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("a policy was already chosen with policyPack(pack)" + ONCE);
        assertThatThrownBy(() -> b.compiledPolicy(POLICY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("a policy was already chosen with policyPack(pack);");
    }

    @Test
    void oneChoice_builds() {
        assertThat(DroolsAupEvaluator.builder().compiledPolicy(POLICY).build().compiledPolicy())
                .isSameAs(POLICY);
        assertThat(DroolsAupEvaluator.builder().defaultPolicy().build().policy())
                .isEqualTo(POLICY.info());
    }

    @Test
    void noChoice_isRefused() {
        assertThatThrownBy(() -> DroolsAupEvaluator.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no policy chosen: call defaultPolicy() or policyPack(folder) before build()");
    }

    /** {@code n} accounts, each with one email; every third a bulk send that breaks the spam clause. */
    static FactSet fleet(int n) {
        StringBuilder json = new StringBuilder("{\"accounts\": [");
        StringBuilder emails = new StringBuilder("], \"emails\": [");
        for (int i = 0; i < n; i++) {
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
                    .append(i % 3 == 0 ? 600 : 2)
                    .append(", \"commercial\": false, \"hasRemovalLink\": true}");
        }
        return FactsJson.read(json.append(emails).append("]}").toString(), null);
    }

    @Test
    void theAccountListener_hearsEveryAccountOnce_fromEveryThread_andChangesNothing() throws Exception {
        FactSet facts = fleet(700);
        Set<String> heard = ConcurrentHashMap.newKeySet();
        AtomicInteger calls = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            DroolsAupEvaluator split = DroolsAupEvaluator.builder()
                    .compiledPolicy(POLICY)
                    .executor(pool)
                    .parallelism(4)
                    .onAccountEvaluated(id -> {
                        heard.add(id);
                        calls.incrementAndGet();
                        threads.add(Thread.currentThread().getName());
                    })
                    .build();
            EvaluationResult result = split.evaluate(facts);
            assertThat(calls).hasValue(700);
            assertThat(heard)
                    .containsExactlyInAnyOrderElementsOf(
                            facts.accounts().stream().map(Account::id).toList());
            EvaluationResult unheard =
                    DroolsAupEvaluator.builder().compiledPolicy(POLICY).build().evaluate(facts);
            assertThat(result.violations()).isEqualTo(unheard.violations());
            assertThat(result.summary()).isEqualTo(unheard.summary());
            assertThat(result.violations()).isNotEmpty();
            // the caller only waits: accounts are judged, and heard, on the evaluator's threads
            assertThat(threads).doesNotContain(Thread.currentThread().getName());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aListenerThatThrows_failsTheEvaluation_andHearsNothingAfter() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("the counter broke");
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .compiledPolicy(POLICY)
                .onAccountEvaluated(id -> {
                    if (calls.incrementAndGet() == 3) {
                        throw boom;
                    }
                })
                .build();
        assertThatThrownBy(() -> evaluator.evaluate(fleet(10))).isSameAs(boom);
        assertThat(calls).hasValue(3);
    }
}
