package org.auprules.api.policy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a clause, such as {@code 1.A.2}, {@code 2.12} or {@code P.1}. Ids order numerically,
 * part by part: {@code 2.9} comes before {@code 2.10}, and {@code P.1} before every section.
 *
 * @param value the id as the catalog writes it
 */
public record ClauseId(String value) implements Comparable<ClauseId> {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*");

    /**
     *
     * Checks that the id is there and has the shape of parts joined by dots, such as {@code 2.12}.
     *
     *
     *
     * @param value the id as the catalog writes it
     *
     * @throws NullPointerException when {@code value} is null
     *
     * @throws IllegalArgumentException when {@code value} has another shape
     *
     */
    public ClauseId {
        Objects.requireNonNull(value, "clause id must not be null");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid clause id `" + value + "`: expected parts such as `2.12`");
        }
    }

    /**
     * Parses a clause id.
     *
     * @param value the id, e.g. {@code 1.A.2}
     * @return the clause id
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalArgumentException when {@code value} is not parts of letters and digits joined by dots
     */
    public static ClauseId of(String value) {
        return new ClauseId(value);
    }

    /** {@return the section this id belongs to: {@code 1} for {@code 1.A.2}, {@code 2} for {@code 2.12}} */
    public String section() {
        int dot = value.indexOf('.');
        return dot < 0 ? value : value.substring(0, dot);
    }

    private List<String> parts() {
        return List.of(value.split("\\."));
    }

    @Override
    public int compareTo(ClauseId other) {
        List<String> a = parts();
        List<String> b = other.parts();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = comparePart(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Numbers compare as numbers; a letter part (the preamble's {@code P}) sorts before numbers. */
    private static int comparePart(String x, String y) {
        boolean xNum = x.chars().allMatch(Character::isDigit);
        boolean yNum = y.chars().allMatch(Character::isDigit);
        if (xNum && yNum) {
            return new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
        }
        if (xNum != yNum) {
            return xNum ? 1 : -1;
        }
        return x.compareTo(y);
    }

    @Override
    public String toString() {
        return value;
    }
}
