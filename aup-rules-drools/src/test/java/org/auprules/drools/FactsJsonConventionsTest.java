package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidInputException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.Notice;
import org.auprules.api.NoticeKind;
import org.auprules.api.facts.ContentCategory;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.ListSource;
import org.auprules.api.facts.ReportType;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.auprules.testing.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON other tools write is read as they mean it (null as absent, any case, {@code 3000.0},
 * offsets, a byte-order mark), and what cannot be read is an input error in the input's terms,
 * never a silent "no violation".
 */
class FactsJsonConventionsTest {

    static FactSet read(String json) {
        return FactsJson.read(json, "in.json");
    }

    @Test
    void nullForAnOptionalField_isTheFieldLeftOut() {
        FactSet withNulls = read("""
                {"evaluatedAt": null,
                 "accounts": [{"id": "acc-1", "plan": null, "country": null, "ips": null, "domains": null}],
                 "emails": [{"id": "m-1", "accountId": "acc-1", "subject": null, "commercial": null,
                             "recipientCount": null, "sentAt": null}],
                 "reports": [{"id": "r-1", "accountId": "acc-1", "type": "SPAM", "dmca": null, "details": {"a": null}}],
                 "processes": null}
                """);
        FactSet without = read("""
                {"accounts": [{"id": "acc-1"}],
                 "emails": [{"id": "m-1", "accountId": "acc-1"}],
                 "reports": [{"id": "r-1", "accountId": "acc-1", "type": "SPAM", "details": {}}]}
                """);
        assertThat(withNulls).isEqualTo(without);
        assertThat(withNulls.emails().get(0).commercial()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"accounts\": [{\"id\": null}]}|$.accounts[0]: missing required field `id` (line 1)",
                "{\"accounts\": [{\"id\": \"a\"}], \"websites\": [{\"id\": null, \"accountId\": \"a\"}]}|$.websites[0]: missing required field `id` (line 1)",
                "{\"accounts\": [{\"id\": \"a\"}], \"processes\": [{\"id\": \"p\", \"accountId\": null}]}|$.processes[0].accountId: missing required field `accountId` (line 1)",
                "{\"accounts\": [{\"id\": \"a\", \"ips\": [null]}]}|$.accounts[0].ips[0]: null is not allowed as an element of a list; leave the element out (line 1)",
                "{\"accounts\": [null]}|$.accounts[0]: null is not allowed as an element of a list; leave the element out (line 1)",
                "{\"accounts\": [{\"id\": \"a\"}], \"reports\": [{\"id\": \"r\", \"accountId\": \"a\", \"type\": null}]}|$.reports[0]: missing required field `type`; expected one of SPAM, DMCA, PHISHING, MALWARE, BOTNET, DDOS, SCRAPING, SCANNING, BRUTE_FORCE, HACKING, FRAUD, IMPERSONATION, ILLEGAL_CONTENT, CSAM, LAW_ENFORCEMENT, DISRUPTION, VULNERABILITY, OTHER (line 1)"
            })
    void nullForARequiredField_orInAList_isAnInputError(String json, String message) {
        assertThat(FactsJsonTest.invalid(json).getMessage()).isEqualTo(message);
    }

    @Test
    void enumValues_areReadInAnyCase() {
        FactSet facts = read("""
                {"accounts": [{"id": "a"}],
                 "mailingLists": [{"id": "l", "accountId": "a", "source": "purchased"}],
                 "websites": [{"id": "w", "accountId": "a", "categories": ["Phishing", "pirated_content"]}],
                 "reports": [{"id": "r", "accountId": "a", "type": "spam"}]}
                """);
        assertThat(facts.mailingLists().get(0).source()).isEqualTo(ListSource.PURCHASED);
        assertThat(facts.websites().get(0).categories())
                .containsExactly(ContentCategory.PHISHING, ContentCategory.PIRATED_CONTENT);
        assertThat(facts.reports().get(0).type()).isEqualTo(ReportType.SPAM);
    }

