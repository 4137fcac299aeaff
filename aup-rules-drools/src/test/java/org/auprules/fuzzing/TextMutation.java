package org.auprules.fuzzing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * One change to a text, below the structure its reader expects: truncation, a character flipped or
 * inserted, a range deleted or repeated, lines deleted, repeated or swapped, a byte-order mark, CR or
 * CRLF line ends, deep brackets. Files read as bytes (report mails) go through it as ISO-8859-1, so
 * every byte value is reachable.
 *
 * @param kind what to do
 * @param at   where, modulo the length (or the count of lines)
 * @param pick which variant, modulo the count of variants
 * @param size how many characters, lines or levels
 */
public record TextMutation(Kind kind, int at, int pick, int size) {

    /** The kinds of change. */
    public enum Kind {
        TRUNCATE,
        FLIP,
        INSERT,
        DELETE_RANGE,
        REPEAT_RANGE,
        BOM,
        CRLF,
        CR,
        DELETE_LINE,
        REPEAT_LINE,
        SWAP_LINES,
        DEEP
    }

    /** Characters and snippets that end or confuse tokens. */
    static final List<String> SNIPPETS = List.of(
            "\"",
            "\\",
            "'",
            ",",
            ";",
            ":",
            "{",
            "}",
            "[",
            "]",
            "(",
            ")",
            "\n",
            "\r",
            "\u0000",
            "\uFEFF",
            "\u00ff",
            "\u0080",
            "\uD800",
            "/*",
            "*/",
            "//",
            "#",
            "--",
            "=?utf-8?B?",
            "\\u0022",
            "\"\"\"",
            "rule \"x\" when then end",
            "end",
            "@",
            "$",
            "\t",
            " ");

    /** Random changes. */
    public static Arbitrary<TextMutation> any() {
        return Combinators.combine(
                        Arbitraries.of(Kind.class),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(0, Integer.MAX_VALUE),
                        Arbitraries.integers().between(1, 3000))
                .as(TextMutation::new);
    }

    /**
     * No change in three cases of four, so that most cases keep the structure a structural mutation
     * made and reach past the JSON parser; one to {@code max} changes in the others.
     */
    public static Arbitrary<List<TextMutation>> lists(int max) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.<TextMutation>of())),
                Tuple.of(1, any().list().ofMinSize(1).ofMaxSize(max)));
    }

    /** Applies the changes in order. */
    public static String apply(String text, List<TextMutation> mutations) {
        String t = text;
        for (TextMutation m : mutations) {
            t = m.applyTo(t);
        }
        return t;
    }

    private String applyTo(String t) {
        int n = t.length();
        int p = n == 0 ? 0 : at % (n + 1);
        String snippet = SNIPPETS.get(pick % SNIPPETS.size());
        return switch (kind) {
            case TRUNCATE -> t.substring(0, p);
            case FLIP -> p < n ? t.substring(0, p) + (char) (t.charAt(p) ^ (1 << (pick % 8))) + t.substring(p + 1) : t;
            case INSERT -> t.substring(0, p) + snippet + t.substring(p);
            case DELETE_RANGE -> t.substring(0, p) + t.substring(Math.min(n, p + size));
            case REPEAT_RANGE -> {
                String range = t.substring(p, Math.min(n, p + size % 200 + 1));
                yield t.substring(0, p) + range.repeat(2 + pick % 5) + t.substring(p + range.length());
            }
            case BOM -> "\uFEFF" + t;
            case CRLF -> t.replace("\r\n", "\n").replace("\n", "\r\n");
            case CR -> t.replace("\r\n", "\n").replace('\n', '\r');
            case DELETE_LINE, REPEAT_LINE, SWAP_LINES -> lines(t);
            case DEEP -> {
                String open = pick % 2 == 0 ? "[" : "{\"k\":";
                String close = pick % 2 == 0 ? "]" : "}";
                yield t.substring(0, p) + open.repeat(size * 3) + "1" + close.repeat(size * 3) + t.substring(p);
            }
        };
    }

    private String lines(String t) {
        List<String> lines = new ArrayList<>(Arrays.asList(t.split("\n", -1)));
        int i = at % lines.size();
        switch (kind) {
            case DELETE_LINE -> {
                for (int k = 0; k < Math.min(size % 5 + 1, lines.size() - i); k++) {
                    lines.remove(i);
                }
            }
            case REPEAT_LINE -> {
                String line = lines.get(i);
                for (int k = 0; k < size % 50 + 1; k++) {
                    lines.add(i, line);
                }
            }
            default -> {
                int j = pick % lines.size();
                String a = lines.get(i);
                lines.set(i, lines.get(j));
                lines.set(j, a);
            }
        }
        return String.join("\n", lines);
    }
}
