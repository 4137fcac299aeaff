package org.auprules.drools.rules;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The destinations under comprehensive embargo, from {@code embargoedCountries} in the pack's
 * {@code policy.json}. The engine inserts one into every account's session, so export rules read
 * {@code Embargo( $embargoed : countries )} and the list stays data that analysts edit, never a
 * DRL literal.
 *
 * @param countries upper-case ISO 3166-1 alpha-2 codes, plus XC, XD and XL for sanctioned regions
 */
public record Embargo(Set<String> countries) {

    /**
     * Copies the codes, upper-cased, so that rules can match them against codes in the facts. The
     * copy answers {@code contains(null)} with false rather than throwing as {@code Set.copyOf}
     * does, because the country of a login or export is optional: {@code $embargoed contains
     * country} must stay quiet on an unknown country, not end the evaluation.
     *
     * @param countries the codes as {@code policy.json} writes them, in any case
     */
    public Embargo {
        countries = Collections.unmodifiableSet(new HashSet<>(normalize(countries)));
    }

    /**
     * The codes in alphabetical order, for messages: {@code CU, IR, KP}. A template that writes
     * {@code {$e}} for a bound {@code Embargo} gets this text.
     *
     * @return the codes, joined by commas
     */
    public String list() {
        return String.join(", ", new TreeSet<>(countries));
    }

    private static Set<String> normalize(Collection<String> countries) {
        Set<String> set = new TreeSet<>();
        for (String c : Objects.requireNonNull(countries, "countries must not be null")) {
            set.add(Objects.requireNonNull(c, "country must not be null").trim().toUpperCase(Locale.ROOT));
        }
        return set;
    }
}
