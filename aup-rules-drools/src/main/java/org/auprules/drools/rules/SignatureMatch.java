package org.auprules.drools.rules;

import java.util.Objects;

/**
 * A row of {@code signatures.csv} that matched a fact, and the text it matched, for the message.
 *
 * @param signature the row
 * @param matched   what matched: the process name, the part of the command line, the scanner's
 *                  name, the software entry, or {@code port 6667} / {@code ports 6881, 6882}
 */
public record SignatureMatch(Signature signature, String matched) {

    /**
     * Checks that there is a row and a matched text.
     *
     * @param signature the row
     * @param matched   what matched
     */
    public SignatureMatch {
        Objects.requireNonNull(signature, "signature must not be null");
        Objects.requireNonNull(matched, "matched must not be null");
    }
}
