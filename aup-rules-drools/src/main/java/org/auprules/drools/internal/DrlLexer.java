package org.auprules.drools.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits DRL text into tokens with their line and column, dropping comments and whitespace, so
 * that checks on rules see code as the compilers see it: a name inside a string or a comment is
 * not code, and a comment between {@code java .} and {@code io} does not hide {@code java.io}.
 *
 * <p>It errs on the side of seeing code: a string ends at the end of its line even where MVEL
 * would let it run on, and {@code #} is not taken for a comment. Unicode escapes can be read as
 * javac reads them (<code>&#92;u0053ystem</code> is {@code System}) with {@link #tokenize(String, boolean)}.
 */
public final class DrlLexer {

    /** What a token is. */
    public enum Kind {
        IDENT,
        STRING,
        NUMBER,
        PUNCT
    }

    /**
     * One token.
     *
     * @param kind   what it is
     * @param text   its text; for a string, the text between the quotes
     * @param line   1-based line where it starts
     * @param column 1-based column where it starts
     */
    public record Token(Kind kind, String text, int line, int column) {

        public boolean is(String s) {
            return text.equals(s) && kind != Kind.STRING;
        }

        public boolean isIdent() {
            return kind == Kind.IDENT;
        }
    }

    private final char[] chars;
    private final int[] lines;
    private final int[] columns;
    private final List<Token> tokens = new ArrayList<>();
    private int i;

    private DrlLexer(char[] chars, int[] lines, int[] columns) {
        this.chars = chars;
        this.lines = lines;
        this.columns = columns;
    }

    /** The tokens of a text, read as written. */
    public static List<Token> tokenize(String text) {
        return tokenize(text, false);
    }

    /**
     * The tokens of a text; with {@code decodeUnicode}, unicode escapes such as {@code \}{@code u0041} are decoded
     * first, as javac does for consequences, and tokens keep the positions of the original text.
     */
    public static List<Token> tokenize(String text, boolean decodeUnicode) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        int[] lines = new int[n + 1];
        int[] columns = new int[n + 1];
        int line = 1;
        int column = 1;
        int k = 0;
        for (int p = 0; p < n; ) {
            int startLine = line;
            int startColumn = column;
            char c = text.charAt(p);
            int consumed = 1;
            if (decodeUnicode && c == '\\' && p + 1 < n && text.charAt(p + 1) == 'u' && !escaped(text, p)) {
                int q = p + 1;
                while (q < n && text.charAt(q) == 'u') {
                    q++;
                }
                if (q + 4 <= n && isHex(text, q)) {
                    c = (char) Integer.parseInt(text.substring(q, q + 4), 16);
                    consumed = q + 4 - p;
                }
            }
            for (int s = 0; s < consumed; s++) {
                if (text.charAt(p + s) == '\n') {
                    line++;
                    column = 1;
                } else {
                    column++;
                }
            }
            out.append(c);
            lines[k] = startLine;
            columns[k] = startColumn;
            k++;
            p += consumed;
        }
        lines[k] = line;
        columns[k] = column;
        DrlLexer lexer = new DrlLexer(out.toString().toCharArray(), lines, columns);
        lexer.run();
        return lexer.tokens;
    }

    /** Whether the backslash at {@code p} is itself escaped by an odd run of backslashes before it. */
    private static boolean escaped(String text, int p) {
        int count = 0;
        for (int q = p - 1; q >= 0 && text.charAt(q) == '\\'; q--) {
            count++;
        }
        return count % 2 == 1;
    }

    private static boolean isHex(String text, int q) {
        for (int j = q; j < q + 4; j++) {
            if (Character.digit(text.charAt(j), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private void run() {
        while (i < chars.length) {
            char c = chars[i];
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && peek(1) == '/') {
                while (i < chars.length && chars[i] != '\n') {
                    i++;
                }
            } else if (c == '/' && peek(1) == '*') {
                i += 2;
                while (i < chars.length && !(chars[i] == '*' && peek(1) == '/')) {
                    i++;
                }
                i = Math.min(chars.length, i + 2);
            } else if (c == '"' || c == '\'') {
                string(c);
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < chars.length && Character.isJavaIdentifierPart(chars[i])) {
                    i++;
                }
                add(Kind.IDENT, new String(chars, start, i - start), start);
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < chars.length
                        && (Character.isLetterOrDigit(chars[i])
                                || chars[i] == '_'
                                || (chars[i] == '.' && i + 1 < chars.length && Character.isDigit(chars[i + 1])))) {
                    i++;
                }
                add(Kind.NUMBER, new String(chars, start, i - start), start);
            } else {
                add(Kind.PUNCT, String.valueOf(c), i);
                i++;
            }
        }
    }

    /** A string ends at its closing quote or, conservatively, at the end of the line. */
    private void string(char quote) {
        int start = i;
        i++;
        StringBuilder s = new StringBuilder();
        while (i < chars.length && chars[i] != quote && chars[i] != '\n') {
            if (chars[i] == '\\' && i + 1 < chars.length && chars[i + 1] != '\n') {
                s.append(chars[i + 1]);
                i += 2;
            } else {
                s.append(chars[i]);
                i++;
            }
        }
        if (i < chars.length && chars[i] == quote) {
            i++;
        }
        add(Kind.STRING, s.toString(), start);
    }

    private char peek(int ahead) {
        return i + ahead < chars.length ? chars[i + ahead] : '\0';
    }

    private void add(Kind kind, String text, int at) {
        tokens.add(new Token(kind, text, lines[at], columns[at]));
    }
}
