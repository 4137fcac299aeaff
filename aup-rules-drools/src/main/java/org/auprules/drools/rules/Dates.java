package org.auprules.drools.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Time arithmetic for rules: windows and business days, all in UTC. Rules call it in conditions
 * and compare with {@code Now( $now : instant )}, never the wall clock:
 *
 * <pre>
 * $o : OptOutRequest( lastMailedAt != null, Dates.afterBusinessDayDeadline(requestedAt, lastMailedAt, $days) )
 * </pre>
 *
 * An instant that is {@code null} (a time the facts do not give) lies in no window.
 */
public final class Dates {

    private Dates() {}

    /**
     * Whether {@code t} lies in the window of {@code seconds} that starts at {@code start}:
     * {@code [start, start+seconds)}, so the start is in and the end is out.
     *
     * @param start   the window's start, or {@code null}
     * @param t       the instant to place, or {@code null}
     * @param seconds the window's length
     * @return whether {@code t} is in the window; false when either instant is {@code null}
     */
    public static boolean within(@Nullable Instant start, @Nullable Instant t, long seconds) {
        return t != null && start != null && !t.isBefore(start) && t.isBefore(start.plusSeconds(seconds));
    }

    /**
     * Whether {@code t} is at most {@code days} days (of 24 hours) before {@code now}, and not after
     * it: {@code Dates.withinDaysBefore(receivedAt, $now, $days)} keeps the complaints of the window.
     *
     * @param t    the instant to place, or {@code null}
     * @param now  the time of evaluation
     * @param days the window's length in days
     * @return whether {@code t} is in {@code [now - days, now]}; false when it is {@code null}
     */
    public static boolean withinDaysBefore(@Nullable Instant t, Instant now, int days) {
        return t != null && !t.isBefore(now.minus(Duration.ofDays(days))) && !t.isAfter(now);
    }

    /**
     * The last day on which a request made at {@code requestedAt} may still be acted on, when
     * {@code businessDays} business days are allowed: Saturdays and Sundays do not count, public
     * holidays do. A request on Friday with 10 business days has its deadline on the Friday two
     * weeks later.
     *
     * @param requestedAt  when the request was made
     * @param businessDays the business days allowed, counted from the day after the request
     * @return the deadline, a day in UTC
     */
    public static LocalDate businessDayDeadline(Instant requestedAt, int businessDays) {
        LocalDate day = requestedAt.atZone(ZoneOffset.UTC).toLocalDate();
        int left = businessDays;
        while (left > 0) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return day;
    }

    /**
     * Whether mail at {@code mailedAt} came after the opt-out deadline of a request at
     * {@code requestedAt}: mail on the deadline day itself is still in time.
     *
     * @param requestedAt  when the opt-out was requested, or {@code null}
     * @param mailedAt     when the account last mailed the person, or {@code null}
     * @param businessDays the business days allowed to honour the opt-out
     * @return whether the mail came too late; false when either instant is {@code null}
     */
    public static boolean afterBusinessDayDeadline(
            @Nullable Instant requestedAt, @Nullable Instant mailedAt, int businessDays) {
        if (requestedAt == null || mailedAt == null) {
            return false;
        }
        LocalDate mailed = mailedAt.atZone(ZoneOffset.UTC).toLocalDate();
        return mailed.isAfter(businessDayDeadline(requestedAt, businessDays));
    }
}
