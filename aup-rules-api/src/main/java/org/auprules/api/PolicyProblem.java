package org.auprules.api;

import java.util.Objects;

/**
 * One problem in a policy pack, located as {@code path:line:column}.
 *
 * @param path     the pack file, relative to the pack, e.g. {@code rules/spam.drl}
 * @param line     1-based line, or 0 when the problem is about the whole file
 * @param column   1-based column, or 0 when unknown
 * @param severity error or warning
 * @param message  what is wrong, lowercase, user input in backticks
 */
public record PolicyProblem(String path, int line, int column, Level severity, String message)
        implements Comparable<PolicyProblem> {

    /** Whether a problem stops the pack from going live. */
    public enum Level {
        /** The pack cannot go live. */
        ERROR,
        /** The pack can go live, but an analyst should look. */
        WARNING
    }

    /**
     *
     * Checks that the path, the severity and the message are there.
     *
     *
     *
     * @param path the pack file, relative to the pack, e.g. {@code rules/spam.drl}
     *
     * @param line 1-based line, or 0 when the problem is about the whole file
     *
     * @param column 1-based column, or 0 when unknown
     *
     * @param severity error or warning
     *
     * @param message what is wrong, lowercase, user input in backticks
     *
     * @throws NullPointerException when {@code path}, {@code severity} or {@code message} is null
     *
     */
    public PolicyProblem {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(severity, "severity must not be null");
        Objects.requireNonNull(message, "message must not be null");
    }

    /**
     * {@return an error at a place, which stops the pack from going live}
     *
     * @param path the pack file, relative to the pack, e.g. {@code rules/spam.drl}
     * @param line 1-based line, or 0 when the problem is about the whole file
     * @param column 1-based column, or 0 when unknown
     * @param message what is wrong, lowercase, user input in backticks
     */
    public static PolicyProblem error(String path, int line, int column, String message) {
        return new PolicyProblem(path, line, column, Level.ERROR, message);
    }

    /**
     * {@return a warning at a place, which lets the pack go live}
     *
     * @param path the pack file, relative to the pack, e.g. {@code rules/spam.drl}
     * @param line 1-based line, or 0 when the problem is about the whole file
     * @param column 1-based column, or 0 when unknown
     * @param message what is wrong, lowercase, user input in backticks
     */
    public static PolicyProblem warning(String path, int line, int column, String message) {
        return new PolicyProblem(path, line, column, Level.WARNING, message);
    }

    /** {@return whether this problem is an error} */
    public boolean isError() {
        return severity == Level.ERROR;
    }

    /** {@code path:line:column: error|warning: message}. */
    @Override
    public String toString() {
        return path + ":" + line + ":" + column + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": "
                + message;
    }

    @Override
    public int compareTo(PolicyProblem o) {
        return java.util.Comparator.comparing(PolicyProblem::path)
                .thenComparingInt(PolicyProblem::line)
                .thenComparingInt(PolicyProblem::column)
                .thenComparing(PolicyProblem::message)
                .compare(this, o);
    }
}
