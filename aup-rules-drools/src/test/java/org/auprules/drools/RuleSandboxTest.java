package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auprules.drools.TestPacks.lines;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.RuleSandbox;
import org.auprules.drools.internal.SandboxAllowlist;
import org.auprules.drools.internal.TableMatches;
import org.auprules.drools.rules.CategoryMatch;
import org.auprules.drools.rules.SignatureMatch;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/** The allowlist of untrusted packs: what is refused, where and why, and the rules that must still pass. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RuleSandboxTest {

    private static final String NOT_ALLOWED = " is not allowed in an untrusted pack" + RuleSandbox.ALLOWED;
    private static final String PROPERTY = "aup.rules.sandbox.test";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private static String rule(String name, String when, String then) {
        return "rule \"" + name + "\"\n    @clause(\"3.7\") @severity(\"HIGH\") @message(\"m\")\nwhen\n    " + when
                + "\nthen\n    " + then + "\nend\n\n";
    }

    private static List<String> refused(String rules) {
        return lines(RuleSandbox.check(TestPacks.withRules(rules).source()));
    }

    /**
     * The match facts the evaluator inserts (issue 12) are readable by rules, and the code that
     * computes them is not: rules see what matched, never the matcher or its literal gates.
     */
    @Test
    void matchFactsAreAllowed_theCodeThatComputesThemIsNot() throws ClassNotFoundException {
        SandboxAllowlist allowlist = SandboxAllowlist.get();
        assertThat(allowlist.allowsType(CategoryMatch.class.getName())).isTrue();
        assertThat(allowlist.allowsMember(CategoryMatch.class.getName(), "row")).isTrue();
        assertThat(allowlist.allowsMember(CategoryMatch.class.getName(), "fact"))
                .isTrue();
        assertThat(allowlist.allowsMember(SignatureMatch.class.getName(), "fact"))
                .isTrue();
        assertThat(allowlist.allowsMember(SignatureMatch.class.getName(), "imitated"))
                .isTrue();
        assertThat(allowlist.allowsMember(SignatureMatch.class.getName(), "kind"))
                .isTrue();
        assertThat(allowlist.allowsMember(CategoryMatch.class.getName(), "getClass"))
                .isFalse();
        assertThat(allowlist.allowsType(TableMatches.class.getName())).isFalse();
        // the regex gate SignatureTable uses lives beside it, package-private: a helper, not DRL's to call
        String gate = "org.auprules.drools.rules.RequiredLiterals";
        assertThat(Modifier.isPublic(Class.forName(gate).getModifiers())).isFalse();
        assertThat(allowlist.allowsType(gate)).isFalse();

        assertThat(refused(rule(
                        "3.7 read a match",
                        "$w : Website( )\n    CategoryMatch( fact == $w, $row : row )",
                        "findings.violation(kcontext, $w);")))
                .isEmpty();
        assertThat(refused(rule("3.7 gate", "$w : Website( )", gate + ".of(\"x\");")
                        + rule(
                                "3.7 matcher",
                                "$w : Website( )",
                                "org.auprules.drools.internal.TableMatches.categoryMatches("
                                        + "java.util.List.of(), null, null);")))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).endsWith(NOT_ALLOWED))
                .anySatisfy(line -> assertThat(line).contains(gate))
                .anySatisfy(line -> assertThat(line).contains("org.auprules.drools.internal.TableMatches"));
    }

    @Test
    void typesOutsideTheAllowlistAreRefused_namingTheTypeAndWhereItIsWritten() {
        PolicyPack pack = TestPacks.withRules(rule("3.7 exit", "$p : HostedProcess( )", "System.exit(1);")
                + rule("3.7 exec", "$p : HostedProcess( )", "Runtime.getRuntime().exec(\"rm -rf /\");")
                + rule("3.7 delete", "$p : HostedProcess( )", "new java.io.File(\"/etc/passwd\").delete();")
                + rule(
                        "3.7 beans",
                        "$p : HostedProcess( )",
                        "new java.beans.Expression(Runtime.class, \"getRuntime\", null);"));

        List<PolicyProblem> problems = PolicyValidator.validate(pack).problems();

        assertThat(lines(problems))
                .containsExactly(
                        "rules/test.drl:11:5: error: rule `3.7 exit`: `java.lang.System`" + NOT_ALLOWED,
                        "rules/test.drl:19:5: error: rule `3.7 exec`: `java.lang.Runtime`" + NOT_ALLOWED,
                        "rules/test.drl:27:9: error: rule `3.7 delete`: `java.io.File`" + NOT_ALLOWED,
                        "rules/test.drl:35:9: error: rule `3.7 beans`: `java.beans.Expression`" + NOT_ALLOWED);
        assertThat(PolicyCompiler.compile(pack).succeeded()).isFalse();
    }

    @Test
    void membersOutsideTheAllowlistAreRefused_onFactsAndOnAllowedTypesAlike() {
        assertThat(refused(rule("3.7 a", "$p : HostedProcess( )", "Object o = $p.getClass();")
                        + rule("3.7 b", "$p : HostedProcess( )", "String s = $p.name(); s.wait();")
                        + rule("3.7 c", "$p : HostedProcess( )", "java.util.List.of(1).parallelStream();")
                        + rule("3.7 d", "$p : HostedProcess( )", "String.valueOf(1).describeConstable();")
                        + rule("3.7 e", "$p : HostedProcess( )", "java.time.Instant.now();")))
                .containsExactly(
                        "rules/test.drl:11:19: error: rule `3.7 a`: `getClass` is not allowed in an untrusted pack,"
                                + " on any type" + RuleSandbox.ALLOWED,
                        "rules/test.drl:19:29: error: rule `3.7 b`: `wait` is not allowed in an untrusted pack,"
                                + " on any type" + RuleSandbox.ALLOWED,
                        "rules/test.drl:27:26: error: rule `3.7 c`: `parallelStream` is not allowed in an untrusted"
                                + " pack, on any type" + RuleSandbox.ALLOWED,
                        "rules/test.drl:35:23: error: rule `3.7 d`: `describeConstable` is not allowed in an untrusted"
                                + " pack: no allowed type has such a member" + RuleSandbox.ALLOWED,
                        "rules/test.drl:43:23: error: rule `3.7 e`: `java.time.Instant.now`" + NOT_ALLOWED);
    }

    @Test
    void disguisesDoNotHideAName() {
        PolicyPack pack = TestPacks.pack(Map.of("rules/test.drl", """
                package rules;
                import org.auprules.api.facts.*;
                import org.auprules.drools.rules.*;
                import java.nio.file.*;
                import function java.lang.System.getenv;
                global Findings findings;
                global java.util.List sink;

                rule "3.7 disguises"
                    @clause("3.7") @severity("HIGH") @message("m")
                when
                    $p : HostedProcess( eval( Runtime.getRuntime() != null ) )
                then
                    new java . /* a comment between the dots */ io.File("/tmp/x").delete();
                    \\u0053ystem.exit(2);
                    // a line comment that javac ends early: \\u000a Thread.yield();
                    new Thread(() -> {}).start();
                end
                """));

        assertThat(lines(RuleSandbox.check(pack.source())))
                .containsExactly(
                        "rules/test.drl:4:1: error: `import java.nio.file.*`" + NOT_ALLOWED,
                        "rules/test.drl:5:1: error: `import function java.lang.System.getenv` is not allowed in an"
                                + " untrusted pack: functions may be imported only from the pack's helper types"
                                + RuleSandbox.ALLOWED,
                        "rules/test.drl:7:1: error: global of type `java.util.List` is not allowed in an untrusted"
                                + " pack: the engine sets only globals of the types Findings, SignatureTable,"
                                + " ContentTable and ReportTypeTable" + RuleSandbox.ALLOWED,
                        "rules/test.drl:12:31: error: rule `3.7 disguises`: `java.lang.Runtime`" + NOT_ALLOWED,
                        "rules/test.drl:14:9: error: rule `3.7 disguises`: `java.io.File`" + NOT_ALLOWED,
                        "rules/test.drl:15:5: error: rule `3.7 disguises`: `java.lang.System`" + NOT_ALLOWED,
                        "rules/test.drl:15:17: error: rule `3.7 disguises`: `exit` is not allowed in an untrusted pack:"
                                + " no allowed type has such a member" + RuleSandbox.ALLOWED,
                        "rules/test.drl:16:53: error: rule `3.7 disguises`: `java.lang.Thread`" + NOT_ALLOWED,
                        "rules/test.drl:17:9: error: rule `3.7 disguises`: `java.lang.Thread`" + NOT_ALLOWED);
    }

    @Test
    void aRuleCannotReachTheEngine() {
        assertThat(refused(rule("3.7 a", "$p : HostedProcess( )", "kcontext.getKieRuntime().halt();")
                        + rule("3.7 b", "$p : HostedProcess( )", "drools.getKieBase().removeRule(\"rules\", \"x\");")
                        + rule("3.7 c", "$p : HostedProcess( )", "kcontext.getKnowledgeRuntime();")
                        + rule("3.7 d", "$p : HostedProcess( )", "drools.getWorkingMemory();")))
                .containsExactly(
                        "rules/test.drl:11:14: error: rule `3.7 a`: `getKieRuntime` is not allowed in an untrusted"
                                + " pack, on any type" + RuleSandbox.ALLOWED,
                        "rules/test.drl:19:12: error: rule `3.7 b`: `getKieBase` is not allowed in an untrusted"
                                + " pack, on any type" + RuleSandbox.ALLOWED,
                        "rules/test.drl:27:14: error: rule `3.7 c`: `getKnowledgeRuntime` is not allowed in an"
                                + " untrusted pack, on any type" + RuleSandbox.ALLOWED,
                        "rules/test.drl:35:12: error: rule `3.7 d`: `getWorkingMemory` is not allowed in an"
                                + " untrusted pack, on any type" + RuleSandbox.ALLOWED);
    }

    @Test
    void conditionsAndFromAreMvel_soLambdasMethodReferencesAndClassLiteralsAreRefusedThere() {
        assertThat(refused(rule(
                                "3.7 lambda",
                                "$p : HostedProcess( java.util.List.of(1).stream().anyMatch(x -> x > 0) )",
                                "")
                        + rule("3.7 ref", "$s : String() from java.util.List.of(\"a\").stream().map(String::trim)", "")
                        + rule("3.7 class", "$p : HostedProcess( this.getClass() == HostedProcess.class )", "")))
                .containsExactly(
                        "rules/test.drl:9:66: error: rule `3.7 lambda`: a lambda (`->`) is not allowed in a condition,"
                                + " `from`, attribute or declaration of an untrusted pack: Drools evaluates those with"
                                + " MVEL, where it cannot be checked; put the code in a function"
                                + RuleSandbox.ALLOWED,
                        "rules/test.drl:17:66: error: rule `3.7 ref`: a method reference (`::`) is not allowed in a"
                                + " condition, `from`, attribute or declaration of an untrusted pack: Drools evaluates"
                                + " those with MVEL, where it cannot be checked; put the code in a function"
                                + RuleSandbox.ALLOWED,
                        "rules/test.drl:25:30: error: rule `3.7 class`: `getClass` is not allowed in an untrusted"
                                + " pack, on any type" + RuleSandbox.ALLOWED,
                        "rules/test.drl:25:58: error: rule `3.7 class`: `.class` is not allowed in an untrusted pack"
                                + RuleSandbox.ALLOWED);
    }

    @Test
    void inConditionsNeitherNullSafeNavigationNorANameOfAnotherTypeChangesAFactsCollection() {
        assertThat(refused(rule("3.7 null-safe", "$p : HostedProcess( this.?getClass() != null )", "")
                        + rule("3.7 add", "$w : Website( installedSoftware.add(\"x\") )", "")
                        + rule("3.7 replace", "$w : Website( $w.installedSoftware().replaceAll(null) == null )", "")))
                .containsExactly(
                        "rules/test.drl:9:31: error: rule `3.7 null-safe`: `getClass` is not allowed in an untrusted"
                                + " pack, on any type" + RuleSandbox.ALLOWED,
                        "rules/test.drl:17:37: error: rule `3.7 add`: `add` is not allowed in a condition, `from`,"
                                + " attribute or declaration of an untrusted pack: Drools evaluates those with MVEL,"
                                + " which would call it on whatever it is given, and it changes a collection"
                                + RuleSandbox.ALLOWED,
                        "rules/test.drl:25:42: error: rule `3.7 replace`: `replaceAll` is not allowed in a condition,"
                                + " `from`, attribute or declaration of an untrusted pack: Drools evaluates those with"
                                + " MVEL, which would call it on whatever it is given, and it changes a collection"
                                + RuleSandbox.ALLOWED);
    }

    @Test
    void aHelperMemberThatHandsOutAClassIsLeftOutOfTheAllowlist_whileTheOtherHelperMembersStayIn() {
        assertThat(refused(rule("3.7 names", "$p : HostedProcess( )", "Object o = Thresholds.names();")))
                .containsExactly("rules/test.drl:11:27: error: rule `3.7 names`: `org.auprules.drools.rules.Thresholds"
                        + ".names` is not allowed in an untrusted pack" + RuleSandbox.ALLOWED);
        assertThat(refused(rule(
                        "3.7 helpers",
                        "$p : HostedProcess( Windows.reaches(1, 1, 1, 1) )",
                        "boolean owned = Domains.ownedBy(\"a.example\", java.util.List.of(\"example\"));")))
                .isEmpty();
    }

    @Test
    void aMisspeltFieldIsExplainedByTheCompiler_notReportedAsASandboxRefusal() {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules(
                rule("3.1 inodes", "$u : ResourceUsage( $u.inode > 1 )", "findings.violation(kcontext, $u);")));

        assertThat(lines(v.errors()))
                .contains("rules/test.drl:9:28: error: rule `3.1 inodes`: unknown field `inode` of `ResourceUsage`; did"
                        + " you mean `inodes`?")
                .noneMatch(l -> l.contains("untrusted"));
    }

    @Test
    void aGlobalIsCheckedWhereverItIsWrittenBetweenRules() {
        assertThat(lines(RuleSandbox.check(
                        TestPacks.pack(Map.of("rules/test.drl", """
                        package rules; import org.auprules.api.facts.*; global java.util.List sink;
                        """)).source())))
                .containsExactly("rules/test.drl:1:49: error: global of type `java.util.List` is not allowed in an"
                        + " untrusted pack: the engine sets only globals of the types Findings, SignatureTable,"
                        + " ContentTable and ReportTypeTable" + RuleSandbox.ALLOWED);
    }

    @Test
    void theMvelDialectIsRefusedInAnUntrustedPack() {
        assertThat(refused("""
                        rule "3.7 mvel"
                            @clause("3.7") @severity("HIGH") @message("m")
                            dialect "mvel"
                        when
                            $p : HostedProcess( )
                        then
                        end
                        """))
                .containsExactly("rules/test.drl:8:5: error: rule `3.7 mvel`: `dialect \"mvel\"` is not allowed in an"
                        + " untrusted pack: MVEL code is interpreted, so it cannot be checked before it runs; leave"
                        + " the default java dialect");
    }

    @Test
    void metadataMustBeLiterals_inUntrustedAndTrustedPacksAlike_andValidateRunsNothing() {
        String drl = TestPacks.HEADER + """
                rule "3.7 metadata"
                    @clause("3.7") @severity("HIGH") @message("m")
                    @note(System.setProperty("aup.rules.sandbox.test", "ran"))
                when
                    HostedProcess( )
                then
                end
                """;
        String expected = "rules/test.drl:8:11: error: rule `3.7 metadata`: @note must be a literal (a string, number"
                + " or boolean): `System` is not allowed in metadata, in any pack: Drools evaluates metadata while it"
                + " compiles, so an expression there would run when the pack is validated";
        PolicyPack untrusted = TestPacks.pack(Map.of("rules/test.drl", drl));
        PolicyPack trusted = TestPacks.pack(Map.of(
                PolicyPack.POLICY_FILE,
                TestPacks.policyJson().replace("\"trusted\": false", "\"trusted\": true"),
                "rules/test.drl",
                drl));

        PolicyValidator.Validation inUntrusted = PolicyValidator.validate(untrusted);
        PolicyValidator.Validation inTrusted = PolicyValidator.validate(trusted, true);

        assertThat(System.getProperty(PROPERTY)).isNull();
        assertThat(lines(inUntrusted.errors())).contains(expected);
        assertThat(lines(inTrusted.errors())).containsExactly(expected);
        assertThat(inTrusted.valid()).isFalse();
    }

    @Test
    void literalMetadata_stringsAndCommentsNamingCode_andOrdinaryJavaPass() {
        PolicyPack pack = TestPacks.withRules("""
                // System.exit(0) in a comment is not a call, nor is /* Runtime.getRuntime() */
                function int doubled(int n) { return java.util.List.of(n, n).stream().mapToInt(x -> x).sum(); }

                declare Seen
                    id : String
                    count : int
                end

                rule "2.12 IRC server process"
                    @clause("2.12") @severity("HIGH") @message("{$p} runs Class.forName(x)") @weight(5) @flag(true)
                    salience 10
                when
                    $p : HostedProcess( name == "System.exit", cpuPercent > Math.max(1, 2), name.length() > 0 )
                    $n : String() from java.util.List.of($p.name(), "x")
                    accumulate( $q : HostedProcess( ); $count : count($q); $count > 0 )
                then
                    java.util.List<String> ports = java.util.List.of(String.valueOf($p.pid()));
                    String label = $p.name().toUpperCase() + " Thread " + doubled(2) + ports.size();
                    String note = "process `" + label + "` runs Class.forName(\\"x\\")";
                    java.util.Optional.of(label).map(s -> s.trim()).orElse("");
                    long[] counts = new long[4];
                    String[] names = new String[] {$p.name()};
                    Seen seen = new Seen($p.id(), (int) counts[0] + names.length);
                    insert(seen);
                    String rule = kcontext.getRule().getName();
                    findings.violation(kcontext, $p);
                end

                rule "2.12 modify what was seen"
                when
                    $s : Seen( count < 2 )
                then
                    modify($s) { setCount($s.getCount() + 1) }
                end
                """);

        assertThat(RuleSandbox.check(pack.source())).isEmpty();
        PolicyValidator.Validation v = PolicyValidator.validate(pack);
        assertThat(v.errors()).isEmpty();
        assertThat(v.valid()).isTrue();
    }

    @Test
    void aQueryCalledByName_andAPatternsWatchList_pass() {
        PolicyPack pack = TestPacks.withRules("""
                declare Seen
                    id : String
                end

                query seen(String i)
                    Seen( id == i )
                end

                rule "2.12 seen before"
                when
                    $p : HostedProcess( ) @watch(name, !cpuPercent, *)
                    seen($p.id();)
                then
                end
                """);

        assertThat(RuleSandbox.check(pack.source())).isEmpty();
        assertThat(lines(PolicyValidator.validate(pack).errors())).noneMatch(l -> l.contains("untrusted"));
    }

    @Test
    void theDefaultPackPasses_inItsTextAndInItsCompiledCode() {
        PolicyPack pack = PolicyPack.defaultPack();

        assertThat(RuleSandbox.check(pack.source())).isEmpty();
        assertThat(RuleSandbox.checkCompiled(CompiledPolicy.compile(pack).kieBase(), pack.source()))
                .isEmpty();
    }

    @Test
    void aTrustedPackMayCallAnything_inAnEmbedderThatAllowsIt() {
        String json = TestPacks.policyJson().replace("\"trusted\": false", "\"trusted\": true");
        PolicyPack pack = TestPacks.pack(Map.of(
                PolicyPack.POLICY_FILE,
                json,
                "rules/test.drl",
                TestPacks.HEADER
                        + rule(
                                "3.7 trusted",
                                "$p : HostedProcess( )",
                                "System.setProperty(\"" + PROPERTY + "\", $p.id());")));

        CompiledPolicy policy = CompiledPolicy.compile(pack, true);
        assertThat(System.getProperty(PROPERTY)).as("compiling runs nothing").isNull();
        DroolsAupEvaluator.builder().compiledPolicy(policy).build().evaluate(FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
                 "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 1, "name": "cron"}]}
                """, null));

        assertThat(System.getProperty(PROPERTY)).isEqualTo("p-1");
    }

    @Test
    void theCompiledCodeCheckReadsTheBuildersPackages_beforeAnyKnowledgeBaseLoadsTheirClasses() {
        PolicyPack pack = TestPacks.withRules(rule("3.7 exit", "$p : HostedProcess( )", "System.exit(1);"));
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(
                ResourceFactory.newByteArrayResource(pack.files().get("rules/test.drl"))
                        .setSourcePath("rules/test.drl"),
                ResourceType.DRL);

        assertThat(builder.hasErrors()).isFalse();
        assertThat(lines(RuleSandbox.checkCompiled(builder.getKnowledgePackages(), pack.source())))
                .containsExactly("rules/test.drl:6:1: error: rule `3.7 exit`: `java.lang.System.exit` in the compiled"
                        + " code" + NOT_ALLOWED);
    }

    @Test
    void theCompiledCodeCheckCatchesACallHoweverItWasSpelt_andAdmitsEngineScaffoldingOnlyWhereDroolsWritesIt() {
        String json = TestPacks.policyJson().replace("\"trusted\": false", "\"trusted\": true");
        PolicyPack pack = TestPacks.pack(Map.of(
                PolicyPack.POLICY_FILE,
                json,
                "rules/test.drl",
                TestPacks.HEADER
                        + "function Object engine() { return org.drools.mvel.field.FieldFactory.getInstance(); }\n\n"
                        + rule(
                                "3.7 exit",
                                "$p : HostedProcess( )",
                                "if ($p == null) { System.exit(1); }"
                                        + " org.drools.mvel.field.FieldFactory.getInstance().getFieldValue(1);")));

        List<PolicyProblem> problems =
                RuleSandbox.checkCompiled(CompiledPolicy.compile(pack, true).kieBase(), pack.source());

        assertThat(lines(problems))
                .containsExactlyInAnyOrder(
                        "rules/test.drl:8:1: error: rule `3.7 exit`: `java.lang.System.exit` in the compiled code"
                                + NOT_ALLOWED,
                        "rules/test.drl:6:1: error: function `engine`: `org.drools.mvel.field.FieldFactory.getInstance` in the"
                                + " compiled code" + NOT_ALLOWED);
    }
}
