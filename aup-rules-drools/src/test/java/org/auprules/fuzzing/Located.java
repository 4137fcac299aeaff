package org.auprules.fuzzing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.InvalidInputException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.PolicyProblem;

/** The checks that an error is one of the documented ones, and says where. */
public final class Located {

    /** A JSON path as the readers write it: {@code $}, then {@code .name} and {@code [index]} steps (a name may hold any character). */
    public static final Pattern JSON_PATH = Pattern.compile("\\$([.\\[].*)?", Pattern.DOTALL);

    private Located() {}

    /**
     * The error of reading a facts document: an {@link InvalidFactsException} with a JSON path and a
     * line of the text, or a {@link MalformedInputException} with a line and column of it.
     */
    public static void factsError(Throwable thrown, String text, String source) {
        int lines = Seeds.lines(text);
        if (thrown instanceof InvalidFactsException e) {
            assertThat(e.path()).as("the JSON path of %s", e).matches(JSON_PATH);
            assertThat(e.line()).as("the line of %s", e).isBetween(1, lines);
            assertThat(e.problem().message()).as("the problem of %s", e).isNotBlank();
            assertThat(e.source()).as("the source of %s", e).contains(source);
        } else if (thrown instanceof MalformedInputException e) {
            malformed(e, text, source);
        } else {
            throw new AssertionError("not a documented input error: " + thrown, thrown);
        }
    }

    /** A {@link MalformedInputException} names the source and a line and column within the text. */
    public static void malformed(MalformedInputException e, String text, String source) {
        assertThat(e.line()).as("the line of %s", e).isBetween(1, Seeds.lines(text) + 1);
        assertThat(e.column()).as("the column of %s", e).isPositive();
        assertThat(e.source()).as("the source of %s", e).contains(source);
        assertThat(e.getMessage()).as("the message of %s", e).isNotBlank();
    }

    /** Any of the documented input errors of a reader, located in the text. */
    public static void inputError(InvalidInputException e, String text, String source) {
        if (e instanceof InvalidFactsException || e instanceof MalformedInputException) {
            factsError(e, text, source);
            return;
        }
        assertThat(e.line()).as("the line of %s", e).isBetween(1, Seeds.lines(text));
        assertThat(e.column()).as("the column of %s", e).isPositive();
        assertThat(e.source()).as("the source of %s", e).contains(source);
        assertThat(e.getMessage()).as("the message of %s", e).isNotBlank();
    }

    /** A problem of a pack names its file, a line and a column within that file's text. */
    public static void problem(PolicyProblem p, String file, String text) {
        assertThat(p.path()).as("the file of %s", p).isEqualTo(file);
        assertThat(p.line()).as("the line of %s", p).isBetween(1, Seeds.lines(text));
        assertThat(p.column()).as("the column of %s", p).isPositive();
        assertThat(p.message()).as("the message of %s", p).isNotBlank();
    }
}
