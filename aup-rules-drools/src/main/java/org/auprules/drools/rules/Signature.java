package org.auprules.drools.rules;

import java.util.Objects;
import org.auprules.api.Certainty;
import org.auprules.api.Severity;

/**
 * One row of {@code signatures.csv}: a name, text, regular expression or port that identifies a
 * prohibited program, and the clause it breaks.
 *
 * @param kind        what the pattern is matched against
 * @param pattern     the pattern as written: an exact name, {@code re:} and a regular expression, a
 *                    command-line pattern ({@link CommandPattern}), or a port
 * @param clause      the id of the clause a match breaks
 * @param severity    how grave a match is
 * @param certainty   whether a match proves the violation
 * @param description what a match is, e.g. {@code cryptocurrency miner}
 * @param line        the 1-based line of the row in {@code signatures.csv}
 */
public record Signature(
        SignatureKind kind,
        String pattern,
        String clause,
        Severity severity,
        Certainty certainty,
        String description,
        int line)
        implements TableRow {

    /** What marks a pattern as a regular expression. */
    public static final String REGEX_PREFIX = "re:";

    /**
     * Checks that nothing is missing.
     *
     * @param kind        what the pattern is matched against
     * @param pattern     the pattern as written
     * @param clause      the id of the clause a match breaks
     * @param severity    how grave a match is
     * @param certainty   whether a match proves the violation
     * @param description what a match is
     * @param line        the 1-based line of the row in {@code signatures.csv}
     */
    public Signature {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(pattern, "pattern must not be null");
        Objects.requireNonNull(clause, "clause must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(certainty, "certainty must not be null");
        Objects.requireNonNull(description, "description must not be null");
    }

    /**
     * Whether the pattern is a regular expression ({@code re:…}) rather than an exact name.
     *
     * @return whether the pattern starts with {@value #REGEX_PREFIX}
     */
    public boolean isRegex() {
        return pattern.startsWith(REGEX_PREFIX);
    }

    /**
     * Whether the pattern is a {@link SignatureKind#COMMAND_LINE} pattern anchored to a program,
     * an option or an argument ({@code program:…}, {@code option:…}, {@code argument:…}) rather
     * than text found anywhere.
     *
     * @return whether the row is a command-line row whose pattern {@link CommandPattern} reads
     */
    public boolean isCommandPattern() {
        return kind == SignatureKind.COMMAND_LINE && CommandPattern.isCommandPattern(pattern);
    }

    /**
     * This row with another certainty, for a match that is weaker than the row claims: a process
     * name that only looks like the row's name is {@link Certainty#SUSPECTED}.
     *
     * @param other the certainty the match carries
     * @return the row with that certainty, or this row when it already has it
     */
    public Signature withCertainty(Certainty other) {
        return other == certainty ? this : new Signature(kind, pattern, clause, severity, other, description, line);
    }

    /**
     * The table the row comes from.
     *
     * @return {@value SignatureTable#SOURCE}
     */
    @Override
    public String source() {
        return SignatureTable.SOURCE;
    }

    /**
     * How a message names this row: {@code signature `xmrig`} for a plain pattern, and the table
     * line for a regular expression or a command-line pattern, which mean little to a customer.
     * Messages write it as {@code ({$s.cited})}.
     *
     * @return {@code signature `xmrig`} or {@code signatures.csv line 12}
     */
    public String cited() {
        return isRegex() || isCommandPattern()
                ? SignatureTable.SOURCE + " line " + line
                : "signature `" + pattern + "`";
    }
}
