package org.auprules.drools.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.auprules.api.facts.EmailMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
        "38, 601, 20, 600, false",
        "39, 601, 20, 600, true",
        "11988, 3600, 1000, 300, false",
        "11989, 3600, 1000, 300, true",
        "1000, 0, 20, 600, false",
        "0, 600, 0, 600, true",
        "1, 3600, 1, 300, true",
        "0, 3600, 1, 300, false",
        "9223372036854775807, 9223372036854775807, 1000, 1, false"
    })
    void reaches(long count, long window, long threshold, long period, boolean reached) {
        assertThat(Windows.reaches(count, window, threshold, period)).isEqualTo(reached);
    }

    /**
     * The bound is tight on both sides: {@code k} periods of {@code threshold − 1} each (none at the
     * threshold) add up to exactly {@code k × (threshold − 1)}, which must not be taken as proof; one
     * more, which no such split can hold, must.
     */
    @Test
    void theEdgeIsKTimesThresholdMinusOne() {
        Random random = new Random(11);
        for (int trial = 0; trial < 2_000; trial++) {
            long period = 1L + random.nextInt(900);
            long window = 1L + random.nextInt(20_000);
            long threshold = 1L + random.nextInt(5_000);
            long k = (window + period - 1) / period;
            long edge = k * (threshold - 1);
            assertThat(Windows.reaches(edge, window, threshold, period))
                    .as("%d in %d s, %d per %d s", edge, window, threshold, period)
                    .isFalse();
            assertThat(Windows.reaches(edge + 1, window, threshold, period))
                    .as("%d in %d s, %d per %d s", edge + 1, window, threshold, period)
                    .isTrue();
        }
    }

    /**
     * Checks the pigeonhole argument itself on small cases: for every way to spread a count over
     * {@code k} periods, some period reaches the threshold exactly when the count exceeds
     * {@code k × (threshold − 1)}.
     */
    @Test
    void noSplitOfALargerCountKeepsEveryPeriodBelowTheThreshold() {
        for (int k = 1; k <= 4; k++) {
            for (int threshold = 1; threshold <= 5; threshold++) {
                for (int count = 0; count <= k * threshold + 2; count++) {
                    boolean everySplitHasOne = everySplitReaches(count, k, threshold);
                    assertThat(Windows.reaches(count, k * 60L, threshold, 60))
                            .as("%d over %d periods, threshold %d", count, k, threshold)
                            .isEqualTo(everySplitHasOne);
                }
            }
        }
    }

    /** Whether every way to put {@code count} events into {@code periods} periods puts {@code threshold} in one. */
    private static boolean everySplitReaches(int count, int periods, int threshold) {
        if (periods == 1) {
            return count >= threshold;
        }
        for (int first = 0; first <= count; first++) {
            if (first < threshold && !everySplitReaches(count - first, periods - 1, threshold)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aThresholdWindowMustBePositive() {
        assertThatThrownBy(() -> Windows.periods(60, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be positive");
    }

    static final Instant T0 = Instant.parse("2026-11-27T08:00:00Z");

    /** Messages sent at these offsets from {@link #T0}, in seconds; a negative offset means no send time. */
    static List<EmailMessage> sentAt(long... offsets) {
        List<EmailMessage> messages = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            EmailMessage.Builder b = EmailMessage.builder().id("m-" + i).accountId("acc-1");
            if (offsets[i] >= 0) {
                b.sentAt(T0.plusSeconds(offsets[i]));
            }
            messages.add(b.build());
        }
        return messages;
    }

    static List<String> ids(List<EmailMessage> messages) {
        return messages.stream().map(EmailMessage::id).toList();
    }

    @Test
    void aWindowWithTheCountIsBusy_oneFewerIsNot() {
        assertThat(ids(Windows.inBusyWindows(sentAt(0, 10, 20), 3600, 3))).containsExactly("m-0", "m-1", "m-2");
        assertThat(Windows.inBusyWindows(sentAt(0, 10, 20), 3600, 4)).isEmpty();
    }

    @Test
    void theWindowEndsJustBeforeItsLength() {
        assertThat(Windows.inBusyWindows(sentAt(0, 1800, 3600), 3600, 3)).isEmpty();
        assertThat(ids(Windows.inBusyWindows(sentAt(0, 1800, 3599), 3600, 3))).containsExactly("m-0", "m-1", "m-2");
    }

    @Test
    void onlyTheMessagesOfBusyWindowsAreReturned_inSendTimeOrder() {
        // 5000 is alone in its hour; 9000, 9001 and 12599 make a second busy window
        List<EmailMessage> messages = sentAt(9000, 60, 0, 5000, 30, 12599, 9001);
        assertThat(ids(Windows.inBusyWindows(messages, 3600, 3)))
                .containsExactly("m-2", "m-4", "m-1", "m-0", "m-6", "m-5");
    }

    @Test
    void overlappingBusyWindowsReturnEachMessageOnce() {
        assertThat(ids(Windows.inBusyWindows(sentAt(0, 3000, 3500, 6000, 6500), 3600, 3)))
                .containsExactly("m-0", "m-1", "m-2", "m-3", "m-4");
    }

    @Test
    void messagesSentInTheSameSecondAllCount() {
        assertThat(Windows.inBusyWindows(sentAt(5, 5, 5, 5), 3600, 4)).hasSize(4);
        assertThat(Windows.inBusyWindows(sentAt(5, 5, 5, 5), 3600, 5)).isEmpty();
    }

    @Test
    void messagesWithoutSendTimeAreInNoWindow() {
        assertThat(ids(Windows.inBusyWindows(sentAt(-1, 0, -1, 10), 3600, 2))).containsExactly("m-1", "m-3");
        assertThat(Windows.inBusyWindows(sentAt(-1, -1, -1), 3600, 0)).isEmpty();
        assertThat(Windows.inBusyWindows(List.of(), 3600, 1)).isEmpty();
    }

    @Test
    void instantsAtTheEndsOfTimeDoNotOverflow() {
        List<EmailMessage> messages = List.of(
                EmailMessage.builder()
                        .id("late")
                        .accountId("a")
                        .sentAt(Instant.MAX)
                        .build(),
                EmailMessage.builder()
                        .id("early")
                        .accountId("a")
                        .sentAt(Instant.MIN)
                        .build());
        assertThat(ids(Windows.inBusyWindows(messages, 3600, 1))).containsExactly("early", "late");
        assertThat(Windows.inBusyWindows(messages, 3600, 2)).isEmpty();
    }

    @Test
    void aWindowMustBePositive() {
        assertThatThrownBy(() -> Windows.inBusyWindows(sentAt(0), 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("window must be positive, got 0");
    }

    /** What the rule computed before: every message's hour, counted by comparing it with every other. */
    static List<String> quadratic(List<EmailMessage> messages, long seconds, long min) {
        List<String> busy = new ArrayList<>();
        for (EmailMessage start : messages) {
            List<EmailMessage> hour = messages.stream()
                    .filter(m -> Dates.within(start.sentAt(), m.sentAt(), seconds))
                    .toList();
            if (start.sentAt() != null && hour.size() >= min) {
                hour.stream()
                        .map(EmailMessage::id)
                        .filter(id -> !busy.contains(id))
                        .forEach(busy::add);
            }
        }
        Collections.sort(busy);
        return busy;
    }

    @Test
    void agreesWithComparingEveryPair_onRandomSendTimes() {
        Random random = new Random(20261201L);
        for (int round = 0; round < 300; round++) {
            long[] offsets = new long[random.nextInt(40)];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = random.nextInt(10) == 0 ? -1 : random.nextInt(3 * 600);
            }
            List<EmailMessage> messages = sentAt(offsets);
            int min = random.nextInt(12);
            List<String> fast = new ArrayList<>(ids(Windows.inBusyWindows(messages, 600, min)));
            Collections.sort(fast);
            assertThat(fast).as("round %d, min %d", round, min).isEqualTo(quadratic(messages, 600, min));
        }
    }

    @Test
    @Timeout(10)
    void aHundredThousandMessagesTakeLessThanASecondOrTwo() {
        long[] offsets = new long[100_000];
        Random random = new Random(7);
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = random.nextInt(86_400);
        }
        List<EmailMessage> messages = sentAt(offsets);
        assertThat(Windows.inBusyWindows(messages, 3600, 500)).hasSize(100_000);
        assertThat(Windows.inBusyWindows(messages, 3600, 10_000)).isEmpty();
    }
}
