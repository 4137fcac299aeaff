package org.auprules.json;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.auprules.api.AupEvaluator;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a JSON Lines stream of accounts ({@link FactsJsonLines}) in flat memory: lines are read
 * one at a time, parsed and evaluated by a fixed number of threads, and handed to the caller as they
 * complete but in input order. At most {@link Builder#window(int) window} lines are in flight, so
 * memory does not grow with the fleet. Every account is evaluated at one moment: the header's
 * {@code evaluatedAt}, or the clock's time when the stream starts.
 *
 * <pre>{@code
 * JsonLinesEvaluator.builder(evaluator).threads(2).build()
 *         .run(in, "fleet.jsonl", new JsonLinesEvaluator.Sink() {
 *             public void account(JsonLinesEvaluator.AccountResult r) { … }
 *         });
 * }</pre>
 *
 * <p>The first invalid line stops the stream: the results of the lines before it are handed over,
 * none after it, and {@link #run} throws its error with the line number and the JSON path in the line.
 */
public final class JsonLinesEvaluator {

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

    private JsonLinesEvaluator(Builder b) {
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
            return new AccountResult(number, account.facts().accounts().get(0).id(), result);
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

    /** Builds a {@link JsonLinesEvaluator}. */
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
        public JsonLinesEvaluator build() {
            return new JsonLinesEvaluator(this);
        }
    }
}
