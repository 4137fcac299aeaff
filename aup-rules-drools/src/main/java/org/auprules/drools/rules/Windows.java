package org.auprules.drools.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.auprules.api.facts.EmailMessage;

/**
 * Counts observed over one window, judged against thresholds that are set for a shorter one.
 *
 * <p>A threshold such as "1,000 distinct destinations in 5 minutes" is proved by an observation
 * over a longer window as soon as the count exceeds {@code k × (threshold − 1)}, where {@code k} is
 * the number of threshold-length periods the window spans, rounded up. Split the window into those
 * {@code k} periods: if none of them reached the threshold, each held at most {@code threshold − 1},
 * and the whole window at most {@code k × (threshold − 1)} (a distinct count over the whole window
 * is at most the sum of the periods' distinct counts). Any larger count therefore proves that some
 * period reached the threshold, and no smaller count does: {@code k} periods of {@code threshold − 1}
 * each reach exactly {@code k × (threshold − 1)} with none at the threshold. For one period
 * ({@code k = 1}) this is the plain "at or above the threshold".
 *
 * <pre>{@code
 * Windows.periods(300, 300);                  // 1
 * Windows.periods(3600, 300);                 // 12
 * Windows.reaches(11_989, 3600, 1000, 300);   // true: 11,989 > 12 × 999 = 11,988
 * Windows.reaches(11_988, 3600, 1000, 300);   // false: twelve periods of 999 each hold 11,988
 * }</pre>
 *
 * <p>{@link #inBusyWindows} finds the messages sent in a burst: sorted once, then swept with two
 * pointers, so an account with 100,000 messages costs O(n log n), not a join of every message with
 * every other.
 */
public final class Windows {

    private Windows() {}

    /**
     * How many threshold periods a window spans, rounded up; a window no longer than the period
     * spans one.
     *
     * @param windowSeconds the observed window, positive
     * @param periodSeconds the threshold's window, positive
     * @return at least 1
     * @throws IllegalArgumentException when {@code periodSeconds} is not positive
     */
    public static long periods(long windowSeconds, long periodSeconds) {
        if (periodSeconds <= 0) {
            throw new IllegalArgumentException("threshold window must be positive, got " + periodSeconds);
        }
        long whole = windowSeconds / periodSeconds;
        return Math.max(1, windowSeconds % periodSeconds == 0 ? whole : whole + 1);
    }

    /**
     * Whether a count seen over {@code windowSeconds} proves at least {@code threshold} within some
     * period of {@code periodSeconds}: whether it exceeds {@code k × (threshold − 1)}, {@code k} being
     * {@link #periods}. A window of 0 is unknown, and proves nothing.
     *
     * <pre>
     * $n : NetworkActivity( Windows.reaches(distinctDestinations, windowSeconds, $min, $window) )
     * </pre>
     *
     * @param count         what was counted over the window, e.g. distinct destinations
     * @param windowSeconds the observed window; 0 or less when unknown
     * @param threshold     the count the policy sets for one period
     * @param periodSeconds the period the threshold is set for, positive
     * @return whether the count is more than {@code threshold − 1} times the periods the window spans
     * @throws IllegalArgumentException when {@code periodSeconds} is not positive
     */
    public static boolean reaches(long count, long windowSeconds, long threshold, long periodSeconds) {
        if (windowSeconds <= 0) {
            return false;
        }
        if (threshold <= 0) {
            // a threshold of 0 is met by any count, in any period
            return count >= threshold;
        }
        long periods = periods(windowSeconds, periodSeconds);
        // a window so long that the bound overflows can never be passed
        return threshold - 1 <= Long.MAX_VALUE / periods && count > (threshold - 1) * periods;
    }

    /**
     * The messages that lie in some window of {@code windowSeconds} holding at least {@code minCount}
     * messages, in the order of their send times: a window starts at a message's {@code sentAt} and
     * ends just before {@code sentAt + windowSeconds}. Messages without a send time are in no window.
     *
     * <pre>
     * accumulate( $e : EmailMessage( sentAt != null ); $sent : collectList( $e ) )
     * $m : EmailMessage() from Windows.inBusyWindows($sent, 3600, $perHour)
     * </pre>
     *
     * @param messages      the account's messages, in any order
     * @param windowSeconds the window's length, positive
     * @param minCount      how many messages make a window busy; 0 or less makes every timed message busy
     * @return each message of a busy window once, sorted by send time
     * @throws IllegalArgumentException when {@code windowSeconds} is not positive
     */
    public static List<EmailMessage> inBusyWindows(
            Collection<EmailMessage> messages, long windowSeconds, long minCount) {
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("window must be positive, got " + windowSeconds);
        }
        List<Sent> timed = new ArrayList<>(messages.size());
        for (EmailMessage m : messages) {
            Instant t = m.sentAt();
            if (t != null) {
                timed.add(new Sent(t, m));
            }
        }
        timed.sort(Comparator.comparing(Sent::at));
        Duration window = Duration.ofSeconds(windowSeconds);
        List<EmailMessage> busy = new ArrayList<>();
        int end = 0;
        int taken = 0;
        for (int start = 0; start < timed.size(); start++) {
            Instant from = timed.get(start).at();
            while (end < timed.size()
                    && Duration.between(from, timed.get(end).at()).compareTo(window) < 0) {
                end++;
            }
            if (end - start >= minCount) {
                for (int i = Math.max(start, taken); i < end; i++) {
                    busy.add(timed.get(i).message());
                }
                taken = Math.max(taken, end);
            }
        }
        return busy;
    }

    /** A message with the send time it is sorted by. */
    private record Sent(Instant at, EmailMessage message) {}
}
