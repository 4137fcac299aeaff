package org.auprules.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.facts.FactSet;
import org.auprules.internal.JsonLocator;
import org.jspecify.annotations.Nullable;

/**
 * The JSON Lines form of the input (docs/contract.md): one account and all its facts per line,
 * {@code {"account": {…}, "emails": […], "processes": […], …}}, after an optional header line
 * {@code {"evaluatedAt": "…"}} that holds for every account. A line is read as the whole document
 * {@code {"evaluatedAt": …, "accounts": [{…}], "emails": […], …}} would be, by {@link FactsJson}, so the
 * two forms accept the same fact shapes with the same checks; errors name the line of the stream and
 * the JSON path within the line ({@code $.account.plan}, {@code $.emails[2].sentAt}).
 *
 * <pre>{@code
 * FactsJsonLines.Line line = FactsJsonLines.read(text, 7, "fleet.jsonl", header.evaluatedAt());
 * }</pre>
 */
public final class FactsJsonLines {

    /** The field of a line that holds its account. */
    public static final String ACCOUNT = "account";

    private static final ObjectMapper MAPPER = FactsJson.mapper();

    /** The fields a header line may have. */
    private static final Set<String> HEADER_FIELDS = Set.of("evaluatedAt");

    /** The fact lists a line may have besides its account, by their JSON names. */
    private static final Set<String> FACT_LISTS =
            new TreeSet<>(FactSet.empty().accountFactLists().keySet());

    private FactsJsonLines() {}

    /** One line of a stream: the header, or an account with its facts. */
    public sealed interface Line permits Header, AccountLine {}

    /**
     * The header line.
     *
     * @param evaluatedAt the moment every account of the stream is evaluated at, or {@code null} for "now"
     */
    public record Header(@Nullable Instant evaluatedAt) implements Line {}

    /**
     * An account line.
     *
     * @param facts  the account and its facts, as the one-account document reads them
     * @param text   the line, to locate errors the evaluator finds later ({@link #locate})
     * @param number the 1-based line number in the stream
     */
    public record AccountLine(FactSet facts, String text, int number) implements Line {}

