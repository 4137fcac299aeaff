package org.auprules.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DidYouMeanTest {

    private static final List<String> CLAUSES =
            List.of("1.A.1", "1.A.2", "2.1", "2.2", "2.11", "2.12", "2.20", "2.21x", "3.1", "3.7");

    @ParameterizedTest
    @CsvSource({"2.21, 2.12", "1.A.l, 1.A.1", "2.02, 2.20", "3.11, 3.1", "3.77, 3.7"})
    void swappedOrMistypedClauseIdsSuggestTheIntendedOne(String wrong, String meant) {
        assertThat(DidYouMean.suggest(wrong, CLAUSES)).contains(meant);
    }

    @Test
    void aMisspeltFieldSuggestsTheField() {
        assertThat(DidYouMean.suggest("cpuPercnt", List.of("cpuPercent", "memoryMb", "name")))
                .contains("cpuPercent");
        assertThat(DidYouMean.suggest("cpuPrecent", List.of("cpuPercent", "memoryMb", "name")))
                .contains("cpuPercent");
    }

    @Test
    void nothingIsSuggestedForANameFarFromEveryKnownOne() {
        assertThat(DidYouMean.suggest("bandwidth", List.of("cpuPercent", "memoryMb", "name")))
                .isEmpty();
        assertThat(DidYouMean.suggest("9.9", CLAUSES)).isEmpty();
    }

    @Test
    void aKnownNameIsNotSuggestedForItself() {
        assertThat(DidYouMean.suggest("name", List.of("name", "names"))).isEmpty();
    }
}
