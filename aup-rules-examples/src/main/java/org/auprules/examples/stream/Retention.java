package org.auprules.examples.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.auprules.drools.PolicyDocument;

/**
 * How long the state keeps a fact that is an event (a message, a report, a login): the longest
 * window the pack's thresholds name, over the defaults and every plan. A threshold names a window
 * by its unit: {@code bulkMessagesPerHour} one hour, {@code spamComplaintWindowDays} its value in
 * days, {@code bruteForceWindowSeconds} its value in seconds, {@code optOutBusinessDays} its value
 * in business days (counted as the calendar days they can span). A pack that names a longer window
 * keeps its facts longer, without a change here.
 *
 * @param window the longest window
 * @param threshold the threshold that names it, as {@code name=value}, or {@code plan:name=value}
 */
public record Retention(Duration window, String threshold) {

    /**
     * The retention a pack's thresholds call for.
     *
     * @param policy the parsed {@code policy.json}
     * @return the longest window; one hour when the thresholds name none
     */
    public static Retention of(PolicyDocument policy) {
        List<Retention> windows = new ArrayList<>();
        collect(policy.thresholds(), "", windows);
        policy.plans().forEach((plan, values) -> collect(values, plan + ":", windows));
        Retention longest = new Retention(Duration.ofHours(1), "(none named: one hour)");
        for (Retention r : windows) {
            if (r.window().compareTo(longest.window()) > 0) {
                longest = r;
            }
        }
        return longest;
    }

    private static void collect(Map<String, Number> values, String prefix, List<Retention> into) {
        values.forEach((name, value) -> windowOf(name, value.doubleValue())
                .ifPresent(d -> into.add(new Retention(d, prefix + name + "=" + value))));
    }

    /**
     * The window a threshold names, if it names one.
     *
     * @param name the threshold's name
     * @param value its value
     * @return the window, or empty for a threshold that is a count or a rate without a window
     */
    static Optional<Duration> windowOf(String name, double value) {
        long whole = (long) Math.ceil(Math.max(0, value));
        if (name.endsWith("PerHour")) {
            return Optional.of(Duration.ofHours(1));
        }
        if (name.endsWith("PerDay")) {
            return Optional.of(Duration.ofDays(1));
        }
        if (name.endsWith("PerMinute")) {
            return Optional.of(Duration.ofMinutes(1));
        }
        if (name.endsWith("BusinessDays")) {
            // n business days span at most n days plus two weekend days for each started week, plus one weekend
            return Optional.of(Duration.ofDays(whole + 2 * ((whole + 4) / 5) + 2));
        }
        if (name.endsWith("Days")) {
            return Optional.of(Duration.ofDays(whole));
        }
        if (name.endsWith("Hours")) {
            return Optional.of(Duration.ofHours(whole));
        }
        if (name.endsWith("Minutes")) {
            return Optional.of(Duration.ofMinutes(whole));
        }
        if (name.endsWith("Seconds")) {
            return Optional.of(Duration.ofSeconds(whole));
        }
        return Optional.empty();
    }
}
