package org.auprules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.Website;
import org.auprules.internal.Attribution.Basis;
import org.auprules.internal.Attribution.Claim;
import org.junit.jupiter.api.Test;

/** Who owns an address or a name: canonical comparison, the most specific claim, and own use for shared ones. */
class AttributionTest {

    static final Instant LISTED = Instant.parse("2026-11-20T00:00:00Z");

    static Account account(String id, List<String> ips, List<String> domains) {
        return Account.builder().id(id).ips(ips).domains(domains).build();
    }

    static EmailMessage mail(String id, String accountId, String ip, Instant sentAt) {
        return EmailMessage.builder()
                .id(id)
                .accountId(accountId)
                .sendingIp(ip)
                .sentAt(sentAt)
                .build();
    }

    static Optional<String> owner(Attribution a, String ip) {
        return a.claim(ip, null, null, null, LISTED).flatMap(Claim::cited);
    }

    @Test
    void anAddressIsFound_howeverEitherSideWritesIt() {
        Attribution a = Attribution.of(List.of(
                account("acc-v6", List.of("2001:0DB8:0000:0000:0000:0000:0000:0007"), List.of()),
                account("acc-v4", List.of("203.0.113.7"), List.of())));

        assertThat(owner(a, "2001:db8::7")).contains("acc-v6");
        assertThat(owner(a, "2001:db8:0:0::0007")).contains("acc-v6");
        assertThat(owner(a, "::ffff:203.0.113.7")).contains("acc-v4");
        assertThat(owner(a, "203.0.113.007")).contains("acc-v4");
        assertThat(owner(a, "203.0.113.70")).isEmpty();
        assertThat(owner(a, "2001:db8::70")).isEmpty();
        assertThat(a.claim("203.0.113.70", null, null, null, null)).isEmpty();
    }

    @Test
    void aCidrRangeHoldsItsAddresses_andOverlappingClaimsAreAllOwners() {
        Attribution a = Attribution.of(List.of(
                account("acc-range", List.of("203.0.113.0/24"), List.of()),
                account("acc-narrow", List.of("203.0.113.0/28"), List.of()),
                account("acc-v6", List.of("2001:db8:1::/48"), List.of())));

        assertThat(owner(a, "203.0.113.200")).contains("acc-range");
        assertThat(owner(a, "203.0.114.1")).isEmpty();
        assertThat(owner(a, "2001:db8:1:ffff::1")).contains("acc-v6");
        assertThat(owner(a, "2001:db8:2::1")).isEmpty();
        Claim overlap = a.claim("203.0.113.8", null, null, null, null).orElseThrow();
        assertThat(overlap.owners()).containsExactly("acc-narrow", "acc-range");
        assertThat(overlap.claims()).containsExactly("203.0.113.0/24", "203.0.113.0/28");
        assertThat(overlap.field()).isEqualTo("ips");
        assertThat(overlap.cited())
                .as("no one's mail shows it: a person decides")
                .isEmpty();
    }

    @Test
    void domainsIgnoreCaseAndSpelling_andSubdomainsBelongToTheOwnerOfTheParent() {
        Attribution a = Attribution.of(List.of(
                account("acc-shop", List.of(), List.of("Shop.Example.")),
                account("acc-books", List.of(), List.of("bücher.example")),
                account("acc-blog", List.of(), List.of("blog.shop.example"))));

        assertThat(a.owner(null, "SHOP.example", null, null)).contains("acc-shop");
        assertThat(a.owner(null, "www.shop.example", null, null)).contains("acc-shop");
        assertThat(a.owner(null, "x.blog.shop.example", null, null))
                .as("the more specific claim wins")
                .contains("acc-blog");
        assertThat(a.owner(null, "xn--bcher-kva.example", null, null)).contains("acc-books");
        assertThat(a.owner(null, null, "https://www.BÜCHER.example/login", null))
                .contains("acc-books");
        assertThat(a.owner(null, null, null, "Sales <sales@xn--bcher-kva.EXAMPLE>"))
                .contains("acc-books");
        assertThat(a.owner(null, "notshop.example", null, null)).isEmpty();
        assertThat(a.owner(null, "shop.example.evil.example", null, null)).isEmpty();
    }

