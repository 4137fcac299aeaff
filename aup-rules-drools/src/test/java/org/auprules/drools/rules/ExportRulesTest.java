package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.auprules.drools.rules.DefaultPack.evaluate;
import static org.auprules.drools.rules.DefaultPack.violations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.Certainty;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.PolicyPack;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 1.C: exports to embargoed destinations, controlled items without a licence, logins from embargoed places. */
class ExportRulesTest {

    private static final String EMBARGOED = "1.C.1 export to an embargoed destination";
    private static final String UNLICENSED = "1.C.1 controlled item exported without a licence";

    /** One export by acc-1 and, optionally, permits on file (a JSON array body). */
    private static String export(String country, String eccn, String permits) {
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-pro", "country": "US"}],
                 "exports": [{"id": "x-1", "accountId": "acc-1", "destinationCountry": "%s",
                              "item": "crypto-lib.tar.gz", "eccn": "%s", "at": "2026-11-27T08:00:00Z"}],
                 "permits": [%s]}
                """.formatted(country, eccn, permits);
    }

    private static String licence(String covers, String validUntil) {
        return """
                {"accountId": "acc-1", "type": "EXPORT_LICENSE", "reference": "D123456", "covers": "%s",
                 "validUntil": "%s"}""".formatted(covers, validUntil);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CU", "IR", "KP", "SY", "XC", "XD", "XL"})
    void exportToEachEmbargoedPlace_isCritical_evenForEar99(String country) {
        List<Violation> found = violations(export(country, "EAR99", ""), "1.C.1");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity, Violation::certainty)
                .containsExactly(tuple(EMBARGOED, Severity.CRITICAL, Certainty.CONFIRMED));
        assertThat(found.get(0).message()).contains("`crypto-lib.tar.gz`", "`" + country + "`", "embargo");
        assertThat(found.get(0).evidence())
                .extracting(e -> e.type() + ":" + e.id())
                .containsExactly("export:x-1");
    }

    @Test
    void embargoedDestination_isOneCriticalViolation_evenWithAValidLicenceForTheItem() {
        List<Violation> found = violations(export("IR", "5D002", licence("5D002", "2027-12-31T00:00:00Z")), "1.C.1");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity)
                .containsExactly(tuple(EMBARGOED, Severity.CRITICAL));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({"EAR99, DE", "ear99, RU", "EAR99, US", "'', FR"})
    void uncontrolledItemToAnOrdinaryDestination_isFine(String eccn, String country) {
        assertThat(evaluate(export(country, eccn, "")).violations()).isEmpty();
    }

    @Test
    void controlledItemWithoutAnyLicence_violates1C1() {
        List<Violation> found = violations(export("DE", "5D002", ""), "1.C.1");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity, Violation::accountId)
                .containsExactly(tuple(UNLICENSED, Severity.HIGH, "acc-1"));
        assertThat(found.get(0).message()).contains("`5D002`", "`DE`", "no export licence is on file");
    }

    @Test
    void controlledItemWithAValidLicenceCoveringIt_isFine() {
        assertThat(evaluate(export("DE", "5D002", licence("5D002", "2027-01-01T00:00:00Z")))
                        .violations())
                .isEmpty();
    }

    @Test
    void licenceWithoutExpiry_isValid() {
        String permits = """
                {"accountId": "acc-1", "type": "EXPORT_LICENSE", "reference": "D9", "covers": "5D002"}""";
        assertThat(evaluate(export("DE", "5D002", permits)).violations()).isEmpty();
    }

    @ParameterizedTest(name = "licence valid until {0}: violation {1}")
    @CsvSource({"2026-11-28T11:59:59Z, true", "2026-11-28T12:00:00Z, true", "2026-11-28T12:00:01Z, false"})
    void licenceExpiryEdge_atTheMomentOfEvaluation(String validUntil, boolean violates) {
        List<Violation> found = violations(export("DE", "5D002", licence("5D002", validUntil)), "1.C.1");

        assertThat(found).hasSize(violates ? 1 : 0);
        if (violates) {
            assertThat(found.get(0).message()).contains("licence `D123456` covers `5D002` but expired " + validUntil);
        }
    }

    @Test
    void licenceForAnotherEccn_doesNotCoverTheItem() {
        List<Violation> found = violations(export("DE", "5D002", licence("5A002", "2027-01-01T00:00:00Z")), "1.C.1");

        assertThat(found).extracting(Violation::ruleId).containsExactly(UNLICENSED);
        assertThat(found.get(0).message()).contains("licence `D123456` covers `5A002`, not `5D002`");
    }

    @Test
    void controlledSubstancePermit_isNoExportLicence() {
        String permits = """
                {"accountId": "acc-1", "type": "CONTROLLED_SUBSTANCE", "reference": "DEA-1", "covers": "5D002"}""";
        assertThat(violations(export("DE", "5D002", permits), "1.C.1"))
                .extracting(Violation::ruleId)
                .containsExactly(UNLICENSED);
    }

    @Test
    void anotherAccountsLicence_doesNotCoverThisAccount() {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1"}, {"id": "acc-2"}],
                 "exports": [{"accountId": "acc-1", "destinationCountry": "DE", "item": "fw.bin", "eccn": "5D002"}],
                 "permits": [{"accountId": "acc-2", "type": "EXPORT_LICENSE", "reference": "D1", "covers": "5D002"}]}
                """;
        assertThat(evaluate(json).violations())
                .extracting(Violation::accountId, Violation::ruleId)
                .containsExactly(tuple("acc-1", UNLICENSED));
    }

    private static String logins(String... countries) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < countries.length; i++) {
            list.append(i == 0 ? "" : ",").append("""
                    {"id": "l-%d", "accountId": "acc-1", "country": "%s", "ip": "175.45.176.%d",
                     "at": "2026-11-2%dT10:00:00Z"}""".formatted(i + 1, countries[i], i + 1, i + 1));
        }
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "country": "US"}],
                 "logins": [%s]}
                """.formatted(list);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"CU", "IR", "KP", "SY", "XC", "XD", "XL"})
    void loginFromEachEmbargoedPlace_isSuspected1C2(String country) {
        List<Violation> found = violations(logins("US", country), "1.C.2");

        assertThat(found)
                .extracting(Violation::ruleId, Violation::severity, Violation::certainty)
                .containsExactly(tuple(
                        "1.C.2 use of the account from an embargoed place", Severity.MEDIUM, Certainty.SUSPECTED));
        assertThat(found.get(0).evidence()).extracting(e -> e.id()).containsExactly("l-2");
        assertThat(found.get(0).message()).contains("1 login(s)", "`" + country + "`", "`175.45.176.2`");
    }

    @Test
    void severalLoginsFromEmbargoedPlaces_areOneViolationCitingEach() {
        List<Violation> found = violations(logins("KP", "DE", "IR"), "1.C.2");

        assertThat(found).hasSize(1);
        assertThat(found.get(0).evidence()).extracting(e -> e.id()).containsExactly("l-1", "l-3");
        assertThat(found.get(0).message()).startsWith("2 login(s)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"US", "DE", "RU", "CN", "UA"})
    void loginsFromOtherPlaces_areFine(String country) {
        assertThat(evaluate(logins(country)).violations()).isEmpty();
    }

    @Test
    void loginAndExportWithoutACountry_proveNothing_andDoNotStopTheEvaluation() {
        EvaluationResult result = evaluate("""
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1"}, {"id": "acc-2", "country": "US"}],
                 "logins": [{"id": "l-1", "accountId": "acc-1", "ip": "192.0.2.1", "at": "2026-11-27T08:00:00Z"},
                            {"id": "l-2", "accountId": "acc-2", "country": "IR", "ip": "5.160.0.1", "at": "2026-11-27T08:00:00Z"}],
                 "exports": [{"id": "x-1", "accountId": "acc-1", "item": "crypto-lib.tar.gz", "eccn": "EAR99"}]}
                """);

        assertThat(result.violations())
                .extracting(Violation::accountId, Violation::clauseId)
                .containsExactly(tuple("acc-2", "1.C.2"));
    }

    @Test
    void embargo_answersAnUnknownCountryWithNo() {
        Embargo embargo = new Embargo(java.util.Set.of("ir", "KP"));

        assertThat(embargo.countries()).containsExactlyInAnyOrder("IR", "KP");
        assertThat(embargo.countries().contains(null)).isFalse();
        assertThat(embargo.countries().contains("DE")).isFalse();
    }

    @Test
    void embargoListIsTheSameAsThePacks() {
        assertThat(DefaultPack.EVALUATOR.compiledPolicy().embargo().countries())
                .containsExactlyInAnyOrder("CU", "IR", "KP", "SY", "XC", "XD", "XL");
    }

    @Test
    void embargoListIsData_anAnalystsEditChangesTheOutcome() {
        PolicyPack base = PolicyPack.defaultPack();
        Map<String, String> files = new LinkedHashMap<>();
        base.files().forEach((k, v) -> files.put(k, new String(v, java.nio.charset.StandardCharsets.UTF_8)));
        files.put(
                PolicyPack.POLICY_FILE,
                files.get(PolicyPack.POLICY_FILE)
                        .replaceFirst("\"embargoedCountries\"\\s*:\\s*\\[[^]]*]", "\"embargoedCountries\": [\"RU\"]"));
        DroolsAupEvaluator edited = DroolsAupEvaluator.builder()
                .policyPack(PolicyPack.ofFiles("edited", files))
                .build();

        EvaluationResult toRussia = edited.evaluate(FactsJson.read(export("RU", "EAR99", ""), null));
        EvaluationResult toIran = edited.evaluate(FactsJson.read(export("IR", "EAR99", ""), null));

        assertThat(toRussia.violations()).extracting(Violation::ruleId).containsExactly(EMBARGOED);
        assertThat(toIran.violations()).isEmpty();
    }
}
