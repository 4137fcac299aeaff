package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Domain names compared ignoring case and a trailing dot, Unicode and punycode alike. */
class DomainsTest {

    @ParameterizedTest(name = "`{0}` is `{1}`")
    @CsvSource({
        "shop.example, shop.example",
        "Shop.EXAMPLE., shop.example",
        "' shop.example ', shop.example",
        "bücher.example, xn--bcher-kva.example",
        "BÜCHER.example, xn--bcher-kva.example",
        "XN--BCHER-KVA.example, xn--bcher-kva.example",
        "bücher\u3002example, xn--bcher-kva.example",
        "пример.испытание, xn--e1afmkfd.xn--80akhbyknj4f"
    })
    void everySpellingHasOneCanonicalForm(String name, String canonical) {
        assertThat(Domains.canonical(name)).isEqualTo(canonical);
    }

    @Test
    void absentOrBlankNames_areNothing_andNamesIdnaRefuses_areStillThemselves() {
        assertThat(Domains.canonical(null)).isNull();
        assertThat(Domains.canonical("  ")).isNull();
        assertThat(Domains.canonical(".")).isNull();
        String longLabel = "a".repeat(64) + ".Example";
        assertThat(Domains.canonical(longLabel)).isEqualTo("a".repeat(64) + ".example");
    }

    @Test
    void aDomainIsOwnedWithItsSubdomains_inAnySpelling() {
        List<String> owned = List.of("xn--bcher-kva.example", "Shop.Example.");

        assertThat(Domains.ownedBy("bücher.example", owned)).isTrue();
        assertThat(Domains.ownedBy("www.BÜCHER.example.", owned)).isTrue();
        assertThat(Domains.ownedBy("news.shop.example", owned)).isTrue();
        assertThat(Domains.ownedBy("SHOP.example", owned)).isTrue();
        assertThat(Domains.ownedBy("bucher.example", owned)).isFalse();
        assertThat(Domains.ownedBy("notshop.example", owned)).isFalse();
        assertThat(Domains.ownedBy("shop.example.evil.example", owned)).isFalse();
        assertThat(Domains.ownedBy(null, owned)).isFalse();
        assertThat(Domains.ownedBy("shop.example", List.of(""))).isFalse();
    }

    @Test
    void withinIsEqualOrBelow_neverAbove() {
        assertThat(Domains.within("a.b.example", "B.example")).isTrue();
        assertThat(Domains.within("b.example", "b.example.")).isTrue();
        assertThat(Domains.within("b.example", "a.b.example")).isFalse();
        assertThat(Domains.within("ab.example", "b.example")).isFalse();
        assertThat(Domains.within(null, "b.example")).isFalse();
        assertThat(Domains.within("b.example", null)).isFalse();
    }
}
