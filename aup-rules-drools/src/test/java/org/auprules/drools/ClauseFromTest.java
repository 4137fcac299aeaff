package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;

/** Rules that take their clause from a table: the metadata check, the clauses the tables can cite, a pack without tables. */
class ClauseFromTest {

    private static final String HEADER = """
            package rules;
            import org.auprules.api.facts.*;
            import org.auprules.drools.rules.*;
            global Findings findings;
            global SignatureTable signatures;
            global ContentTable contentTable;
            """;

    /** The default pack with its rules replaced by one file, and optionally without its signatures.csv. */
    private static PolicyPack packWithRules(String drl, boolean withSignatures) {
        PolicyPack base = PolicyPack.defaultPack();
        Map<String, String> files = new HashMap<>();
        base.files().keySet().stream()
                .filter(p -> !p.startsWith(PolicyPack.RULES_FOLDER))
                .filter(p -> withSignatures || !p.equals("signatures.csv"))
                .forEach(p -> files.put(p, base.text(p).orElseThrow()));
        files.put("rules/test.drl", HEADER + drl);
        return PolicyPack.ofFiles("test-pack", files);
    }

    @Test
    void defaultPack_tablesCiteTheirClauses() {
        CompiledPolicy policy = OneAccount.EVALUATOR.compiledPolicy();

        assertThat(policy.tableClauseIds())
                .containsExactly(
                        "1.D.1", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12",
                        "2.13", "2.14", "2.16", "2.17", "2.18", "2.19", "2.20", "3.1", "3.3", "3.4", "3.5", "3.6",
                        "3.7");
        assertThat(policy.rules())
                .filteredOn(r -> r.clauseFrom() != null)
                .extracting(CompiledPolicy.RuleInfo::clauseFrom)
                .containsOnly("signatures.csv", "policy.json#contentCategories", "policy.json#reportTypes");
    }

    @Test
    void tableThatNoRuleReads_citesNothing() {
        CompiledPolicy policy = CompiledPolicy.compile(packWithRules("""
                rule "2.12 IRC daemon named ircd"
                    @clause("2.12") @severity("HIGH") @message("process `ircd` is an IRC server")
                when
                    $p : HostedProcess( name == "ircd" )
                then
                    findings.violation(kcontext, $p);
                end
                """, true));

        assertThat(policy.signatures().rows()).isNotEmpty();
        assertThat(policy.tableClauseIds()).isEmpty();
    }

    @Test
    void packWithoutSignaturesCsv_compilesWithAnEmptyTable() {
        CompiledPolicy policy = CompiledPolicy.compile(packWithRules("""
                rule "signatures.csv: process name"
                    @clauseFrom("signatures.csv") @message("process matches")
                when
                    $p : HostedProcess()
                    $m : SignatureMatch( $s : signature ) from signatures.matchingProcessName($p)
                then
                    findings.violation(kcontext, $s, $p);
                end
                """, false));

        assertThat(policy.signatures().rows()).isEmpty();
        assertThat(policy.tableClauseIds()).isEmpty();
        assertThat(policy.warnings()).isEmpty();
    }

    @Test
    void unknownTable_isReportedWithASuggestion() {
        PolicyCompiler.Compilation c = PolicyCompiler.compile(packWithRules("""
                rule "signatures: process name"
                    @clauseFrom("signature.csv")
                when
                    $p : HostedProcess()
                then
                end
                """, true));

        assertThat(c.succeeded()).isFalse();
        assertThat(c.problems())
                .extracting(PolicyProblem::toString)
                .containsExactly(
                        "rules/test.drl:7:1: error: rule `signatures: process name`: unknown table `signature.csv` in "
                                + "@clauseFrom; expected `signatures.csv`, `policy.json#contentCategories` or `policy.json#reportTypes`; "
                                + "did you mean `signatures.csv`?");
    }

    @Test
    void clauseFromWithItsOwnSeverity_isReported() {
        PolicyCompiler.Compilation c = PolicyCompiler.compile(packWithRules("""
                rule "signatures: process name"
                    @clauseFrom("signatures.csv") @severity("HIGH")
                when
                    $p : HostedProcess()
                then
                end
                """, true));

        assertThat(c.problems())
                .extracting(PolicyProblem::message)
                .containsExactly(
                        "rule `signatures: process name`: has @clauseFrom and also @clause, @severity or @certainty: a rule "
                                + "that takes its clause from a table takes its severity and certainty from the row too");
    }

    @Test
    void ruleReportingARowOfATableItDoesNotName_failsLoudly() {
        DroolsAupEvaluator evaluator = DroolsAupEvaluator.builder()
                .policyPack(packWithRules("""
                rule "signatures: process name"
                    @clauseFrom("policy.json#contentCategories") @message("process matches")
                when
                    $p : HostedProcess()
                    $m : SignatureMatch( $s : signature ) from signatures.matchingProcessName($p)
                then
                    findings.violation(kcontext, $s, $p);
                end
                """, true))
                .build();
        FactSet facts = FactsJson.read("""
                {"accounts": [{"id": "acc-1"}],
                 "processes": [{"id": "p-1", "accountId": "acc-1", "pid": 1, "name": "xmrig"}]}
                """, null);

        assertThatThrownBy(() -> evaluator.evaluate(facts))
                .hasStackTraceContaining(
                        "rule `signatures: process name` reports a row of `signatures.csv` but its @clauseFrom is "
                                + "`policy.json#contentCategories`");
    }
}
