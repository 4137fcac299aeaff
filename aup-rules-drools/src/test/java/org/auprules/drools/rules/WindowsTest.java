package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Counts over long windows against thresholds for short ones. */
class WindowsTest {

    @ParameterizedTest(name = "{0} s over {1} s periods = {2}")
    @CsvSource({
        "1, 300, 1",
        "300, 300, 1",
        "301, 300, 2",
        "600, 300, 2",
        "3600, 300, 12",
        "0, 300, 1",
        "9223372036854775807, 1, 9223372036854775807"
    })
    void periodsRoundUp(long window, long period, long periods) {
        assertThat(Windows.periods(window, period)).isEqualTo(periods);
    }

    @ParameterizedTest(name = "{0} in {1} s against {2} per {3} s: {4}")
    @CsvSource({
        "20, 600, 20, 600, true",
        "19, 600, 20, 600, false",
        "39, 601, 20, 600, false",
        "40, 601, 20, 600, true",
        "1000, 0, 20, 600, false",
        "9223372036854775807, 9223372036854775807, 1000, 1, false"
    })
    void reaches(long count, long window, long threshold, long period, boolean reached) {
        assertThat(Windows.reaches(count, window, threshold, period)).isEqualTo(reached);
    }

    @Test
    void aThresholdWindowMustBePositive() {
        assertThatThrownBy(() -> Windows.periods(60, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }
}
