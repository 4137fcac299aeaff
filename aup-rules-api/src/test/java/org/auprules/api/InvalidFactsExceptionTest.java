package org.auprules.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An invalid-facts error keeps its path, position and message as data, apart from its message text. */
class InvalidFactsExceptionTest {

    @Test
    void theProblemIsData_andTheMessageReadsAsBefore() {
        InvalidFactsException e =
                new InvalidFactsException("$.emails[0].accountId", "unknown account `acc-9`", "fleet.json", 12, 20);
        assertThat(e.problem())
                .isEqualTo(
                        new InvalidFactsException.Problem("$.emails[0].accountId", 12, 20, "unknown account `acc-9`"));
        assertThat(e.getMessage()).isEqualTo("$.emails[0].accountId: unknown account `acc-9` (line 12)");
        assertThat(e.path()).isEqualTo("$.emails[0].accountId");
        assertThat(e.source()).contains("fleet.json");
    }

    @Test
    void withoutALineTheMessageNamesNone() {
        InvalidFactsException e = new InvalidFactsException("$.accounts[1].id", "duplicate id `a`");
        assertThat(e.problem())
                .isEqualTo(new InvalidFactsException.Problem("$.accounts[1].id", 0, 0, "duplicate id `a`"));
        assertThat(e.getMessage()).isEqualTo("$.accounts[1].id: duplicate id `a`");
        assertThat(e.source()).isEmpty();
    }

    @Test
    void movingAProblemKeepsItsMessageWhateverTheMessageSays() {
        // a message that itself ends like a line note, and starts like a path, survives a move intact
        InvalidFactsException e = new InvalidFactsException("$.a", "$.a: value `x (line 3)`", null, 0, 0);
        InvalidFactsException moved = e.at("$[2].facts.a", "spam.json", 40, 7);
        assertThat(moved.problem())
                .isEqualTo(new InvalidFactsException.Problem("$[2].facts.a", 40, 7, "$.a: value `x (line 3)`"));
        assertThat(moved.getMessage()).isEqualTo("$[2].facts.a: $.a: value `x (line 3)` (line 40)");
        assertThat(moved.source()).contains("spam.json");
    }

    @Test
    void aProblemNeedsAPathAndAMessage() {
        assertThatThrownBy(() -> new InvalidFactsException.Problem(null, 0, 0, "m"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InvalidFactsException.Problem("$", 0, 0, null))
                .isInstanceOf(NullPointerException.class);
    }
}
