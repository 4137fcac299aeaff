package org.auprules.examples.bench.baseline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.internal.FactsNormalizer;
import org.auprules.internal.DomainNames;
import org.jspecify.annotations.Nullable;

/**
 * What both baselines read from the pack instead of hard-coding it: the thresholds of
 * {@code policy.json} with each plan's overrides, and its embargo list; and the few date, window
 * and domain-name calculations the rules' conditions need, written out here as a hand-written
 * implementation would write them (the library's own helpers are not used).
 *
 * <p>The one part of the library the baselines do share is the front end that every
 * implementation needs before any rule: checking the facts, naming facts without an id by their
 * place, attributing reports and listings that name no account by address, and grouping the facts
 * by account ({@link #group}). It is not one of the rules compared, and all three implementations
 * pay for it once per call, the library inside {@code evaluate}.
 */
public final class BaselinePolicy {

    /** The thresholds one account is judged against: {@code policy.json}'s, with its plan's overrides. */
    public record Limits(
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
            long inodes) {}

    private final Limits defaults;
    private final Map<String, Limits> byPlan = new HashMap<>();
    private final Set<String> embargoed = new HashSet<>();

    /**
     * Reads the pack's {@code policy.json}.
     *
     * @param pack the pack whose rules are being compared
     */
    public BaselinePolicy(PolicyPack pack) {
        JsonNode policy;
        try {
            policy = new ObjectMapper()
                    .readTree(pack.text(PolicyPack.POLICY_FILE)
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "the pack " + pack.location() + " has no " + PolicyPack.POLICY_FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode thresholds = policy.path("thresholds");
        defaults = limits(thresholds, thresholds);
        for (Map.Entry<String, JsonNode> plan : policy.path("plans").properties()) {
            byPlan.put(plan.getKey(), limits(plan.getValue(), thresholds));
        }
        for (JsonNode c : policy.path("embargoedCountries")) {
            embargoed.add(c.asText().trim().toUpperCase(Locale.ROOT));
        }
    }

    private static Limits limits(JsonNode plan, JsonNode defaults) {
        return new Limits(
                (int) value(plan, defaults, "bulkRecipientsPerMessage"),
                (int) value(plan, defaults, "bulkMessagesPerHour"),
                (int) value(plan, defaults, "spamComplaints"),
                (int) value(plan, defaults, "spamComplaintWindowDays"),
                (int) value(plan, defaults, "optOutBusinessDays"),
                (int) value(plan, defaults, "bruteForceAttempts"),
                (int) value(plan, defaults, "bruteForceWindowSeconds"),
                (int) value(plan, defaults, "scanDistinctDestinations"),
                (int) value(plan, defaults, "scanDistinctPorts"),
                (int) value(plan, defaults, "scanWindowSeconds"),
                (long) value(plan, defaults, "attackPacketsPerSecond"),
                value(plan, defaults, "cpuPercent"),
                (long) value(plan, defaults, "cpuSustainedSeconds"),
                (long) value(plan, defaults, "memoryMb"),
                (int) value(plan, defaults, "processCount"),
                (int) value(plan, defaults, "forkBombProcessCount"),
                (long) value(plan, defaults, "inodes"));
    }

    private static double value(JsonNode plan, JsonNode defaults, String name) {
        JsonNode v = plan.has(name) ? plan.get(name) : defaults.get(name);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("policy.json has no number `thresholds." + name + "`");
        }
        return v.asDouble();
    }

    /**
     * The thresholds of an account's plan, the defaults for no plan or one the pack does not name.
     *
     * @param account the account
     * @return its thresholds
     */
    public Limits limitsFor(Account account) {
        String plan = account.plan();
        return plan == null ? defaults : byPlan.getOrDefault(plan, defaults);
    }

    /**
     * Whether a country is under embargo.
     *
     * @param country an upper-case country code, or {@code null}
     * @return whether {@code embargoedCountries} lists it
     */
    public boolean embargoed(@Nullable String country) {
        return country != null && embargoed.contains(country);
    }

    /**
     * The facts grouped by account, in account-id order, as every implementation compared gets them.
     *
     * @param facts the input
     * @return each account with its facts
     */
    public static Map<Account, List<AccountFact>> group(FactSet facts) {
        return FactsNormalizer.group(facts).accounts();
    }

    /**
     * The moment the facts are judged at.
     *
     * @param facts the input
     * @return its {@code evaluatedAt}, else now
     */
    public static Instant now(FactSet facts) {
        Instant at = facts.evaluatedAt();
        return at != null ? at : Instant.now();
    }

    // ---------------------------------------------------------------- what the conditions compute

    /**
     * Whether a count seen over a window proves a threshold per period: some period of the window
     * reached it when the count exceeds (threshold - 1) times the periods that cover the window.
     *
     * @param count     what was counted
     * @param window    over how many seconds
     * @param threshold the threshold per period
     * @param period    the period, in seconds
     * @return whether the threshold is proved
     */
    static boolean reaches(long count, long window, long threshold, long period) {
        if (window <= 0) {
            return false;
        }
        if (threshold <= 0) {
            return count >= threshold;
        }
        long periods = Math.max(1, window / period + (window % period == 0 ? 0 : 1));
        return threshold - 1 <= Long.MAX_VALUE / periods && count > (threshold - 1) * periods;
    }

    /**
     * Whether mail went out after the opt-out deadline: later than {@code days} business days
     * (Monday to Friday, UTC) after the day of the request.
     *
     * @param requested when the recipient opted out
     * @param mailed    when they were last mailed
     * @param days      the business days allowed
     * @return whether the deadline was missed
     */
    static boolean afterOptOutDeadline(@Nullable Instant requested, @Nullable Instant mailed, int days) {
        if (requested == null || mailed == null) {
            return false;
        }
        return mailed.atZone(ZoneOffset.UTC).toLocalDate().isAfter(deadline(requested, days));
    }

    /**
     * The last day mail may go out after an opt-out.
     *
     * @param requested when the recipient opted out
     * @param days      the business days allowed
     * @return the deadline
     */
    static LocalDate deadline(Instant requested, int days) {
        LocalDate day = requested.atZone(ZoneOffset.UTC).toLocalDate();
        for (int left = days; left > 0; ) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return day;
    }

    /**
     * Whether a moment is within the {@code days} days up to {@code now}.
     *
     * @param t    the moment, or {@code null}
     * @param now  the end of the window
     * @param days its length
     * @return whether {@code t} is in it
     */
    static boolean withinDaysBefore(@Nullable Instant t, Instant now, int days) {
        return t != null && !t.isBefore(now.minus(Duration.ofDays(days))) && !t.isAfter(now);
    }

    /**
     * The messages sent in an hour (or any window) that holds at least {@code min} messages.
     *
     * @param emails  an account's messages
     * @param seconds the window
     * @param min     how many messages make it busy
     * @return the messages of every busy window
     */
    static Set<EmailMessage> inBusyWindows(Collection<EmailMessage> emails, long seconds, long min) {
        List<Sent> timed = new ArrayList<>(emails.size());
        for (EmailMessage m : emails) {
            Instant at = m.sentAt();
            if (at != null) {
                timed.add(new Sent(at, m));
            }
        }
        Set<EmailMessage> busy = new HashSet<>();
        if (timed.size() < min) {
            return busy;
        }
        timed.sort(Comparator.comparing(Sent::at));
        int end = 0;
        for (int start = 0; start < timed.size(); start++) {
            Instant limit = timed.get(start).at().plusSeconds(seconds);
            while (end < timed.size() && timed.get(end).at().isBefore(limit)) {
                end++;
            }
            if (end - start >= min) {
                for (int k = start; k < end; k++) {
                    busy.add(timed.get(k).message());
                }
            }
        }
        return busy;
    }

    /** A message and when it was sent. */
    private record Sent(Instant at, EmailMessage message) {}

    /**
     * A domain name in the form to compare, the library's own canonical form: a baseline compares
     * names as the rules do, and writing that form again would only measure a copy.
     *
     * @param domain a name, or {@code null}
     * @return its canonical form, or {@code null} for none
     */
    static @Nullable String canonical(@Nullable String domain) {
        return DomainNames.canonical(domain);
    }

    /**
     * Whether a domain is one of the account's or under one of them.
     *
     * @param domain the domain
     * @param owned  the account's domains
     * @return whether the account owns it
     */
    static boolean ownedBy(@Nullable String domain, List<String> owned) {
        String d = canonical(domain);
        if (d == null) {
            return false;
        }
        for (String o : owned) {
            String own = canonical(o);
            if (own != null && (d.equals(own) || d.endsWith("." + own))) {
                return true;
            }
        }
        return false;
    }
}
