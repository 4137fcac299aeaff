package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.auprules.api.PolicyInfo;
import org.auprules.drools.internal.KubeletVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layouts operators deploy packs in load and reload: a Kubernetes ConfigMap volume (files
 * behind a {@code ..data} link swapped atomically) and a pack folder that is a link swapped to a
 * new release; and a change to two files goes live as both or neither.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PackLayoutsTest {

    @TempDir
    Path tmp;

    /**
     * Generation {@code n} of a small pack: the default policy.json with version {@code gen-n}, and
     * one rule file whose rule is named {@code generation n}, so a policy made of two generations shows.
     */
    private static Map<String, String> generation(int n) {
        Map<String, String> files = new LinkedHashMap<>();
        String json = TestPacks.policyJson();
        assertThat(json).contains("\"version\": \"2017-01-01\"");
        files.put(
                PolicyPack.POLICY_FILE, json.replace("\"version\": \"2017-01-01\"", "\"version\": \"gen-" + n + "\""));
        files.put(
                "rules/generation.drl",
                TestPacks.HEADER + "rule \"generation " + n + "\"\nwhen\n" + "    HostedProcess( name == \"gen-" + n
                        + "\" )\nthen\nend\n");
        return files;
    }

    /** The generation the policy's version names, and the one its generation rule names: equal unless mixed. */
    private static List<String> generations(CompiledPolicy policy) {
        String rule = policy.rules().stream()
                .map(CompiledPolicy.RuleInfo::name)
                .filter(r -> r.startsWith("generation "))
                .findFirst()
                .orElseThrow()
                .substring("generation ".length());
        return List.of(policy.info().version().substring("gen-".length()), rule);
    }

    @Test
    void aConfigMapVolume_loadsAsTheSamePackAsItsFiles_withNothingOfTheHiddenEntries() throws IOException {
        Path dir = tmp.resolve("pack");
        KubeletVolume.create(dir, "..2026_12_01_00_00_00.123", generation(1));

        PolicyPack pack = PolicyPack.fromDirectory(dir);
        DroolsAupEvaluator evaluator =
                DroolsAupEvaluator.builder().policyPack(dir).build();

        assertThat(pack.files().keySet()).noneMatch(f -> f.contains(".."));
        assertThat(pack.digest())
                .isEqualTo(PolicyPack.ofFiles("same", generation(1)).digest());
        assertThat(evaluator.policy().version()).isEqualTo("gen-1");
    }

    @Test
    void aConfigMapUpdate_isReloadedByReloadNow_andByTheWatcher() throws Exception {
        Path dir = tmp.resolve("pack");
        KubeletVolume.create(dir, "..2026_12_01_00_00_00.123", generation(1));
        BlockingQueue<PolicyInfo> reloaded = new LinkedBlockingQueue<>();
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(dir)
                .quietPeriod(Duration.ofMillis(50))
                .pollInterval(Duration.ofMillis(100))
                .listener(new ReloadingAupEvaluator.Listener() {
                    @Override
                    public void reloaded(PolicyInfo policy) {
                        reloaded.add(policy);
                    }
                })
                .build()) {
            assertThat(evaluator.policy().version()).isEqualTo("gen-1");

            KubeletVolume.update(dir, "..2026_12_01_00_05_00.456", generation(2));
            PolicyInfo heard = reloaded.poll(60, TimeUnit.SECONDS);

            assertThat(heard).isNotNull();
            assertThat(heard.version()).isEqualTo("gen-2");
            assertThat(generations(evaluator.compiledPolicy())).containsExactly("2", "2");

            KubeletVolume.update(dir, "..2026_12_01_00_10_00.789", generation(3));
            ReloadingAupEvaluator.Outcome now = evaluator.reloadNow();
            assertThat(now.policy().version()).isEqualTo("gen-3");
        }
    }

    @Test
    void aPackFolderThatIsALink_loads_andASwapOfTheLinkIsReloadedByTheWatcher() throws Exception {
        for (int n : List.of(1, 2)) {
            Path release = tmp.resolve("releases/v" + n);
            for (Map.Entry<String, String> f : generation(n).entrySet()) {
                TestPacks.write(release.resolve(f.getKey()), f.getValue());
            }
        }
        Path current = tmp.resolve("current");
        Files.createSymbolicLink(current, Path.of("releases/v1"));
        BlockingQueue<PolicyInfo> reloaded = new LinkedBlockingQueue<>();
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(current)
                .quietPeriod(Duration.ofMillis(50))
                .pollInterval(Duration.ofMillis(100))
                .listener(new ReloadingAupEvaluator.Listener() {
                    @Override
                    public void reloaded(PolicyInfo policy) {
                        reloaded.add(policy);
                    }
                })
                .build()) {
            assertThat(evaluator.policy().version()).isEqualTo("gen-1");

            // the way `ln -sfn` is made atomic: a new link renamed over the old one
            Path next = tmp.resolve("current.tmp");
            Files.createSymbolicLink(next, Path.of("releases/v2"));
            Files.move(next, current, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            PolicyInfo heard = reloaded.poll(60, TimeUnit.SECONDS);

            assertThat(heard).isNotNull();
            assertThat(heard.version()).isEqualTo("gen-2");
        }
    }

    @Test
    void withARealWriterPublishingGenerations_everyReloadIsOneGenerationWhole_andNoneIsRejected() throws Exception {
        Path dir = tmp.resolve("pack");
        KubeletVolume.create(dir, "..gen_0", generation(0));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger published = new AtomicInteger();
        List<Throwable> writerFailed = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try {
                for (int n = 1; !stop.get(); n++) {
                    KubeletVolume.update(dir, "..gen_" + n, generation(n));
                    published.set(n);
                    Thread.sleep(5);
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.setDaemon(true);
        writer.setUncaughtExceptionHandler((t, e) -> writerFailed.add(e));
        List<ReloadingAupEvaluator.Outcome> outcomes = new ArrayList<>();
        try (ReloadingAupEvaluator evaluator =
                ReloadingAupEvaluator.builder(dir).watch(false).build()) {
            writer.start();
            // a second at least, and at least three reloads however slow the machine
            long minimum = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int reloads = 0;
            while (System.nanoTime() < deadline && (reloads < 3 || System.nanoTime() < minimum)) {
                ReloadingAupEvaluator.Outcome o = evaluator.reloadNow();
                reloads += o.status() == ReloadingAupEvaluator.Outcome.Status.RELOADED ? 1 : 0;
                outcomes.add(o);
                List<String> gens = generations(evaluator.compiledPolicy());
                assertThat(gens.get(0))
                        .as("policy.json and rules/generation.drl of one generation")
                        .isEqualTo(gens.get(1));
            }
        } finally {
            stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertThat(writerFailed).isEmpty();
        assertThat(outcomes).noneMatch(o -> o.status() == ReloadingAupEvaluator.Outcome.Status.REJECTED);
        assertThat(outcomes)
                .filteredOn(o -> o.status() == ReloadingAupEvaluator.Outcome.Status.RELOADED)
                .as("reloads while the writer published %s generations", published.get())
                .hasSizeGreaterThanOrEqualTo(3);
    }
}
