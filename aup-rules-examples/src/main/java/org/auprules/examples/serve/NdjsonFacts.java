package org.auprules.examples.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJson;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON Lines facts one line at a time: each line is one account and its facts,
 * {@code {"account": {…}, "emails": […], …}}, which is read as the one-account document
 * {@code {"accounts": [{…}], "emails": […], …}} by {@link FactsJson}, with all its checks. Errors
 * name the line, and the JSON path within it ({@code $.account.plan}). A line longer than the
 * limit is refused without being held whole in memory.
 *
 * <p>It may be unified with the JSON Lines reader of the library once that exists.
 */
final class NdjsonFacts {

    /**
     * The read constraints of the server's JSON: far above any real facts document, far below what
     * could exhaust the heap or the stack.
     */
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(64)
            .maxStringLength(1_000_000)
            .maxNumberLength(100)
            .maxNameLength(1_000)
            .build();

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(CONSTRAINTS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();

    /** One line read: its number, and either its facts or what is wrong with it. */
    record Line(
            int number,
            String text,
            @Nullable FactSet facts,
            @Nullable Problem problem) {}

    private final InputStream in;
    private final long maxLineBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    private int number;

    NdjsonFacts(InputStream in, long maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Whether the stream has bytes ready now, so that a reader knows to flush before it blocks. */
    boolean ready() throws IOException {
        return in.available() > 0;
    }

    /**
     * The next line that is not blank, read as facts, or null at the end of the stream.
     *
     * @throws IOException when the body cannot be read
     */
    @Nullable
    Line next() throws IOException {
        Line line = nextUnread();
        return line == null ? null : parsed(line);
    }

    /**
     * The facts of a line of {@link #nextUnread()}: reading them is the costly part, which the
     * server does on its evaluation threads, several lines at once.
     */
    static Line parsed(Line line) {
        return line.facts() != null || line.problem() != null ? line : read(line.number(), line.text());
    }

    /**
     * The next line that is not blank, its text only (or what is wrong with its bytes), or null at
     * the end of the stream; {@link #parsed(Line)} reads its facts.
     *
     * @throws IOException when the body cannot be read
     */
    @Nullable
    Line nextUnread() throws IOException {
        while (true) {
            buffer.reset();
            boolean tooLong = false;
            int b;
            long length = 0;
            while ((b = in.read()) != -1 && b != '\n') {
                if (++length > maxLineBytes) {
                    tooLong = true;
                } else {
                    buffer.write(b);
                }
            }
            if (b == -1 && length == 0) {
                return null;
            }
            number++;
            if (tooLong) {
                return new Line(
                        number,
                        "",
                        null,
                        Problem.of(
                                        413,
                                        "line-too-large",
                                        "Line too large",
                                        "line " + number + " has " + length + " bytes; the limit of one line is "
                                                + maxLineBytes)
                                .with("line", number));
            }
            byte[] bytes = buffer.toByteArray();
            int end = bytes.length;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            String text;
            try {
                text = StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, 0, end))
                        .toString();
            } catch (CharacterCodingException e) {
                return new Line(
                        number,
                        "",
                        null,
                        malformed("line " + number + " is not UTF-8 text", 0).with("line", number));
            }
            if (text.isBlank()) {
                continue;
            }
            return new Line(number, text, null, null);
        }
    }

    /** Reads one line's text as a one-account facts document. */
    static Line read(int number, String text) {
        JsonNode node;
        try {
            node = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            return new Line(
                    number,
                    text,
                    null,
                    malformed("line " + number + ": malformed JSON: " + e.getOriginalMessage(), column)
                            .with("line", number));
        }
        if (!(node instanceof ObjectNode line)) {
            return invalid(number, text, "$", "expected a JSON object with `account`, got `" + abbreviate(node) + "`");
        }
        if (line.has("accounts")) {
            return invalid(
                    number, text, "$.accounts", "a line holds one `account`, not `accounts`: one account per line");
        }
        JsonNode account = line.get("account");
        if (account == null) {
            return invalid(number, text, "$", "missing required field `account`");
        }
        ObjectNode document = MAPPER.createObjectNode();
        for (Map.Entry<String, JsonNode> field : line.properties()) {
            if (field.getKey().equals("account")) {
                document.putArray("accounts").add(field.getValue());
            } else {
                document.set(field.getKey(), field.getValue());
            }
        }
        try {
            return new Line(number, text, FactsJson.read(document.toString(), null), null);
        } catch (InvalidFactsException e) {
            return invalid(number, text, linePath(e.path()), e.problem().message());
        } catch (MalformedInputException e) {
            return new Line(
                    number,
                    text,
                    null,
                    malformed("line " + number + ": " + e.getMessage(), 0).with("line", number));
        }
    }

    /** An error the evaluator found in a line's facts (an unknown account), at its place in the line. */
    static Problem problem(int number, String text, InvalidFactsException e) {
        return located(
                number,
                FactsJson.invalid(text, null, linePath(e.path()), e.problem().message()));
    }

    /** The problem of a line: the detail names the line of the body, the column is the one in the line. */
    private static Problem located(int number, InvalidFactsException inLine) {
        InvalidFactsException.Problem where = inLine.problem();
        Problem p = Problem.of(
                        422,
                        "invalid-facts",
                        "Facts break the contract",
                        "line " + number + ": " + where.path() + ": " + where.message())
                .with("path", where.path())
                .with("line", number);
        return where.column() > 0 ? p.with("column", where.column()) : p;
    }

    /** {@code $.accounts[0]…} of the wrapped document is {@code $.account…} of the line. */
    static String linePath(String documentPath) {
        return documentPath.startsWith("$.accounts[0]")
                ? "$.account" + documentPath.substring("$.accounts[0]".length())
                : documentPath;
    }

    private static Line invalid(int number, String text, String path, String message) {
        return new Line(number, text, null, located(number, FactsJson.invalid(text, null, path, message)));
    }

    private static Problem malformed(String detail, int column) {
        Problem p = Problem.of(400, "malformed-json", "Malformed JSON", detail);
        return column > 0 ? p.with("column", column) : p;
    }

    private static String abbreviate(JsonNode node) {
        String s = node.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    /** A parser with the server's read constraints, for a scan of a whole document before it is read. */
    static JsonParser parser(String text) throws IOException {
        return FACTORY.createParser(text);
    }
}
