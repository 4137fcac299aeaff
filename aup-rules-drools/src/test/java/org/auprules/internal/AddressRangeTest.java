package org.auprules.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** IP addresses and CIDR ranges compared as what they are, however they are written. */
class AddressRangeTest {

    @ParameterizedTest(name = "`{0}` is `{1}`")
    @CsvSource({
        "203.0.113.7, 203.0.113.7",
        "' 203.0.113.7 ', 203.0.113.7",
        "203.0.113.007, 203.0.113.7",
        "010.0.0.1, 10.0.0.1",
        "2001:db8::7, 2001:db8::7",
        "2001:DB8::7, 2001:db8::7",
        "2001:0db8:0000:0000:0000:0000:0000:0007, 2001:db8::7",
        "2001:db8:0:0:0::0007, 2001:db8::7",
        "::ffff:203.0.113.7, 203.0.113.7",
        "::FFFF:cb00:7107, 203.0.113.7",
        "203.0.113.7/32, 203.0.113.7",
        "203.0.113.0/28, 203.0.113.0/28",
        "::ffff:203.0.113.0/124, 203.0.113.0/28",
        "2001:DB8::/32, 2001:db8::/32"
    })
    void everySpellingReadsAsTheCanonicalForm(String text, String canonical) {
        assertThat(AddressRange.parse(text)).hasToString(canonical);
    }

    @Test
    void theSameAddress_inAnySpelling_isTheSame_andOtherAddressesAreNot() {
        assertThat(AddressRange.sameAddress("2001:db8::7", "2001:0DB8:0000:0000:0000:0000:0000:0007"))
                .isTrue();
        assertThat(AddressRange.sameAddress("::ffff:203.0.113.7", "203.0.113.7"))
                .isTrue();
        assertThat(AddressRange.sameAddress("203.0.113.7", "203.0.113.70")).isFalse();
        assertThat(AddressRange.sameAddress("2001:db8::7", "2001:db8::7:0")).isFalse();
        // a v4-compatible (not mapped) address is IPv6, not the IPv4 it resembles
        assertThat(AddressRange.sameAddress("::203.0.113.7", "203.0.113.7")).isFalse();
        assertThat(AddressRange.sameAddress(null, "203.0.113.7")).isFalse();
        assertThat(AddressRange.sameAddress("mail.example", "mail.example")).isFalse();
        assertThat(AddressRange.sameAddress("203.0.113.0/28", "203.0.113.0/28"))
                .as("ranges are not single addresses")
                .isFalse();
    }

    @Test
    void aRangeHoldsItsAddressesInAnySpelling_andNoOthers() {
        AddressRange r = AddressRange.parse("203.0.113.0/28");

        assertThat(r.contains("203.0.113.0")).isTrue();
        assertThat(r.contains("203.0.113.15")).isTrue();
        assertThat(r.contains("::ffff:203.0.113.9")).isTrue();
        assertThat(r.contains("203.0.113.16")).isFalse();
        assertThat(r.contains("203.0.112.255")).isFalse();
        assertThat(r.contains("2001:db8::1")).isFalse();
        assertThat(r.contains((String) null)).isFalse();
        assertThat(r.contains("not an address")).isFalse();

        AddressRange v6 = AddressRange.parse("2001:db8:0:12::/64");
        assertThat(v6.contains("2001:0db8:0000:0012:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(v6.contains("2001:db8:0:13::")).isFalse();
        assertThat(v6.contains(AddressRange.parse("2001:db8:0:12:8000::/65"))).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains("2001:db8::1"))
                .as("an IPv4 range holds no IPv6 address")
                .isFalse();
    }

    @Test
    void enclosingRanges_andTheirLengths() {
        AddressRange a = AddressRange.parse("203.0.113.7");

        assertThat(a.isSingleAddress()).isTrue();
        assertThat(a.prefixLength()).isEqualTo(32);
        assertThat(a.enclosing(28)).hasToString("203.0.113.0/28");
        assertThat(a.enclosing(32)).isEqualTo(a);
        assertThat(AddressRange.parse("2001:db8::7").enclosing(48)).hasToString("2001:db8::/48");
        assertThatThrownBy(() -> a.enclosing(33)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("203.0.113.0/28").enclosing(30))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "`{0}` is refused")
    @ValueSource(
            strings = {
                "",
                "mail.example",
                "203.0.113.300",
                "203.0.113",
                "203.7",
                "0xcb.0.113.7",
                "203.0.113.*",
                "203.0.113.1-9",
                "203.0.113.0/33",
                "203.0.113.0/255.255.255.240",
                "fe80::1%eth0",
                "2001:db8::7::1",
                "*"
            })
    void anythingButAnAddressOrACidrRange_isRefused_withWhatToWrite(String text) {
        assertThatThrownBy(() -> AddressRange.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`" + text + "` is neither an IP address nor a CIDR range: write an address "
                        + "(`203.0.113.7`, `2001:db8::7`) or a range (`203.0.113.0/28`)");
        assertThat(AddressRange.tryParse(text)).isEmpty();
        assertThat(AddressRange.canonicalAddress(text)).isNull();
    }

    @Test
    void aRangeWithHostBitsSet_isRefused_namingBothThingsItCouldMean() {
        assertThatThrownBy(() -> AddressRange.parse("203.0.113.5/28"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("`203.0.113.5/28` is not the start of its range: write `203.0.113.0/28` for the range, "
                        + "or `203.0.113.5` for the one address");
        assertThatThrownBy(() -> AddressRange.parse("2001:db8::7/64"))
                .hasMessageContaining("write `2001:db8::/64` for the range, or `2001:db8::7` for the one address");
    }
}
