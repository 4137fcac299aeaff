package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.auprules.drools.rules.DefaultPack.evaluate;
import static org.auprules.drools.rules.DefaultPack.violations;

import java.util.List;
import org.auprules.api.Certainty;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 3.1 burden, 3.2 interference, 3.3 unauthorised access and 3.4 impersonation. */
class ProhibitedActionsRulesTest {

    /** One resource-usage window of acc-1 on a plan, with the given fields and quiet defaults for the rest. */
    private static String usage(String plan, long window, double cpu, long memoryMb, long processes, long inodes) {
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "%s"}],
                 "resourceUsage": [{"id": "u-1", "accountId": "acc-1", "windowSeconds": %d, "cpuPercent": %s,
                                    "memoryMb": %d, "ioMbPerSecond": 1.5, "processCount": %d, "inodes": %d}]}
                """.formatted(plan, window, cpu, memoryMb, processes, inodes);
    }

    private static List<String> rulesOf(String json, String clause) {
        return violations(json, clause).stream().map(Violation::ruleId).toList();
    }

    private static List<String> expected(boolean violates, String rule) {
        return violates ? List.of(rule) : List.of();
    }

    @ParameterizedTest(name = "plan {0}: {2}% CPU for {1} s: violation {3}")
    @CsvSource({
        "shared-basic, 3600, 99.9, false",
        "shared-basic, 3600, 100,  true",
        "shared-basic, 3599, 180,  false",
        "shared-basic, 7200, 180,  true",
        "vps-standard, 3600, 199.9, false",
        "vps-standard, 3600, 200,  true",
        "dedicated,    3600, 799,  false"
    })
    void sustainedCpu_edge_perPlan(String plan, long window, double cpu, boolean violates) {
        String json = usage(plan, window, cpu, 10, 1, 10);

        assertThat(rulesOf(json, "3.1"))
                .containsExactlyElementsOf(expected(violates, "3.1 sustained CPU above the plan's limit"));
        if (violates) {
            assertThat(violations(json, "3.1").get(0).message())
                    .contains("`u-1`", window + " s", "plan `" + plan + "`");
        }
    }

    @ParameterizedTest(name = "plan {0}: {1} MB: violation {2}")
    @CsvSource({
        "shared-basic, 1023, false",
        "shared-basic, 1024, true",
        "shared-pro,   2047, false",
        "shared-pro,   2048, true",
        "vps-standard, 4095, false",
        "vps-standard, 4096, true",
        "unknown-plan, 2047, false",
        "unknown-plan, 2048, true"
    })
    void memory_edge_perPlan(String plan, long memoryMb, boolean violates) {
        assertThat(rulesOf(usage(plan, 3600, 1, memoryMb, 1, 10), "3.1"))
                .containsExactlyElementsOf(expected(violates, "3.1 memory at the plan's limit"));
    }

    @ParameterizedTest(name = "plan {0}: {1} inodes: violation {2}")
    @CsvSource({
        "shared-pro,   499999, false",
        "shared-pro,   500000, true",
        "shared-basic, 249999, false",
        "shared-basic, 250000, true",
        "dedicated,   9999999, false"
    })
    void inodes_edge_perPlan(String plan, long inodes, boolean violates) {
        assertThat(rulesOf(usage(plan, 3600, 1, 10, 1, inodes), "3.1"))
                .containsExactlyElementsOf(expected(violates, "3.1 inodes at the plan's limit"));
    }

    @ParameterizedTest(name = "plan {0}: {1} processes: 3.1 {2}, 3.2 {3}")
    @CsvSource({
        "shared-pro,     99, false, false",
        "shared-pro,    100, true,  false",
        "shared-pro,    499, true,  false",
        "shared-pro,    500, false, true",
        "shared-basic,   49, false, false",
        "shared-basic,   50, true,  false",
        "vps-standard,  399, false, false",
        "vps-standard,  400, true,  false",
        "vps-standard, 1999, true,  false",
        "vps-standard, 2000, false, true"
    })
    void processCount_andForkBomb_edges_perPlan(String plan, long processes, boolean burden, boolean forkBomb) {
        String json = usage(plan, 60, 1, 10, processes, 10);

        assertThat(rulesOf(json, "3.1"))
                .containsExactlyElementsOf(expected(burden, "3.1 process count at the plan's limit"));
        assertThat(rulesOf(json, "3.2"))
                .containsExactlyElementsOf(expected(forkBomb, "3.2 fork bomb: runaway process count"));
    }

    @Test
    void forkBomb_isCritical_andSaysSo() {
        List<Violation> found = violations(usage("shared-basic", 60, 1, 10, 5000, 10), "3.2");

        assertThat(found)
                .extracting(Violation::severity, Violation::certainty)
                .containsExactly(tuple(Severity.CRITICAL, Certainty.CONFIRMED));
        assertThat(found.get(0).message()).contains("5000 processes", "fork-bomb count of 500");
    }

    @Test
    void modestUsage_isFine() {
        assertThat(evaluate(usage("shared-basic", 3600, 40, 300, 12, 20000)).violations())
                .isEmpty();
    }

    @ParameterizedTest(name = "aimed at the company: {0}")
    @ValueSource(booleans = {true, false})
    void trafficAimedAtTheCompany_interferesWithTheService(boolean targetsCompany) {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1"}],
                 "networkActivity": [{"accountId": "acc-1", "windowSeconds": 300, "distinctDestinations": 2,
                                      "distinctDestinationPorts": 1, "peakPacketsPerSecond": 900,
                                      "targetsCompanyInfrastructure": %s}]}
                """.formatted(targetsCompany);
        List<Violation> found = violations(json, "3.2");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity)
                .containsExactlyElementsOf(
                        targetsCompany
                                ? List.of(tuple("3.2 traffic aimed at the company's infrastructure", Severity.CRITICAL))
                                : List.of());
        if (targetsCompany) {
            assertThat(found.get(0).evidence()).extracting(e -> e.id()).containsExactly("networkActivity[0]");
        }
    }

    private static String attempt(String kind, long attempts, long window, boolean succeeded) {
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1"}],
                 "accessAttempts": [{"id": "a-1", "accountId": "acc-1", "kind": "%s", "target": "ssh://10.0.0.5",
                                     "attempts": %d, "windowSeconds": %d, "succeeded": %s}]}
                """.formatted(kind, attempts, window, succeeded);
    }

    @ParameterizedTest(name = "{0} failed attempts in {1} s: violation {2}")
    @CsvSource({
        "19, 600, false",
        "20, 600, true",
        "20, 60,  true",
        "350, 600, true",
        "38, 601, false",
        "39, 601, true",
        "228, 7200, false",
        "229, 7200, true",
        "20, 0, false"
    })
    void bruteForce_edge(long attempts, long window, boolean violates) {
        List<Violation> found = violations(attempt("BRUTE_FORCE", attempts, window, false), "3.3");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity)
                .containsExactlyElementsOf(
                        violates ? List.of(tuple("3.3 brute-force login attempts", Severity.HIGH)) : List.of());
        if (violates) {
            assertThat(found.get(0).message())
                    .contains(
                            attempts + " failed login attempts on `ssh://10.0.0.5` in " + window + " s", "20 in 600 s");
        }
    }

    @ParameterizedTest(name = "{0} attempts, one succeeded: violation {1}")
    @CsvSource({"19, false", "20, true"})
    void bruteForceThatGotIn_isCritical(long attempts, boolean violates) {
        assertThat(violations(attempt("BRUTE_FORCE", attempts, 600, true), "3.3"))
                .extracting(Violation::ruleId, Violation::severity)
                .containsExactlyElementsOf(
                        violates
                                ? List.of(tuple("3.3 brute-force login that succeeded", Severity.CRITICAL))
                                : List.of());
    }

    @ParameterizedTest(name = "{0}, succeeded={1}")
    @CsvSource({
        "CROSS_ACCOUNT,        false, HIGH,     '3.3 cross-account, privilege-escalation or exploit attempt'",
        "PRIVILEGE_ESCALATION, false, HIGH,     '3.3 cross-account, privilege-escalation or exploit attempt'",
        "EXPLOIT,              false, HIGH,     '3.3 cross-account, privilege-escalation or exploit attempt'",
        "CROSS_ACCOUNT,        true,  CRITICAL, '3.3 cross-account, privilege-escalation or exploit access gained'",
        "PRIVILEGE_ESCALATION, true,  CRITICAL, '3.3 cross-account, privilege-escalation or exploit access gained'",
        "EXPLOIT,              true,  CRITICAL, '3.3 cross-account, privilege-escalation or exploit access gained'"
    })
    void oneUnauthorisedAccessAttempt_isAlwaysAViolation(
            String kind, boolean succeeded, Severity severity, String rule) {
        List<Violation> found = violations(attempt(kind, 1, 0, succeeded), "3.3");

        assertThat(found).extracting(Violation::ruleId, Violation::severity).containsExactly(tuple(rule, severity));
        assertThat(found.get(0).message()).contains("`ssh://10.0.0.5`");
    }

    @Test
    void phishingSite_isSuspectedImpersonation() {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1"}, {"id": "acc-2"}],
                 "websites": [{"id": "w-1", "accountId": "acc-1", "domain": "secure-bank-login.example",
                               "categories": ["PHISHING"]},
                              {"id": "w-2", "accountId": "acc-2", "domain": "bakery.example", "categories": []}]}
                """;
        List<Violation> found = violations(json, "3.4");

        assertThat(found)
                .extracting(Violation::accountId, Violation::ruleId, Violation::severity, Violation::certainty)
                .containsExactly(tuple(
                        "acc-1",
                        "3.4 phishing site imitating another organisation",
                        Severity.HIGH,
                        Certainty.SUSPECTED));
        assertThat(found.get(0).message()).contains("`secure-bank-login.example`");
    }

    /** Mails of acc-1, which owns shop.example; each entry is {@code id, from address, aligned}. */
    private static String mails(String domains, String... mails) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < mails.length; i++) {
            String[] m = mails[i].split(",", -1);
            list.append(i == 0 ? "" : ",").append("""
                    {"id": "%s", "accountId": "acc-1", "sentAt": "2026-11-27T10:0%d:00Z", "fromAddress": "%s",
                     "recipientCount": 1, "commercial": false, "spf": "pass", "dkim": "pass"%s}""".formatted(
                            m[0], i, m[1], m[2].equals("unknown") ? "" : ", \"fromDomainAligned\": " + m[2]));
        }
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "domains": [%s]}],
                 "emails": [%s]}
                """.formatted(domains, list);
    }

    @Test
    void mailForgingAnotherOrganisationsDomain_violates3_4() {
        EvaluationResult result = evaluate(mails(
                "\"shop.example\"",
                "m-1,security@bank.example,false",
                "m-2,alerts@bank.example,false",
                "m-3,news@shop.example,true"));

        List<Violation> found = violations(result, "3.4");
        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity, Violation::certainty)
                .containsExactly(
                        tuple("3.4 mail forging another organisation's domain", Severity.HIGH, Certainty.CONFIRMED));
        assertThat(found.get(0).evidence()).extracting(e -> e.id()).containsExactly("m-1", "m-2");
        assertThat(found.get(0).message()).contains("2 message(s)", "`bank.example`", "shop.example");
        assertThat(violations(result, "1.A.1")).hasSize(2);
    }

    @Test
    void eachForgedDomain_isItsOwnViolation() {
        List<Violation> found = violations(
                mails(
                        "\"shop.example\"",
                        "m-1,a@bank.example,false",
                        "m-2,b@PayPal.example,false",
                        "m-3,c@bank.example,false"),
                "3.4");

        assertThat(found)
                .extracting(v -> v.evidence().stream().map(e -> e.id()).toList())
                .containsExactlyInAnyOrder(List.of("m-1", "m-3"), List.of("m-2"));
        assertThat(found).extracting(Violation::message).anyMatch(m -> m.contains("`paypal.example`"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"news@shop.example", "news@mail.shop.example", "news@SHOP.EXAMPLE"})
    void misalignedMailFromTheAccountsOwnDomain_isNotImpersonation(String from) {
        EvaluationResult result = evaluate(mails("\"shop.example\"", "m-1," + from + ",false"));

        assertThat(violations(result, "3.4")).isEmpty();
        assertThat(violations(result, "1.A.1"))
                .extracting(Violation::ruleId)
                .containsExactly("1.A.1 false header information: From domain is not the sender's");
    }

    @ParameterizedTest(name = "aligned={0}")
    @ValueSource(strings = {"true", "unknown"})
    void foreignFromDomainThatIsAlignedOrUnknown_isNotImpersonation(String aligned) {
        assertThat(violations(mails("\"shop.example\"", "m-1,info@partner.example," + aligned), "3.4"))
                .isEmpty();
    }

    @Test
    void lookAlikeOfTheAccountsDomain_isNotItsOwn() {
        assertThat(violations(mails("\"shop.example\"", "m-1,help@shop.example.evil.example,false"), "3.4"))
                .extracting(Violation::ruleId)
                .containsExactly("3.4 mail forging another organisation's domain");
    }

    @Test
    void misalignedMailFromAnAccountWithNoDomainsOnRecord_isOnlySuspected() {
        List<Violation> found = violations(mails("", "m-1,security@bank.example,false"), "3.4");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity, Violation::certainty)
                .containsExactly(tuple(
                        "3.4 misaligned mail from an account with no domains on record",
                        Severity.MEDIUM,
                        Certainty.SUSPECTED));
    }
}