    @Test
    void aUrlWhoseHostIsAnAddress_isFoundByTheAddress() {
        Attribution a = Attribution.of(List.of(account("acc-1", List.of("2001:db8::/64"), List.of())));

        assertThat(a.owner(null, null, "http://[2001:DB8::0001]:8080/phish", null))
                .contains("acc-1");
        assertThat(a.owner(null, null, "http://[2001:db9::1]/phish", null)).isEmpty();
    }

    @Test
    void aSharedAddress_isCitedOnTheAccountWhoseOwnMailLeftFromIt_inTheWindow() {
        List<Account> accounts = List.of(
                account("acc-a", List.of("203.0.113.10"), List.of()),
                account("acc-b", List.of("203.0.113.10"), List.of()));
        Instant day = Instant.parse("2026-11-19T10:00:00Z");
        Attribution byMail =
                Attribution.of(accounts, List.of(mail("m-1", "acc-b", "::ffff:203.0.113.10", day)), List.of());

        Claim c = byMail.claim("203.0.113.10", null, null, null, LISTED).orElseThrow();
        assertThat(c.basis()).isEqualTo(Basis.OWN_USE);
        assertThat(c.owners()).containsExactly("acc-a", "acc-b");
        assertThat(c.users()).containsExactly("acc-b");
        assertThat(c.cited()).contains("acc-b");
        assertThat(byMail.owner("203.0.113.10", null, null, null))
                .as("by claims alone a shared address names no one")
                .isEmpty();
    }

    @Test
    void mailOutsideTheWindow_orFromAnotherAddress_orFromANonOwner_showsNothing() {
        List<Account> accounts = List.of(
                account("acc-a", List.of("203.0.113.10"), List.of()),
                account("acc-b", List.of("203.0.113.10"), List.of()),
                account("acc-c", List.of(), List.of()));
        List<EmailMessage> mails = List.of(
                mail("m-after", "acc-a", "203.0.113.10", LISTED.plusSeconds(1)),
                mail(
                        "m-old",
                        "acc-b",
                        "203.0.113.10",
                        LISTED.minus(Attribution.USE_WINDOW).minusSeconds(1)),
                mail("m-other", "acc-b", "203.0.113.11", LISTED.minusSeconds(60)),
                mail("m-stranger", "acc-c", "203.0.113.10", LISTED.minusSeconds(60)),
                EmailMessage.builder()
                        .id("m-untimed")
                        .accountId("acc-a")
                        .sendingIp("203.0.113.10")
                        .build());

        Claim c = Attribution.of(accounts, mails, List.of())
                .claim("203.0.113.10", null, null, null, LISTED)
                .orElseThrow();

        assertThat(c.basis()).isEqualTo(Basis.UNPROVEN);
        assertThat(c.users()).isEmpty();
        assertThat(c.cited()).isEmpty();
        // the edges of the window count
        Claim edges = Attribution.of(
                        accounts,
                        List.of(
                                mail("m-at", "acc-a", "203.0.113.10", LISTED),
                                mail("m-first", "acc-a", "203.0.113.10", LISTED.minus(Attribution.USE_WINDOW))),
                        List.of())
                .claim("203.0.113.10", null, null, null, LISTED)
                .orElseThrow();
        assertThat(edges.cited()).contains("acc-a");
        // with no time on the listing, mail of any time shows use
        assertThat(Attribution.of(accounts, mails, List.of()).claim("203.0.113.10", null, null, null, null))
                .get()
                .extracting(Claim::users)
                .isEqualTo(List.of("acc-a", "acc-b"));
    }

    @Test
    void twoOwnersThatBothUsedTheAddress_leaveItUnproven() {
        List<Account> accounts = List.of(
                account("acc-a", List.of("203.0.113.0/28"), List.of()),
                account("acc-b", List.of("203.0.113.0/28"), List.of()));
        Instant day = LISTED.minusSeconds(3600);
        Claim c = Attribution.of(
                        accounts,
                        List.of(mail("m-1", "acc-a", "203.0.113.3", day), mail("m-2", "acc-b", "203.0.113.3", day)),
                        List.of())
                .claim("203.0.113.3", null, null, null, LISTED)
                .orElseThrow();

        assertThat(c.basis()).isEqualTo(Basis.UNPROVEN);
        assertThat(c.users()).containsExactly("acc-a", "acc-b");
        assertThat(c.cited()).isEmpty();
    }

