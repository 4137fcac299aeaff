package org.auprules.drools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.auprules.drools.TestPolicy.evaluate;

import java.util.List;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.Notice;
import org.auprules.api.NoticeKind;
import org.auprules.api.Violation;
import org.auprules.json.FactsJson;
import org.junit.jupiter.api.Test;

/**
 * Reports and listings that name an address or a domain, attributed by canonical comparison, and
 * never to an account picked by its place in the input when several accounts claim the name.
 */
class SharedAddressTest {

    /** Two shared-hosting accounts on one server address, plus a third on another, with {@code lists} spliced in. */
    static String neighbours(String firstIps, String secondIps, String lists) {
        return """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-a", "plan": "shared-pro", "ips": [%s]},
                              {"id": "acc-b", "plan": "shared-pro", "ips": [%s]},
                              {"id": "acc-c", "plan": "shared-pro", "ips": ["198.51.100.1"]}],
                 %s}
                """.formatted(firstIps, secondIps, lists);
    }

    static final String LISTING = """
            "blacklistListings": [{"id": "bl-1", "ip": "203.0.113.10", "list": "zen.spamhaus.org",
                                   "listedAt": "2026-11-25T00:00:00Z", "ipScope": "SHARED"}]""";

    static String mail(String id, String account, String ip, String at) {
        return """
                {"id": "%s", "accountId": "%s", "sentAt": "%s", "sendingIp": "%s", "recipientCount": 1,
                 "fromAddress": "x@%s.example", "fromDomainAligned": true}""".formatted(id, account, at, ip, account);
    }

    static List<String> blacklisted(EvaluationResult r) {
        return r.violations().stream()
                .filter(v -> v.clauseId().equals("1.A.3"))
                .map(Violation::accountId)
                .toList();
    }

    @Test
    void theNeighbourWhoseMailLeftFromTheAddress_isCited_inWhicheverOrderTheAccountsCome() {
        String mails = "\"emails\": [" + mail("m-1", "acc-b", "203.0.113.10", "2026-11-24T10:00:00Z") + "], ";
        EvaluationResult forward = evaluate(neighbours("\"203.0.113.10\"", "\"203.0.113.10\"", mails + LISTING));
        EvaluationResult sameIpsOtherSpelling =
                evaluate(neighbours("\"::ffff:203.0.113.10\"", "\"203.0.113.0/28\"", mails + LISTING));

        assertThat(blacklisted(forward)).containsExactly("acc-b");
        assertThat(forward.notices()).isEmpty();
        assertThat(blacklisted(sameIpsOtherSpelling))
                .as("an IPv4-mapped spelling and a range holding the address are claims on it too")
                .containsExactly("acc-b");
        assertThat(sameIpsOtherSpelling.notices()).isEmpty();
    }

