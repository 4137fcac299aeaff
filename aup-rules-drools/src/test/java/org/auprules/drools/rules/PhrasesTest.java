package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Messages put "a" or "an" before a table row's description the way it is spoken. */
class PhrasesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "cryptocurrency miner | a cryptocurrency miner", "IRC server process | an IRC server process",
        "SMS gateway | an SMS gateway", "IP scanner | an IP scanner", "ad server | an ad server",
        "BitTorrent client | a BitTorrent client", "P2P client | a P2P client", "FOREX site | a FOREX site",
        "web shell | a web shell", "an odd thing | an odd thing", "the tracker | the tracker"})
    void descriptionGetsTheArticleItIsSpokenWith(String description, String expected) {
        assertThat(Phrases.a(description)).isEqualTo(expected);
    }
}
