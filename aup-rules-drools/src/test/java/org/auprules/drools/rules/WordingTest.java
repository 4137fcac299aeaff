package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccessKind;
import org.auprules.api.facts.AudioStream;
import org.auprules.api.facts.HostedFile;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.ListSource;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.NetworkActivity;
import org.auprules.api.facts.ReportType;
import org.auprules.api.facts.Website;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one way messages write values. */
class WordingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"DMCA, DMCA", "CSAM, CSAM", "DDOS, DDoS", "LAW_ENFORCEMENT, law enforcement", "BRUTE_FORCE, brute force"
    })
    void reportTypesReadAsPeopleWriteThem(ReportType type, String words) {
        assertThat(Wording.typeName(type)).isEqualTo(words);
    }

    @Test
    void reportNamesWhatItIsAbout_andLeavesOutWhatIsUnknown() {
        AbuseReport full = AbuseReport.of(
                "r-1", "acc-1", ReportType.DDOS, Instant.parse("2026-11-20T10:00:00Z"), "noc@isp.example", true);
        AbuseReport bare = AbuseReport.of("r-2", "acc-1", ReportType.OTHER, null, null, false);

        assertThat(Wording.of(full))
                .isEqualTo("verified DDoS report `r-1` from `noc@isp.example` received 2026-11-20T10:00:00Z");
        assertThat(Wording.of(bare)).isEqualTo("unverified other report `r-2`");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"180.0, 180", "98.5, 98.5", "0.25, 0.25", "100, 100", "-3.0, -3"})
    void doublesDropAPointlessFraction(double value, String text) {
        assertThat(Wording.of(value)).isEqualTo(text);
        assertThat(Wording.of((float) value)).isEqualTo(text);
    }

    @Test
    void integersDecimalsInstantsDatesAndEnumsHaveOneWritingEach() {
        assertThat(Wording.of(42)).isEqualTo("42");
        assertThat(Wording.of(50_000L)).isEqualTo("50000");
        assertThat(Wording.of(new BigDecimal("12.500"))).isEqualTo("12.5");
        assertThat(Wording.of(Instant.parse("2026-11-27T10:00:00Z"))).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(Wording.of(LocalDate.parse("2026-12-04"))).isEqualTo("2026-12-04");
        assertThat(Wording.of(ListSource.DOUBLE_OPT_IN)).isEqualTo("DOUBLE_OPT_IN");
        assertThat(Wording.of(true)).isEqualTo("true");
        assertThat(Wording.of("plain text")).isEqualTo("plain text");
    }

    @Test
    void namedFormatsChangeOnlyHowTheValueIsWritten() {
        assertThat(Wording.of(ListSource.PURCHASED, "words")).isEqualTo("purchased");
        assertThat(Wording.of(ReportType.LAW_ENFORCEMENT, "words")).isEqualTo("law enforcement");
        assertThat(Wording.of(AccessKind.PRIVILEGE_ESCALATION, "hyphens")).isEqualTo("privilege-escalation");
        assertThat(Wording.of("IRC server", "a")).isEqualTo("an IRC server");
        assertThat(Wording.of("web shell", null)).isEqualTo("web shell");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "cryptocurrency miner | a cryptocurrency miner",
                "IRC server process | an IRC server process",
                "SMS gateway | an SMS gateway",
                "IP scanner | an IP scanner",
                "ad server | an ad server",
                "BitTorrent client | a BitTorrent client",
                "P2P client | a P2P client",
                "FOREX site | a FOREX site",
                "web shell | a web shell",
                "an odd thing | an odd thing",
                "the tracker | the tracker"
            })
    void descriptionGetsTheArticleItIsSpokenWith(String description, String expected) {
        assertThat(Wording.of(description, "a")).isEqualTo(expected);
    }

    @Test
    void nullAndEmptyOptionalAreWrittenAsMissing_neverAsNull() {
        assertThat(Wording.of(null)).isEqualTo(Wording.MISSING).isEqualTo("(none)");
        assertThat(Wording.of(Optional.empty())).isEqualTo("(none)");
        assertThat(Wording.of(Optional.of("CONTROLLED_SUBSTANCE"))).isEqualTo("CONTROLLED_SUBSTANCE");
        assertThat(Wording.of(null, "words")).isEqualTo("(none)");
    }

    @Test
    void factsAreNamedAsAPersonNamesThem_byIdWhenTheNamingFieldIsMissing() {
        HostedProcess named = new HostedProcess("p-1", "acc-1", 4242, "xmrig", null, 0, 0, 0, List.of());
        HostedProcess unnamed = new HostedProcess("p-2", "acc-1", 77, null, null, 0, 0, 0, List.of());
        assertThat(Wording.of(named)).isEqualTo("process `xmrig` (pid 4242)");
        assertThat(Wording.of(unnamed)).isEqualTo("process `p-2` (pid 77)").doesNotContain("null");
        assertThat(Wording.of(new HostedFile("f-1", "acc-1", "/home/a/x.php", 1, null, null, null, List.of())))
                .isEqualTo("file `/home/a/x.php`");
        assertThat(Wording.of(new HostedFile("f-2", "acc-1", null, 1, null, null, null, List.of())))
                .isEqualTo("file `f-2`");
        assertThat(Wording.of(new Website("w-1", "acc-1", "shop.example", List.of(), List.of())))
                .isEqualTo("site `shop.example`");
        assertThat(Wording.of(new Website("w-2", "acc-1", null, List.of(), List.of())))
                .isEqualTo("site `w-2`");
        assertThat(Wording.of(new NetworkActivity("n-1", "acc-1", 60, 1, 1, 1, false)))
                .isEqualTo("network activity `n-1`");
    }

    @Test
    void thresholdsAreNamedByTheirPlan() {
        Map<String, Number> values = new java.util.HashMap<>();
        Thresholds.names().keySet().forEach(n -> values.put(n, 1));
        assertThat(Wording.of(Thresholds.of("shared-pro", values))).isEqualTo("plan `shared-pro`");
        assertThat(Wording.of(Thresholds.of(null, values))).isEqualTo("the default limits");
    }

    @Test
    void collectionsAreJoinedByCommas_factsInIdOrderWhateverOrderTheEngineCollectedThemIn() {
        List<Login> logins = List.of(
                new Login("l-2", "acc-1", "IR", null, null),
                new Login("l-1", "acc-1", "KP", "175.45.176.1", Instant.parse("2026-11-27T08:00:00Z")));
        List<AudioStream> streams = List.of(
                new AudioStream("s-2", "acc-1", "icecast", null, true),
                new AudioStream("s-1", "acc-1", "icecast", "/live", true));

        assertThat(Wording.of(logins)).isEqualTo("`KP` from `175.45.176.1` at 2026-11-27T08:00:00Z, `IR`");
        assertThat(Wording.of(streams)).isEqualTo("`s-1` on mount `/live`, `s-2`");
        assertThat(Wording.of(List.of("work", "contact"))).isEqualTo("work, contact");
        assertThat(Wording.of(List.of())).isEmpty();
    }

    @Test
    void presentIsFalseForNullBlankAndEmpty() {
        assertThat(Wording.present(null)).isFalse();
        assertThat(Wording.present(" ")).isFalse();
        assertThat(Wording.present(List.of())).isFalse();
        assertThat(Wording.present(Map.of())).isFalse();
        assertThat(Wording.present(Optional.empty())).isFalse();
        assertThat(Wording.present(0)).isTrue();
        assertThat(Wording.present("x")).isTrue();
    }
}