    @Test
    void whenNoNeighboursMailShowsTheAddress_noOneIsConfirmed_andEachOwnerGetsANotice() {
        String otherMail = "\"emails\": [" + mail("m-1", "acc-b", "203.0.113.11", "2026-11-24T10:00:00Z") + "], ";
        EvaluationResult r = evaluate(neighbours("\"203.0.113.10\"", "\"203.0.113.10\"", otherMail + LISTING));

        assertThat(blacklisted(r)).isEmpty();
        assertThat(r.notices())
                .extracting(Notice::reportId, Notice::kind, n -> n.accountId().orElse("none"))
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("bl-1", NoticeKind.REPORT_FOR_REVIEW, "acc-a"),
                        org.assertj.core.api.Assertions.tuple("bl-1", NoticeKind.REPORT_FOR_REVIEW, "acc-b"));
        assertThat(r.notices().get(0).message())
                .isEqualTo("blacklistListing `bl-1` names `203.0.113.10`, which accounts `acc-a`, `acc-b` all hold"
                        + " in their `ips` (`203.0.113.10`), and no mail of theirs left from it in the 30 days before"
                        + " the listing: no account is cited; find out which customer it concerns and give it that"
                        + " `accountId`");
    }

    @Test
    void aListingWithNoTime_isSettledByMailOfAnyTime_andItsNoticeNamesNoWindow() {
        String untimed = LISTING.replaceAll(",\\s*\"listedAt\": \"[^\"]*\"", "");
        assertThat(untimed).doesNotContain("listedAt");
        String old = "\"emails\": [" + mail("m-1", "acc-a", "203.0.113.10", "2020-01-01T00:00:00Z") + "], ";

        assertThat(blacklisted(evaluate(neighbours("\"203.0.113.10\"", "\"203.0.113.10\"", old + untimed))))
                .containsExactly("acc-a");
        EvaluationResult none = evaluate(neighbours("\"203.0.113.10\"", "\"203.0.113.10\"", untimed));
        assertThat(none.notices()).hasSize(2);
        assertThat(none.notices().get(0).message())
                .contains("and no mail of theirs left from it: no account is cited")
                .doesNotContain("days before");
    }

    @Test
    void mailAfterTheListing_orOlderThanTheWindow_doesNotSettleIt() {
        String mails = "\"emails\": [" + mail("m-1", "acc-a", "203.0.113.10", "2026-11-25T00:00:01Z") + ", "
                + mail("m-2", "acc-b", "203.0.113.10", "2026-10-25T23:59:59Z") + "], ";
        EvaluationResult r = evaluate(neighbours("\"203.0.113.10\"", "\"203.0.113.10\"", mails + LISTING));

        assertThat(blacklisted(r)).isEmpty();
        assertThat(r.notices()).hasSize(2);
    }

    @Test
    void whenBothNeighboursMailedFromIt_bothGetANotice_namingThem() {
        String mails = "\"emails\": [" + mail("m-1", "acc-a", "203.0.113.10", "2026-11-24T10:00:00Z") + ", "
                + mail("m-2", "acc-b", "203.0.113.10", "2026-11-24T11:00:00Z") + "], ";
        EvaluationResult r = evaluate(neighbours("\"203.0.113.10\"", "\"203.0.113.10\"", mails + LISTING));

        assertThat(blacklisted(r)).isEmpty();
        assertThat(r.notices()).extracting(n -> n.accountId().orElse("none")).containsExactly("acc-a", "acc-b");
        assertThat(r.notices().get(1).message()).contains("the facts show `acc-a` and `acc-b` using it");
    }

    @Test
    void aVerifiedReportOfASharedAddress_countsOnlyForTheAccountThatUsedIt() {
        String reports = """
                "reports": [{"id": "r-1", "type": "PHISHING", "verified": true, "ip": "2001:DB8:0:0::10",
                             "receivedAt": "2026-11-26T00:00:00Z"}],
                "emails": [%s]""".formatted(mail("m-1", "acc-a", "2001:db8::10", "2026-11-25T10:00:00Z"));
        EvaluationResult r =
                evaluate(neighbours("\"2001:0db8::0010\"", "\"2001:db8::/64\", \"2001:db8::10\"", reports));

        assertThat(r.violations())
                .filteredOn(v -> v.clauseId().equals("2.9"))
                .extracting(Violation::accountId)
                .containsExactly("acc-a");
    }

    @Test
    void anAddressNoOneClaims_isStillAnUnattributableReport() {
        String listing = """
                "blacklistListings": [{"id": "bl-1", "ip": "203.0.113.99", "list": "zen.spamhaus.org"}]""";
        EvaluationResult r = evaluate(neighbours("\"203.0.113.10\"", "\"203.0.113.10\"", listing));

        assertThat(r.violations()).isEmpty();
        assertThat(r.notices())
                .extracting(Notice::kind, Notice::accountId)
                .containsExactly(org.assertj.core.api.Assertions.tuple(
                        NoticeKind.UNATTRIBUTABLE_REPORT, java.util.Optional.empty()));
    }

    @Test
    void aReportNamingAUnicodeHost_isAttributedToTheOwnerOfItsPunycodeParent() {
        String json = """
                {"evaluatedAt": "2026-11-28T12:00:00Z",
                 "accounts": [{"id": "acc-books", "domains": ["xn--bcher-kva.example"]},
                              {"id": "acc-other", "domains": ["bucher.example"]}],
                 "reports": [{"id": "r-1", "type": "PHISHING", "verified": true,
                              "url": "https://login.BÜCHER.example/account"}]}
                """;

        assertThat(evaluate(json).violations())
                .extracting(Violation::accountId, Violation::clauseId)
                .containsExactly(org.assertj.core.api.Assertions.tuple("acc-books", "2.9"));
    }

    @Test
    void anIpsEntryThatIsNeitherAnAddressNorARange_isAnInputError_atItsPathAndLine() {
        String json = """
                {"accounts": [{"id": "acc-1", "ips": ["203.0.113.7"]},
                              {"id": "acc-2",
                               "ips": ["2001:db8::1", "203.0.113.*"]}]}
                """;

        InvalidFactsException e =
                org.assertj.core.api.Assertions.catchThrowableOfType(InvalidFactsException.class, () -> evaluate(json));
        assertThat(FactsJson.locate(e, json, null))
                .hasMessage("$.accounts[1].ips[1]: `203.0.113.*` is neither an IP address nor a CIDR range: write an"
                        + " address (`203.0.113.7`, `2001:db8::7`) or a range (`203.0.113.0/28`) (line 3)");
        assertThatThrownBy(() -> evaluate(json.replace("203.0.113.*", "203.0.113.5/28")))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageStartingWith("$.accounts[1].ips[1]: `203.0.113.5/28` is not the start of its range");
        assertThat(evaluate(json.replace("203.0.113.*", "203.0.113.0/28")).violations())
                .isEmpty();
        // the validator that scenario files go through says the same
        assertThatThrownBy(() -> org.auprules.drools.internal.FactsValidator.validate(FactsJson.read(json, null)))
                .isInstanceOf(InvalidFactsException.class)
                .hasMessageStartingWith("$.accounts[1].ips[1]: `203.0.113.*` is neither");
    }
}
