package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.auprules.api.EvaluationResult;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;
import org.auprules.testing.Scenario;
import org.auprules.testing.ScenarioReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * A reload whose edit left the rule files as they were reuses the knowledge packages of the last
 * clean build of those files ({@link RuleBuildMemo}); everything else is checked again, and the
 * policy that goes live is the one a full compile of the same pack gives.
 */
class ReloadReuseTest {

    /** One message to 60 recipients, sent to no list: bulk email against 1.A.2 once bulk starts below 60. */
    private static final FactSet SIXTY_RECIPIENTS = FactsJson.read("""
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
             "emails": [{"id": "m-1", "accountId": "acc-1", "sentAt": "2026-11-28T10:00:00Z", "recipientCount": 60,
                         "commercial": false, "hasRemovalLink": true}]}
            """, null);

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path pack;

    @BeforeEach
    void copyDefaultPack() {
        TestPacks.copyDefaultPack(pack);
    }

    private void edit(String file, String regex, String replacement) {
        Path p = pack.resolve(file);
        String before = TestPacks.read(p);
        String after = before.replaceFirst(regex, java.util.regex.Matcher.quoteReplacement(replacement));
        assertThat(after).as("the edit of " + file + " changes it").isNotEqualTo(before);
        TestPacks.write(p, after);
    }

    private static ReloadingAupEvaluator.Outcome reload(ReloadingAupEvaluator evaluator) {
        return evaluator.reloadNow();
    }

    private static List<String> clauses(EvaluationResult r) {
        return r.violations().stream().map(Violation::clauseId).toList();
    }

    /** A full compile and validation of what is in the folder now: no pre-built form, no memo. */
    private Fresh compileInFull() {
        PolicyPack read = PolicyPack.fromDirectory(pack);
        PolicyCompiler.Compilation c =
                PolicyCompiler.compile(read, false, CompiledPolicy.Cache.of(PrebuiltPack.absent(), null));
        assertThat(c.policy()).as("a full compile of the folder").isPresent();
        assertThat(c.policy().orElseThrow().loadedPrecompiled()).isFalse();
        return new Fresh(
                c.policy().orElseThrow(), PolicyValidator.validate(read).problems());
    }

    private record Fresh(CompiledPolicy policy, List<PolicyProblem> problems) {}

    /** Everything observable of two policies is the same: rules, warnings, problems, and every scenario's whole result. */
    private void assertSameAsFullCompile(ReloadingAupEvaluator evaluator, ReloadingAupEvaluator.Outcome outcome) {
        Fresh full = compileInFull();
        CompiledPolicy live = evaluator.compiledPolicy();
        assertThat(live.info()).isEqualTo(full.policy().info());
        assertThat(live.rules()).isEqualTo(full.policy().rules());
        assertThat(live.warnings()).isEqualTo(full.policy().warnings());
        assertThat(live.tableClauseIds()).isEqualTo(full.policy().tableClauseIds());
        assertThat(live.thresholdsFor(null)).isEqualTo(full.policy().thresholdsFor(null));
        assertThat(outcome.problems()).isEqualTo(full.problems());
        DroolsAupEvaluator reused =
                DroolsAupEvaluator.builder().compiledPolicy(live).clock(CLOCK).build();
        DroolsAupEvaluator compiled = DroolsAupEvaluator.builder()
                .compiledPolicy(full.policy())
                .clock(CLOCK)
                .build();
        List<Scenario> scenarios = new ArrayList<>(ScenarioReader.fromPack(PolicyPack.fromDirectory(pack)));
        assertThat(scenarios).hasSizeGreaterThan(20);
        int violations = 0;
        for (Scenario s : scenarios) {
            EvaluationResult a = reused.evaluate(s.facts());
            EvaluationResult b = compiled.evaluate(s.facts());
            assertThat(a).as(s.description()).isEqualTo(b);
            violations += a.violations().size();
        }
        assertThat(violations).as("the scenarios find violations at all").isGreaterThan(20);
        assertThat(reused.evaluate(SIXTY_RECIPIENTS)).isEqualTo(compiled.evaluate(SIXTY_RECIPIENTS));
    }

