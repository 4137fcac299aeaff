package org.auprules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Coverage numbers on a small pack of three rules (one derivation) and two PROHIBITION clauses,
 * 1.A.3 and 1.A.5, so that every count is known.
 */
class CoverageTest {

    static final String RULES = """
            package rules;

            import org.auprules.api.facts.*;
            import org.auprules.drools.rules.*;

            global Findings findings;

            declare Bought
                list : MailingList
            end

            rule "1.A.5 derive bought list"
            when
                $l : MailingList( source == ListSource.PURCHASED )
            then
                insertLogical(new Bought($l));
            end

            rule "1.A.5 bought list"
                @clause("1.A.5") @severity("HIGH") @message("bought")
            when
                Bought( $l : list )
            then
                findings.violation(kcontext, $l);
            end

            rule "1.A.3 blacklisted address"
                @clause("1.A.3") @severity("MEDIUM") @message("listed")
            when
                $b : BlacklistListing()
            then
                findings.violation(kcontext, $b);
            end
            """;

    static final CompiledPolicy POLICY = CompiledPolicy.compile(smallPack());
    static final ScenarioRunner RUNNER = ScenarioRunner.of(POLICY);

    /** The default pack's policy.json cut down to the 1.A.3 and 1.A.5 prohibitions and the clauses their actions cite. */
    static PolicyPack smallPack() {
        try {
            ObjectMapper m = new ObjectMapper();
            ObjectNode policy = (ObjectNode)
                    m.readTree(PolicyPack.defaultPack().text("policy.json").orElseThrow());
            Set<String> keep = Set.of("P.1", "1", "1.A.3", "1.A.4", "1.A.5", "1.A.6");
            ArrayNode clauses = m.createArrayNode();
            policy.get("clauses").forEach(c -> {
                if (keep.contains(c.get("id").asText())) {
                    clauses.add(c);
                }
            });
            policy.set("clauses", clauses);
            policy.remove("contentCategories"); // its rows cite clauses this cut-down catalog lacks
            policy.remove("reportTypes"); // so do its
            return PolicyPack.ofFiles(
                    "small", Map.of("policy.json", m.writeValueAsString(policy), "rules/small.drl", RULES));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final String BOUGHT = """
            {"accounts": [{"id": "a"}, {"id": "b"}],
             "mailingLists": [{"id": "l", "accountId": "a", "source": "PURCHASED", "subscriberCount": 1,
                               "withOptInIp": 1, "withConfirmation": 1, "withContactInfo": 1}]}""";

    static Coverage coverage(String... scenarios) {
        List<ScenarioResult> results = ScenarioReader.read("[" + String.join(",", scenarios) + "]", "c.json").stream()
                .map(RUNNER::run)
                .toList();
        return Coverage.of(POLICY, results);
    }

    static String scenario(String facts, String expect) {
        return "{\"description\": \"s\", \"facts\": " + facts + ", \"expect\": " + expect + "}";
    }

    @Test
    void noScenario_coversNothing() {
        Coverage c = Coverage.of(POLICY, List.of());
        assertThat(c.ruleCount()).isEqualTo(3);
        assertThat(c.coveredRules()).isZero();
        assertThat(c.uncoveredRules())
                .extracting(Coverage.UncoveredRule::toString)
                .containsExactly(
                        "rules/small.drl:12: rule `1.A.5 derive bought list`",
                        "rules/small.drl:19: rule `1.A.5 bought list`",
                        "rules/small.drl:27: rule `1.A.3 blacklisted address`");
        assertThat(c.clauseCount()).isEqualTo(2);
        assertThat(c.clauseGaps())
                .extracting(Coverage.ClauseGap::toString)
                .containsExactly(
                        "1.A.3: lacks a violating and an innocent scenario",
                        "1.A.5: lacks a violating and an innocent scenario");
        assertThat(c.rulePercent()).isZero();
    }

    @Test
    void derivationsCountAsRulesAndFiringIsWhatCounts() {
        Coverage c = coverage(scenario(BOUGHT, "{\"violations\": [{\"accountId\": \"a\", \"clause\": \"1.A.5\"}]}"));
        assertThat(c.uncoveredRules())
                .extracting(Coverage.UncoveredRule::name)
                .containsExactly("1.A.3 blacklisted address");
        assertThat(c.coveredRules()).isEqualTo(2);
        assertThat(Coverage.percent(c.rulePercent())).isEqualTo("66.6");
    }

    @Test
    void aFailingScenarioStillExercisesTheRulesThatFired() {
        Coverage c = coverage(scenario(BOUGHT, "{\"noViolations\": [{\"accountId\": \"a\"}]}"));
        assertThat(c.uncoveredRules())
                .extracting(Coverage.UncoveredRule::name)
                .containsExactly("1.A.3 blacklisted address");
    }

    @Test
    void aClauseNeedsAViolatingAndAnInnocentScenario() {
        Coverage c = coverage(scenario(BOUGHT, """
                {"violations": [{"accountId": "a", "clause": "1.A.5"}],
                 "noViolations": [{"accountId": "b", "clause": "1.A.3"}]}"""));
        assertThat(c.clauseGaps())
                .containsExactly(
                        new Coverage.ClauseGap("1.A.3", false, true), new Coverage.ClauseGap("1.A.5", true, false));
        assertThat(c.clauseGaps())
                .extracting(Coverage.ClauseGap::toString)
                .containsExactly("1.A.3: lacks a violating scenario", "1.A.5: lacks an innocent scenario");
        assertThat(c.coveredClauses()).isZero();
    }

    @Test
    void noViolationsNamingTheClause_coversItsInnocentSide() {
        Coverage c = coverage(scenario(BOUGHT, """
                {"violations": [{"accountId": "a", "clause": "1.A.5"}],
                 "noViolations": [{"accountId": "b", "clause": "1.A.5"}]}"""));
        assertThat(c.clauseGaps()).extracting(Coverage.ClauseGap::clause).containsExactly("1.A.3");
        assertThat(c.clausePercent()).isEqualTo(50.0);
    }

    @Test
    void aWholeAccountNoViolations_coversTheClausesViolatedBesideIt() {
        Coverage c = coverage(scenario(BOUGHT, """
                {"violations": [{"accountId": "a", "clause": "1.A.5"}], "noViolations": [{"accountId": "b"}]}"""));
        assertThat(c.clauseGaps()).extracting(Coverage.ClauseGap::clause).containsExactly("1.A.3");
    }

    @Test
    void exactly_coversTheClausesViolatedBesideAnAccountThatIsNotExpectedToViolateThem() {
        Coverage c = coverage(scenario(BOUGHT, """
                {"violations": [{"accountId": "a", "clause": "1.A.5"}], "exactly": true}"""));
        assertThat(c.clauseGaps()).extracting(Coverage.ClauseGap::clause).containsExactly("1.A.3");
    }

    @Test
    void aLoneCleanAccount_coversNoClause() {
        Coverage c = coverage(scenario("{\"accounts\": [{\"id\": \"b\"}]}", """
                {"noViolations": [{"accountId": "b"}], "exactly": true}"""));
        assertThat(c.clauseGaps()).extracting(Coverage.ClauseGap::innocent).containsOnly(false);
    }

    @Test
    void everythingCovered_is100Percent() {
        Coverage c = coverage(scenario(BOUGHT, """
                        {"violations": [{"accountId": "a", "clause": "1.A.5"}],
                         "noViolations": [{"accountId": "b", "clause": "1.A.5"}]}"""), scenario("""
                        {"accounts": [{"id": "a"}, {"id": "b"}],
                         "blacklistListings": [{"accountId": "a", "ip": "192.0.2.1", "list": "zen.spamhaus.org"}]}""", """
                        {"violations": [{"accountId": "a", "clause": "1.A.3"}],
                         "noViolations": [{"accountId": "b", "clause": "1.A.3"}]}"""));
        assertThat(c.uncoveredRules()).isEmpty();
        assertThat(c.clauseGaps()).isEmpty();
        assertThat(c.rulePercent()).isEqualTo(100.0);
        assertThat(c.clausePercent()).isEqualTo(100.0);
        assertThat(c.meetsRuleMinimum(100)).isTrue();
    }

    @ParameterizedTest(name = "2 of 3 rules covered, minimum {0} % → {1}")
    @CsvSource({"0, true", "66.6, true", "66.66, true", "66.67, false", "67, false", "100, false"})
    void theMinimumIsComparedExactly(double minimum, boolean met) {
        Coverage c = coverage(scenario(BOUGHT, "{\"violations\": [{\"accountId\": \"a\", \"clause\": \"1.A.5\"}]}"));
        assertThat(c.meetsRuleMinimum(minimum)).isEqualTo(met);
    }

    @Test
    void percentagesAreRoundedDown() {
        assertThat(Coverage.percent(99.96)).isEqualTo("99.9");
        assertThat(Coverage.percent(100.0)).isEqualTo("100.0");
        assertThat(Coverage.percent(57.3)).isEqualTo("57.3");
        assertThat(Coverage.percent(0)).isEqualTo("0.0");
    }
}
