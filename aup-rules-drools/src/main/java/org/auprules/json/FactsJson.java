package org.auprules.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.ReportType;
import org.auprules.internal.FactValues;
import org.auprules.internal.JsonLocator;
import org.auprules.internal.JsonSyntax;
import org.jspecify.annotations.Nullable;

/**
 * Reads the input document of docs/contract.md into a {@link FactSet}, strictly: an unknown field, a value
 * of the wrong type, an unknown enum value or a missing id is an {@link InvalidFactsException}
 * that names the JSON path and line; text that is not JSON is a {@link MalformedInputException}.
 *
 * <pre>{@code
 * FactSet facts = FactsJson.read(Path.of("fleet.json"));
 * }</pre>
 */
public final class FactsJson {

    /** The lists whose elements must carry an {@code id}. */
    private static final Set<String> ID_REQUIRED =
            Set.of("accounts", "emails", "mailingLists", "files", "processes", "websites", "reports");

    private static final ObjectMapper MAPPER = strictMapper();

    private FactsJson() {}

    /**
     * The strict mapper used for facts: no coercion, unknown fields and duplicate keys refused.
     *
     * @return the shared, thread-safe mapper; do not reconfigure it
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("bounded-instants").addDeserializer(Instant.class, new BoundedInstant()))
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // exports write `"purchased"` as often as `"PURCHASED"`: one value, read either way
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                // `"type": 3` would otherwise be the fourth report type, read silently by position
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .build();
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.DateTime)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return m;
    }

    /**
     * Reads a file, which must be UTF-8; messages name it as the source.
     *
     * @param file the facts document
     * @return the facts
     * @throws MalformedInputException when the file is not UTF-8 or not JSON
     * @throws InvalidFactsException   when the JSON does not fit the facts
     * @throws UncheckedIOException    when the file cannot be read
     */
    public static FactSet read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new MalformedInputException("`" + file + "` is not UTF-8 text", file.toString(), 0, 0, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read `" + file + "`", e);
        }
    }

    /**
     * Reads a stream to its end, as UTF-8; the stream is not closed.
     *
     * @param in     the facts document
     * @param source the name messages give it, e.g. {@code <stdin>}
     * @return the facts
     * @throws MalformedInputException when the text is not JSON
     * @throws InvalidFactsException   when the JSON does not fit the facts
     * @throws UncheckedIOException    when the stream cannot be read
     */
    public static FactSet read(InputStream in, String source) {
        try {
            return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read `" + source + "`", e);
        }
    }

    /**
     * Reads a document; a UTF-8 byte-order mark before it is skipped.
     *
     * @param text   the JSON text
     * @param source the file name for messages, or {@code null}
     * @return the facts
     * @throws MalformedInputException when the text is not JSON, or empty
     * @throws InvalidFactsException   when the JSON does not fit the facts
     */
    public static FactSet read(String text, @Nullable String source) {
        String json = JsonSyntax.withoutBom(text);
        FactSet plain = readPlain(json);
        // the tree reads what the one pass left, and words every error with its path and line
        return plain != null ? plain : readTree(json, source);
    }

    /**
     * Reads a document, without a byte-order mark, as a tree that is checked and then bound: what
     * {@link #read(String, String)} does with any document its one pass does not read.
     */
    static FactSet readTree(String json, @Nullable String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = JsonLocator.failure(e, MAPPER.getFactory(), json);
            throw new MalformedInputException(
                    "malformed JSON: " + JsonSyntax.describe(e)
                            + (loc != null ? " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")" : ""),
                    source,
                    loc == null ? 0 : loc.getLineNr(),
                    loc == null ? 0 : loc.getColumnNr(),
                    e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new MalformedInputException(
                    "empty input: expected a JSON object with `accounts`", source, 1, 1, null);
        }
        if (!tree.isObject()) {
            throw invalid(json, source, "$", "expected a JSON object with `accounts`, got " + describe(tree));
        }
        checkValues(json, source, tree, NodePath.ROOT);
        checkRequiredIds(json, source, tree);
        try {
            FactSet facts = MAPPER.treeToValue(tree, FactSet.class);
            FactValues.check(facts);
            return facts;
        } catch (InvalidFactsException e) {
            throw locate(e, json, source);
        } catch (JsonProcessingException e) {
            throw translate(json, source, tree, e);
        } catch (IllegalArgumentException e) {
            throw invalid(json, source, "$", Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    /**
     * Reads a plain document in one pass of the streaming parser straight into the records, or
     * gives {@code null} when the document is not plain: when it holds a {@code null}, a number
     * out of a double's range or {@code -0.0} (what {@link #checkValues} rewrites or refuses
     * differently from the records), a fact without its required {@code id} or {@code type}, or anything Jackson, the
     * records or {@link FactValues} refuse. What is not plain is read again by the tree, which
     * gives every error its message, path and line; so this pass never words an error, and
     * accepts only documents that the tree reads to equal facts.
     */
    private static @Nullable FactSet readPlain(String json) {
        try (JsonParser p = new PlainTokens(MAPPER.createParser(json))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            FactSet facts = MAPPER.readValue(p, FactSet.class);
            if (p.nextToken() != null || !hasRequiredIds(facts)) {
                return null;
            }
            FactValues.check(facts);
            return facts;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether every fact of the lists that need an id has one, and every report its type; see {@link #checkRequiredIds}. */
    private static boolean hasRequiredIds(FactSet facts) {
        for (Map.Entry<String, List<? extends AccountFact>> list :
                facts.accountFactLists().entrySet()) {
            if (ID_REQUIRED.contains(list.getKey())) {
                for (AccountFact fact : list.getValue()) {
                    if (fact.id() == null) {
                        return false;
                    }
                }
            }
        }
        for (var account : facts.accounts()) {
            if (account.id() == null) {
                return false;
            }
        }
        for (AbuseReport report : facts.reports()) {
            if (report.type() == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The tokens of a plain document: a {@code null}, a number that is not finite, or {@code -0.0}
     * ends the one pass, since the tree reads those differently ({@link #checkValues}). Every way
     * of reading on goes through {@link #nextToken}.
     */
    private static final class PlainTokens extends JsonParserDelegate {

        PlainTokens(JsonParser parser) {
            super(parser);
        }

        @Override
        public @Nullable JsonToken nextToken() throws IOException {
            JsonToken t = delegate.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                throw new NotPlain();
            }
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                // the tree makes 3000.0 the whole number 3000: the same double for a double field,
                // which is all a float token binds to here (an int or long field refuses it, and the
                // tree reads the document again); only -0.0 would come out as 0.0 there
                double d = delegate.getDoubleValue();
                if (!Double.isFinite(d) || Double.doubleToRawLongBits(d) == Long.MIN_VALUE) {
                    throw new NotPlain();
                }
            }
            return t;
        }

        @Override
        public @Nullable JsonToken nextValue() throws IOException {
            JsonToken t = nextToken();
            return t == JsonToken.FIELD_NAME ? nextToken() : t;
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            JsonToken t = currentToken();
            if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                return this;
            }
            int open = 1;
            while (open > 0) {
                JsonToken next = nextToken();
                if (next == null) {
                    return this;
                }
                if (next.isStructStart()) {
                    open++;
                } else if (next.isStructEnd()) {
                    open--;
                }
            }
            return this;
        }
    }

    /** Thrown, without a stack, to end a one pass that met what only the tree reads. */
    private static final class NotPlain extends IOException {
        private static final long serialVersionUID = 1L;

        NotPlain() {
            super("not a plain document");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /**
     * Brings the tree to the form the records read, as other tools write it. A field that is {@code
     * null} is absent, as in protobuf's JSON mapping, so a required one is then missing; a list
     * element that is {@code null} is an error, since leaving it out would shift the others. A whole
     * number written with a fraction of zero ({@code 3000.0}) is that whole number; {@code 3000.5}
     * stays a fraction, which an integer field refuses. A number too large for a double ({@code
     * 1e400}) reads as infinity, which no fact means, so it is refused here, before any rule compares it.
     */
    private static void checkValues(String json, @Nullable String source, JsonNode node, NodePath path) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw invalid(
                    json,
                    source,
                    path.toString(),
                    "number out of range: expected a finite number of at most " + Double.MAX_VALUE);
        }
        if (node instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            for (var e : object.properties()) {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                    continue;
                }
                checkValues(json, source, e.getValue(), new NodePath(path, e.getKey(), -1));
                JsonNode whole = integral(e.getValue());
                if (whole != null) {
                    e.setValue(whole);
                }
            }
            object.remove(nulls);
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isNull()) {
                    throw invalid(
                            json,
                            source,
                            new NodePath(path, null, i).toString(),
                            "null is not allowed as an element of a list; leave the element out");
                }
                checkValues(json, source, array.get(i), new NodePath(path, null, i));
                JsonNode whole = integral(array.get(i));
                if (whole != null) {
                    array.set(i, whole);
                }
            }
        }
    }

    /** The whole number a floating-point node holds ({@code 3000.0}), or {@code null} when it holds a fraction or is too large for a long. */
    private static @Nullable JsonNode integral(JsonNode node) {
        if (!node.isFloatingPointNumber()) {
            return null;
        }
        double d = node.doubleValue();
        if (d != Math.rint(d) || Math.abs(d) >= 0x1p63) {
            return null;
        }
        long whole = (long) d;
        return whole == (int) whole ? IntNode.valueOf((int) whole) : LongNode.valueOf(whole);
    }

    /**
     * Where a node is, spelled out ({@code $.emails[3].subject}) only for an error: every node of
     * the document is checked, and building its path as text cost more than the check.
     */
    private record NodePath(
            @Nullable NodePath parent, @Nullable String key, int index) {

        static final NodePath ROOT = new NodePath(null, null, -1);

        @Override
        public String toString() {
            if (parent == null) {
                return "$";
            }
            return parent + (key != null ? "." + key : "[" + index + "]");
        }
    }

    private static void checkRequiredIds(String json, @Nullable String source, JsonNode tree) {
        for (String list : ID_REQUIRED) {
            JsonNode items = tree.get(list);
            if (items == null || !items.isArray()) {
                continue;
            }
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (item.isObject() && !item.has("id")) {
                    throw invalid(json, source, "$." + list + "[" + i + "]", "missing required field `id`");
                }
                if (list.equals("reports") && item.isObject() && !item.has("type")) {
                    throw invalid(
                            json,
                            source,
                            "$." + list + "[" + i + "]",
                            "missing required field `type`; expected one of " + enumNames(ReportType.class));
                }
            }
        }
    }

    private static InvalidFactsException translate(
            String json, @Nullable String source, JsonNode tree, JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? pathOf(m.getPath()) : "$";
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            String expected = known == null
                    ? ""
                    : "; expected one of "
                            + known.stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            return invalid(json, source, path, "unknown field `" + u.getPropertyName() + "`" + expected);
        }
        if (e instanceof InvalidFormatException f
                && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            return invalid(
                    json,
                    source,
                    path,
                    "unknown value `" + f.getValue() + "`; expected one of " + enumNames(f.getTargetType()));
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null) {
            return invalid(
                    json, source, path, Objects.requireNonNullElse(v.getCause().getMessage(), v.getOriginalMessage()));
        }
        if (e instanceof JsonMappingException m) {
            JsonNode number = tree.at(pointerOf(m.getPath()));
            String said = Objects.requireNonNullElse(e.getOriginalMessage(), "");
            if (number.isIntegralNumber() && said.contains("out of range")) {
                return invalid(json, source, path, outOfRange(number, said));
            }
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() == Instant.class) {
            return invalid(json, source, path, f.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException m) {
            JsonNode got = tree.at(pointerOf(m.getPath()));
            return invalid(
                    json,
                    source,
                    path,
                    "expected " + expected(m.getTargetType()) + ", got "
                            + (got.isMissingNode() ? "something else" : describe(got)));
        }
        // what is left is Jackson's wording about its own classes: say only where and what was found
        JsonNode got = tree.at(pointerOf(e instanceof JsonMappingException m ? m.getPath() : List.of()));
        return invalid(
                json,
                source,
                path,
                "this value does not fit the field" + (got.isMissingNode() ? "" : ": got " + describe(got)));
    }

    /** What a whole number too large for its field is told, with the field's range. */
    private static String outOfRange(JsonNode number, String jacksonMessage) {
        boolean isInt = jacksonMessage.contains("range of int");
        return "number `" + describeNumber(number) + "` out of range: expected a whole number from "
                + (isInt ? Integer.MIN_VALUE : Long.MIN_VALUE) + " to " + (isInt ? Integer.MAX_VALUE : Long.MAX_VALUE);
    }

    private static String describeNumber(JsonNode number) {
        String text = number.asText();
        return text.length() > 40 ? text.substring(0, 20) + "…(" + text.length() + " digits)" : text;
    }

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type.isEnum()) {
            return "one of " + enumNames(type);
        }
        if (type == int.class
                || type == long.class
                || type == double.class
                || type == Integer.class
                || type == Long.class
                || type == Double.class) {
            return type == double.class || type == Double.class ? "a number" : "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as `2026-11-28T12:00:00Z`";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }

    private static String enumNames(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    private static String describe(JsonNode node) {
        String text = node.toString();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return "`" + text + "`";
    }

    static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append('.').append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String pointerOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                sb.append('/').append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
            } else if (r.getIndex() >= 0) {
                sb.append('/').append(r.getIndex());
            }
        }
        return sb.toString();
    }

    /**
     * An error at a JSON path, with the line and column the path has in {@code json}.
     *
     * @param json    the text the facts were read from
     * @param source  the file name for messages, or {@code null}
     * @param path    where the problem is, e.g. {@code $.accounts[0].plan}
     * @param problem what is wrong there
     * @return the error, to throw
     */
    public static InvalidFactsException invalid(String json, @Nullable String source, String path, String problem) {
        JsonLocator locator = JsonLocator.of(JsonSyntax.withoutBom(json));
        return new InvalidFactsException(path, problem, source, locator.line(path), locator.column(path));
    }

    /**
     * Gives an error found after reading (an unknown account, a duplicate id) the line its path has
     * in the text it came from.
     *
     * @param e      the error, with its JSON path
     * @param json   the text the facts were read from
     * @param source the file name for messages, or {@code null}
     * @return the same error at its line and column in {@code json}
     */
    public static InvalidFactsException locate(InvalidFactsException e, String json, @Nullable String source) {
        JsonLocator locator = JsonLocator.of(JsonSyntax.withoutBom(json));
        return e.at(e.path(), source, locator.line(e.path()), locator.column(e.path()));
    }

    /** {@link BoundedInstant#plainUtc}, for tests. */
    static @Nullable Instant plainUtc(String text) {
        return BoundedInstant.plainUtc(text);
    }

    /**
     * Instants as ISO-8601 text, with {@code Z} or an offset ({@code +02:00}) and any fraction of a
     * second, of the years 0000 to 9999 only: ISO-8601 writes those with four digits, and a rule
     * that adds an hour or a business day to {@code +1000000000-12-31T23:59:59Z} would fail on the
     * input, not on the policy. A number is refused, as text or not: {@code 1764331200000} is epoch
     * milliseconds to one tool and, read as seconds, the year +57879 to another.
     */
    private static final class BoundedInstant extends StdDeserializer<Instant> {
        private static final long serialVersionUID = 1L;
        private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
        private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");
        private static final String EXPECTED =
                "expected an ISO-8601 instant such as `2026-11-28T12:00:00Z` or `2026-11-28T14:00:00+02:00`";

        BoundedInstant() {
            super(Instant.class);
        }

        @Override
        public @Nullable Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken().isNumeric()) {
                String number = p.currentToken() == JsonToken.VALUE_NUMBER_INT
                        ? p.getText()
                        : p.getDecimalValue().toPlainString();
                throw InvalidFormatException.from(
                        p,
                        EXPECTED + ", got the number `" + number + "`: a number is not read as an instant, "
                                + "since epoch seconds and epoch milliseconds cannot be told apart",
                        number,
                        Instant.class);
            }
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText().strip();
            Instant plain = plainUtc(text);
            if (plain != null) {
                return plain;
            }
            if (!text.isEmpty()
                    && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '-' || c == '.')
                    && text.chars().anyMatch(c -> c >= '0' && c <= '9')
                    && text.indexOf('-', 1) < 0) {
                throw InvalidFormatException.from(
                        p,
                        EXPECTED + ", got `\"" + text + "\"`: a number is not read as an instant, "
                                + "since epoch seconds and epoch milliseconds cannot be told apart",
                        text,
                        Instant.class);
            }
            Instant t;
            try {
                t = Instant.from(DateTimeFormatter.ISO_INSTANT.parse(text));
            } catch (DateTimeException e) {
                throw InvalidFormatException.from(
                        p, EXPECTED + ", got `\"" + text + "\"`" + why(text), text, Instant.class);
            }
            if (t.isBefore(FIRST) || t.isAfter(LAST)) {
                throw InvalidFormatException.from(
                        p, "instant `" + t + "` out of range: expected a year from 0000 to 9999", t, Instant.class);
            }
            return t;
        }

        /**
         * The instant of {@code yyyy-MM-ddTHH:mm:ssZ}, the form {@link Instant#toString()} writes
         * for a whole second, read without the formatter's general machinery; {@code null} for any
         * other text, which the formatter reads (fractions, offsets, lowercase letters, a leap
         * second, hour 24) or refuses with its message. It reads what {@code ISO_INSTANT} reads
         * from the same text: every field in its range, the day within its month.
         */
        static @Nullable Instant plainUtc(String text) {
            if (text.length() != 20
                    || text.charAt(4) != '-'
                    || text.charAt(7) != '-'
                    || text.charAt(10) != 'T'
                    || text.charAt(13) != ':'
                    || text.charAt(16) != ':'
                    || text.charAt(19) != 'Z') {
                return null;
            }
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            int hour = digits(text, 11, 13);
            int minute = digits(text, 14, 16);
            int second = digits(text, 17, 19);
            if (year < 0
                    || month < 1
                    || month > 12
                    || day < 1
                    || day > java.time.YearMonth.of(year, month).lengthOfMonth()
                    || hour < 0
                    || hour > 23
                    || minute < 0
                    || minute > 59
                    || second < 0
                    || second > 59) {
                return null;
            }
            long days = java.time.LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
        }

        /** The decimal number of {@code text[from, to)}, or -1 when a character there is not an ASCII digit. */
        private static int digits(String text, int from, int to) {
            int n = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + (c - '0');
            }
            return n;
        }

        /** What a text that is nearly an instant lacks. */
        private static String why(String text) {
            try {
                LocalDateTime.parse(text);
                return ": it has no offset; add `Z` for UTC, or the offset it was written in, such as `+02:00`";
            } catch (DateTimeException e) {
                return "";
            }
        }
    }
}
