package org.auprules.examples.changes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.auprules.api.Evidence;
import org.auprules.api.Violation;

/**
 * The changes between an earlier and a later verdict on the same accounts.
 *
 * <p>Two violations are the same finding when they have the same account, clause and rule, and
 * either the same evidence or, failing that, at least one evidence item in common (a mail burst
 * that grew by one message is the same burst). Within one account, clause and rule, exact
 * matches pair first, then overlapping ones, each in {@link Violation#ORDER}; what is left of
 * the later verdict is {@code OPENED} and what is left of the earlier one {@code RESOLVED}. A
 * paired finding whose evidence, severity or certainty differs is {@code CHANGED}; one where
 * they are the same emits nothing, even when its message differs (a message may name the moment
 * of evaluation, "3 complaints in the 30 days before …", which moves with every evaluation). The result is sorted by account, clause, rule and evidence, so the
 * same two verdicts always give the same changes, whatever order they were listed in.
 */
public final class ViolationChanges {

    private ViolationChanges() {}

    /**
     * Compares two verdicts.
     *
     * @param before the earlier violations (any order)
     * @param after the later violations (any order)
     * @param policyDigest the digest of the policy that produced {@code after}
     * @param eventTime the instant the later verdict stands for
     * @return the changes, empty when the verdict did not change
     */
    public static List<ViolationChange> between(
            Collection<Violation> before, Collection<Violation> after, String policyDigest, Instant eventTime) {
        Objects.requireNonNull(policyDigest, "policy digest must not be null");
        Objects.requireNonNull(eventTime, "event time must not be null");
        Map<String, List<Violation>> earlier = byFinding(before);
        Map<String, List<Violation>> later = byFinding(after);
        Set<String> keys = new HashSet<>(earlier.keySet());
        keys.addAll(later.keySet());
        List<ViolationChange> changes = new ArrayList<>();
        for (String key : keys) {
            pair(
                    earlier.getOrDefault(key, List.of()),
                    later.getOrDefault(key, List.of()),
                    policyDigest,
                    eventTime,
                    changes);
        }
        changes.sort((a, b) -> Violation.ORDER.compare(a.violation(), b.violation()) != 0
                ? Violation.ORDER.compare(a.violation(), b.violation())
                : a.kind().compareTo(b.kind()));
        return List.copyOf(changes);
    }

    private static void pair(
            List<Violation> before, List<Violation> after, String digest, Instant time, List<ViolationChange> changes) {
        List<Violation> open = new ArrayList<>(after);
        List<Violation> gone = new ArrayList<>(before);
        for (Violation was : before) {
            int same = indexOfSame(open, was);
            if (same >= 0) {
                open.remove(same);
                gone.remove(was);
            }
        }
        for (Violation was : List.copyOf(gone)) {
            for (Violation now : open) {
                if (overlaps(was, now)) {
                    changes.add(new ViolationChange(ViolationChange.Kind.CHANGED, now, was, digest, time));
                    open.remove(now);
                    gone.remove(was);
                    break;
                }
            }
        }
        for (Violation now : open) {
            changes.add(new ViolationChange(ViolationChange.Kind.OPENED, now, null, digest, time));
        }
        for (Violation was : gone) {
            changes.add(new ViolationChange(ViolationChange.Kind.RESOLVED, was, was, digest, time));
        }
    }

    /** The first violation of {@code in} that differs from {@code v} in nothing but its message (and clause text). */
    private static int indexOfSame(List<Violation> in, Violation v) {
        int exact = in.indexOf(v);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < in.size(); i++) {
            Violation o = in.get(i);
            if (o.evidence().equals(v.evidence())
                    && o.severity() == v.severity()
                    && o.certainty() == v.certainty()
                    && o.category() == v.category()
                    && o.actions().equals(v.actions())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean overlaps(Violation a, Violation b) {
        Set<Evidence> items = new HashSet<>(a.evidence());
        for (Evidence e : b.evidence()) {
            if (items.contains(e)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, List<Violation>> byFinding(Collection<Violation> violations) {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(Violation.ORDER);
        Map<String, List<Violation>> groups = new LinkedHashMap<>();
        for (Violation v : sorted) {
            String key = v.accountId() + '\u0000' + v.clauseId() + '\u0000' + v.ruleId();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
        }
        return groups;
    }
}
