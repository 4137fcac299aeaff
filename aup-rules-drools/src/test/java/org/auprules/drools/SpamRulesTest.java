package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.auprules.drools.TestPolicy.evaluate;
import static org.auprules.drools.TestPolicy.rulesCiting;

import java.time.Instant;
import java.util.StringJoiner;
import org.auprules.api.EvaluationResult;
import org.auprules.api.NoticeKind;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** 1.A CAN-SPAM: every trigger of the clauses, both sides, and the threshold edges of docs/contract.md. */
class SpamRulesTest {

    /** One account `acc-1` on a shared plan, with the given fact lists spliced in. */
    static String facts(String lists) {
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-1", "plan": "shared-pro", "domains": ["shop.example"], "ips": ["203.0.113.7"]}]
                 %s}
                """.formatted(lists.isBlank() ? "" : ", " + lists);
    }

    /** A message with every CAN-SPAM element in order, with {@code overrides} (JSON fields) replacing some. */
    static String email(String id, String overrides) {
        String base = """
                {"id": "%s", "accountId": "acc-1", "sentAt": "2026-11-27T10:00:00Z", "fromAddress": "news@shop.example",
                 "recipientCount": 1, "subject": "Winter sale", "commercial": true, "hasRemovalLink": true,
                 "hasPhysicalAddress": true, "spf": "pass", "dkim": "pass", "fromDomainAligned": true,
                 "deceptiveSubject": false}
                """.formatted(id);
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(base);
            node.setAll((com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree("{" + overrides + "}"));
            return mapper.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static EvaluationResult oneEmail(String overrides) {
        return evaluate(facts("\"emails\": [" + email("m-1", overrides) + "]"));
    }

    @Nested
    class OptOutMechanism {
        @Test
        void commercialEmailWithoutRemovalLinkOrHeader_violates1A1() {
            EvaluationResult r = oneEmail("\"hasRemovalLink\": false");
            assertThat(r.violations())
                    .extracting(Violation::ruleId, Violation::severity, Violation::accountId)
                    .containsExactly(
                            tuple("1.A.1 commercial email without an opt-out mechanism", Severity.MEDIUM, "acc-1"));
            assertThat(r.violations().get(0).evidence())
                    .extracting("type", "id")
                    .containsExactly(tuple("email", "m-1"));
        }

        @Test
        void listUnsubscribeHeaderAlone_isAnOptOut() {
            assertThat(oneEmail("\"hasRemovalLink\": false, \"listUnsubscribeHeader\": \"<mailto:u@shop.example>\"")
                            .violations())
                    .isEmpty();
        }

        @Test
        void nonCommercialEmailWithoutRemovalLink_isAllowed() {
            assertThat(oneEmail("\"hasRemovalLink\": false, \"commercial\": false")
                            .violations())
                    .isEmpty();
        }

        @Test
        void unknownRemovalLink_firesNothing() {
            String noLinkField = email("m-1", "").replace("\"hasRemovalLink\":true,", "");
            assertThat(noLinkField).doesNotContain("hasRemovalLink").doesNotContain("listUnsubscribeHeader");
            assertThat(evaluate(facts("\"emails\": [" + noLinkField + "]")).violations())
                    .isEmpty();
        }
    }

    @Test
    void commercialEmailWithoutPostalAddress_violates1A1() {
        assertThat(rulesCiting(oneEmail("\"hasPhysicalAddress\": false"), "1.A.1"))
                .containsExactly("1.A.1 commercial email without a physical postal address");
        assertThat(oneEmail("\"hasPhysicalAddress\": false, \"commercial\": false")
                        .violations())
                .isEmpty();
    }

    @Test
    void spfAndDkimBothFailing_isFalseHeaderInformation() {
        assertThat(rulesCiting(oneEmail("\"spf\": \"fail\", \"dkim\": \"fail\""), "1.A.1"))
                .containsExactly("1.A.1 false header information: sender authentication fails");
    }

    @ParameterizedTest
    @CsvSource({"fail,pass", "pass,fail", "softfail,fail", "none,none"})
    void onlyOneAuthenticationFailing_isNotFalseHeaderInformation(String spf, String dkim) {
        assertThat(oneEmail("\"spf\": \"" + spf + "\", \"dkim\": \"" + dkim + "\"")
                        .violations())
                .isEmpty();
    }

    @Test
    void fromDomainNotTheSenders_isFalseHeaderInformation() {
        assertThat(rulesCiting(oneEmail("\"fromDomainAligned\": false"), "1.A.1"))
                .containsExactly("1.A.1 false header information: From domain is not the sender's");
    }

    @Test
    void deceptiveSubject_violates1A1_andAnHonestOneDoesNot() {
        assertThat(rulesCiting(oneEmail("\"deceptiveSubject\": true"), "1.A.1"))
                .containsExactly("1.A.1 deceptive subject line");
        assertThat(oneEmail("\"deceptiveSubject\": false").violations()).isEmpty();
    }

    @Nested
    class OptOutDeadline {
        static String optOut(String requestedAt, String lastMailedAt) {
            return facts("""
                    "optOutRequests": [{"accountId": "acc-1", "recipient": "bob@example.org",
                      "requestedAt": "%s", "lastMailedAt": "%s"}]""".formatted(requestedAt, lastMailedAt));
        }

        /** 10 business days from Monday 2 November 2026 end on Monday 16 November; from Friday 6 November, on Friday 20. */
        @ParameterizedTest
        @CsvSource({
            "2026-11-02T10:00:00Z, 2026-11-16T23:59:59Z, false",
            "2026-11-02T10:00:00Z, 2026-11-17T00:00:00Z, true",
            "2026-11-06T16:00:00Z, 2026-11-20T12:00:00Z, false",
            "2026-11-06T16:00:00Z, 2026-11-21T09:00:00Z, true",
            "2026-11-06T16:00:00Z, 2026-11-23T09:00:00Z, true",
            "2026-11-02T10:00:00Z, 2026-11-02T09:00:00Z, false"
        })
        void optOutHonouredOnTheLastBusinessDay_isAllowed_andADayLateViolates(
                String requested, String mailed, boolean violates) {
            EvaluationResult r = evaluate(optOut(requested, mailed));
            if (violates) {
                assertThat(rulesCiting(r, "1.A.1")).containsExactly("1.A.1 opt-out not honoured in time");
                assertThat(r.violations().get(0).evidence())
                        .extracting("type", "id")
                        .containsExactly(tuple("optOutRequest", "optOutRequests[0]"));
            } else {
                assertThat(r.violations()).isEmpty();
            }
        }

        @Test
        void planThresholdIsReadFromThePack() {
            assertThat(TestPolicy.DEFAULT
                            .compiledPolicy()
                            .thresholdsFor("shared-pro")
                            .optOutBusinessDays())
                    .isEqualTo(10);
        }
    }

    @Test
    void mailToAHarvestedList_violates1A1_butHoldingTheListAloneDoesNot() {
        String list = """
                "mailingLists": [{"id": "list-h", "accountId": "acc-1", "source": "HARVESTED", "subscriberCount": 10,
                  "withOptInIp": 0, "withConfirmation": 0, "withContactInfo": 0}]""";
        assertThat(rulesCiting(
                        evaluate(facts(list + ", \"emails\": [" + email("m-1", "\"listId\": \"list-h\"") + "]")),
                        "1.A.1"))
                .containsExactly("1.A.1 mail to harvested addresses");
        assertThat(evaluate(facts(list)).violations()).isEmpty();
    }

    @Nested
    class BulkEmail {
        static final String DOUBLE_OPT_IN = """
                "mailingLists": [{"id": "list-1", "accountId": "acc-1", "source": "DOUBLE_OPT_IN", "subscriberCount": 5000,
                  "withOptInIp": 5000, "withConfirmation": 5000, "withContactInfo": 5000}]""";
        static final String SINGLE_OPT_IN = DOUBLE_OPT_IN.replace("DOUBLE_OPT_IN", "SINGLE_OPT_IN");

        static EvaluationResult toList(String list, int recipients, String overrides) {
            return evaluate(facts(list + ", \"emails\": ["
                    + email(
                            "m-1",
                            "\"listId\": \"list-1\", \"recipientCount\": " + recipients
                                    + (overrides.isBlank() ? "" : ", " + overrides))
                    + "]"));
        }

        @ParameterizedTest
        @CsvSource({"99, false", "100, true", "2500, true"})
        void recipientsPerMessage_edge(int recipients, boolean bulk) {
            EvaluationResult r = toList(SINGLE_OPT_IN, recipients, "");
            assertThat(r.firedRules().contains("1.A derive bulk email by recipients per message"))
                    .isEqualTo(bulk);
            assertThat(rulesCiting(r, "1.A.2"))
                    .isEqualTo(
                            bulk
                                    ? java.util.List.of("1.A.2 bulk email to a list that is not double opt-in")
                                    : java.util.List.of());
        }

        @Test
        void bulkToACompleteDoubleOptInListWithRemovalLink_isAllowed() {
            EvaluationResult r = toList(DOUBLE_OPT_IN, 5000, "");
            assertThat(r.firedRules()).contains("1.A derive bulk email by recipients per message");
            assertThat(r.violations()).isEmpty();
        }

        @Test
        void bulkToNoList_violates1A2_and1A5() {
            EvaluationResult r = evaluate(facts("\"emails\": [" + email("m-1", "\"recipientCount\": 300") + "]"));
            assertThat(r.violations())
                    .extracting(Violation::clauseId, Violation::ruleId)
                    .containsExactly(
                            tuple("1.A.2", "1.A.2 bulk email sent to no mailing list"),
                            tuple("1.A.5", "1.A.5 emailing in bulk against 1.A.2"));
        }

        @Test
        void bulkToAListMissingOptInRecords_violates1A2() {
            String gaps = DOUBLE_OPT_IN.replace("\"withOptInIp\": 5000", "\"withOptInIp\": 4999");
            assertThat(rulesCiting(toList(gaps, 200, ""), "1.A.2"))
                    .containsExactly("1.A.2 bulk email to a list with incomplete consent records");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"withConfirmation\": 5000", "\"withContactInfo\": 5000"})
        void bulkToAListMissingConfirmationsOrContacts_violates1A2(String field) {
            String gaps = DOUBLE_OPT_IN.replace(field, field.replace("5000", "0"));
            assertThat(rulesCiting(toList(gaps, 200, ""), "1.A.2"))
                    .containsExactly("1.A.2 bulk email to a list with incomplete consent records");
        }

        @Test
        void bulkWithoutRemovalLink_violates1A2_evenToACompleteList() {
            EvaluationResult r = toList(
                    DOUBLE_OPT_IN,
                    200,
                    "\"hasRemovalLink\": false, \"listUnsubscribeHeader\": \"<mailto:u@shop.example>\"");
            assertThat(rulesCiting(r, "1.A.2")).containsExactly("1.A.2 bulk email without a removal link");
            assertThat(rulesCiting(r, "1.A.1")).isEmpty();
        }

        /** Messages one recipient each, {@code spacing} seconds apart, to no list. */
        static EvaluationResult messages(int count, int spacingSeconds) {
            StringJoiner emails = new StringJoiner(",", "\"emails\": [", "]");
            Instant start = Instant.parse("2026-11-27T08:00:00Z");
            for (int i = 0; i < count; i++) {
                emails.add(email("m-" + i, "\"sentAt\": \"" + start.plusSeconds((long) i * spacingSeconds) + "\""));
            }
            return evaluate(facts(emails.toString()));
        }

        @ParameterizedTest
        @CsvSource({"499, 7, false", "500, 7, true", "500, 8, false"})
        void messagesPerHour_edge(int count, int spacing, boolean bulk) {
            EvaluationResult r = messages(count, spacing);
            assertThat(r.firedRules().contains("1.A derive bulk email by messages per hour"))
                    .isEqualTo(bulk);
            assertThat(rulesCiting(r, "1.A.2"))
                    .isEqualTo(
                            bulk ? java.util.List.of("1.A.2 bulk email sent to no mailing list") : java.util.List.of());
            if (bulk) {
                assertThat(r.violations().get(0).evidence()).hasSize(count);
            }
        }

        /** Comparing every message with every other took 9 s and 1.9 GB for this, and ran out of 512 MB. */
        @Test
        @Timeout(30)
        void fourThousandMessagesInOneSecond_areBulkWithoutComparingEveryPair() {
            EvaluationResult r = messages(4000, 0);
            assertThat(rulesCiting(r, "1.A.2")).containsExactly("1.A.2 bulk email sent to no mailing list");
            assertThat(r.violations().get(0).evidence()).hasSize(4000);
        }
    }

    @Nested
    class Blacklisting {
        static EvaluationResult listing(String scope, String accountId) {
            return evaluate(
                    facts("""
                    "blacklistListings": [{%s"ip": "203.0.113.7", "list": "zen.spamhaus.org",
                      "listedAt": "2026-11-27T00:00:00Z", "ipScope": "%s"}]""".formatted(accountId == null ? "" : "\"accountId\": \"" + accountId + "\", ", scope)));
        }

        @ParameterizedTest
        @CsvSource({"DEDICATED, MEDIUM", "SHARED, HIGH", "COMPANY, CRITICAL"})
        void listingIsMoreSevereOnSharedAndCompanyAddresses(String scope, Severity severity) {
            assertThat(listing(scope, "acc-1").violations())
                    .extracting(Violation::clauseId, Violation::severity)
                    .containsExactly(tuple("1.A.3", severity));
        }

        @Test
        void listingWithoutAccount_isAttributedByTheAccountsIps() {
            assertThat(listing("DEDICATED", null).violations())
                    .extracting(Violation::accountId)
                    .containsExactly("acc-1");
        }

        @Test
        void listingOfAnAddressNoAccountOwns_becomesANotice() {
            EvaluationResult r = evaluate(facts("""
                    "blacklistListings": [{"ip": "192.0.2.99", "list": "bl.spamcop.net"}]"""));
            assertThat(r.violations()).isEmpty();
            assertThat(r.notices())
                    .extracting("kind", "reportId")
                    .containsExactly(tuple(NoticeKind.UNATTRIBUTABLE_REPORT, "blacklistListings[0]"));
        }
    }

    @Nested
    class Complaints {
        static String complaint(String id, String receivedAt, boolean verified) {
            return """
                    {"id": "%s", "accountId": "acc-1", "type": "SPAM", "receivedAt": "%s",
                     "reporter": "fbl@mailbox.example", "verified": %s}""".formatted(id, receivedAt, verified);
        }

        static EvaluationResult complaints(String... reports) {
            return evaluate(facts("\"reports\": [" + String.join(",", reports) + "]"));
        }

        @Test
        void twoVerifiedComplaints_isNotYetSpam() {
            assertThat(complaints(
                                    complaint("r1", "2026-11-20T00:00:00Z", true),
                                    complaint("r2", "2026-11-21T00:00:00Z", true))
                            .violations())
                    .isEmpty();
        }

        @Test
        void threeVerifiedComplaints_violates1A5() {
            EvaluationResult r = complaints(
                    complaint("r1", "2026-11-20T00:00:00Z", true),
                    complaint("r2", "2026-11-21T00:00:00Z", true),
                    complaint("r3", "2026-11-22T00:00:00Z", true));
            assertThat(r.violations())
                    .extracting(Violation::ruleId)
                    .containsExactly("1.A.5 unsolicited email: verified complaints");
            assertThat(r.violations().get(0).evidence()).extracting("id").containsExactly("r1", "r2", "r3");
        }

        @Test
        void unverifiedComplaints_doNotCount() {
            assertThat(complaints(
                                    complaint("r1", "2026-11-20T00:00:00Z", true),
                                    complaint("r2", "2026-11-21T00:00:00Z", true),
                                    complaint("r3", "2026-11-22T00:00:00Z", false))
                            .violations())
                    .isEmpty();
        }

        /** The window is the 30 days before evaluation, 2026-10-29T12:00:00Z included. */
        @ParameterizedTest
        @CsvSource({"2026-10-29T12:00:00Z, true", "2026-10-29T11:59:59Z, false"})
        void complaintJustInsideOrOutsideTheWindow(String third, boolean violates) {
            EvaluationResult r = complaints(
                    complaint("r1", third, true),
                    complaint("r2", "2026-11-21T00:00:00Z", true),
                    complaint("r3", "2026-11-22T00:00:00Z", true));
            assertThat(r.violations()).hasSize(violates ? 1 : 0);
        }

        @Test
        void complaintsAfterTheEvaluationTime_doNotCount() {
            assertThat(complaints(
                                    complaint("r1", "2026-11-20T00:00:00Z", true),
                                    complaint("r2", "2026-11-21T00:00:00Z", true),
                                    complaint("r3", "2026-11-29T00:00:00Z", true))
                            .violations())
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource({"PURCHASED, true", "RENTED, true", "DOUBLE_OPT_IN, false", "IMPORTED, false"})
    void purchasedOrRentedList_violates1A5(String source, boolean violates) {
        EvaluationResult r = evaluate(facts("""
                "mailingLists": [{"id": "list-1", "accountId": "acc-1", "source": "%s", "subscriberCount": 10,
                  "withOptInIp": 10, "withConfirmation": 10, "withContactInfo": 10}]""".formatted(source)));
        assertThat(rulesCiting(r, "1.A.5"))
                .isEqualTo(
                        violates ? java.util.List.of("1.A.5 purchased or rented mailing list") : java.util.List.of());
    }

    @Test
    void siteSellingEmailLists_violates1A5_andAShopDoesNot() {
        String sites = """
                "websites": [{"id": "w-1", "accountId": "acc-1", "domain": "leads.example", "categories": ["EMAIL_LIST_SALE"]},
                             {"id": "w-2", "accountId": "acc-1", "domain": "shop.example", "categories": []}]""";
        EvaluationResult r = evaluate(facts(sites));
        assertThat(r.violations()).extracting(Violation::ruleId).containsExactly("1.A.5 site that sells email lists");
        assertThat(r.violations().get(0).evidence()).extracting("id").containsExactly("w-1");
    }

    @Test
    void spamViolationsCarryTheActionsOf1A4And1A5AndP1() {
        Violation v = oneEmail("\"deceptiveSubject\": true").violations().get(0);
        assertThat(v.actions())
                .extracting(a -> a.modality() + " " + a.action() + " " + a.authority())
                .contains(
                        "MAY REPORT_TO_FTC 1.A.4",
                        "MAY DISABLE_COMPONENT 1.A.4",
                        "MAY REQUIRE_CHANGES 1.A.4",
                        "MAY CHARGE_CLEANUP_FEE 1.A.4",
                        "MAY CHARGE_BLACKLIST_REMOVAL 1.A.4",
                        "MAY TERMINATE_ACCOUNT 1.A.5",
                        "MAY TERMINATE_ACCOUNT P.1");
        assertThat(v.category()).hasToString("SPAM");
        assertThat(v.clause().text())
                .isEqualTo(
                        "You are strictly prohibited from performing any act that is made illegal by the CAN-SPAM Act.");
    }
}
