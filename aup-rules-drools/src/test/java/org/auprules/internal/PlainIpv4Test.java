package org.auprules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link FactValues#isPlainIpv4} lets the fact checks skip the address parser for an address in
 * its canonical spelling: whatever it takes, {@link AddressRange} reads as that same address.
 */
class PlainIpv4Test {

    @Provide
    Arbitrary<String> dottedTexts() {
        return Arbitraries.strings().withChars("0123456789.").ofMinLength(1).ofMaxLength(17);
    }

    @Provide
    Arbitrary<String> quads() {
        return Arbitraries.integers()
                .between(0, 300)
                .list()
                .ofSize(4)
                .map(parts ->
                        String.join(".", parts.stream().map(String::valueOf).toList()));
    }

    @Property(tries = 3000, seed = "20261202")
    void whatItTakesIsTheAddressItself(@ForAll("dottedTexts") String text) {
        if (FactValues.isPlainIpv4(text)) {
            assertThat(AddressRange.canonicalAddress(text)).isEqualTo(text);
        }
    }

    @Property(tries = 2000, seed = "20261202")
    void fourNumbersUpTo255AreTakenAndAnyAboveIsNot(@ForAll("quads") String text) {
        boolean inRange = List.of(text.split("\\.")).stream().allMatch(p -> Integer.parseInt(p) <= 255);
        assertThat(FactValues.isPlainIpv4(text)).as(text).isEqualTo(inRange);
        if (inRange) {
            assertThat(AddressRange.canonicalAddress(text)).isEqualTo(text);
        }
    }

    @Example
    void otherSpellingsAreLeftToTheParser() {
        for (String text : List.of(
                "203.0.113.007",
                "203.0.113",
                "203.0.113.7.",
                ".203.0.113.7",
                "203..113.7",
                "2001:db8::7",
                "",
                "1.2.3.4/32")) {
            assertThat(FactValues.isPlainIpv4(text)).as(text).isFalse();
        }
        assertThat(FactValues.isPlainIpv4("0.0.0.0")).isTrue();
        assertThat(FactValues.isPlainIpv4("255.255.255.255")).isTrue();
    }
}
