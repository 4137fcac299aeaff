package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code validate} warns, at the place in the file, about rules shaped to loop or to multiply facts. */
class LoopWarningsTest {

    private static final String TICK = """
            declare Tick
                n : long
            end

            """;

    @Test
    @Timeout(30)
    void aModifyOfAMatchedFact_withoutNoLoop_isWarnedAtTheModify() {
        // the header is five lines and TICK four, so the rule starts on line 10
        List<String> warnings = warnings(TICK + """
                rule "count"
                when
                    $t : Tick( n >= 0 )
                then
                    modify($t) { setN($t.getN() + 1) }
                end
                """);

        assertThat(warnings)
                .containsExactly("rules/test.drl:14:5: warning: rule `count`: modifies `$t`, a `Tick` it matches,"
                        + " without no-loop or lock-on-active: unless the change makes its conditions false, the rule"
                        + " activates itself again until the evaluation's firing limit stops it");
    }

    @Test
    @Timeout(30)
    void anUpdateOfAMatchedFact_isWarnedToo() {
        List<String> warnings = warnings(TICK + """
                rule "count"
                when
                    $t : Tick( n >= 0 )
                then
                    $t.setN($t.getN() + 1);
                    update($t);
                end
                """);

        assertThat(warnings)
                .singleElement()
                .asString()
                .startsWith("rules/test.drl:15:5: warning: rule `count`: updates `$t`");
    }

    @Test
    @Timeout(30)
    void noLoopOrLockOnActive_silenceTheWarning() {
        assertThat(warnings(TICK + """
                        rule "count once"
                            no-loop
                        when
                            $t : Tick( n >= 0 )
                        then
                            modify($t) { setN($t.getN() + 1) }
                        end

                        rule "count once per activation"
                            lock-on-active true
                        when
                            $t : Tick( n >= 0 )
                        then
                            modify($t) { setN($t.getN() + 1) }
                        end
                        """)).isEmpty();
    }

    @Test
    @Timeout(30)
    void noLoopFalse_stillWarns() {
        assertThat(warnings(TICK + """
                        rule "count"
                            no-loop false
                        when
                            $t : Tick( n >= 0 )
                        then
                            modify($t) { setN($t.getN() + 1) }
                        end
                        """)).singleElement().asString().contains("modifies `$t`");
    }

    @Test
    @Timeout(30)
    void aModifyOfAFactTheRuleDoesNotMatch_isNotWarned() {
        assertThat(warnings(TICK + """
                        declare Counter
                            n : long
                        end

                        rule "count processes"
                        when
                            HostedProcess( )
                            $c : Counter( )
                        then
                            insert(new Tick(1L));
                        end
                        """)).isEmpty();
    }

    @Test
    @Timeout(30)
    void threeUnconstrainedPatternsOfOneType_areWarnedAtTheFirst() {
        List<String> warnings = warnings("""
                rule "2.12 every triple of processes"
                    @clause("2.12") @severity("HIGH") @message("{$a} is one of three")
                when
                    $a : HostedProcess( )
                    HostedProcess( $pid : pid )
                    HostedProcess( )
                then
                    findings.violation(kcontext, $a);
                end
                """);

        assertThat(warnings)
                .containsExactly("rules/test.drl:9:10: warning: rule `2.12 every triple of processes`: joins 3"
                        + " `HostedProcess` patterns without constraints, so it considers every combination of those"
                        + " facts (n^3 for n of them); relate them, e.g. `id != $a.id`, or the evaluation may run"
                        + " into its deadline");
    }

    @Test
    @Timeout(30)
    void constrainedOrNegatedPatterns_orTwoOfAType_areNotWarned() {
        assertThat(warnings("""
                        rule "2.12 related processes"
                            @clause("2.12") @severity("HIGH") @message("{$a} has a twin")
                        when
                            $a : HostedProcess( )
                            $b : HostedProcess( id != $a.id, name == $a.name )
                            HostedProcess( cpuPercent > 50 )
                            not HostedProcess( )
                        then
                            findings.violation(kcontext, $a);
                        end

                        rule "2.12 pairs"
                            @clause("2.12") @severity("HIGH") @message("{$a} is one of two")
                        when
                            $a : HostedProcess( )
                            HostedProcess( )
                            Account( )
                        then
                            findings.violation(kcontext, $a);
                        end
                        """)).isEmpty();
    }

    /** The warnings of a pack with these rules, without the clause coverage ones. */
    private static List<String> warnings(String rules) {
        PolicyValidator.Validation v = PolicyValidator.validate(TestPacks.withRules(rules));
        assertThat(v.errors()).as("the pack compiles").isEmpty();
        return TestPacks.lines(v.warnings());
    }
}
