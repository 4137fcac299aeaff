package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyProblem;
import org.auprules.api.Violation;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.EscapeCase.Effect;
import org.auprules.drools.EscapeCase.Position;
import org.auprules.json.FactsJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Tries to escape the sandbox of an untrusted pack the way an attacker who edits rules would
 * ({@link EscapeCatalogue}: every technique at every position where it applies) and checks, for
 * each attempt, through the public API only:
 *
 * <ol>
 *   <li>{@code PolicyValidator.validate} rejects the pack with an error at the file and line of
 *       the attack (and a column not past it), whose message names what is not allowed;
 *   <li>{@code DroolsAupEvaluator.builder().policyPack(...).build()} and {@code
 *       CompiledPolicy.compile} fail with {@link InvalidPolicyException} carrying that error;
 *   <li>nothing of the attack ran at any of those steps: no file in the case's temp folder, no
 *       system property, no marker or secret in any message, logging, locale and time zone as
 *       they were.
 * </ol>
 *
 * <p>The very same pack bytes say {@code "trusted": true}: the only difference between the
 * refused run and {@link #eachAttackIsReal_inATrustedPack} (where the embedder allows trusted
 * packs, and each attack must compile and leave its mark) is the embedder's leave. That second
 * test proves every attack is real, so a refusal is the sandbox's doing and not a typo. Metadata
 * must be literal even in a trusted pack; its attacks are proven on Drools' own compiler.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxEscapeTest {

    static final String FILE = "rules/escape.drl";
    private static final String CANARY_LOGGER = "org.auprules.escapes.canary";

    @TempDir
    static Path root;

    static String secret = "";
    static final Logger CANARY = Logger.getLogger(CANARY_LOGGER);
    static final Handler CANARY_HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {}

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    private static final Locale LOCALE = Locale.getDefault();
    private static final TimeZone ZONE = TimeZone.getDefault();

    /** Two accounts with one process each; the control rule flags only the first. */
    static final FactSet FACTS = FactsJson.read("""
            {"evaluatedAt": "2026-11-28T12:00:00Z",
             "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"},
                          {"id": "acc-2", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
             "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 4242, "name": "miner", "cpuPercent": 95.0,
                            "listeningPorts": [6667]},
                           {"id": "p-2", "accountId": "acc-2", "pid": 17, "name": "cron", "cpuPercent": 1.0}]}
            """, null);

    @BeforeAll
    static void secrets() throws IOException {
        secret = String.valueOf(100_000_000_000_000L + new SecureRandom().nextLong(800_000_000_000_000L));
        Files.writeString(root.resolve("secret.txt"), secret + "\n");
        Files.writeString(
                root.resolve("xxe.xml"),
                "<!DOCTYPE r [<!ENTITY x SYSTEM 'file://" + root.resolve("secret.txt") + "'>]><r>&x;</r>");
        Files.writeString(root.resolve("Hello.java"), "class Hello {}\n");
        CANARY.addHandler(CANARY_HANDLER);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(LOCALE);
        TimeZone.setDefault(ZONE);
        if (!Arrays.asList(CANARY.getHandlers()).contains(CANARY_HANDLER)) {
            CANARY.addHandler(CANARY_HANDLER);
        }
        Thread.interrupted();
    }

    static Stream<EscapeCase> cases() {
        return EscapeCatalogue.all().stream();
    }

    /** The case's canaries: a folder of its own, a property of its own, a marker of its own. */
    record Canary(String id, Path dir, String property, String secretProperty, String marker) {

        static Canary of(EscapeCase c) {
            String id = "c" + (EscapeCatalogue.all().indexOf(c) + 1);
            try {
                Path dir = Files.createDirectories(root.resolve(id));
                return new Canary(id, dir, "aup.escapes." + id, "aup.escapes.secret." + id, "escape-ran-" + id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Map<String, String> values() {
            Map<String, String> v = new LinkedHashMap<>();
            v.put("%FILE%", dir.resolve("canary").toString());
            v.put("%DIR%", dir.toString());
            v.put("%PROP%", property);
            v.put("%RAN%", marker);
            v.put("%SECRET%", root.resolve("secret.txt").toString());
            v.put("%SECRETPROP%", secretProperty);
            v.put("%SRC%", root.resolve("Hello.java").toString());
            return v;
        }

        /** What the attack left behind, read from the world and from the given text (messages, traces). */
        Map<Effect, String> observed(String text) {
            Map<Effect, String> seen = new EnumMap<>(Effect.class);
            try (Stream<Path> files = Files.list(dir)) {
                List<String> names =
                        files.map(f -> f.getFileName().toString()).sorted().toList();
                if (!names.isEmpty()) {
                    seen.put(Effect.FILE, "files appeared: " + names);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (System.getProperty(property) != null) {
                seen.put(
                        Effect.PROPERTY,
                        "system property `" + property + "` set to `" + System.getProperty(property) + "`");
            }
            if (text.contains(marker)) {
                seen.put(Effect.RAN, "the attack's code ran (its marker is in a message)");
            }
            String path = System.getenv("PATH");
            if (text.contains(secret) || (path != null && path.length() > 4 && text.contains(path))) {
                seen.put(Effect.LEAK, "a secret reached a message");
            }
            if (!Arrays.asList(CANARY.getHandlers()).contains(CANARY_HANDLER)) {
                seen.put(Effect.LOGGING, "the logging configuration was reset");
            }
            if (!Locale.getDefault().equals(LOCALE) || !TimeZone.getDefault().equals(ZONE)) {
                seen.put(Effect.DEFAULTS, "the default locale or time zone changed");
            }
            return seen;
        }

        void clear() {
            System.clearProperty(property);
            System.clearProperty(secretProperty);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The pack of one case: the default policy.json saying {@code "trusted": true}, and the attack. */
    static PolicyPack pack(EscapeCase c, Canary canary) {
        String json = TestPacks.policyJson();
        assertThat(json).contains("\"trusted\": false");
        return TestPacks.pack(Map.of(
                PolicyPack.POLICY_FILE,
                json.replace("\"trusted\": false", "\"trusted\": true"),
                FILE,
                TestPacks.HEADER + c.fill(canary.values())));
    }

    /** Every message of a throwable and its causes and suppressed ones, with the stack traces. */
    static String text(@Nullable Throwable t) {
        if (t == null) {
            return "";
        }
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    static String text(List<PolicyProblem> problems) {
        return problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n"));
    }

    /** The 1-based line and column of the first occurrence of a needle in the file's text. */
    static int[] locate(String fileText, String needle) {
        int at = fileText.indexOf(needle);
        assertThat(at).as("needle `%s` in the case's DRL", needle).isNotNegative();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (fileText.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, at - lineStart + 1, at - lineStart + needle.length()};
    }

    /** Whether a problem is the error this case needs: its file, a needle's line, a fitting column, a name. */
    static boolean isTheRefusal(PolicyProblem p, EscapeCase c, String fileText) {
        if (!p.isError() || !p.path().equals(FILE) || c.names().stream().noneMatch(p.message()::contains)) {
            return false;
        }
        if (!p.message().contains("not allowed")) {
            return false;
        }
        for (String needle : c.needles()) {
            int[] at = locate(fileText, needle);
            if (p.line() == at[0] && p.column() <= at[2]) {
                return true;
            }
        }
        return false;
    }

    static String expectation(EscapeCase c, String fileText) {
        List<String> where = new ArrayList<>();
        for (String needle : c.needles()) {
            int[] at = locate(fileText, needle);
            where.add(FILE + ":" + at[0] + " (column at most " + at[2] + ", at `" + needle + "`)");
        }
        return "an error at " + String.join(" or ", where) + " saying `not allowed` and naming one of " + c.names();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eachEscape_isRefusedAtValidateAndAtEvaluate_andNothingOfItRuns(EscapeCase c) {
        String through = EscapeCatalogue.GETS_THROUGH.get(c.toString());
        if (through == null) {
            assertRefused(c);
            return;
        }
        AssertionError failed = null;
        try {
            assertRefused(c);
        } catch (AssertionError e) {
            failed = e;
        }
        assertThat(failed)
                .as("`%s` is listed in EscapeCatalogue.GETS_THROUGH, but the sandbox refuses it now: take it off", c)
                .isNotNull();
        Assumptions.abort("gets through: " + through);
    }

    private static void assertRefused(EscapeCase c) {
        Canary canary = Canary.of(c);
        canary.clear();
        System.setProperty(canary.secretProperty(), secret);
        PolicyPack pack = pack(c, canary);
        String fileText = pack.text(FILE).orElseThrow();
        try {
            PolicyValidator.Validation v = PolicyValidator.validate(pack);
            assertThat(canary.observed(text(v.problems())))
                    .as("%s: side effects of validate", c)
                    .isEmpty();
            if (v.valid()) {
                throw new AssertionError(c + ": gets through: validate says the pack is valid; " + runIt(pack, canary));
            }
            assertThat(v.errors())
                    .as("%s: validate's errors must hold %s", c, expectation(c, fileText))
                    .anyMatch(p -> isTheRefusal(p, c, fileText));

            Throwable built = catchThrowable(
                    () -> DroolsAupEvaluator.builder().policyPack(pack).build().evaluate(FACTS));
            assertThat(canary.observed(text(built)))
                    .as("%s: side effects of the builder", c)
                    .isEmpty();
            assertThat(built).as("%s: building an evaluator of the pack", c).isInstanceOf(InvalidPolicyException.class);
            assertThat(((InvalidPolicyException) built).problems())
                    .filteredOn(PolicyProblem::isError)
                    .as("%s: the builder's errors must hold %s", c, expectation(c, fileText))
                    .anyMatch(p -> isTheRefusal(p, c, fileText));

            Throwable compiled = catchThrowable(() -> CompiledPolicy.compile(pack));
            assertThat(canary.observed(text(compiled)))
                    .as("%s: side effects of compile", c)
                    .isEmpty();
            assertThat(compiled).as("%s: compiling the pack", c).isInstanceOf(InvalidPolicyException.class);
            assertThat(canary.observed(""))
                    .as("%s: side effects, after the three", c)
                    .isEmpty();
        } finally {
            canary.clear();
        }
    }

    /** Evaluates a pack the sandbox let through, and says what the attack did. */
    private static String runIt(PolicyPack pack, Canary canary) {
        Throwable t = catchThrowable(
                () -> DroolsAupEvaluator.builder().policyPack(pack).build().evaluate(FACTS));
        Map<Effect, String> seen = canary.observed(text(t));
        return "evaluating it "
                + (t == null ? "succeeded" : "threw " + t.getClass().getSimpleName())
                + (seen.isEmpty() ? ", and no side effect was seen" : ": " + String.join("; ", seen.values()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eachAttackIsReal_inATrustedPack(EscapeCase c) throws InterruptedException {
        Canary canary = Canary.of(c);
        canary.clear();
        System.setProperty(canary.secretProperty(), secret);
        PolicyPack pack = pack(c, canary);
        try {
            StringBuilder text = new StringBuilder();
            if (c.position() == Position.METADATA) {
                // Metadata must be literal in every pack, trusted or not; what Drools itself does
                // with such a value is what the sandbox keeps it from.
                KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
                builder.add(
                        ResourceFactory.newByteArrayResource(pack.files().get(FILE))
                                .setSourcePath(FILE),
                        ResourceType.DRL);
                text.append(builder.getErrors());
                assertThat(canary.observed(text.toString()).keySet())
                        .as("Drools ran the metadata while it compiled")
                        .containsAll(c.effects());
                return;
            }
            CompiledPolicy policy = CompiledPolicy.compile(pack, true);
            int rulesBefore = ruleCount(policy);
            Throwable t = catchThrowable(() ->
                    DroolsAupEvaluator.builder().compiledPolicy(policy).build().evaluate(FACTS));
            text.append(text(t));
            Set<Effect> expected = EnumSet.copyOf(c.effects());
            expected.remove(Effect.GUARDED);
            if (expected.remove(Effect.REFUSED_AT_RUN_TIME)) {
                assertThat(t)
                        .as("the helper refuses the change")
                        .hasRootCauseInstanceOf(UnsupportedOperationException.class);
                assertThat(canary.observed(text.toString())).isEmpty();
                return;
            }
            if (expected.remove(Effect.RULE_REMOVED)) {
                assertThat(ruleCount(policy))
                        .as("a rule was removed from the shared policy")
                        .isLessThan(rulesBefore);
            }
            Map<Effect, String> seen = canary.observed(text.toString());
            for (int i = 0; i < 60 && !seen.keySet().containsAll(expected); i++) {
                Thread.sleep(50);
                seen = canary.observed(text.toString());
            }
            assertThat(seen.keySet())
                    .as("what the attack did: " + seen + "\n" + text)
                    .containsAll(expected);
        } finally {
            canary.clear();
        }
    }

    private static int ruleCount(CompiledPolicy policy) {
        return policy.kieBase().getKiePackages().stream()
                .mapToInt(p -> p.getRules().size())
                .sum();
    }

    /** A rule that uses only what the trust model allows, at the positions the attacks use. */
    static final String CONTROL = """
            import java.time.Duration;
            import java.util.List;

            declare Seen
                processId : String
            end

            function String label(HostedProcess p) {
                return p.name().toUpperCase() + " " + String.valueOf(Math.max(p.pid(), 0L));
            }

            rule "3.7 control: derive"
            when
                $p : HostedProcess( cpuPercent > Math.min(50.0, 80.0), name != null )
                $port : Integer( this > 1024 ) from $p.listeningPorts()
                $n : Number( intValue >= 1 ) from accumulate( HostedProcess( accountId == $p.accountId ), count( 1 ) )
                eval( Duration.ofHours(1).getSeconds() == 3600L && List.of("a", "b").contains("a")
                        && Windows.periods(3600, 60) == 60 )
            then
                insert(new Seen($p.id()));
            end

            rule "3.7 control"
                @clause("3.7") @severity("HIGH")
                @message("process `{$p.name}` ({$why}) uses {$p.cpuPercent} percent of a core")
            when
                $t : Thresholds( )
                Seen( $id : processId )
                $p : HostedProcess( id == $id )
                $why : String( ) from label($p)
            then
                findings.violation(kcontext, $p, $t);
            end
            """;

    @Test
    void aPackUsingOnlyWhatIsAllowed_validatesAndEvaluates_withTheExpectedViolation() {
        PolicyPack pack = TestPacks.pack(Map.of(FILE, TestPacks.HEADER + CONTROL));

        PolicyValidator.Validation v = PolicyValidator.validate(pack);
        EvaluationResult result =
                DroolsAupEvaluator.builder().policyPack(pack).build().evaluate(FACTS);

        assertThat(v.errors()).isEmpty();
        assertThat(v.valid()).isTrue();
        assertThat(result.violations())
                .extracting(Violation::accountId, Violation::ruleId, Violation::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "acc-1", "3.7 control", "process `miner` (MINER 4242) uses 95 percent of a core"));
    }

    @Test
    void theSuiteHasAtLeastSixtyAttempts_overEveryPositionOfARuleFile() {
        assertThat(EscapeCatalogue.all()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(EscapeCatalogue.positions()).containsExactlyInAnyOrder(Position.values());
        assertThat(EscapeCatalogue.all().stream().map(EscapeCase::toString).distinct())
                .hasSameSizeAs(EscapeCatalogue.all());
    }
}
