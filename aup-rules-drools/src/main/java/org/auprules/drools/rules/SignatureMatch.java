package org.auprules.drools.rules;

import java.util.Objects;
import org.auprules.api.facts.AccountFact;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code signatures.csv} that matched a fact, and the text it matched, for the message.
 * The evaluator computes these in Java before the rules fire and inserts one fact per match, so
 * that a rule joins the fact to its matches in working memory:
 *
 * <pre>
 * $p : HostedProcess()
 * $m : SignatureMatch( fact == $p, kind == SignatureKind.PROCESS, imitated == false, $s : signature )
 * </pre>
 *
 * A value that matches no row gives no fact, so a session holds only the hits. The table's
 * {@code matching…} methods return the same matches, for rules that join with {@code from}.
 *
 * @param signature the row; for a name that only imitates the row's, the row as {@code SUSPECTED}
 * @param fact      the process, file or website that matched
 * @param imitated  whether the process's name only imitates the row's (confusable letters)
 * @param matched   what matched: the process name, the part of the command line, the scanner's
 *                  name, the software entry, or {@code port 6667} / {@code ports 6881, 6882}
 * @param program   for a process row that matched the program the command line starts (argv[0])
 *                  rather than the process's name, that program as written; otherwise {@code null}
 */
public record SignatureMatch(
        Signature signature,
        AccountFact fact,
        boolean imitated,
        String matched,
        @Nullable String program) {

    /**
     * Checks that there is a row, a fact and a matched text.
     *
     * @param signature the row
     * @param fact      the fact that matched
     * @param imitated  whether a name only imitates the row's
     * @param matched   what matched
     * @param program   the program that matched instead of the name, or {@code null}
     */
    public SignatureMatch {
        Objects.requireNonNull(signature, "signature must not be null");
        Objects.requireNonNull(fact, "fact must not be null");
        Objects.requireNonNull(matched, "matched must not be null");
    }

    /**
     * A match of the fact itself: its name, command line, scanner name, software or ports.
     *
     * @param signature the row
     * @param fact      the fact that matched
     * @param matched   what matched
     */
    public SignatureMatch(Signature signature, AccountFact fact, String matched) {
        this(signature, fact, false, matched, null);
    }

    /**
     * What the row matches against, for rules that tell matches of a name from those of a command
     * line or a port: {@code kind == SignatureKind.PORT}.
     *
     * @return the row's kind
     */
    public SignatureKind kind() {
        return signature.kind();
    }
}