    /**
     * Reads one non-blank line.
     *
     * @param text        the line, without its line break
     * @param number      its 1-based line number in the stream
     * @param source      the stream's name for messages, or {@code null}
     * @param evaluatedAt the header's moment, given to every account line; {@code null} leaves it to the evaluator
     * @return the header, when the line has only header fields, or the account line
     * @throws MalformedInputException when the line is not one JSON object
     * @throws InvalidFactsException   when it does not fit the facts
     */
    public static Line read(String text, int number, @Nullable String source, @Nullable Instant evaluatedAt) {
        StringBuilder lists = new StringBuilder();
        StringBuilder header = new StringBuilder();
        String account = null;
        // one pass of the streaming parser cuts the line into its top-level values; the facts are then
        // read by FactsJson from the document those values make, so both forms share one reader
        try (JsonParser p = MAPPER.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid(text, number, source, "$", "expected one JSON object per line, got " + describe(text));
            }
            JsonToken t = p.nextToken();
            while (t != JsonToken.END_OBJECT) {
                String name = p.currentName();
                p.nextToken();
                int start = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                t = p.nextToken();
                String value =
                        valueText(text, start, (int) p.currentTokenLocation().getCharOffset());
                StringBuilder into;
                if (name.equals(ACCOUNT)) {
                    account = value;
                    continue;
                } else if (FACT_LISTS.contains(name)) {
                    into = lists;
                } else if (HEADER_FIELDS.contains(name)) {
                    into = header;
                } else {
                    throw unknownField(text, number, source, name);
                }
                into.append(",\"")
                        .append(JsonStringEncoder.getInstance().quoteAsString(name))
                        .append("\":")
                        .append(value);
            }
            if (p.nextToken() != null) {
                throw invalid(
                        text,
                        number,
                        source,
                        "$",
                        "more than one JSON value on the line; the JSON Lines form holds one object per line");
            }
        } catch (JsonProcessingException e) {
            throw malformed(e, number, source);
        } catch (IOException e) {
            throw new IllegalStateException("a parser over a string cannot fail to read", e);
        }
        if (account == null && lists.length() == 0 && header.length() > 0) {
            return new Header(
                    FactsJson.read("{" + header.substring(1) + "}", source).evaluatedAt());
        }
        if (account == null) {
            throw invalid(
                    text,
                    number,
                    source,
                    "$",
                    "missing required field `account`: every line but a first header line is one account and its "
                            + "facts, `{\"account\": {\"id\": …}, \"emails\": […], …}`");
        }
        if (header.length() > 0) {
            throw invalid(
                    text,
                    number,
                    source,
                    "$.evaluatedAt",
                    "`evaluatedAt` holds for the whole stream: write it once, in a header line "
                            + "`{\"evaluatedAt\": …}` before the first account");
        }
        StringBuilder doc = new StringBuilder(text.length() + 48).append('{');
        if (evaluatedAt != null) {
            doc.append("\"evaluatedAt\":\"").append(evaluatedAt).append("\",");
        }
        doc.append("\"accounts\":[").append(account).append(']').append(lists).append('}');
        try {
            return new AccountLine(FactsJson.read(doc.toString(), source), text, number);
        } catch (InvalidFactsException e) {
            throw locate(e, text, number, source);
        }
    }

    /**
     * Reads a stream line by line, in order, on the caller's thread: the header, when the first
     * non-blank line is one, then every account line. Blank lines are skipped.
     *
     * @param in     the stream, read as UTF-8; not closed
     * @param source its name for messages, or {@code null}
     * @param each   called with each line
     * @throws MalformedInputException when a line is not JSON, or the stream not UTF-8
     * @throws InvalidFactsException   when a line does not fit the facts, or a header comes after an account
     * @throws java.io.UncheckedIOException when the stream cannot be read
     */
    public static void forEachLine(InputStream in, @Nullable String source, Consumer<Line> each) {
        LineSource lines = new LineSource(in, source);
        Instant evaluatedAt = null;
        boolean first = true;
        for (String text = lines.next(); text != null; text = lines.next()) {
            Line line = read(text, lines.number(), source, evaluatedAt);
            if (line instanceof Header h) {
                if (!first) {
                    throw lateHeader(lines.number(), source);
                }
                evaluatedAt = h.evaluatedAt();
            }
            first = false;
            each.accept(line);
        }
    }

    /** The error of a header line that comes after an account. */
    static InvalidFactsException lateHeader(int number, @Nullable String source) {
        return new InvalidFactsException(
                "$",
                "a header line comes first, before any account; this line has only header fields",
                source,
                number,
                1);
    }

    private static InvalidFactsException unknownField(String text, int number, @Nullable String source, String name) {
        String problem;
        if (name.equals("accounts")) {
            problem = "a line holds one account, as `account`: {…}; write the other accounts on lines of their own";
        } else {
            TreeSet<String> expected = new TreeSet<>(FACT_LISTS);
            expected.add(ACCOUNT);
            problem = "unknown field `" + name + "`; expected one of " + String.join(", ", expected);
        }
        return invalid(text, number, source, "$." + name, problem);
    }

    /**
     * The text of a value that starts at {@code start} and is followed, after white space and at most
     * one comma, by the token at {@code end}.
     */
    private static String valueText(String text, int start, int end) {
        int e = end;
        while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        if (e > start && text.charAt(e - 1) == ',') {
            e--;
        }
        while (e > start && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return text.substring(start, e);
    }

    /**
     * Moves an error found in a line's facts, by the reader or later by the evaluator, to the line:
     * its path within the line ({@code $.accounts[0]} is the line's {@code $.account}), the stream's
     * line number and the column within the line.
     *
     * @param e      the error, with its path in the one-account document
     * @param text   the line
     * @param number its 1-based line number in the stream
     * @param source the stream's name for messages, or {@code null}
     * @return the same problem at its place in the stream
     */
    public static InvalidFactsException locate(
            InvalidFactsException e, String text, int number, @Nullable String source) {
        String path = e.path();
        if (path.equals("$.accounts") || path.startsWith("$.accounts[0]")) {
            path = "$." + ACCOUNT
                    + path.substring(path.equals("$.accounts") ? "$.accounts".length() : "$.accounts[0]".length());
        }
        String problem = e.problem()
                .message()
                .replace(
                        "expected the id of an entry of `$.accounts`",
                        "a line holds the facts of its own `account` only");
        return invalid(text, number, source, path, problem);
    }

    private static InvalidFactsException invalid(
            String text, int number, @Nullable String source, String path, String problem) {
        return new InvalidFactsException(
                path, problem, source, number, JsonLocator.of(text).column(path));
    }

    private static MalformedInputException malformed(JsonProcessingException e, int number, @Nullable String source) {
        int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        return new MalformedInputException(
                "malformed JSON: " + e.getOriginalMessage() + " (line " + number + ", column " + column + ")",
                source,
                number,
                column,
                e);
    }

    private static String describe(String text) {
        String t = text.strip();
        return "`" + (t.length() > 60 ? t.substring(0, 57) + "..." : t) + "`";
    }

    /**
     * The header line for a stream evaluated at {@code evaluatedAt}.
     *
     * @param evaluatedAt the moment of evaluation
     * @return the line, without a line break
     */
    public static String writeHeader(Instant evaluatedAt) {
        return "{\"evaluatedAt\":\"" + evaluatedAt + "\"}";
    }

    /**
     * One account and its facts as a line, without a line break; {@link #read} reads it back to equal facts.
     * The facts' {@code evaluatedAt} is left to the header.
     *
     * @param facts exactly one account and facts of it
     * @return the line
     * @throws IllegalArgumentException when {@code facts} does not hold exactly one account
     */
    public static String writeLine(FactSet facts) {
        if (facts.accounts().size() != 1) {
            throw new IllegalArgumentException(
                    "a line holds exactly one account, got " + facts.accounts().size());
        }
        ObjectNode tree = FactsJsonWriter.toTree(facts);
        ObjectNode line = MAPPER.createObjectNode();
        line.set(ACCOUNT, tree.get("accounts").get(0));
        tree.properties().forEach(e -> {
            if (FACT_LISTS.contains(e.getKey())) {
                line.set(e.getKey(), e.getValue());
            }
        });
        try {
            return MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write facts", e);
        }
    }
}