    @Test
    void everyKindOfEdit_givesWhatAFullCompileGives_andOnlyARuleFileEditCompiles() {
        try (ReloadingAupEvaluator evaluator =
                ReloadingAupEvaluator.builder(pack).watch(false).build()) {
            // the pre-built form is written at prepare-package, after surefire: a clean build's tests compile
            boolean shipped = ReloadReuseTest.class.getResource("/org/auprules/packs/entrecloud.kpkg") != null;
            assertThat(evaluator.compiledPolicy().loadedPrecompiled())
                    .as("the unchanged copy loads pre-built when the build has made the pre-built form")
                    .isEqualTo(shipped);

            TestPacks.write(pack.resolve("NOTES.md"), "a note beside the policy\n");
            ReloadingAupEvaluator.Outcome notes = reload(evaluator);
            assertThat(notes.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().loadedPrecompiled())
                    .as("a note: rules reused")
                    .isTrue();
            assertSameAsFullCompile(evaluator, notes);

            edit(PolicyPack.POLICY_FILE, "\"bulkRecipientsPerMessage\": \\d+", "\"bulkRecipientsPerMessage\": 50");
            ReloadingAupEvaluator.Outcome threshold = reload(evaluator);
            assertThat(threshold.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().loadedPrecompiled())
                    .as("a threshold: rules reused")
                    .isTrue();
            assertThat(clauses(evaluator.evaluate(SIXTY_RECIPIENTS)))
                    .as("the new threshold judges at once")
                    .containsExactly("1.A.2", "1.A.5");
            assertSameAsFullCompile(evaluator, threshold);

            edit("signatures.csv", "PROCESS,unrealircd,2.12,HIGH", "PROCESS,unrealircd,2.12,CRITICAL");
            ReloadingAupEvaluator.Outcome row = reload(evaluator);
            assertThat(row.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().loadedPrecompiled())
                    .as("a table row: rules reused")
                    .isTrue();
            assertSameAsFullCompile(evaluator, row);

            String spam = TestPacks.read(pack.resolve("rules/spam.drl"));
            edit("rules/spam.drl", "\\$complaints.size\\(\\) >= \\$min", "$complaints.size() >= $min + 1");
            ReloadingAupEvaluator.Outcome rule = reload(evaluator);
            assertThat(rule.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().loadedPrecompiled())
                    .as("a rule file: compiled")
                    .isFalse();
            assertSameAsFullCompile(evaluator, rule);

            TestPacks.write(pack.resolve("rules/spam.drl"), spam);
            ReloadingAupEvaluator.Outcome undone = reload(evaluator);
            assertThat(undone.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().loadedPrecompiled())
                    .as("the rule files of a recent build again: reused")
                    .isTrue();
            assertSameAsFullCompile(evaluator, undone);
        }
    }

