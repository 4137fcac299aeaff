package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.auprules.drools.TestPacks.lines;

import java.util.List;
import java.util.Map;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.RuleSandbox;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real attempts to reach outside the facts from an untrusted pack, and the rules that must still pass. */
class RuleSandboxTest {

    private static final String UNTRUSTED = " is not allowed in an untrusted pack (see \"trusted\" in policy.json)";
    private static final String PROPERTY = "aup.rules.sandbox.test";

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private static String rule(String name, String when, String then) {
        return "rule \"" + name + "\"\n    @clause(\"3.7\") @severity(\"HIGH\")\nwhen\n    " + when + "\nthen\n    "
                + then + "\nend\n\n";
    }

    @Test
    void theClassicEscapesAreRejected_namingTheCallAndItsLine() {
        PolicyPack pack = TestPacks.withRules(rule("3.7 exit", "$p : HostedProcess( )", "System.exit(1);")
                + rule("3.7 exec", "$p : HostedProcess( )", "Runtime.getRuntime().exec(\"rm -rf /\");")
                + rule("3.7 delete", "$p : HostedProcess( )", "new java.io.File(\"/etc/passwd\").delete();")
                + rule("3.7 load", "$p : HostedProcess( )", "Class.forName(\"java.lang.Runtime\");"));

        List<PolicyProblem> problems = PolicyValidator.validate(pack).problems();

        assertThat(lines(problems))
                .containsExactly(
                        "rules/test.drl:11:5: error: rule `3.7 exit`: forbidden call `System.exit(…)`: process control"
                                + UNTRUSTED,
                        "rules/test.drl:19:5: error: rule `3.7 exec`: forbidden call `Runtime.getRuntime().exec(…)`: process"
                                + " control" + UNTRUSTED,
                        "rules/test.drl:27:9: error: rule `3.7 delete`: forbidden call `new java.io.File(…).delete()`: file I/O"
                                + UNTRUSTED,
                        "rules/test.drl:35:5: error: rule `3.7 load`: forbidden call `Class.forName(…)`: reflection"
                                + UNTRUSTED);
        assertThat(PolicyCompiler.compile(pack).succeeded()).isFalse();
    }

    @Test
    void disguisesDoNotHideACall() {
        PolicyPack pack = TestPacks.pack(Map.of("rules/test.drl", """
                package rules;
                import org.auprules.api.facts.*;
                import org.auprules.drools.rules.*;
                import java.nio.file.*;
                import function java.lang.System.getenv;
                global Findings findings;

                rule "3.7 disguises"
                    @clause("3.7") @severity("HIGH")
                when
                    $p : HostedProcess( eval( Runtime.getRuntime() != null ) )
                then
                    new java . /* a comment between the dots */ io.File("/tmp/x").delete();
                    \\u0053ystem.exit(2);
                    // a line comment that javac ends early: \\u000a System.exit(3);
                    Files.delete(null);
                    $p.getClass().getMethod("name").invoke($p);
                    new Thread(() -> {}).start();
                    new java.net.Socket("203.0.113.9", 25);
                end
                """));

        List<PolicyProblem> problems = RuleSandbox.check(pack.source());

        assertThat(lines(problems))
                .containsExactlyInAnyOrder(
                        "rules/test.drl:4:8: error: forbidden import `java.nio.file.*`: file I/O" + UNTRUSTED,
                        "rules/test.drl:5:17: error: forbidden import `java.lang.System.getenv`: process control"
                                + UNTRUSTED,
                        "rules/test.drl:11:31: error: rule `3.7 disguises`: forbidden call `Runtime.getRuntime()`: process"
                                + " control" + UNTRUSTED,
                        "rules/test.drl:13:9: error: rule `3.7 disguises`: forbidden call `new java.io.File(…).delete()`: file"
                                + " I/O" + UNTRUSTED,
                        "rules/test.drl:14:5: error: rule `3.7 disguises`: forbidden call `System.exit(…)`: process control"
                                + UNTRUSTED,
                        "rules/test.drl:15:53: error: rule `3.7 disguises`: forbidden call `System.exit(…)`: process control"
                                + UNTRUSTED,
                        "rules/test.drl:16:5: error: rule `3.7 disguises`: forbidden call `Files.delete(…)`: file I/O"
                                + UNTRUSTED,
                        "rules/test.drl:17:5: error: rule `3.7 disguises`: forbidden call `$p.getClass().getMethod(…).invoke(…)`:"
                                + " reflection" + UNTRUSTED,
                        "rules/test.drl:18:9: error: rule `3.7 disguises`: forbidden call `new Thread(…).start()`: starting"
                                + " threads" + UNTRUSTED,
                        "rules/test.drl:19:9: error: rule `3.7 disguises`: forbidden call `new java.net.Socket(…)`: network I/O"
                                + UNTRUSTED);
    }

