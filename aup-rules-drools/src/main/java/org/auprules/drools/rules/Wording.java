package org.auprules.drools.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AudioStream;
import org.auprules.api.facts.Fact;
import org.auprules.api.facts.HostedFile;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.Permit;
import org.auprules.api.facts.PermitType;
import org.auprules.api.facts.ReportType;
import org.auprules.api.facts.Website;
import org.jspecify.annotations.Nullable;

/**
 * The one way messages write values, so that messages read alike and a customer-support person
 * can paste them: numbers without a pointless {@code .0}, instants in ISO-8601, enums by name,
 * collections joined by commas (facts in id order), and facts as a person names them:
 * {@code process `xmrig` (pid 4242)}. {@link MessageTemplate} writes every placeholder with
 * {@link #of(Object, String)}.
 */
public final class Wording {

    /** How a template writes a value that is missing outside {@code [ ]}. */
    public static final String MISSING = "(none)";

    /** Letters whose spoken name starts with a vowel sound, for acronyms: an IRC, an SMS, an MP3. */
    private static final String VOWEL_SOUND_LETTERS = "aefhilmnorsx";

    private Wording() {}

    /**
     * A value in words.
     *
     * @param value the value, or {@code null}
     * @return its words; {@value #MISSING} for {@code null} or an empty {@code Optional}
     */
    public static String of(@Nullable Object value) {
        if (value == null) {
            return MISSING;
        }
        if (value instanceof Optional<?> o) {
            return o.map(Wording::of).orElse(MISSING);
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Collection<?> c) {
            return list(c);
        }
        if (value instanceof Thresholds t) {
            return limits(t);
        }
        if (value instanceof Embargo e) {
            return e.list();
        }
        if (value instanceof BulkEmail b) {
            return of(b.email());
        }
        if (value instanceof BulkFailure b) {
            return of(b.email());
        }
        if (value instanceof ForgedSender f) {
            return of(f.email());
        }
        if (value instanceof Fact f) {
            return fact(f);
        }
        return value.toString();
    }

    /**
     * A value in words, in a named format of {@link MessageTemplate#FORMATS}: {@code a} puts the
     * indefinite article before it, {@code words} and {@code hyphens} write an enum's name in lower
     * case with {@code _} as a space or a hyphen.
     *
     * @param value  the value, or {@code null}
     * @param format the format, or {@code null} for none
     * @return its words
     */
    public static String of(@Nullable Object value, @Nullable String format) {
        if (format == null) {
            return of(value);
        }
        return switch (format) {
            case "a" -> a(of(value));
            case "words" -> of(value).toLowerCase(Locale.ROOT).replace('_', ' ');
            case "hyphens" -> of(value).toLowerCase(Locale.ROOT).replace('_', '-');
            default -> throw new IllegalArgumentException("unknown format `" + format + "`");
        };
    }

    /**
     * Whether a value counts as given for {@code [ ]} and {@code |}: not {@code null}, not blank
     * text, not an empty collection, map or {@code Optional}.
     *
     * @param value the value
     * @return whether it is present
     */
    public static boolean present(@Nullable Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof CharSequence s) {
            return !s.toString().isBlank();
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (value instanceof Optional<?> o) {
            return o.isPresent();
        }
        return true;
    }

    /** Whose limits a threshold came from: {@code plan `shared-basic`}, or {@code the default limits}. */
    static String limits(Thresholds thresholds) {
        return thresholds.plan() == null ? "the default limits" : "plan `" + thresholds.plan() + "`";
    }

    /** A number without a pointless {@code .0}: {@code 180}, {@code 98.5}. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * A noun phrase with "a" or "an" before it: {@code a cryptocurrency miner}, {@code an IRC server}.
     * A phrase that already starts with an article is left alone.
     */
    static String a(String noun) {
        String lower = noun.toLowerCase(Locale.ROOT);
        if (noun.isEmpty() || lower.startsWith("a ") || lower.startsWith("an ") || lower.startsWith("the ")) {
            return noun;
        }
        String word = noun.split("[\\s-]", 2)[0];
        boolean acronym = word.length() > 1
                && word.length() <= 4
                && word.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        char first = Character.toLowerCase(noun.charAt(0));
        boolean vowelSound = acronym ? VOWEL_SOUND_LETTERS.indexOf(first) >= 0 : "aeiou".indexOf(first) >= 0;
        return (vowelSound ? "an " : "a ") + noun;
    }

