package org.auprules.drools.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AudioStream;
import org.auprules.api.facts.Fact;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.Permit;
import org.auprules.api.facts.PermitType;
import org.auprules.api.facts.ReportType;

/**
 * Phrases that several rules put into their messages, so that messages read alike and a
 * customer-support person can paste them.
 */
public final class Wording {

    private Wording() {
    }

    /** Whose limits a threshold came from: {@code plan `shared-basic`}, or {@code the default limits}. */
    public static String limits(Thresholds thresholds) {
        return thresholds.plan() == null ? "the default limits" : "plan `" + thresholds.plan() + "`";
    }

    /** A number without a pointless {@code .0}: {@code 180}, {@code 98.5}. */
    public static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A report in words: {@code verified phishing report `r-7` from `abuse@bank.example` received
     * 2026-11-20T10:00:00Z about `login.bank.example`}.
     */
    public static String report(AbuseReport r) {
        StringBuilder s = new StringBuilder();
        s.append(r.verified() ? "verified " : "unverified ")
                .append(typeName(r.type()))
                .append(" report `").append(r.id()).append('`');
        if (r.reporter() != null) {
            s.append(" from `").append(r.reporter()).append('`');
        }
        if (r.receivedAt() != null) {
            s.append(" received ").append(r.receivedAt());
        }
        List<String> about = Stream.of(r.url(), r.domain(), r.ip(), r.email())
                .filter(x -> x != null && !x.isBlank()).map(x -> "`" + x + "`").toList();
        if (!about.isEmpty()) {
            s.append(" about ").append(String.join(", ", about));
        }
        return s.toString();
    }

    /** A report type as people write it: {@code DMCA}, {@code DDoS}, {@code law enforcement}. */
    static String typeName(ReportType type) {
        return switch (type) {
            case DMCA, CSAM -> type.name();
            case DDOS -> "DDoS";
            default -> type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /**
     * Why none of the export licences on file allows an export of {@code eccn} at {@code now}:
     * {@code no export licence is on file}, or one clause per licence, e.g. {@code licence `D1`
     * covers `5D002` but expired 2026-01-01T00:00:00Z}.
     */
    public static String licencesOnFile(Collection<?> permits, String eccn, Instant now) {
        List<String> reasons = new ArrayList<>();
        for (Object o : permits) {
            if (o instanceof Permit p && p.type() == PermitType.EXPORT_LICENSE) {
                String name = "licence `" + (p.reference() != null ? p.reference() : p.id()) + "`";
                if (!eccn.equals(p.covers())) {
                    reasons.add(name + " covers `" + p.covers() + "`, not `" + eccn + "`");
                } else if (!p.validAt(now)) {
                    reasons.add(name + " covers `" + eccn + "` but expired " + p.validUntil());
                }
            }
        }
        return reasons.isEmpty() ? "no export licence is on file" : String.join("; ", reasons);
    }

    /** Logins, by id: {@code `KP` from `175.45.176.20` at 2026-11-26T13:40:00Z, …}. */
    public static String logins(Collection<?> logins) {
        return sortedById(logins, Login.class).stream()
                .map(l -> "`" + l.country() + "`" + (l.ip() != null ? " from `" + l.ip() + "`" : "")
                        + (l.at() != null ? " at " + l.at() : ""))
                .collect(Collectors.joining(", "));
    }

    /** Audio streams, by id: {@code `s-1` on mount `/live`, …}. */
    public static String streams(Collection<?> streams) {
        return sortedById(streams, AudioStream.class).stream()
                .map(s -> "`" + s.id() + "`" + (s.mount() != null ? " on mount `" + s.mount() + "`" : ""))
                .collect(Collectors.joining(", "));
    }

    private static <T extends Fact> List<T> sortedById(Collection<?> facts, Class<T> type) {
        return facts.stream().filter(type::isInstance).map(type::cast)
                .sorted(Comparator.comparing(Fact::id, Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }
}