    @Test
    void aNameOneAccountOwns_settlesAReportWhoseAddressSeveralShare() {
        Attribution a = Attribution.of(List.of(
                account("acc-a", List.of("203.0.113.10"), List.of("shop.example")),
                account("acc-b", List.of("203.0.113.10"), List.of("blog.example"))));

        assertThat(a.claim("203.0.113.10", null, "https://blog.example/phish", null, LISTED))
                .get()
                .extracting(Claim::field, Claim::basis, Claim::cited)
                .containsExactly("domains", Basis.ONLY_OWNER, Optional.of("acc-b"));
        assertThat(a.owner("203.0.113.10", null, "https://blog.example/phish", null))
                .contains("acc-b");
        // a name no one owns leaves the shared address unsettled
        assertThat(a.claim("203.0.113.10", null, "https://elsewhere.example/", null, LISTED))
                .get()
                .extracting(Claim::field, Claim::basis)
                .containsExactly("ips", Basis.UNPROVEN);
        assertThat(a.owner("203.0.113.10", null, "https://elsewhere.example/", null))
                .isEmpty();
    }

    @Test
    void aSharedDomain_isCitedOnTheAccountThatRunsTheSite() {
        List<Account> accounts = List.of(
                account("acc-a", List.of(), List.of("shop.example")),
                account("acc-b", List.of(), List.of("SHOP.example")));
        Website site = Website.builder()
                .id("w-1")
                .accountId("acc-a")
                .domain("www.shop.example")
                .build();

        Attribution a = Attribution.of(accounts, List.of(), List.of(site));
        assertThat(a.claim(null, null, "https://WWW.shop.example/x", null, null).flatMap(Claim::cited))
                .contains("acc-a");
        assertThat(a.claim(null, "shop.example", null, null, null))
                .get()
                .extracting(Claim::basis)
                .as("a site at a subdomain does not show use of its parent")
                .isEqualTo(Basis.UNPROVEN);
    }

    @Test
    void theAnswerNeverDependsOnTheOrderOfAccountsOrMail() {
        List<Account> accounts = new ArrayList<>(List.of(
                account("acc-a", List.of("203.0.113.10", "2001:db8::/64"), List.of("shop.example")),
                account("acc-b", List.of("203.0.113.10"), List.of("shop.example")),
                account("acc-c", List.of("203.0.113.0/28"), List.of("blog.shop.example")),
                account("acc-e", List.of("203.0.113.16/28"), List.of()),
                account("acc-d", List.of("2001:db8::/64"), List.of())));
        List<EmailMessage> mails = new ArrayList<>(List.of(
                mail("m-1", "acc-b", "203.0.113.10", LISTED.minusSeconds(5)),
                mail("m-2", "acc-d", "2001:db8::9", LISTED.minusSeconds(5))));
        List<String> names =
                List.of("203.0.113.10", "203.0.113.11", "203.0.113.17", "2001:db8::9", "2001:db8::1", "203.0.114.1");
        List<String> first = answers(Attribution.of(accounts, mails, List.of()), names);
        assertThat(first)
                .containsExactly(
                        "OWN_USE acc-b",
                        "ONLY_OWNER acc-c",
                        "ONLY_OWNER acc-e",
                        "OWN_USE acc-d",
                        "UNPROVEN [acc-a, acc-d]",
                        "none");
        Random random = new Random(5);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(accounts, random);
            Collections.shuffle(mails, random);
            assertThat(answers(Attribution.of(accounts, mails, List.of()), names))
                    .isEqualTo(first);
        }
    }

    private static List<String> answers(Attribution a, List<String> names) {
        return names.stream()
                .map(n -> a.claim(n, null, null, null, LISTED)
                        .map(c -> c.basis() + " " + c.cited().orElse(c.owners().toString()))
                        .orElse("none"))
                .toList();
    }
}
