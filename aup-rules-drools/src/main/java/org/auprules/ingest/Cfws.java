package org.auprules.ingest;

/**
 * Comments and folding white space in header field values (RFC 5322 section 3.2.2), which RFC
 * 5965 allows around the value of every feedback field it defines: {@code Source-IP:
 * 148.163.85.135 (mail.example)} is the address {@code 148.163.85.135}. A comment may nest and may
 * escape a parenthesis with a backslash; a quoted string is not a comment, whatever it holds.
 *
 * <pre>{@code
 * Cfws.strip("148.163.85.135 (mail.example)");      // "148.163.85.135"
 * Cfws.strip("abuse (a (nested) comment)");         // "abuse"
 * Cfws.strip("192.0.2.1 (unclosed");                // IllegalArgumentException
 * }</pre>
 */
final class Cfws {

    private Cfws() {}

    /**
     * The value without its comments, each comment read as a space, white space runs collapsed to
     * one space, trimmed.
     *
     * @param value an unfolded field value
     * @return the value as the grammar reads it
     * @throws IllegalArgumentException when a comment is not closed, or a {@code )} closes none
     */
    static String strip(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && (quoted || depth > 0)) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (depth > 0) {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth == 0) {
                        out.append(' ');
                    }
                }
            } else if (c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (quoted) {
                out.append(c);
            } else if (c == '(') {
                depth = 1;
            } else if (c == ')') {
                throw new IllegalArgumentException("`)` at character " + (i + 1) + " closes no comment");
            } else {
                out.append(c);
            }
        }
        if (depth > 0) {
            throw new IllegalArgumentException("a comment is not closed: `(` without `)`");
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted string is not closed: `\"` without its end");
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    /**
     * A value of the form {@code [CFWS] token [CFWS]} whose token may itself hold parentheses, as a
     * URI may ({@code Reported-URI: http://a.example/(x) (seen twice)}): comments are taken only
     * before the first and after the last word.
     *
     * @param value an unfolded field value
     * @return the token
     * @throws IllegalArgumentException when a comment around the token is not closed
     */
    static String stripAround(String value) {
        String v = value.strip();
        while (v.startsWith("(")) {
            int end = closing(v, 0);
            v = v.substring(end + 1).strip();
        }
        int space = firstBlank(v);
        if (space < 0) {
            return v;
        }
        String token = v.substring(0, space);
        String rest = strip(v.substring(space));
        if (!rest.isEmpty()) {
            // more than one word: not a comment after the token, so the whole value is the token
            return value.strip();
        }
        return token;
    }

    private static int closing(String v, int open) {
        int depth = 0;
        for (int i = open; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("a comment is not closed: `(` without `)`");
    }

    private static int firstBlank(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (Character.isWhitespace(v.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