    @Test
    void aForbiddenCallInMetadataIsRejectedBeforeDroolsEvaluatesIt() {
        PolicyPack pack = TestPacks.withRules("""
                rule "3.7 metadata"
                    @clause(System.setProperty("aup.rules.sandbox.test", "ran")) @severity("HIGH")
                when
                    HostedProcess( )
                then
                end
                """);

        PolicyValidator.Validation v = PolicyValidator.validate(pack);

        assertThat(System.getProperty(PROPERTY)).isNull();
        assertThat(lines(v.problems()))
                .containsExactly(
                        "rules/test.drl:7:5: error: rule `3.7 metadata`: @clause must be one quoted value, e.g."
                                + " @clause(\"2.12\")",
                        "rules/test.drl:7:13: error: rule `3.7 metadata`: forbidden call `System.setProperty(…)`: process"
                                + " control" + UNTRUSTED);
    }

    @Test
    void namesInStringsAndCommentsAreNotCalls_andOrdinaryJavaPasses() {
        PolicyPack pack = TestPacks.withRules("""
                // System.exit(0) in a comment is not a call, nor is /* Runtime.getRuntime() */
                rule "2.12 IRC server process"
                    @clause("2.12") @severity("HIGH") @message("{$p} runs Class.forName(x)")
                when
                    $p : HostedProcess( name == "System.exit", cpuPercent > Math.max(1, 2) )
                then
                    java.util.List<String> ports = new java.util.ArrayList<>();
                    String label = String.valueOf($p.pid()) + " " + $p.name().toUpperCase() + " Thread";
                    String note = "process `" + label + "` runs Class.forName(\\"x\\")";
                    findings.violation(kcontext, $p);
                end
                """);

        PolicyValidator.Validation v = PolicyValidator.validate(pack);

        assertThat(v.errors()).isEmpty();
        assertThat(v.valid()).isTrue();
    }

    @Test
    void theDefaultPackHasNoForbiddenCall_inItsTextNorInItsCompiledCode() {
        PolicyPack pack = PolicyPack.defaultPack();

        assertThat(RuleSandbox.check(pack.source())).isEmpty();
        assertThat(RuleSandbox.checkCompiled(CompiledPolicy.compile(pack).kieBase(), pack.source()))
                .isEmpty();
    }

    @Test
    void aTrustedPackMayCallAnything() {
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
        DroolsAupEvaluator.builder().compiledPolicy(policy).build().evaluate(FactsJson.read("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-basic", "country": "US", "status": "ACTIVE"}],
                 "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 1, "name": "cron"}]}
                """, null));

        assertThat(System.getProperty(PROPERTY)).isEqualTo("p-1");
    }

    @Test
    void theCompiledCodeCheckCatchesACallHoweverItWasSpelt() {
        String json = TestPacks.policyJson().replace("\"trusted\": false", "\"trusted\": true");
        PolicyPack pack = TestPacks.pack(Map.of(
                PolicyPack.POLICY_FILE,
                json,
                "rules/test.drl",
                TestPacks.HEADER + rule("3.7 exit", "$p : HostedProcess( )", "if ($p == null) { System.exit(1); }")));

        List<PolicyProblem> problems =
                RuleSandbox.checkCompiled(CompiledPolicy.compile(pack, true).kieBase(), pack.source());

        assertThat(lines(problems))
                .containsExactly("rules/test.drl:6:1: error: rule `3.7 exit`: forbidden call"
                        + " `System.exit` in compiled code: process control" + UNTRUSTED);
    }
}
