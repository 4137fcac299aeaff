package org.auprules.drools.rules;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Time arithmetic for rules: windows and business days, all in UTC. */
public final class Dates {

    private Dates() {
    }

    /** Whether {@code t} lies in the window of {@code seconds} that starts at {@code start}: {@code [start, start+seconds)}. */
    public static boolean within(Instant start, Instant t, long seconds) {
        return t != null && start != null && !t.isBefore(start) && t.isBefore(start.plusSeconds(seconds));
    }

    /** Whether {@code t} is at most {@code days} days before {@code now}, and not after it. */
    public static boolean withinDaysBefore(Instant t, Instant now, int days) {
        return t != null && !t.isBefore(now.minus(Duration.ofDays(days))) && !t.isAfter(now);
    }

    /**
     * The last day on which a request made at {@code requestedAt} may still be acted on, when
     * {@code businessDays} business days are allowed: Saturdays and Sundays do not count.
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

    /** Whether mail at {@code mailedAt} came after the opt-out deadline of a request at {@code requestedAt}. */
    public static boolean afterBusinessDayDeadline(Instant requestedAt, Instant mailedAt, int businessDays) {
        if (requestedAt == null || mailedAt == null) {
            return false;
        }
        LocalDate mailed = mailedAt.atZone(ZoneOffset.UTC).toLocalDate();
        return mailed.isAfter(businessDayDeadline(requestedAt, businessDays));
    }
}