    @Test
    void theEditedRuleIsWhatJudges_notTheReusedOne() {
        try (ReloadingAupEvaluator evaluator =
                ReloadingAupEvaluator.builder(pack).watch(false).build()) {
            edit(PolicyPack.POLICY_FILE, "\"bulkRecipientsPerMessage\": \\d+", "\"bulkRecipientsPerMessage\": 50");
            assertThat(reload(evaluator).status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(clauses(evaluator.evaluate(SIXTY_RECIPIENTS))).containsExactly("1.A.2", "1.A.5");

            // the derivation of bulk email now needs 100 more recipients than the threshold
            edit("rules/spam-derivations.drl", "recipientCount >= \\$min", "recipientCount >= $min + 100");
            ReloadingAupEvaluator.Outcome outcome = reload(evaluator);
            assertThat(outcome.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().loadedPrecompiled()).isFalse();
            assertThat(clauses(evaluator.evaluate(SIXTY_RECIPIENTS))).isEmpty();
        }
    }

    /** Two files of one package: a declared type and a rule that makes one, and a rule that reads its field. */
    private static final String TYPES = TestPacks.HEADER + """
            declare Burst
                count : int
            end

            rule "derive a burst"
            when
                EmailMessage( id == "m-2" )
            then
                insert(new Burst(2));
            end
            """;

    private static final String USE = TestPacks.HEADER + """
            rule "1.A.2 burst"
                @clause("1.A.2") @severity("LOW") @message("{$m} ends a burst")
            when
                Burst( count > 1 )
                $m : EmailMessage( id == "m-2" )
            then
                findings.violation(kcontext, $m);
            end
            """;

    private static List<String> ruleIds(EvaluationResult r) {
        return r.violations().stream().map(Violation::ruleId).toList();
    }

    @Test
    void aChangedSharedDeclarationCompilesTheFilesThatUseIt_andABrokenOneNeverGoesLive() throws Exception {
        TestPacks.write(pack.resolve("rules/zz-types.drl"), TYPES);
        TestPacks.write(pack.resolve("rules/zz-use.drl"), USE);
        FactSet twoMails = FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
                 "emails": [{"id": "m-1", "accountId": "acc-1", "sentAt": "2026-11-28T10:00:00Z", "recipientCount": 1},
                            {"id": "m-2", "accountId": "acc-1", "sentAt": "2026-11-28T10:01:00Z", "recipientCount": 1}]}
                """, null);
        try (ReloadingAupEvaluator evaluator =
                ReloadingAupEvaluator.builder(pack).watch(false).build()) {
            String live = evaluator.policy().digest();
            assertThat(ruleIds(evaluator.evaluate(twoMails))).contains("1.A.2 burst");

            // the declaration changes in one file; the other file, unchanged, no longer compiles against it
            TestPacks.write(pack.resolve("rules/zz-types.drl"), TYPES.replace("count : int", "total : int"));
            ReloadingAupEvaluator.Outcome broken = reload(evaluator);
            assertThat(broken.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.REJECTED);
            assertThat(broken.problems())
                    .filteredOn(PolicyProblem::isError)
                    .extracting(PolicyProblem::path)
                    .contains("rules/zz-use.drl");
            assertThat(evaluator.policy().digest())
                    .as("the last good policy stays")
                    .isEqualTo(live);
            assertThat(ruleIds(evaluator.evaluate(twoMails))).contains("1.A.2 burst");

            TestPacks.write(pack.resolve("rules/zz-use.drl"), USE.replace("count >", "total >"));
            ReloadingAupEvaluator.Outcome fixed = reload(evaluator);
            assertThat(fixed.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().loadedPrecompiled()).isFalse();
            assertThat(ruleIds(evaluator.evaluate(twoMails))).contains("1.A.2 burst");
            assertSameAsFullCompile(evaluator, fixed);
        }
    }

    @Test
    void aPolicyEditThatBreaksTheReusedRulesIsRejected_withTheRulesLine() {
        try (ReloadingAupEvaluator evaluator =
                ReloadingAupEvaluator.builder(pack).watch(false).build()) {
            String live = evaluator.policy().digest();
            // the rules are as before, so their packages are reused; the clause one of them cites is gone
            edit(PolicyPack.POLICY_FILE, "\"id\": \"1.A.2\"", "\"id\": \"1.A.2x\"");
            ReloadingAupEvaluator.Outcome outcome = reload(evaluator);
            assertThat(outcome.status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.REJECTED);
            assertThat(outcome.problems())
                    .filteredOn(PolicyProblem::isError)
                    .map(PolicyProblem::toString)
                    .anyMatch(p -> p.startsWith("rules/spam.drl:") && p.contains("unknown clause `1.A.2`"));
            assertThat(outcome.problems())
                    .as("the same problems a full validation reports")
                    .isEqualTo(PolicyValidator.validate(PolicyPack.fromDirectory(pack))
                            .problems());
            assertThat(evaluator.policy().digest()).isEqualTo(live);
            assertThat(clauses(evaluator.evaluate(SIXTY_RECIPIENTS))).isEmpty();
        }
    }

    @Test
    void aTrustedPacksBuildIsNeverKept_andASandboxedBuildIsNeverLentToATrustedPack() {
        edit(PolicyPack.POLICY_FILE, "\"trusted\": false", "\"trusted\": true");
        try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(pack)
                .watch(false)
                .allowTrustedPacks(true)
                .build()) {
            assertThat(evaluator.compiledPolicy().trusted()).isTrue();
            TestPacks.write(pack.resolve("NOTES.md"), "one\n");
            assertThat(reload(evaluator).status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().loadedPrecompiled())
                    .as("an unsandboxed build is not kept")
                    .isFalse();

            edit(PolicyPack.POLICY_FILE, "\"trusted\": true", "\"trusted\": false");
            assertThat(reload(evaluator).status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().trusted()).isFalse();
            assertThat(evaluator.compiledPolicy().loadedPrecompiled())
                    .as("sandboxed: compiled with every check, not taken from the trusted build")
                    .isFalse();

            edit(PolicyPack.POLICY_FILE, "\"trusted\": false", "\"trusted\": true");
            assertThat(reload(evaluator).status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().trusted()).isTrue();
            assertThat(evaluator.compiledPolicy().loadedPrecompiled()).isFalse();
        }
    }

    @Test
    void aReloadCompilesEveryTimeWhenReuseIsTurnedOff() {
        String before = System.getProperty(ReloadingAupEvaluator.REUSE_PROPERTY);
        System.setProperty(ReloadingAupEvaluator.REUSE_PROPERTY, "false");
        ReloadingAupEvaluator evaluator;
        try {
            evaluator = ReloadingAupEvaluator.builder(pack).watch(false).build();
        } finally {
            if (before == null) {
                System.clearProperty(ReloadingAupEvaluator.REUSE_PROPERTY);
            } else {
                System.setProperty(ReloadingAupEvaluator.REUSE_PROPERTY, before);
            }
        }
        try (evaluator) {
            TestPacks.write(pack.resolve("NOTES.md"), "one\n");
            assertThat(reload(evaluator).status()).isEqualTo(ReloadingAupEvaluator.Outcome.Status.RELOADED);
            assertThat(evaluator.compiledPolicy().loadedPrecompiled()).isFalse();
        }
    }

    /** The classes of a consequence the sandbox refuses, compiled by Drools without the sandbox. */
    private static List<KiePackage> escapingPackages(String file, String drl) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(
                ResourceFactory.newByteArrayResource(drl.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .setSourcePath(file),
                ResourceType.DRL);
        assertThat(builder.hasErrors()).as(builder.getErrors().toString()).isFalse();
        return new ArrayList<>(builder.getKnowledgePackages());
    }

    @Test
    void aKeptBuildWhoseClassesTheSandboxRefusesIsNeverUsed_whateverItsKey() {
        String clean = TestPacks.HEADER + """
                rule "2.12 process named ircd"
                    @clause("2.12") @severity("HIGH") @message("{$p} is an IRC server")
                when
                    $p : HostedProcess( name == "ircd" )
                then
                    findings.violation(kcontext, $p);
                end
                """;
        PolicyPack pack = TestPacks.pack(Map.of("rules/test.drl", clean));
        RuleBuildMemo memo = new RuleBuildMemo();
        // an entry filed under the clean pack's key that holds another build: one that calls System.exit
        memo.remember(
                RuleBuildMemo.key(pack),
                escapingPackages(
                        "rules/test.drl", clean.replace("findings.violation(kcontext, $p);", "System.exit(3);")));
        PolicyCompiler.Compilation c =
                PolicyCompiler.compile(pack, false, CompiledPolicy.Cache.of(PrebuiltPack.absent(), null), null, memo);
        assertThat(c.succeeded()).isFalse();
        assertThat(memo.hits()).isEqualTo(1);
        assertThat(c.problems())
                .map(PolicyProblem::toString)
                .anyMatch(p -> p.startsWith("rules/test.drl:6:")
                        && p.contains("`java.lang.System.exit` in the compiled code")
                        && p.endsWith(org.auprules.drools.internal.RuleSandbox.ALLOWED));
    }

    @Test
    void theKeyIsTheRuleFilesAndNothingElse() {
        Map<String, String> files = Map.of(
                "rules/a.drl",
                TestPacks.HEADER + "// a\n",
                "rules/b.drl",
                TestPacks.HEADER + "// b\n",
                "signatures.csv",
                "kind,pattern,clause,severity,certainty,description\n",
                "NOTES.md",
                "one");
        String key = RuleBuildMemo.key(TestPacks.pack(files));
        java.util.function.Function<Map<String, String>, String> keyWith = change -> {
            Map<String, String> m = new java.util.HashMap<>(files);
            m.putAll(change);
            return RuleBuildMemo.key(TestPacks.pack(m));
        };
        assertThat(keyWith.apply(Map.of("NOTES.md", "two"))).isEqualTo(key);
        assertThat(keyWith.apply(Map.of("signatures.csv", "kind,pattern\n"))).isEqualTo(key);
        assertThat(keyWith.apply(Map.of(PolicyPack.POLICY_FILE, "{}"))).isEqualTo(key);
        assertThat(keyWith.apply(Map.of("rules/a.drl", TestPacks.HEADER + "// A\n")))
                .isNotEqualTo(key);
        assertThat(keyWith.apply(Map.of("rules/c.drl", "package rules;\n"))).isNotEqualTo(key);
        Map<String, String> renamed = new java.util.HashMap<>(files);
        renamed.put("rules/c.drl", renamed.remove("rules/b.drl"));
        assertThat(RuleBuildMemo.key(TestPacks.pack(renamed))).isNotEqualTo(key);
        // the boundary between two files is part of the key: moving a line from one to the other changes it
        assertThat(keyWith.apply(
                        Map.of("rules/a.drl", TestPacks.HEADER + "// a\n// b\n", "rules/b.drl", TestPacks.HEADER)))
                .isNotEqualTo(key);
    }

    @Test
    void theMemoKeepsTheLastFewBuilds_andEachFindIsAFreshCopy() throws Exception {
        RuleBuildMemo memo = new RuleBuildMemo();
        List<KiePackage> packages = escapingPackages("rules/test.drl", TestPacks.HEADER);
        for (int i = 0; i <= RuleBuildMemo.ENTRIES; i++) {
            memo.remember("k" + i, packages);
        }
        assertThat(memo.holds("k0")).as("the eldest is dropped").isFalse();
        for (int i = 1; i <= RuleBuildMemo.ENTRIES; i++) {
            assertThat(memo.holds("k" + i)).isTrue();
        }
        List<KiePackage> a = memo.find("k1").orElseThrow();
        List<KiePackage> b = memo.find("k1").orElseThrow();
        assertThat(a).hasSameSizeAs(packages);
        assertThat(a.get(0)).isNotSameAs(b.get(0)).isNotSameAs(packages.get(0));
        assertThat(memo.find("k0")).isEmpty();
        assertThat(memo.hits()).isEqualTo(2);
        assertThat(memo.misses()).isEqualTo(1);
        assertThat(Files.exists(pack)).isTrue();
    }
}
