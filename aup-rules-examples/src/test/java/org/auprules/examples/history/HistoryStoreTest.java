package org.auprules.examples.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the store says about itself: a JDBC URL is named without its password. */
class HistoryStoreTest {

    @Test
    void aPasswordInAJdbcUrlIsMasked() {
        assertThat(HistoryStore.redact("jdbc:postgresql://db:5432/desk?user=desk&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/desk?user=desk&password=***&ssl=true");
        assertThat(HistoryStore.redact("jdbc:postgresql://db:5432/desk?user=desk"))
                .isEqualTo("jdbc:postgresql://db:5432/desk?user=desk");
    }
}
