package org.auprules.drools.rules;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The numbers a policy's rules compare facts with, resolved for one hosting plan. One instance is
 * inserted into each account's session, so rules read {@code Thresholds( $max : processCount )}
 * instead of literals. The names are the keys of {@code thresholds} in {@code policy.json}.
 *
 * @param plan                     the plan these values were resolved for, or {@code null} for the defaults
 * @param bulkRecipientsPerMessage one message to this many recipients is bulk email
 * @param bulkMessagesPerHour      this many messages from one account in one hour is bulk email
 * @param spamComplaints           this many verified spam complaints within the window is spam
 * @param spamComplaintWindowDays  the complaint window, in days
 * @param optOutBusinessDays       business days allowed to honour an opt-out
 * @param bruteForceAttempts       failed logins within the window that make brute force
 * @param bruteForceWindowSeconds  the brute-force window
 * @param scanDistinctDestinations distinct destinations within the window that make a scan
 * @param scanDistinctPorts        distinct ports within the window that make a scan
 * @param scanWindowSeconds        the scan window
 * @param attackPacketsPerSecond   outbound packets per second that make an attack
 * @param cpuPercent               sustained CPU, in percent of one core, that is a burden
 * @param cpuSustainedSeconds      how long CPU must be sustained
 * @param memoryMb                 memory that is a burden
 * @param processCount             processes at once that are a burden
 * @param forkBombProcessCount     processes at once that are a fork bomb
 * @param inodes                   inodes that are a burden
 */
public record Thresholds(
        @Nullable String plan,
        int bulkRecipientsPerMessage,
        int bulkMessagesPerHour,
        int spamComplaints,
        int spamComplaintWindowDays,
        int optOutBusinessDays,
        int bruteForceAttempts,
        int bruteForceWindowSeconds,
        int scanDistinctDestinations,
        int scanDistinctPorts,
        int scanWindowSeconds,
        long attackPacketsPerSecond,
        double cpuPercent,
        long cpuSustainedSeconds,
        long memoryMb,
        int processCount,
        int forkBombProcessCount,
        long inodes) {

    /**
     * The threshold names and their Java types ({@code int}, {@code long}, {@code double}), in
     * declaration order; {@code plan} is not a threshold.
     *
     * @return the keys that {@code thresholds} in {@code policy.json} must give, with their types
     */
    public static Map<String, Class<?>> names() {
        Map<String, Class<?>> names = new LinkedHashMap<>();
        for (RecordComponent c : Thresholds.class.getRecordComponents()) {
            if (!c.getName().equals("plan")) {
                names.put(c.getName(), c.getType());
            }
        }
        return names;
    }

    /**
     * Builds thresholds from named numbers.
     *
     * @param plan   the plan, or {@code null}
     * @param values a value for every name of {@link #names()}
     * @return the thresholds
     * @throws IllegalArgumentException naming the first missing threshold or value of the wrong type
     */
    public static Thresholds of(@Nullable String plan, Map<String, ? extends Number> values) {
        RecordComponent[] components = Thresholds.class.getRecordComponents();
        @Nullable Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            if (name.equals("plan")) {
                args[i] = plan;
                continue;
            }
            Number n = values.get(name);
            if (n == null) {
                throw new IllegalArgumentException("missing threshold `" + name + "`");
            }
            args[i] = convert(name, n, components[i].getType());
        }
        try {
            Constructor<Thresholds> ctor = Thresholds.class.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build thresholds", e);
        }
    }

    /** Converts a number to the threshold's type, refusing fractions where a whole number is needed. */
    static Object convert(String name, Number n, Class<?> type) {
        if (type == double.class) {
            return n.doubleValue();
        }
        double d = n.doubleValue();
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException("threshold `" + name + "` must be a whole number, got `" + n + "`");
        }
        if (d < 0) {
            throw new IllegalArgumentException("threshold `" + name + "` must not be negative, got `" + n + "`");
        }
        if (type == int.class) {
            if (d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("threshold `" + name + "` is too large: `" + n + "`");
            }
            return n.intValue();
        }
        // longValue() of a larger integer keeps its low 64 bits: 18446744073709551617 would become 1
        if (new BigDecimal(n.toString()).compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("threshold `" + name + "` is too large: `" + n + "`");
        }
        return n.longValue();
    }
}