    /** A fact as a person names it; a fact without the field that names it is named by its id. */
    private static String fact(Fact f) {
        if (f instanceof HostedProcess p) {
            return "process `" + or(p.name(), p.id()) + "` (pid " + p.pid() + ")";
        }
        if (f instanceof HostedFile h) {
            return "file `" + or(h.path(), h.id()) + "`";
        }
        if (f instanceof Website w) {
            return "site `" + or(w.domain(), w.id()) + "`";
        }
        if (f instanceof AbuseReport r) {
            return report(r);
        }
        if (f instanceof Login l) {
            return "`" + or(l.country(), l.id()) + "`" + (l.ip() != null ? " from `" + l.ip() + "`" : "")
                    + (l.at() != null ? " at " + l.at() : "");
        }
        if (f instanceof AudioStream s) {
            return "`" + s.id() + "`" + (s.mount() != null ? " on mount `" + s.mount() + "`" : "");
        }
        String type = f.getClass()
                .getSimpleName()
                .replaceAll("(?<=[a-z])(?=[A-Z])", " ")
                .toLowerCase(Locale.ROOT);
        return type + " `" + f.id() + "`";
    }

    private static @Nullable String or(@Nullable String value, @Nullable String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A collection joined by commas; facts in id order, whatever order the engine collected them in. */
    private static String list(Collection<?> items) {
        List<Object> sorted = new ArrayList<>(items);
        if (!sorted.isEmpty() && sorted.stream().allMatch(x -> x instanceof Fact)) {
            sorted.sort(Comparator.comparing(x -> ((Fact) x).id(), Comparator.nullsLast(Comparator.naturalOrder())));
        }
        return sorted.stream().map(Wording::of).collect(Collectors.joining(", "));
    }

    /**
     * A report in words: {@code verified phishing report `r-7` from `abuse@bank.example` received
     * 2026-11-20T10:00:00Z about `login.bank.example`}.
     */
    static String report(AbuseReport r) {
        StringBuilder s = new StringBuilder();
        s.append(r.verified() ? "verified " : "unverified ")
                .append(typeName(r.type()))
                .append(" report `")
                .append(r.id())
                .append('`');
        if (r.reporter() != null) {
            s.append(" from `").append(r.reporter()).append('`');
        }
        if (r.receivedAt() != null) {
            s.append(" received ").append(r.receivedAt());
        }
        List<String> about = Stream.of(r.url(), r.domain(), r.ip(), r.email())
                .filter(x -> x != null && !x.isBlank())
                .map(x -> "`" + x + "`")
                .toList();
        if (!about.isEmpty()) {
            s.append(" about ").append(String.join(", ", about));
        }
        return s.toString();
    }

    /** A report type as people write it: {@code DMCA}, {@code DDoS}, {@code law enforcement}. */
    static String typeName(@Nullable ReportType type) {
        if (type == null) {
            return "untyped";
        }
        return switch (type) {
            case DMCA, CSAM -> type.name();
            case DDOS -> "DDoS";
            default -> type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /**
     * Why none of the export licences on file allows an export of {@code eccn} at {@code now}:
     * {@code no export licence is on file}, or one clause per licence, e.g. {@code licence `D1`
     * covers `5D002` but expired 2026-01-01T00:00:00Z}. A rule binds it in its conditions, as
     * {@code $why : String() from Wording.licencesOnFile($licences, $x.eccn(), $now)}, for its
     * message to say {@code {$why}}.
     *
     * @param permits the permits on file
     * @param eccn    the export's ECCN
     * @param now     the time of evaluation
     * @return the reasons, in words
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
}
