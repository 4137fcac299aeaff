package org.auprules.api.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClauseIdTest {

    @Test
    void idsOrderNumericallyPartByPart_preambleFirst() {
        List<ClauseId> ids =
                new ArrayList<>(List.of("3.1", "2.10", "1.A.5", "2.9", "P.1", "1", "2", "1.B.1", "2.1").stream()
                        .map(ClauseId::of)
                        .toList());
        Collections.shuffle(ids, new java.util.Random(7));
        Collections.sort(ids);
        assertThat(ids)
                .extracting(ClauseId::value)
                .containsExactly("P.1", "1", "1.A.5", "1.B.1", "2", "2.1", "2.9", "2.10", "3.1");
    }

    @Test
    void sectionIsTheFirstPart() {
        assertThat(ClauseId.of("1.A.2").section()).isEqualTo("1");
        assertThat(ClauseId.of("2.12").section()).isEqualTo("2");
    }

    @Test
    void malformedIdsAreRefused() {
        assertThatThrownBy(() -> ClauseId.of("2..1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid clause id `2..1`: expected parts such as `2.12`");
        assertThatThrownBy(() -> ClauseId.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogRefusesDuplicateIds() {
        Clause c = new Clause(
                ClauseId.of("2.1"),
                "h",
                "t",
                Kind.PROHIBITION,
                java.util.Optional.of(Category.PROHIBITED_CONTENT),
                List.of());
        assertThatThrownBy(() -> ClauseCatalog.of(List.of(c, c))).hasMessage("duplicate clause id `2.1`");
        assertThat(ClauseCatalog.of(List.of(c)).find("2.1")).contains(c);
        assertThat(ClauseCatalog.of(List.of(c)).find("not an id")).isEmpty();
    }
}
