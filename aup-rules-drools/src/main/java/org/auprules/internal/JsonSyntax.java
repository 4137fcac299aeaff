package org.auprules.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with text that is not JSON, in the text's terms. Jackson's messages name its own
 * features ({@code enable JsonReadFeature…}), classes and source markers; a person who wrote a facts
 * document or a scenario file can do nothing with those, so none of them is passed on.
 *
 * <pre>{@code
 * JsonSyntax.describe(e);  // "`NaN` is not a JSON number: write a number, or leave the field out"
 * }</pre>
 */
public final class JsonSyntax {

    /** A UTF-8 byte-order mark as a Java string reads it. */
    private static final char BOM = '\uFEFF';

    private static final Pattern UNEXPECTED_CHARACTER = Pattern.compile(
            "Unexpected character \\('.*?' \\(code (\\d+)[^)]*\\)\\)( in numeric value)?: (.*)", Pattern.DOTALL);
    private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '(.*?)'.*", Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED = Pattern.compile("Unrecognized token '(.*?)'.*", Pattern.DOTALL);
    private static final Pattern CONTROL =
            Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\).*", Pattern.DOTALL);
    private static final Pattern ESCAPE = Pattern.compile("Unrecognized character escape '(.)'.*", Pattern.DOTALL);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*?)'.*", Pattern.DOTALL);
    private static final Pattern CLOSE_NOTHING =
            Pattern.compile("Unexpected close marker '(.)': no open .*", Pattern.DOTALL);
    private static final Pattern CLOSE_WRONG =
            Pattern.compile("Unexpected close marker '(.)': expected '(.)'.*", Pattern.DOTALL);
    private static final Pattern TOO_LONG = Pattern.compile(
            "(Number value|String value|Name) length \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*",
            Pattern.DOTALL);
    private static final Pattern TOO_DEEP = Pattern.compile(
            "Document nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*", Pattern.DOTALL);

    private JsonSyntax() {}

    /**
     * The text without a UTF-8 byte-order mark at its start, which editors on Windows write and
     * which is not part of the JSON.
     *
     * @param text a document as read
     * @return the document from its first character after the mark
     */
    public static String withoutBom(String text) {
        return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    }

    /**
     * What is wrong where the parser stopped, in JSON's terms, without the parser's own advice.
     *
     * @param e what the parser threw
     * @return a lowercase sentence, e.g. {@code expected `:` after the field name, found `1`}
     */
    public static String describe(JsonProcessingException e) {
        String said = Objects.requireNonNullElse(e.getOriginalMessage(), "");
        Matcher m = UNEXPECTED_CHARACTER.matcher(said);
        if (m.matches()) {
            return unexpected(Integer.parseInt(m.group(1)), m.group(2) != null, m.group(3));
        }
        m = NON_STANDARD.matcher(said);
        if (m.matches()) {
            return "`" + m.group(1) + "` is not a JSON number: write a number, or leave the field out";
        }
        m = UNRECOGNIZED.matcher(said);
        if (m.matches()) {
            return "unknown word `" + shorten(m.group(1)) + "`: " + VALUE;
        }
        m = CONTROL.matcher(said);
        if (m.matches()) {
            return "a control character (" + codePoint(Integer.parseInt(m.group(1)))
                    + ") inside a string: write it escaped, e.g. `\\n` for a line break, `\\t` for a tab";
        }
        m = ESCAPE.matcher(said);
        if (m.matches()) {
            return "`\\" + m.group(1) + "` is not a JSON escape: write `\\\\` for a backslash";
        }
        m = DUPLICATE.matcher(said);
        if (m.matches()) {
            return "duplicate field `" + m.group(1) + "`: an object names each field once";
        }
        m = CLOSE_NOTHING.matcher(said);
        if (m.matches()) {
            return "`" + m.group(1) + "` closes nothing: there is no open "
                    + (m.group(1).equals("}") ? "object" : "array");
        }
        m = CLOSE_WRONG.matcher(said);
        if (m.matches()) {
            return "found `" + m.group(1) + "` where `" + m.group(2) + "` should close the "
                    + (m.group(2).equals("}") ? "object" : "array");
        }
        m = TOO_LONG.matcher(said);
        if (m.matches()) {
            String what = m.group(1).toLowerCase(Locale.ROOT).replace(" value", "");
            return "a " + (what.equals("name") ? "field name" : what) + " of " + m.group(2)
                    + " characters, more than the " + m.group(3) + " allowed";
        }
        m = TOO_DEEP.matcher(said);
        if (m.matches()) {
            return "a nesting depth of " + m.group(1) + " objects and arrays, more than the " + m.group(2) + " allowed";
        }
        if (said.startsWith("Trailing token")) {
            return "more text after the JSON value: a document is one JSON object";
        }
        if (said.startsWith("Invalid numeric value: Leading zeroes")) {
            return "malformed number: a number may not start with `0` followed by more digits";
        }
        if (said.startsWith("Invalid numeric value")) {
            return "malformed number";
        }
        if (said.startsWith("Unexpected end-of-input")) {
            return "the text ends before the JSON does: " + unfinished(said);
        }
        return "not valid JSON at this point";
    }

    private static final String VALUE =
            "expected a value (a string in double quotes, a number, an object, an array, " + "true, false or null)";

    private static String unexpected(int code, boolean inNumber, String reason) {
        String found = found(code);
        if (inNumber) {
            if (reason.contains("minus sign")) {
                return "malformed number: a minus sign must be followed by a digit, found " + found;
            }
            if (reason.contains("Decimal point")) {
                return "malformed number: a decimal point must be followed by a digit, found " + found;
            }
            if (reason.contains("Exponent")) {
                return "malformed number: an exponent must have digits, found " + found;
            }
            if (reason.contains("plus sign")) {
                return "malformed number: a number may not start with `+`";
            }
            return "malformed number: found " + found;
        }
        if (code == BOM) {
            return "a byte-order mark (U+FEFF) is allowed only at the very start of the text";
        }
        if (reason.startsWith("was expecting double-quote to start field name")) {
            if (code == '}') {
                return "expected a field name in double quotes, found `}`: JSON allows no comma before `}`";
            }
            if (code == '\'') {
                return "expected a field name in double quotes, found `'`: JSON quotes names and strings with `\"`";
            }
            return "expected a field name in double quotes, found " + found;
        }
        if (reason.startsWith("was expecting a colon")) {
            return "expected `:` after the field name, found " + found;
        }
        if (reason.startsWith("was expecting comma to separate Object entries")) {
            return "expected `,` or `}` after the field's value, found " + found;
        }
        if (reason.startsWith("was expecting comma to separate Array entries")) {
            return "expected `,` or `]` after the array element, found " + found;
        }
        if (reason.startsWith("maybe a (non-standard) comment")) {
            return "found `" + (char) code + "`: JSON has no comments";
        }
        if (reason.startsWith("expected a valid value")) {
            if (code == ']') {
                return VALUE + ", found `]`: JSON allows no comma before `]`";
            }
            if (code == '\'') {
                return VALUE + ", found `'`: JSON quotes strings with `\"`";
            }
            return VALUE + ", found " + found;
        }
        return "unexpected " + found;
    }

    private static String unfinished(String said) {
        if (said.contains("close marker for Object") || said.contains("Object entries")) {
            return "an object is not closed with `}`";
        }
        if (said.contains("close marker for Array")) {
            return "an array is not closed with `]`";
        }
        if (said.contains("closing quote")) {
            return "a string is not closed with `\"`";
        }
        if (said.contains("field name")) {
            return "a field name is not closed with `\"`";
        }
        return "a value is missing";
    }

    private static String found(int code) {
        return code >= 0x21 && code < 0x7f ? "`" + (char) code + "`" : codePoint(code);
    }

    private static String codePoint(int code) {
        return String.format(Locale.ROOT, "U+%04X", code);
    }

    private static String shorten(String token) {
        return token.length() > 40 ? token.substring(0, 37) + "..." : token;
    }
}
