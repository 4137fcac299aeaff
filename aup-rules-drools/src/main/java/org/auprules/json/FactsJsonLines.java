package org.auprules.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.auprules.api.AupEvaluator;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.facts.FactSet;
import org.auprules.internal.JsonLocator;
import org.auprules.internal.JsonSyntax;
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

    /**
     * The lists a line may have besides its account, by their JSON names: its facts, and the desk's
     * {@code waivers} and {@code history} of that account, which must name it.
     */
    private static final Set<String> FACT_LISTS = lineLists();

    private static Set<String> lineLists() {
        TreeSet<String> lists = new TreeSet<>(FactSet.empty().accountFactLists().keySet());
        lists.add("waivers");
        lists.add("history");
        return java.util.Collections.unmodifiableSet(lists);
    }

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
        FactSet facts;
        try {
            facts = FactsJson.read(doc.toString(), source);
        } catch (InvalidFactsException e) {
            throw locate(e, text, number, source);
        }
        checkDeskEntriesName(facts, text, number, source);
        return new AccountLine(facts, text, number);
    }

    /**
     * A line's waivers and prior findings belong to its account: one for another account would be
     * read with the wrong account's facts, or silently match nothing, so it is an error at its path.
     */
    private static void checkDeskEntriesName(FactSet facts, String text, int number, @Nullable String source) {
        String id = facts.accounts().get(0).id();
        for (int i = 0; i < facts.waivers().size(); i++) {
            String other = facts.waivers().get(i).accountId();
            if (!other.equals(id)) {
                throw invalid(text, number, source, "$.waivers[" + i + "].accountId", wrongLine("waiver", id, other));
            }
        }
        for (int i = 0; i < facts.history().size(); i++) {
            String other = facts.history().get(i).accountId();
            if (!other.equals(id)) {
                throw invalid(
                        text, number, source, "$.history[" + i + "].accountId", wrongLine("prior finding", id, other));
            }
        }
    }

    private static String wrongLine(String what, String line, String other) {
        return "a " + what + " of account `" + other + "` on the line of account `" + line
                + "`: each line holds one account's facts, waivers and history; put it on the line of `" + other
                + "`";
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
                "malformed JSON: " + JsonSyntax.describe(e) + " (line " + number + ", column " + column + ")",
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

    /**
     * The two forms of the input of docs/contract.md, told apart by their content: the whole document,
     * one JSON object with {@code accounts}, and JSON Lines, one object with an {@code account} per
     * line after an optional header. Only the start of the input is read to decide, so standard input
     * works as well as a file.
     *
     * <pre>{@code
     * Form.Sniffed sniffed = Form.sniff(System.in);
     * if (sniffed.form() == Form.LINES) { … read sniffed.input() line by line … }
     * }</pre>
     */
    public enum Form {
        /** One JSON object with every account and every list of facts. */
        DOCUMENT,
        /** One account and its facts per line, after an optional header line. */
        LINES;

        /**
         * The form of an input, and the input to read it from, from its first byte again.
         *
         * @param form  the form
         * @param input the whole input, the bytes read to decide included
         */
        public record Sniffed(Form form, InputStream input) {}

        /**
         * Reads as much of {@code in} as it takes to tell its form: the first object's top-level field
         * names up to {@code account} (lines) or {@code accounts} (a document); a first object with
         * neither is a header when another value follows it, and a document when it is all. Input that
         * is empty, not an object or not JSON is a document, for {@link FactsJson} to report.
         *
         * @param in the input; read further by the returned stream, which closes it
         * @return the form and the input from its start
         * @throws IOException when {@code in} cannot be read
         */
        public static Sniffed sniff(InputStream in) throws IOException {
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            InputStream tee = new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        seen.write(b);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    if (n > 0) {
                        seen.write(buf, off, n);
                    }
                    return n;
                }

                @Override
                public void close() {
                    // the caller reads on from the returned stream
                }
            };
            Form form = decide(tee);
            return new Sniffed(form, new SequenceInputStream(new ByteArrayInputStream(seen.toByteArray()), in));
        }

        private static Form decide(InputStream tee) throws IOException {
            try (JsonParser p = FactsJson.mapper().getFactory().createParser(tee)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return DOCUMENT;
                }
                for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                    String name = p.currentName();
                    if (name.equals(FactsJsonLines.ACCOUNT)) {
                        return LINES;
                    }
                    if (name.equals("accounts")) {
                        return DOCUMENT;
                    }
                    p.nextToken();
                    p.skipChildren();
                }
                return afterFirstObject(p);
            } catch (JsonProcessingException e) {
                return DOCUMENT;
            }
        }

        /** A first object that has neither field is a header when anything follows it, even text that is not JSON. */
        private static Form afterFirstObject(JsonParser p) throws IOException {
            try {
                return p.nextToken() == null ? DOCUMENT : LINES;
            } catch (JsonProcessingException e) {
                return LINES;
            }
        }
    }

    /**
     * Evaluates a JSON Lines stream of accounts ({@link FactsJsonLines}) in flat memory: lines are read
     * one at a time, parsed and evaluated by a fixed number of threads, and handed to the caller as they
     * complete but in input order. At most {@link Builder#window(int) window} lines are in flight, so
     * memory does not grow with the fleet. Every account is evaluated at one moment: the header's
     * {@code evaluatedAt}, or the clock's time when the stream starts.
     *
     * <pre>{@code
     * Evaluator.builder(evaluator).threads(2).build()
     *         .run(in, "fleet.jsonl", new Evaluator.Sink() {
     *             public void account(Evaluator.AccountResult r) { … }
     *         });
     * }</pre>
     *
     * <p>The first invalid line stops the stream: the results of the lines before it are handed over,
     * none after it, and {@link #run} throws its error with the line number and the JSON path in the line.
     */
    public static final class Evaluator {

        /**
         * One account's result.
         *
         * @param line      the 1-based line of the account in the stream
         * @param accountId the account
         * @param result    its violations, notices and fired rules
         */
        public record AccountResult(int line, String accountId, EvaluationResult result) {}

        /** Where results go, on the thread that called {@link #run}, in input order. */
        public interface Sink {
            /**
             * Called once, before the first account: the moment every account is evaluated at.
             *
             * @param evaluatedAt the header's moment, or the clock's when the stream has no header
             */
            default void start(Instant evaluatedAt) {}

            /**
             * One account's result, in input order.
             *
             * @param result the result
             */
            void account(AccountResult result);
        }

        private final AupEvaluator evaluator;
        private final int threads;
        private final int window;
        private final Clock clock;

        private Evaluator(Builder b) {
            this.evaluator = b.evaluator;
            this.threads = b.threads;
            this.window = b.window != null ? b.window : Math.max(16, 8 * b.threads);
            this.clock = b.clock;
        }

        /**
         * A builder for streams judged by {@code evaluator}.
         *
         * @param evaluator the evaluator, called from several threads at once
         * @return the builder
         */
        public static Builder builder(AupEvaluator evaluator) {
            return new Builder(evaluator);
        }

        /**
         * Reads {@code in} to its end, as UTF-8, and hands every account's result to {@code sink}.
         *
         * @param in     the stream; not closed
         * @param source its name for messages, e.g. {@code fleet.jsonl} or {@code <stdin>}
         * @param sink   where results go
         * @return how many accounts were evaluated
         * @throws MalformedInputException when a line is not JSON, or the stream not UTF-8
         * @throws InvalidFactsException   when a line does not fit the facts
         * @throws UncheckedIOException    when the stream cannot be read
         */
        public int run(InputStream in, @Nullable String source, Sink sink) {
            LineSource lines = new LineSource(in, source);
            AtomicInteger workers = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "aup-rules-lines-" + workers.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            ArrayDeque<CompletableFuture<AccountResult>> inFlight = new ArrayDeque<>();
            int accounts = 0;
            Instant now = null;
            try {
                for (String text = lines.next(); text != null; text = lines.next()) {
                    int number = lines.number();
                    if (now == null) {
                        FactsJsonLines.Line first = FactsJsonLines.read(text, number, source, null);
                        if (first instanceof FactsJsonLines.Header h) {
                            now = h.evaluatedAt() != null ? h.evaluatedAt() : clock.instant();
                            sink.start(now);
                            continue;
                        }
                        now = clock.instant();
                        sink.start(now);
                    }
                    String line = text;
                    int at = number;
                    Instant moment = now;
                    inFlight.add(CompletableFuture.supplyAsync(() -> evaluate(line, at, source, moment), pool));
                    while (inFlight.size() >= window) {
                        sink.account(join(inFlight.poll()));
                        accounts++;
                    }
                }
                if (now == null) {
                    sink.start(clock.instant());
                }
                while (!inFlight.isEmpty()) {
                    sink.account(join(inFlight.poll()));
                    accounts++;
                }
                return accounts;
            } finally {
                inFlight.forEach(f -> f.cancel(false));
                pool.shutdownNow();
            }
        }

        private AccountResult evaluate(String text, int number, @Nullable String source, Instant now) {
            FactsJsonLines.Line line = FactsJsonLines.read(text, number, source, now);
            if (!(line instanceof FactsJsonLines.AccountLine account)) {
                throw FactsJsonLines.lateHeader(number, source);
            }
            try {
                EvaluationResult result = evaluator.evaluate(account.facts());
                return new AccountResult(
                        number, account.facts().accounts().get(0).id(), result);
            } catch (InvalidFactsException e) {
                throw FactsJsonLines.locate(e, text, number, source);
            }
        }

        private static AccountResult join(CompletableFuture<AccountResult> f) {
            try {
                return f.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }

        /** Builds a {@link Evaluator}. */
        public static final class Builder {
            private final AupEvaluator evaluator;
            private int threads = Runtime.getRuntime().availableProcessors();
            private @Nullable Integer window;
            private Clock clock = Clock.systemUTC();

            private Builder(AupEvaluator evaluator) {
                this.evaluator = Objects.requireNonNull(evaluator, "evaluator must not be null");
            }

            /**
             * How many threads parse and evaluate lines; the number of processors by default.
             *
             * @param threads at least 1
             * @return this builder
             */
            public Builder threads(int threads) {
                if (threads < 1) {
                    throw new IllegalArgumentException("threads must be at least 1, got " + threads);
                }
                this.threads = threads;
                return this;
            }

            /**
             * How many lines may be read ahead of the oldest one not yet handed over; 8 per thread, at
             * least 16, by default. Memory grows with it, never with the stream.
             *
             * @param lines at least 1
             * @return this builder
             */
            public Builder window(int lines) {
                if (lines < 1) {
                    throw new IllegalArgumentException("window must be at least 1 line, got " + lines);
                }
                this.window = lines;
                return this;
            }

            /**
             * The clock that gives the moment of evaluation of a stream without a header; UTC by default.
             *
             * @param clock the clock
             * @return this builder
             */
            public Builder clock(Clock clock) {
                this.clock = Objects.requireNonNull(clock, "clock must not be null");
                return this;
            }

            /** {@return the evaluator} */
            public Evaluator build() {
                return new Evaluator(this);
            }
        }
    }
}
