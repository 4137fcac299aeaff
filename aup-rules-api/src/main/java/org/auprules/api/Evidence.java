package org.auprules.api;

import java.util.Comparator;
import java.util.Objects;
import org.auprules.api.facts.Fact;

/**
 * A fact that a rule matched, named by its type and id.
 *
 * @param type the fact's type in the JSON contract, e.g. {@code process}
 * @param id   the fact's id, or its place in the input ({@code resourceUsage[2]}) when it has none
 */
public record Evidence(String type, String id) implements Comparable<Evidence> {

    private static final Comparator<Evidence> ORDER =
            Comparator.comparing(Evidence::id).thenComparing(Evidence::type);

    /**
     *
     * Checks that the type and the id are there.
     *
     *
     *
     * @param type the fact's type in the JSON contract, e.g. {@code process}
     *
     * @param id the fact's id, or its place in the input ({@code resourceUsage[2]}) when it has none
     *
     * @throws NullPointerException when {@code type} or {@code id} is null
     *
     */
    public Evidence {
        Objects.requireNonNull(type, "evidence type must not be null");
        Objects.requireNonNull(id, "evidence id must not be null");
    }

    /**
     * {@return the evidence that names this fact}
     *
     * @param fact a fact that has an id: one of its own, or the one its place in the input gave it
     * @throws NullPointerException when the fact has no id
     */
    public static Evidence of(Fact fact) {
        return new Evidence(fact.evidenceType(), Objects.requireNonNull(fact.id(), "evidence id must not be null"));
    }

    @Override
    public int compareTo(Evidence other) {
        return ORDER.compare(this, other);
    }
}
