package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyInfo;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code "trusted": true} in policy.json turns the sandbox off only when the embedding application
 * allows trusted packs: at compile time, in both builders, and at every hot reload.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TrustedPacksTest {

    private static final String PROPERTY = "aup.rules.trusted.test";
    private static final String WARNING = "warning: `\"trusted\": true` is ignored and the rules are sandboxed: trust"
            + " is the embedding application's decision; allow it with `allowTrustedPacks(true)` on the evaluator's"
            + " builder, or `--allow-trusted-packs` on the command line";
    /** A rule that, if it ever ran, would leave a mark outside the facts. */
    private static final String ESCAPE = TestPacks.HEADER + """
            rule "3.7 escape"
                @clause("3.7") @severity("HIGH")
            when
                $p : HostedProcess( )
            then
                System.setProperty("aup.rules.trusted.test", $p.id());
            end
            """;

    private static final FactSet ONE_PROCESS = FactsJson.read("""
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
             "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 1, "name": "cron"}]}
            """, null);

    @TempDir
    Path folder;

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private static String trustedJson() {
        String json = TestPacks.policyJson();
        assertThat(json).contains("\"trusted\": false");
        return json.replace("\"trusted\": false", "\"trusted\": true");
    }

    private static PolicyPack escapePack(boolean saysTrusted) {
        return TestPacks.pack(Map.of(
                PolicyPack.POLICY_FILE,
                saysTrusted ? trustedJson() : TestPacks.policyJson(),
                "rules/escape.drl",
                ESCAPE));
    }

    private static boolean sandboxError(PolicyProblem p) {
        return p.isError() && p.path().equals("rules/escape.drl") && p.message().contains("3.7 escape");
    }

    @Test
    void aPackThatSaysTrusted_isSandboxedUnlessAllowed_withAWarningThatSaysHowToAllowIt() {
        PolicyValidator.Validation v = PolicyValidator.validate(escapePack(true));

        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).anyMatch(TrustedPacksTest::sandboxError);
        assertThat(TestPacks.lines(v.warnings())).contains("policy.json:4:14: " + WARNING);
        assertThatThrownBy(() -> CompiledPolicy.compile(escapePack(true))).isInstanceOf(InvalidPolicyException.class);
        assertThat(System.getProperty(PROPERTY)).isNull();
    }

    @Test
    void aPackThatSaysTrusted_runsUnsandboxedWhenAllowed_withoutTheWarning() {
        PolicyValidator.Validation v = PolicyValidator.validate(escapePack(true), true);

        assertThat(v.valid()).isTrue();
        assertThat(v.policy().orElseThrow().trusted()).isTrue();
        assertThat(TestPacks.lines(v.problems())).noneMatch(l -> l.contains("\"trusted\": true"));
    }

    @Test
    void allowingTrustedPacks_leavesAPackThatDoesNotSayTrustedSandboxed() {
        PolicyValidator.Validation v = PolicyValidator.validate(escapePack(false), true);

        assertThat(v.valid()).isFalse();
        assertThat(v.problems()).anyMatch(TrustedPacksTest::sandboxError);
        assertThat(CompiledPolicy.compile(PolicyPack.defaultPack(), true).trusted())
                .isFalse();
    }

    @Test
    void theEvaluatorBuilder_sandboxesByDefault_andHonoursTrustedOnlyWithAllowTrustedPacks() {
        assertThatThrownBy(() -> DroolsAupEvaluator.builder()
                        .policyPack(escapePack(true))
                        .build())
                .isInstanceOf(InvalidPolicyException.class)
                .satisfies(e ->
                        assertThat(((InvalidPolicyException) e).problems()).anyMatch(TrustedPacksTest::sandboxError));

        DroolsAupEvaluator allowed = DroolsAupEvaluator.builder()
                .policyPack(escapePack(true))
                .allowTrustedPacks(true)
                .build();
        assertThat(System.getProperty(PROPERTY))
                .as("nothing ran before an evaluation")
                .isNull();
        allowed.evaluate(ONE_PROCESS);

        assertThat(allowed.compiledPolicy().trusted()).isTrue();
        assertThat(System.getProperty(PROPERTY)).isEqualTo("p-1");
    }

    @Test
    void aReloadToAPackThatNewlySaysTrusted_isRejected_andNothingOfItEverRuns() {
        TestPacks.copyDefaultPack(folder);
        try (ReloadingAupEvaluator evaluator =
                ReloadingAupEvaluator.builder(folder).watch(false).build()) {
            PolicyInfo before = evaluator.policy();
            TestPacks.write(folder.resolve(PolicyPack.POLICY_FILE), trustedJson());
            TestPacks.write(folder.resolve("rules/escape.drl"), ESCAPE);

            ReloadingAupEvaluator.Outcome outcome = evaluator.reloadNow();
            evaluator.evaluate(ONE_PROCESS);

            assertThat(outcome.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.REJECTED);
            assertThat(outcome.problems()).anyMatch(TrustedPacksTest::sandboxError);
            assertThat(TestPacks.lines(outcome.problems())).contains("policy.json:4:14: " + WARNING);
            assertThat(evaluator.policy()).isEqualTo(before);
            assertThat(evaluator.compiledPolicy().trusted()).isFalse();
            assertThat(System.getProperty(PROPERTY)).isNull();
        }
    }

    @Test
    void aReloadThatOnlyFlipsTrustedOn_goesLiveStillSandboxed() {
        TestPacks.copyDefaultPack(folder);
        try (ReloadingAupEvaluator evaluator =
                ReloadingAupEvaluator.builder(folder).watch(false).build()) {
            TestPacks.write(folder.resolve(PolicyPack.POLICY_FILE), trustedJson());

            ReloadingAupEvaluator.Outcome outcome = evaluator.reloadNow();

            assertThat(outcome.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(TestPacks.lines(outcome.problems())).contains("policy.json:4:14: " + WARNING);
            assertThat(evaluator.compiledPolicy().trusted()).isFalse();
        }
    }

    @Test
    void theWatcher_neverTurnsTheSandboxOff_either() throws InterruptedException {
        TestPacks.copyDefaultPack(folder);
        BlockingQueue<List<PolicyProblem>> rejected = new LinkedBlockingQueue<>();
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(folder)
                .quietPeriod(Duration.ofMillis(50))
                .pollInterval(Duration.ofMillis(50))
                .listener(new ReloadingAupEvaluator.Listener() {
                    @Override
                    public void rejected(List<PolicyProblem> problems) {
                        rejected.add(problems);
                    }
                })
                .build()) {
            TestPacks.write(folder.resolve("rules/escape.drl"), ESCAPE);
            TestPacks.write(folder.resolve(PolicyPack.POLICY_FILE), trustedJson());

            List<PolicyProblem> problems = rejected.poll(60, TimeUnit.SECONDS);
            evaluator.evaluate(ONE_PROCESS);

            assertThat(problems).isNotNull().anyMatch(TrustedPacksTest::sandboxError);
            assertThat(evaluator.compiledPolicy().trusted()).isFalse();
            assertThat(System.getProperty(PROPERTY)).isNull();
        }
    }

    @Test
    void anEmbedderThatAllowsTrustedPacks_getsThemOnReloadToo() {
        TestPacks.copyDefaultPack(folder);
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(folder)
                .watch(false)
                .allowTrustedPacks(true)
                .build()) {
            assertThat(evaluator.compiledPolicy().trusted()).isFalse();
            TestPacks.write(folder.resolve(PolicyPack.POLICY_FILE), trustedJson());
            TestPacks.write(folder.resolve("rules/escape.drl"), ESCAPE);

            ReloadingAupEvaluator.Outcome outcome = evaluator.reloadNow();
            evaluator.evaluate(ONE_PROCESS);

            assertThat(outcome.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().trusted()).isTrue();
            assertThat(System.getProperty(PROPERTY)).isEqualTo("p-1");
        }
    }
}
