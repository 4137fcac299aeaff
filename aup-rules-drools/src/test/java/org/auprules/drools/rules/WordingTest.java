package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AudioStream;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.ReportType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phrases rules put into messages. */
class WordingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"DMCA, DMCA", "CSAM, CSAM", "DDOS, DDoS", "LAW_ENFORCEMENT, law enforcement", "BRUTE_FORCE, brute force"})
    void reportTypesReadAsPeopleWriteThem(ReportType type, String words) {
        assertThat(Wording.typeName(type)).isEqualTo(words);
    }

    @Test
    void reportNamesWhatItIsAbout_andLeavesOutWhatIsUnknown() {
        AbuseReport full = AbuseReport.of("r-1", "acc-1", ReportType.DDOS, Instant.parse("2026-11-20T10:00:00Z"),
                "noc@isp.example", true);
        AbuseReport bare = AbuseReport.of("r-2", "acc-1", ReportType.OTHER, null, null, false);

        assertThat(Wording.report(full)).isEqualTo(
                "verified DDoS report `r-1` from `noc@isp.example` received 2026-11-20T10:00:00Z");
        assertThat(Wording.report(bare)).isEqualTo("unverified other report `r-2`");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"180.0, 180", "98.5, 98.5", "0.25, 0.25", "100, 100"})
    void numbersDropAPointlessFraction(double value, String text) {
        assertThat(Wording.number(value)).isEqualTo(text);
    }

    @Test
    void loginsAndStreamsAreListedById_whateverOrderTheEngineCollectedThemIn() {
        List<Login> logins = List.of(new Login("l-2", "acc-1", "IR", null, null),
                new Login("l-1", "acc-1", "KP", "175.45.176.1", Instant.parse("2026-11-27T08:00:00Z")));
        List<AudioStream> streams = List.of(new AudioStream("s-2", "acc-1", "icecast", null, true),
                new AudioStream("s-1", "acc-1", "icecast", "/live", true));

        assertThat(Wording.logins(logins)).isEqualTo("`KP` from `175.45.176.1` at 2026-11-27T08:00:00Z, `IR`");
        assertThat(Wording.streams(streams)).isEqualTo("`s-1` on mount `/live`, `s-2`");
    }
}
