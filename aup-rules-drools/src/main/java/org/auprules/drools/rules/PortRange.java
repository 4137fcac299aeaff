package org.auprules.drools.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the pattern of a PORT row: one port, {@code 6697}, or an inclusive range, {@code 6881-6889}. */
public final class PortRange {

    /** The lowest port number. */
    public static final int MIN = 1;
    /** The highest port number. */
    public static final int MAX = 65535;

    private static final Pattern SHAPE = Pattern.compile("(\\d{1,9})(?:\\s*-\\s*(\\d{1,9}))?");

    private PortRange() {}

    /**
     * The first and last port of a pattern.
     *
     * @param pattern the pattern of a PORT row of {@code signatures.csv}, spaces around {@code -} allowed
     * @return {@code {first, last}}, equal for a single port
     * @throws IllegalArgumentException with a message for the analyst when the pattern is not a port or a range
     */
    public static int[] parse(String pattern) {
        if (pattern.startsWith(Signature.REGEX_PREFIX)) {
            throw new IllegalArgumentException(
                    "a PORT pattern is a number or a range such as `6881-6889`, " + "not a regular expression");
        }
        Matcher m = SHAPE.matcher(pattern.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid port `" + pattern + "`: expected a port number such as `6697` "
                    + "or a range such as `6881-6889`");
        }
        int first = Integer.parseInt(m.group(1));
        int last = m.group(2) == null ? first : Integer.parseInt(m.group(2));
        for (int port : new int[] {first, last}) {
            if (port < MIN || port > MAX) {
                throw new IllegalArgumentException(
                        "port `" + port + "` is out of range: ports run from " + MIN + " to " + MAX);
            }
        }
        if (last < first) {
            throw new IllegalArgumentException(
                    "port range `" + pattern + "` runs backwards: write the lower port first");
        }
        return new int[] {first, last};
    }
}
