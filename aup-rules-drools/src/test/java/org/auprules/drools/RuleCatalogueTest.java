package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;

import org.auprules.api.Certainty;
import org.auprules.api.Severity;
import org.auprules.api.policy.Kind;
import org.junit.jupiter.api.Test;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Walks every rule of the compiled default pack: a rule that cites a clause cites a prohibition of
 * the catalog, and its severity and certainty parse; a rule without a clause only derives facts.
 */
class RuleCatalogueTest {

    static final CompiledPolicy POLICY = TestPolicy.DEFAULT.compiledPolicy();

    @Test
    void everyRulesClauseIsAProhibitionOfTheCatalog_andItsMetadataParses() {
        int citing = 0;
        for (KiePackage kp : POLICY.kieBase().getKiePackages()) {
            for (Rule rule : kp.getRules()) {
                Object clause = rule.getMetaData().get("clause");
                if (clause == null) {
                    assertThat(rule.getMetaData()).as(rule.getName()).doesNotContainKey("severity");
                    continue;
                }
                citing++;
                assertThat(POLICY.catalog().find(clause.toString()))
                        .as(rule.getName())
                        .hasValueSatisfying(c -> assertThat(c.kind()).isEqualTo(Kind.PROHIBITION));
                assertThat(rule.getName())
                        .as("rule names start with their clause id")
                        .startsWith(clause + " ");
                assertThat(Severity.parse(String.valueOf(rule.getMetaData().get("severity"))))
                        .as(rule.getName())
                        .isPresent();
                Object certainty = rule.getMetaData().get("certainty");
                if (certainty != null) {
                    assertThat(Certainty.parse(certainty.toString()))
                            .as(rule.getName())
                            .isPresent();
                }
            }
        }
        assertThat(citing).isGreaterThanOrEqualTo(16);
    }

    @Test
    void defaultPackCompilesWithoutAnyDroolsWarning() {
        PolicyCompiler.Compilation c = PolicyCompiler.compile(PolicyPack.defaultPack());
        assertThat(c.problems()).isEmpty();
        assertThat(c.succeeded()).isTrue();
    }

    @Test
    void ruleInfoLocatesEachRuleInItsFile() {
        assertThat(POLICY.rules()).allSatisfy(r -> {
            assertThat(r.file()).startsWith("rules/").endsWith(".drl");
            assertThat(r.line()).as(r.name()).isPositive();
        });
    }
}
