package org.auprules.drools.rules;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code signatures.csv} that matched a fact, and the text it matched, for the message.
 *
 * @param signature the row; for a name that only imitates the row's, the row as {@code SUSPECTED}
 * @param matched   what matched: the process name, the part of the command line, the scanner's
 *                  name, the software entry, or {@code port 6667} / {@code ports 6881, 6882}
 * @param program   for a process row that matched the program the command line starts (argv[0])
 *                  rather than the process's name, that program as written; otherwise {@code null}
 */
public record SignatureMatch(
        Signature signature, String matched, @Nullable String program) {

    /**
     * Checks that there is a row and a matched text.
     *
     * @param signature the row
     * @param matched   what matched
     * @param program   the program that matched instead of the name, or {@code null}
     */
    public SignatureMatch {
        Objects.requireNonNull(signature, "signature must not be null");
        Objects.requireNonNull(matched, "matched must not be null");
    }

    /**
     * A match of the fact itself: its name, command line, scanner name, software or ports.
     *
     * @param signature the row
     * @param matched   what matched
     */
    public SignatureMatch(Signature signature, String matched) {
        this(signature, matched, null);
    }
}