    @Test
    void anEnumValueOfNoCase_isStillAnInputError() {
        assertThat(FactsJsonTest.invalid("""
                        {"accounts": [{"id": "a"}],
                         "mailingLists": [{"id": "l", "accountId": "a", "source": "bought"}]}
                        """).getMessage())
                .isEqualTo("$.mailingLists[0].source: unknown value `bought`; expected one of DOUBLE_OPT_IN, "
                        + "SINGLE_OPT_IN, IMPORTED, PURCHASED, RENTED, HARVESTED, UNKNOWN (line 2)");
    }

    @Test
    void aLowerCaseCountry_isNormalised_andTheEmbargoApplies() {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "a", "plan": "shared-pro", "country": "de"}],
                 "exports": [{"accountId": "a", "destinationCountry": "%s", "item": "firmware", "eccn": "EAR99"}],
                 "logins": [{"accountId": "a", "country": " kp ", "ip": "198.51.100.9"}]}
                """;
        FactSet facts = read(json.formatted("ir"));
        assertThat(facts.accounts().get(0).country()).isEqualTo("DE");
        assertThat(facts.exports().get(0).destinationCountry()).isEqualTo("IR");
        assertThat(facts.logins().get(0).country()).isEqualTo("KP");
        assertThat(TestPolicy.rulesCiting(TestPolicy.DEFAULT.evaluate(facts), "1.C.1"))
                .containsExactly("1.C.1 export to an embargoed destination");
        assertThat(TestPolicy.rulesCiting(TestPolicy.DEFAULT.evaluate(read(json.formatted("fr"))), "1.C.1"))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Iran|`IRAN` is not a country code: expected an ISO 3166-1 alpha-2 code such as `IR`, or `XC`, `XD`, `XL`",
                "irn|`IRN` is not a country code: expected an ISO 3166-1 alpha-2 code such as `IR`, or `XC`, `XD`, `XL`; `IRN` is alpha-3: write `IR`",
                "QQ|`QQ` is not a country code: expected an ISO 3166-1 alpha-2 code such as `IR`, or `XC`, `XD`, `XL`; `QQ` is not assigned"
            })
    void aCountryThatIsNoCode_isAnInputError_notASilentPass(String country, String problem) {
        assertThat(FactsJsonTest.invalid("""
                        {"accounts": [{"id": "a"}],
                         "exports": [{"accountId": "a", "destinationCountry": "%s"}]}
                        """.formatted(country)).getMessage())
                .isEqualTo("$.exports[0].destinationCountry: " + problem + " (line 2)");
    }

    @Test
    void authenticationResults_areReadInAnyCase_andAnUnknownOneIsAnInputError() {
        FactSet facts = read("""
                {"accounts": [{"id": "a"}],
                 "emails": [{"id": "m", "accountId": "a", "spf": "FAIL", "dkim": "Fail"}]}
                """);
        assertThat(facts.emails().get(0).spf()).isEqualTo("fail");
        assertThat(facts.emails().get(0).dkim()).isEqualTo("fail");
        assertThat(TestPolicy.rulesCiting(TestPolicy.DEFAULT.evaluate(facts), "1.A.1"))
                .contains("1.A.1 false header information: sender authentication fails");
        assertThat(FactsJsonTest.invalid("""
                        {"accounts": [{"id": "a"}],
                         "emails": [{"id": "m", "accountId": "a", "spf": "failed"}]}
                        """).getMessage())
                .isEqualTo("$.emails[0].spf: unknown SPF result `failed`; expected one of pass, fail, softfail, "
                        + "neutral, none, temperror, permerror (did you mean `fail`?) (line 2)");
    }

    @Test
    void aSendingAddressThatIsNoAddress_isAnInputError() {
        assertThat(FactsJsonTest.invalid("""
                        {"accounts": [{"id": "a"}],
                         "emails": [{"id": "m", "accountId": "a", "sendingIp": "mail.example"}]}
                        """).getMessage())
                .isEqualTo("$.emails[0].sendingIp: `mail.example` is not an IP address: write one address, "
                        + "e.g. `203.0.113.7` or `2001:db8::7` (line 2)");
    }

    @Test
    void aWholeNumberWrittenWithAFraction_isThatNumber() {
        FactSet facts = read("""
                {"accounts": [{"id": "a"}],
                 "emails": [{"id": "m", "accountId": "a", "recipientCount": 3000.0}],
                 "files": [{"id": "f", "accountId": "a", "sizeBytes": 3.0e9}],
                 "processes": [{"id": "p", "accountId": "a", "pid": 42.0, "cpuPercent": 95.5, "listeningPorts": [6667.0]}]}
                """);
        assertThat(facts.emails().get(0).recipientCount()).isEqualTo(3000);
        assertThat(facts.files().get(0).sizeBytes()).isEqualTo(3_000_000_000L);
        assertThat(facts.processes().get(0).pid()).isEqualTo(42);
        assertThat(facts.processes().get(0).cpuPercent()).isEqualTo(95.5);
        assertThat(facts.processes().get(0).listeningPorts()).containsExactly(6667);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"recipientCount\": 3000.5|$.emails[0].recipientCount: expected a whole number, got `3000.5` (line 2)",
                "\"recipientCount\": 2147483648.0|$.emails[0].recipientCount: number `2147483648` out of range: expected a whole number from -2147483648 to 2147483647 (line 2)"
            })
    void aFractionForAnIntegerField_isAnInputError(String field, String message) {
        assertThat(FactsJsonTest.invalid("""
                        {"accounts": [{"id": "a"}],
                         "emails": [{"id": "m", "accountId": "a", %s}]}
                        """.formatted(field)).getMessage()).isEqualTo(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2026-11-28T14:00:00+02:00, 2026-11-28T12:00:00Z",
        "2026-11-28T07:00:00-05:00, 2026-11-28T12:00:00Z",
        "2026-11-28T12:00:00.5Z, 2026-11-28T12:00:00.500Z",
        "2026-11-28T14:00:00.123456789+02:00, 2026-11-28T12:00:00.123456789Z",
        "2026-11-28t12:00:00z, 2026-11-28T12:00:00Z"
    })
    void instantsWithOffsetsAndFractions_areRead(String written, String meant) {
        FactSet facts = read("{\"evaluatedAt\": \"" + written + "\", \"accounts\": []}");
        assertThat(facts.evaluatedAt()).isEqualTo(Instant.parse(meant));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "1764331200000|$.emails[0].sentAt: expected an ISO-8601 instant such as `2026-11-28T12:00:00Z` or `2026-11-28T14:00:00+02:00`, got the number `1764331200000`: a number is not read as an instant, since epoch seconds and epoch milliseconds cannot be told apart (line 2)",
                "1764331200.5|$.emails[0].sentAt: expected an ISO-8601 instant such as `2026-11-28T12:00:00Z` or `2026-11-28T14:00:00+02:00`, got the number `1764331200.5`: a number is not read as an instant, since epoch seconds and epoch milliseconds cannot be told apart (line 2)",
                "\"1764331200\"|$.emails[0].sentAt: expected an ISO-8601 instant such as `2026-11-28T12:00:00Z` or `2026-11-28T14:00:00+02:00`, got `\"1764331200\"`: a number is not read as an instant, since epoch seconds and epoch milliseconds cannot be told apart (line 2)",
                "\"2026-11-28T12:00:00\"|$.emails[0].sentAt: expected an ISO-8601 instant such as `2026-11-28T12:00:00Z` or `2026-11-28T14:00:00+02:00`, got `\"2026-11-28T12:00:00\"`: it has no offset; add `Z` for UTC, or the offset it was written in, such as `+02:00` (line 2)",
                "\"yesterday\"|$.emails[0].sentAt: expected an ISO-8601 instant such as `2026-11-28T12:00:00Z` or `2026-11-28T14:00:00+02:00`, got `\"yesterday\"` (line 2)",
                "true|$.emails[0].sentAt: expected an ISO-8601 instant such as `2026-11-28T12:00:00Z`, got `true` (line 2)"
            })
    void anInstantThatIsNotISO8601Text_isAnInputError(String value, String message) {
        assertThat(FactsJsonTest.invalid("""
                        {"accounts": [{"id": "a"}],
                         "emails": [{"id": "m", "accountId": "a", "sentAt": %s}]}
                        """.formatted(value)).getMessage()).isEqualTo(message);
    }

    @Test
    void aByteOrderMark_isSkipped_andLinesStillCount() {
        assertThat(read("\uFEFF{\"accounts\": [{\"id\": \"a\"}]}").accounts()).hasSize(1);
        assertThat(FactsJsonTest.invalid("\uFEFF{\"accounts\": [{\"id\": \"a\"}],\n \"emails\": [{\"id\": \"m\"}]}")
                        .getMessage())
                .isEqualTo("$.emails[0].accountId: missing required field `accountId` (line 2)");
    }

    @Test
    void aByteOrderMark_atTheStartOfAScenarioFile_isSkipped() {
        var scenarios = ScenarioReader.read("""
                \uFEFF{"description": "a clean account", "facts": {"accounts": [{"id": "a", "plan": "shared-pro"}]},
                 "expect": {"exactly": true}}
                """, "bom.json");
        assertThat(scenarios).hasSize(1);
        assertThat(scenarios.get(0).description()).isEqualTo("a clean account");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"accounts\": NaN}|malformed JSON: `NaN` is not a JSON number: write a number, or leave the field out (line 1, column 17)",
                "{\"accounts\": [],}|malformed JSON: expected a field name in double quotes, found `}`: JSON allows no comma before `}` (line 1, column 17)",
                "{'accounts': []}|malformed JSON: expected a field name in double quotes, found `'`: JSON quotes names and strings with `\"` (line 1, column 2)",
                "{\"accounts\": [1,]}|malformed JSON: expected a value (a string in double quotes, a number, an object, an array, true, false or null), found `]`: JSON allows no comma before `]` (line 1, column 17)",
                "{\"accounts\": []} {}|malformed JSON: more text after the JSON value: a document is one JSON object (line 1, column 18)",
                "{\"accounts\": [}|malformed JSON: found `}` where `]` should close the array (line 1, column 15)",
                "{\"accounts\": [|malformed JSON: the text ends before the JSON does: an array is not closed with `]` (line 1, column 15)",
                "{\"accounts\": [] // all|malformed JSON: found `/`: JSON has no comments (line 1, column 17)",
                "{\"accounts\": tru}|malformed JSON: unknown word `tru`: expected a value (a string in double quotes, a number, an object, an array, true, false or null) (line 1, column 17)",
                "{\"accounts\": [], \"accounts\": []}|malformed JSON: duplicate field `accounts`: an object names each field once (line 1, column 28)",
                "{\"evaluatedAt\": +1}|malformed JSON: malformed number: a number may not start with `+` (line 1, column 18)",
                "{\"evaluatedAt\": 01}|malformed JSON: malformed number: a number may not start with `0` followed by more digits (line 1, column 18)",
                "{\"accounts\" []}|malformed JSON: expected `:` after the field name, found `[` (line 1, column 13)"
            })
    void malformedJson_isToldInJsonTerms(String json, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(MalformedInputException.class)
                .hasMessage(message);
    }

    /** None of Jackson's own wording reaches the user, whatever the input gets wrong. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "{\"accounts\": Infinity}",
                "{\"accounts\": [{\"id\": \"a\"}]]",
                "\"accounts\"",
                "{\"accounts\": {\"id\": \"a\"}}",
                "{\"accounts\": [{\"id\": {}}]}",
                "{\"accounts\": [{\"id\": \"a\", \"ips\": \"203.0.113.7\"}]}",
                "{\"accounts\": [{\"id\": \"a\", \"createdAt\": [2026, 11, 28]}]}",
                "{\"accounts\": [{\"id\": \"a\"}], \"reports\": [{\"id\": \"r\", \"accountId\": \"a\", \"type\": 3}]}",
                "{\"accounts\": [{\"id\": \"a\"}], \"reports\": [{\"id\": \"r\", \"accountId\": \"a\", \"details\": {\"x\": 1}}]}",
                "{\"accounts\": [{\"id\": \"a\"}], \"processes\": [{\"id\": \"p\", \"accountId\": \"a\", \"listeningPorts\": [\"x\"]}]}",
                "{\"accounts\": [{\"id\": \"a\"}], \"emails\": [{\"id\": \"m\", \"accountId\": \"a\", \"commercial\": \"yes\"}]}",
                "{\"accounts\": [{\"id\": \"a\"}], \"emails\": [{\"id\": \"m\", \"accountId\": \"a\", \"recipientCount\": -1}]}",
                "{\"accounts\": [\"a\"]}",
                "{\"accounts\": [{\"id\": \"a\"}], \"files\": [{\"id\": \"f\", \"accountId\": \"a\", \"categories\": \"MALWARE\"}]}",
                "{\"accounts\": \"\u0001\"}",
                "{\"accounts\": \"\\x\"}",
                "\uFEFF\uFEFF{}",
                "]"
            })
    void noMessageSpeaksJackson(String json) {
        assertThatThrownBy(() -> TestPolicy.DEFAULT.evaluate(read(json)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage())
                        .doesNotContain(
                                "JsonReadFeature",
                                "Feature",
                                "java.",
                                "Cannot deserialize",
                                "Cannot construct",
                                "(for Object",
                                "Source:",
                                "REDACTED",
                                "com.fasterxml",
                                "`int`",
                                "`long`",
                                "token")
                        .matches(".*\\(line \\d+(, column \\d+)?\\)$"));
    }

    @Test
    void aPlanThePackDoesNotName_getsTheDefaults_withANoticeThatSaysSo() {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-typo", "plan": "shared-pr0"}, {"id": "acc-gold", "plan": "gold"},
                              {"id": "acc-pro", "plan": "shared-pro"}, {"id": "acc-none"}]}
                """;
        EvaluationResult result = TestPolicy.evaluate(json);
        assertThat(result.notices())
                .filteredOn(n -> n.kind() == NoticeKind.UNKNOWN_PLAN)
                .extracting(n -> n.accountId().orElseThrow(), Notice::reportId, Notice::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "acc-gold",
                                "",
                                "account `acc-gold` has plan `gold`, which the pack does not name, so it is judged by the "
                                        + "default thresholds; the pack's plans are `dedicated`, `shared-basic`, "
                                        + "`shared-pro`, `vps-standard`"),
                        org.assertj.core.groups.Tuple.tuple(
                                "acc-typo",
                                "",
                                "account `acc-typo` has plan `shared-pr0`, which the pack does not name, so it is judged "
                                        + "by the default thresholds; did you mean `shared-pro`?"));
        assertThat(ResultJson.write(result))
                .contains("\"kind\" : \"UNKNOWN_PLAN\"")
                .contains("did you mean `shared-pro`?");
    }

    @Test
    void aPlanThePackNames_orNone_givesNoNotice() {
        EvaluationResult result = TestPolicy.evaluate("""
                {"accounts": [{"id": "acc-pro", "plan": "shared-pro"}, {"id": "acc-none"}]}
                """);
        assertThat(result.notices()).isEmpty();
        assertThat(List.of(NoticeKind.values())).contains(NoticeKind.UNKNOWN_PLAN);
    }
}
