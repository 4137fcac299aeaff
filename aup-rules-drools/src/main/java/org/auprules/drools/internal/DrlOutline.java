package org.auprules.drools.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.auprules.drools.internal.DrlLexer.Token;
import org.jspecify.annotations.Nullable;

/**
 * The outline of one DRL file: its package and where each rule starts, ends and says
 * {@code then}, with the metadata keys it writes. Read from tokens, so a rule in a comment is not
 * a rule.
 *
 * @param packageName the file's {@code package}, or an empty string
 * @param rules       the rules, in file order
 */
public record DrlOutline(String packageName, List<RuleSpan> rules) {

    /**
     * Where a rule is written.
     *
     * @param name      its name
     * @param line      the line of {@code rule}
     * @param column    the column of {@code rule}
     * @param thenLine  the line of {@code then}, or 0 when it has none
     * @param endLine   the line of its {@code end}, or the last line of the file when it has none
     * @param metadata  the {@code @key(value)}s it writes before {@code when}
     */
    public record RuleSpan(String name, int line, int column, int thenLine, int endLine, List<Meta> metadata) {

        /** Whether the rule covers a line. */
        public boolean covers(int l) {
            return l >= line && l <= endLine;
        }
    }

    /**
     * One {@code @key(value)} of a rule.
     *
     * @param key   the key's token, with its position
     * @param value the value when it is one string, name or number, or {@code null}
     */
    public record Meta(Token key, @Nullable String value) {}

    public DrlOutline {
        rules = List.copyOf(rules);
    }

    /** Outlines a DRL text. */
    public static DrlOutline of(String text) {
        List<Token> t = DrlLexer.tokenize(text);
        int lastLine = (int) text.chars().filter(c -> c == '\n').count() + 1;
        String pkg = "";
        List<RuleSpan> rules = new ArrayList<>();
        int i = 0;
        while (i < t.size()) {
            Token tok = t.get(i);
            if (tok.is("package") && pkg.isEmpty()) {
                StringBuilder name = new StringBuilder();
                i++;
                while (i < t.size() && (t.get(i).isIdent() || t.get(i).is("."))) {
                    name.append(t.get(i).text());
                    i++;
                }
                pkg = name.toString();
            } else if (tok.is("rule")
                    && i + 1 < t.size()
                    && (t.get(i + 1).kind() == DrlLexer.Kind.STRING
                            || t.get(i + 1).isIdent())) {
                i = rule(t, i, lastLine, rules);
            } else if (tok.is("query") || tok.is("declare")) {
                i = skipToEnd(t, i + 1);
            } else if (tok.is("function") && !(i > 0 && t.get(i - 1).is("import"))) {
                i = skipBlock(t, i + 1);
            } else {
                i++;
            }
        }
        return new DrlOutline(pkg, rules);
    }

    private static int rule(List<Token> t, int i, int lastLine, List<RuleSpan> into) {
        Token start = t.get(i);
        String name = t.get(i + 1).text();
        List<Meta> meta = new ArrayList<>();
        int thenLine = 0;
        int j = i + 2;
        for (; j < t.size(); j++) {
            Token x = t.get(j);
            if (x.is("end") && (thenLine > 0 || x.column() == 1)) {
                break;
            }
            if (thenLine == 0 && x.is("then")) {
                thenLine = x.line();
            } else if (thenLine == 0
                    && x.is("@")
                    && j + 1 < t.size()
                    && t.get(j + 1).isIdent()
                    && !sawWhen(t, i, j)) {
                String value = j + 4 < t.size()
                                && t.get(j + 2).is("(")
                                && t.get(j + 4).is(")")
                                && t.get(j + 3).kind() != DrlLexer.Kind.PUNCT
                        ? t.get(j + 3).text()
                        : null;
                meta.add(new Meta(t.get(j + 1), value));
            }
        }
        int endLine = j < t.size() ? t.get(j).line() : lastLine;
        into.add(new RuleSpan(name, start.line(), start.column(), thenLine, endLine, meta));
        return j + 1;
    }

    private static boolean sawWhen(List<Token> t, int from, int to) {
        for (int k = from; k < to; k++) {
            if (t.get(k).is("when")) {
                return true;
            }
        }
        return false;
    }

    private static int skipToEnd(List<Token> t, int i) {
        while (i < t.size() && !t.get(i).is("end")) {
            i++;
        }
        return i + 1;
    }

    private static int skipBlock(List<Token> t, int i) {
        while (i < t.size() && !t.get(i).is("{")) {
            i++;
        }
        int depth = 0;
        for (; i < t.size(); i++) {
            if (t.get(i).is("{")) {
                depth++;
            } else if (t.get(i).is("}") && --depth == 0) {
                return i + 1;
            }
        }
        return i;
    }

    /** The rule that covers a line, if any. */
    public Optional<RuleSpan> ruleAt(int line) {
        return rules.stream().filter(r -> r.covers(line)).findFirst();
    }

    /** The value of a rule's metadata key, if it writes one. */
    public static Optional<String> meta(RuleSpan rule, String key) {
        return rule.metadata().stream()
                .filter(m -> m.key().text().equals(key) && m.value() != null)
                .map(Meta::value)
                .findFirst();
    }

    /** The rule with this name, if the file declares it. */
    public Optional<RuleSpan> rule(String name) {
        return rules.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
