package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.auprules.drools.OneAccount.clauses;
import static org.auprules.drools.OneAccount.ruleIds;
import static org.auprules.drools.OneAccount.violations;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.auprules.api.Certainty;
import org.auprules.api.Evidence;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.facts.ContentCategory;
import org.auprules.drools.rules.CategoryRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The default pack's contentCategories: the classifier's categories of sites and files cite their clauses. */
class ContentCategoryRulesTest {

    private static List<Violation> site(String... categories) {
        return violations("""
                "websites": [{"id": "w-1", "accountId": "acc-1", "domain": "shop.example", "categories": [%s]}]
                """.formatted(quoted(categories)));
    }

    private static List<Violation> file(String... categories) {
        return violations("""
                "files": [{"id": "f-1", "accountId": "acc-1", "path": "/home/acc1/public_html/index.html",
                           "sizeBytes": 2048, "mimeType": "text/html", "categories": [%s]}]
                """.formatted(quoted(categories)));
    }

    private static String quoted(String... categories) {
        return Arrays.stream(categories).map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
    }

    @ParameterizedTest(name = "{0} → {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ILLEGAL | 2.1 |",
                "ILLEGAL_DRUGS | 2.2 |",
                "WEAPONS | 2.2 |",
                "CONTRABAND | 2.2 |",
                "CSAM | 2.2 |",
                "HACKING | 2.17 |",
                "MALWARE | 2.4 |",
                "BOTNET | 2.4 |",
                "SCRAPING | 2.5 |",
                "GAMBLING | 2.6 |",
                "LOTTERY | 2.6 |",
                "FOREX | 2.7 |",
                "INVESTMENT_SCHEME | 2.7 |",
                "PONZI | 2.7 |",
                "PAYDAY_LOAN | 2.8 |",
                "PHISHING | 2.9 | 3.4",
                "FRAUD | 2.9 |",
                "AD_ROTATION | 2.10 |",
                "PIRATED_CONTENT | 2.3 2.11 |",
                "SMS_GATEWAY | 2.13 |",
                "CONTROLLED_SUBSTANCE_SALE | 2.18 |",
                "FILE_HOSTING | 2.19 |",
                "IMPERSONATION | 3.4 |"
            })
    void categoryOfASiteAndOfAFile_citesItsClauses(String category, String expected, String siteAlso) {
        List<Violation> bySite = site(category);
        List<Violation> byFile = file(category);

        // a phishing site is also impersonation by the hand-written 3.4 rule, a phishing file is not
        assertThat(clauses(bySite)).containsExactly((expected + (siteAlso == null ? "" : " " + siteAlso)).split(" "));
        assertThat(clauses(byFile)).containsExactly(expected.split(" "));
        assertThat(bySite).allSatisfy(v -> assertThat(v.evidence()).containsExactly(new Evidence("website", "w-1")));
        assertThat(byFile).allSatisfy(v -> assertThat(v.evidence()).containsExactly(new Evidence("file", "f-1")));
    }

    @ParameterizedTest(name = "{0} is classifier output: SUSPECTED")
    @ValueSource(
            strings = {
                "ILLEGAL",
                "WEAPONS",
                "HACKING",
                "MALWARE",
                "GAMBLING",
                "FOREX",
                "PHISHING",
                "AD_ROTATION",
                "PIRATED_CONTENT",
                "FILE_HOSTING",
                "IMPERSONATION"
            })
    void classifierCategory_isSuspected(String category) {
        assertThat(site(category)).isNotEmpty().allSatisfy(v -> assertThat(v.certainty())
                .isEqualTo(Certainty.SUSPECTED));
    }

    @Test
    void csam_isCritical2_2() {
        assertThat(site("CSAM"))
                .extracting(Violation::ruleId, Violation::severity, Violation::certainty)
                .containsExactly(tuple("2.2 child sexual abuse material", Severity.CRITICAL, Certainty.CONFIRMED));
    }

    @Test
    void siteWithoutCategories_isAllowed() {
        assertThat(site()).isEmpty();
        assertThat(file()).isEmpty();
    }

    @Test
    void emailListSale_isLeftToTheSpamRulesAndCitedOnce() {
        assertThat(ruleIds(site("EMAIL_LIST_SALE"))).containsExactly("1.A.5 site that sells email lists");
        assertThat(file("EMAIL_LIST_SALE")).isEmpty();
    }

    @Test
    void twoCategoriesOfOneClauseAndDescription_giveOneViolation() {
        assertThat(ruleIds(site("GAMBLING", "LOTTERY"))).containsExactly("2.6 gambling or lottery content");
        assertThat(ruleIds(site("FOREX", "PONZI", "INVESTMENT_SCHEME")))
                .containsExactly("2.7 investment scheme content");
    }

    @Test
    void rowsThatAgree_letTheGravestSpeak() {
        Violation v = site("FOREX", "PONZI").get(0);

        assertThat(v.severity()).isEqualTo(Severity.HIGH);
        assertThat(v.message()).contains("`PONZI`");
    }

    @Test
    void message_namesTheSiteAndTheCategory() {
        assertThat(site("GAMBLING").get(0).message())
                .isEqualTo("site `shop.example` is classified `GAMBLING` (gambling or lottery content)");
        assertThat(file("HACKING").get(0).message())
                .isEqualTo("file `/home/acc1/public_html/index.html` is classified `HACKING` (hacking content)");
    }

    private static List<Violation> pharmacyWithPermit(String permit) {
        return violations("""
                "websites": [{"id": "w-1", "accountId": "acc-1", "domain": "pharmacy.example",
                              "categories": ["CONTROLLED_SUBSTANCE_SALE"]}],
                "permits": [%s]
                """.formatted(permit));
    }

    @Test
    void controlledSubstanceSaleWithoutPermit_violates2_18() {
        assertThat(pharmacyWithPermit(""))
                .extracting(Violation::ruleId, Violation::message)
                .containsExactly(
                        tuple(
                                "2.18 sale of controlled substances",
                                "site `pharmacy.example` is classified `CONTROLLED_SUBSTANCE_SALE` "
                                        + "(sale of controlled substances), and no valid `CONTROLLED_SUBSTANCE` permit is on file"));
    }

    @Test
    void validControlledSubstancePermit_lifts2_18() {
        assertThat(pharmacyWithPermit("""
                {"accountId": "acc-1", "type": "CONTROLLED_SUBSTANCE", "reference": "DEA-RX-1", "validUntil": "2027-06-30T00:00:00Z"}
                """)).isEmpty();
    }

    @Test
    void controlledSubstancePermitWithoutExpiry_lifts2_18() {
        assertThat(pharmacyWithPermit("""
                {"accountId": "acc-1", "type": "CONTROLLED_SUBSTANCE", "reference": "DEA-RX-1"}
                """)).isEmpty();
    }

    @ParameterizedTest(name = "permit valid until {0}")
    @ValueSource(strings = {"2026-11-27T12:00:00Z", "2026-11-28T12:00:00Z"})
    void permitExpiredBeforeOrAtEvaluation_doesNotLift2_18(String validUntil) {
        assertThat(clauses(pharmacyWithPermit("""
                {"accountId": "acc-1", "type": "CONTROLLED_SUBSTANCE", "reference": "DEA-RX-1", "validUntil": "%s"}
                """.formatted(validUntil)))).containsExactly("2.18");
    }

    @Test
    void permitValidOneSecondAfterEvaluation_stillLifts2_18() {
        assertThat(pharmacyWithPermit("""
                {"accountId": "acc-1", "type": "CONTROLLED_SUBSTANCE", "reference": "DEA-RX-1", "validUntil": "2026-11-28T12:00:01Z"}
                """)).isEmpty();
    }

    @Test
    void permitOfAnotherType_doesNotLift2_18() {
        assertThat(clauses(pharmacyWithPermit("""
                {"accountId": "acc-1", "type": "EXPORT_LICENSE", "reference": "D123456", "covers": "5D002"}
                """))).containsExactly("2.18");
    }

    @Test
    void controlledSubstancePermit_liftsNothingElse() {
        List<Violation> found = violations("""
                "websites": [{"id": "w-1", "accountId": "acc-1", "domain": "pharmacy.example",
                              "categories": ["CONTROLLED_SUBSTANCE_SALE", "ILLEGAL_DRUGS"]}],
                "permits": [{"accountId": "acc-1", "type": "CONTROLLED_SUBSTANCE", "reference": "DEA-RX-1"}]
                """);
        assertThat(clauses(found)).containsExactly("2.2");
    }

    @Test
    void theShippedTable_mapsEveryCategoryButEmailListSale() {
        Set<ContentCategory> mapped = OneAccount.EVALUATOR.compiledPolicy().contentTable().rows().stream()
                .map(CategoryRow::category)
                .collect(Collectors.toSet());

        assertThat(mapped)
                .containsExactlyInAnyOrder(Arrays.stream(ContentCategory.values())
                        .filter(c -> c != ContentCategory.EMAIL_LIST_SALE)
                        .toArray(ContentCategory[]::new));
    }
}
