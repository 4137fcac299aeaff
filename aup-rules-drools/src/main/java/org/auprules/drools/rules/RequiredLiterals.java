package org.auprules.drools.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The texts that every match of a regular expression (RE2 syntax, matched without regard to case)
 * must contain, so that a row's expression need only run on a value that contains them all:
 * {@code (^|[^a-z0-9])leaf[._-]?(php)?mailer} needs {@code leaf} and {@code mailer}.
 *
 * <p>The derivation is conservative: it reads the top level of the expression only, and wherever
 * it is unsure it derives less, never more. An alternation at the top level derives nothing (any
 * branch may match); a group, a character class, {@code .}, an escape such as {@code \d} or
 * {@code \b}, an anchor and every non-ASCII character end a run of literal characters; a character
 * made optional by {@code ?}, {@code *} or <code>{0,n}</code> leaves the run, and one repeated by
 * {@code +} or <code>{n,m}</code> ends it. Constructs it does not know ({@code \Q…\E}, {@code \p},
 * {@code \x}, octal escapes) derive nothing. Only ASCII letters, digits and punctuation are kept,
 * so that folding a value's case ({@link #fold}) can never hide a literal from it: under RE2's
 * case folding the only other characters that match an ASCII letter are {@code ſ} (U+017F, an
 * {@code s}) and the Kelvin sign (U+212A, a {@code k}), and {@link #fold} maps both.
 */
final class RequiredLiterals {

    /** Literal runs shorter than this are not worth a search of the value. */
    private static final int SHORTEST = 2;

    private static final RequiredLiterals NONE = new RequiredLiterals(List.of());

    private final List<String> literals;

    private RequiredLiterals(List<String> literals) {
        this.literals = List.copyOf(literals);
    }

    /**
     * The literals of an expression.
     *
     * @param regex an RE2 expression, as a {@code re:} row writes it after the prefix
     * @return what every match contains, in lower case; none when the expression needs no literal
     *     the derivation can prove
     */
    static RequiredLiterals of(String regex) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int depth = 0;
        int i = 0;
        int n = regex.length();
        while (i < n) {
            char c = regex.charAt(i);
            if (depth > 0) {
                // inside a group: only find where it ends, and look for escapes and classes that could hide a paren
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '[') {
                    i = endOfClass(regex, i);
                    if (i < 0) {
                        return NONE;
                    }
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth == 0) {
                        i = afterQuantifier(regex, i + 1, run, false, runs);
                        continue;
                    }
                }
                i++;
                continue;
            }
            switch (c) {
                case '|' -> {
                    return NONE;
                }
                case '(' -> {
                    end(run, runs);
                    depth = 1;
                    i++;
                }
                case ')' -> {
                    return NONE; // unbalanced: the compiler refuses it; derive nothing
                }
                case '[' -> {
                    end(run, runs);
                    i = endOfClass(regex, i);
                    if (i < 0) {
                        return NONE;
                    }
                    i = afterQuantifier(regex, i, run, false, runs);
                }
                case '.', '^', '$' -> {
                    end(run, runs);
                    i = afterQuantifier(regex, i + 1, run, false, runs);
                }
                case '?', '*', '+', '{' -> {
                    return NONE; // a quantifier with nothing before it that we read: give up
                }
                case '\\' -> {
                    if (i + 1 >= n) {
                        return NONE;
                    }
                    char e = regex.charAt(i + 1);
                    if (e < 128 && !Character.isLetterOrDigit(e)) {
                        // an escaped punctuation character stands for itself
                        run.append(e);
                        i = afterQuantifier(regex, i + 2, run, true, runs);
                    } else if ("dDwWsSbBAz".indexOf(e) >= 0) {
                        end(run, runs);
                        i = afterQuantifier(regex, i + 2, run, false, runs);
                    } else {
                        return NONE; // \Q…\E, \p{…}, \x…, \0…, \t and the like: not worth reading
                    }
                }
                default -> {
                    if (c < 128 && c >= 32) {
                        run.append(Character.toLowerCase(c));
                        i = afterQuantifier(regex, i + 1, run, true, runs);
                    } else {
                        end(run, runs);
                        i = afterQuantifier(regex, i + 1, run, false, runs);
                    }
                }
            }
        }
        if (depth != 0) {
            return NONE;
        }
        end(run, runs);
        runs.sort(Comparator.comparingInt(String::length).reversed());
        return runs.isEmpty() ? NONE : new RequiredLiterals(runs);
    }

    /**
     * Reads a quantifier after an item, if there is one. The item just appended to the run (when
     * {@code appended}) leaves it again when the quantifier allows zero of it, and ends the run when
     * it allows more than one.
     *
     * @return where reading goes on
     */
    private static int afterQuantifier(String regex, int i, StringBuilder run, boolean appended, List<String> runs) {
        if (i >= regex.length()) {
            return i;
        }
        char q = regex.charAt(i);
        int next;
        boolean zero;
        if (q == '?' || q == '*') {
            zero = true;
            next = i + 1;
        } else if (q == '+') {
            zero = false;
            next = i + 1;
        } else if (q == '{') {
            int close = regex.indexOf('}', i);
            String body = close < 0 ? "" : regex.substring(i + 1, close);
            if (!body.matches("\\d+(,\\d*)?")) {
                // RE2 reads a brace that is not a repetition as itself; no literal is taken from it
                end(run, runs);
                return i + 1;
            }
            String min = body.contains(",") ? body.substring(0, body.indexOf(',')) : body;
            zero = Integer.parseInt(min.length() > 9 ? "2" : min) == 0;
            next = close + 1;
        } else {
            return i;
        }
        if (appended && run.length() > 0) {
            if (zero) {
                run.setLength(run.length() - 1);
            }
        }
        end(run, runs);
        // a lazy or possessive mark after the quantifier changes nothing here
        while (next < regex.length() && (regex.charAt(next) == '?' || regex.charAt(next) == '+')) {
            next++;
        }
        return next;
    }

    /** The index after a character class that starts at {@code start}, or -1 when it never ends. */
    private static int endOfClass(String regex, int start) {
        int i = start + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a ] first in the class is a member
        }
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '[' && i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
                int close = regex.indexOf(":]", i + 2);
                if (close < 0) {
                    return -1;
                }
                i = close + 2;
                continue;
            }
            if (c == ']') {
                return i + 1;
            }
            i++;
        }
        return -1;
    }

    private static void end(StringBuilder run, List<String> runs) {
        if (run.length() >= SHORTEST) {
            String text = run.toString();
            if (!runs.contains(text)) {
                runs.add(text);
            }
        }
        run.setLength(0);
    }

    /**
     * A value's characters folded for {@link #allIn}: ASCII in lower case, {@code ſ} as {@code s}
     * and the Kelvin sign as {@code k}; other characters as they are.
     *
     * @param value the text a row is matched against
     * @return the folded text, of the same length
     */
    static String fold(String value) {
        char[] out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char f = c;
            if (c >= 'A' && c <= 'Z') {
                f = (char) (c + ('a' - 'A'));
            } else if (c == '\u017f') {
                f = 's';
            } else if (c == '\u212a') {
                f = 'k';
            }
            if (f != c) {
                if (out == null) {
                    out = value.toCharArray();
                }
                out[i] = f;
            }
        }
        return out == null ? value : new String(out);
    }

    /**
     * Whether the value may match: it contains every literal. {@code false} proves that the
     * expression does not match; {@code true} proves nothing.
     *
     * @param folded a value folded by {@link #fold}
     * @return whether every literal occurs in it; {@code true} when there are none
     */
    boolean allIn(String folded) {
        for (String literal : literals) {
            if (!folded.contains(literal)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The literals, longest first.
     *
     * @return what every match contains, in lower case; empty when nothing is required
     */
    List<String> literals() {
        return literals;
    }

    /** {@code [leaf, mailer]}, for failed assertions. */
    @Override
    public String toString() {
        return literals.toString();
    }
}
