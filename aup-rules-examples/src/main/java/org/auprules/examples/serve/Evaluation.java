package org.auprules.examples.serve;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.auprules.api.AupEvaluator;
import org.auprules.api.EvaluationFailedException;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.MalformedInputException;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.FactSet;
import org.auprules.decisionlog.DecisionLog;
import org.auprules.decisionlog.DecisionRecord;
import org.auprules.json.FactsJson;
import org.auprules.json.ResultJson;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/evaluate}: one facts document in, the output document and its {@code decisionId}
 * out; or JSON Lines in, one output document a line out, in the lines' order, with at most a few
 * lines read ahead (evaluated side by side on the evaluation threads), so that memory holds a few
 * lines whatever the length of the body.
 */
final class Evaluation {

    static final String NDJSON = "application/x-ndjson";
    private static final List<String> NDJSON_TYPES = List.of(NDJSON, "application/jsonl", "application/jsonlines");
    private static final String SOURCE = "request body";

    private final ServerOptions options;
    private final LivePolicy policy;
    private final ServerMetrics metrics;
    private final @Nullable DecisionLog decisionLog;
    private final ExecutorService pool;
    private final int window;

    Evaluation(
            ServerOptions options,
            LivePolicy policy,
            ServerMetrics metrics,
            @Nullable DecisionLog decisionLog,
            ExecutorService pool) {
        this.options = options;
        this.policy = policy;
        this.metrics = metrics;
        this.decisionLog = decisionLog;
        this.pool = pool;
        this.window = 2 * Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    void handle(Context ctx) throws IOException {
        AupEvaluator evaluator = policy.evaluator().orElseThrow(() -> new Problem.Failure(Problems.noPolicy()));
        String type = ctx.contentType();
        String mime = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String account = ctx.queryParam("account");
        if (account != null && account.isBlank()) {
            throw new Problem.Failure(Problem.of(
                    400, "bad-parameter", "Bad query parameter", "`account` needs an account id: ?account=acc-1"));
        }
        if (NDJSON_TYPES.contains(mime)) {
            lines(ctx, evaluator, account);
        } else if (mime.isEmpty() || mime.equals("application/json")) {
            document(ctx, evaluator, account);
        } else {
            throw new Problem.Failure(Problems.unsupportedMediaType(type == null ? "" : type));
        }
    }

    // ------------------------------------------------------------------ one document

    private void document(Context ctx, AupEvaluator evaluator, @Nullable String account) throws IOException {
        long limit = options.maxBodyBytes();
        if (ctx.req().getContentLengthLong() > limit) {
            throw new Problem.Failure(Problems.tooLarge(limit));
        }
        String text = utf8(readAtMost(ctx.bodyInputStream(), limit));
        checkConstraints(text);
        FactSet facts;
        try {
            facts = FactsJson.read(text, SOURCE);
        } catch (MalformedInputException e) {
            throw new Problem.Failure(Problems.malformedJson(e));
        } catch (InvalidFactsException e) {
            throw new Problem.Failure(Problems.invalidFacts(e));
        }
        if (account != null) {
            facts = only(facts, account);
            if (facts.accounts().isEmpty()) {
                throw new Problem.Failure(Problems.invalidFacts(
                        FactsJson.invalid(text, SOURCE, "$.accounts", "no account `" + account + "` in the facts")));
            }
        }
        EvaluationResult result = evaluateInTime(evaluator, facts, text);
        ObjectNode doc = ResultJson.toTree(result);
        doc.put("decisionId", decide(facts, result));
        metrics.evaluation("json", result);
        AupServer.json(ctx, 200, doc);
    }

    private EvaluationResult evaluateInTime(AupEvaluator evaluator, FactSet facts, String text) {
        FactSet judged = facts;
        Future<EvaluationResult> f = pool.submit(() -> evaluator.evaluate(judged));
        long millis = options.evalTimeout().toMillis();
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new Problem.Failure(Problems.timeout(millis));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new Problem.Failure(Problems.internal());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidFactsException invalid) {
                throw new Problem.Failure(Problems.invalidFacts(FactsJson.locate(invalid, text, SOURCE)));
            }
            if (cause instanceof EvaluationFailedException failed) {
                throw new Problem.Failure(Problems.evaluationFailed(String.valueOf(failed.getMessage())));
            }
            throw new IllegalStateException("evaluation failed", cause);
        }
    }

    /**
     * Jackson's read constraints, applied in a scan of the tokens before the facts are read:
     * nesting, string, number and name lengths. Syntax errors are left to {@link FactsJson}, whose
     * messages name the line and column.
     */
    private static void checkConstraints(String text) throws IOException {
        try (JsonParser p = NdjsonFacts.parser(text)) {
            while (p.nextToken() != null) {
                // scanning is the check
            }
        } catch (StreamConstraintsException e) {
            var loc = e.getLocation();
            Problem problem = Problem.of(
                    400,
                    "read-constraint",
                    "JSON beyond the server's read limits",
                    "the body breaks a read constraint: " + e.getOriginalMessage());
            if (loc != null) {
                problem = problem.with("line", loc.getLineNr()).with("column", loc.getColumnNr());
            }
            throw new Problem.Failure(problem);
        } catch (JsonProcessingException e) {
            // malformed: FactsJson says where, in its own words
        }
    }

    // ------------------------------------------------------------------ JSON Lines

    private void lines(Context ctx, AupEvaluator evaluator, @Nullable String account) throws IOException {
        NdjsonFacts reader =
                new NdjsonFacts(new BufferedInputStream(ctx.bodyInputStream(), 1 << 16), options.maxBodyBytes());
        ctx.status(200).contentType(NDJSON);
        // the servlet's own stream: Javalin's holds small answers back to decide on compression,
        // and a caller waiting for its first line must not wait for that
        Writer out = new BufferedWriter(
                new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        // lines are read and evaluated on the evaluation threads, a few at once, and answered in
        // their order: memory holds at most `window` lines, and every core works on one request
        ArrayDeque<Future<@Nullable String>> pending = new ArrayDeque<>();
        try {
            NdjsonFacts.Line line;
            while ((line = reader.nextUnread()) != null) {
                NdjsonFacts.Line unread = line;
                pending.add(pool.submit(() -> answer(evaluator, NdjsonFacts.parsed(unread), account)));
                if (!reader.ready()) {
                    // the caller may wait for these answers before it sends more: answer them all now
                    while (!pending.isEmpty()) {
                        write(out, pending.remove());
                    }
                    out.flush();
                } else if (pending.size() >= window) {
                    write(out, pending.remove());
                }
            }
            while (!pending.isEmpty()) {
                write(out, pending.remove());
            }
        } finally {
            pending.forEach(f -> f.cancel(true));
        }
        out.flush();
    }

    private static void write(Writer out, Future<@Nullable String> answer) throws IOException {
        String written;
        try {
            written = answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem.Failure(Problems.internal());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("evaluation failed", e.getCause());
        }
        if (written != null) {
            out.write(written);
            out.write('\n');
        }
    }

    /** The output line for one input line, or null when {@code ?account} leaves it out. */
    private @Nullable String answer(AupEvaluator evaluator, NdjsonFacts.Line line, @Nullable String account) {
        if (line.problem() != null) {
            return line.problem().write();
        }
        FactSet facts = java.util.Objects.requireNonNull(line.facts());
        if (account != null && facts.accounts().stream().noneMatch(a -> a.id().equals(account))) {
            return null;
        }
        EvaluationResult result;
        try {
            result = evaluator.evaluate(facts);
        } catch (InvalidFactsException e) {
            return NdjsonFacts.problem(line.number(), line.text(), e).write();
        } catch (EvaluationFailedException e) {
            return Problems.evaluationFailed(String.valueOf(e.getMessage()))
                    .with("line", line.number())
                    .write();
        }
        ObjectNode doc = ResultJson.toTree(result);
        doc.put("decisionId", decide(facts, result));
        // a line holds one account: naming it lets a caller match answers to accounts without counting lines
        doc.put("accountId", facts.accounts().get(0).id());
        metrics.evaluation("ndjson", result);
        return doc.toString();
    }

    // ------------------------------------------------------------------ shared

    /** The decision's id, once the decision log (when there is one) holds it. */
    private String decide(FactSet facts, EvaluationResult result) {
        if (decisionLog == null) {
            return DecisionRecord.newDecisionId();
        }
        try {
            DecisionRecord record = DecisionRecord.of(Clock.systemUTC().instant(), facts, result);
            decisionLog.append(record);
            return record.decisionId();
        } catch (UncheckedIOException e) {
            throw new Problem.Failure(Problem.of(
                    500,
                    "decision-log-failed",
                    "The decision could not be logged",
                    "the decision log cannot be written, so no decision is handed out: " + e.getMessage()));
        }
    }

    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(chunk)) != -1) {
            total += n;
            if (total > limit) {
                throw new Problem.Failure(Problems.tooLarge(limit));
            }
            buffer.write(chunk, 0, n);
        }
        return buffer.toByteArray();
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Problem.Failure(
                    Problem.of(400, "malformed-json", "Malformed JSON", "the request body is not UTF-8 text"));
        }
    }

    /**
     * The facts of one account: that account, and every fact that belongs to it. Generic over
     * the lists of {@link FactSet}, so that a list added to the contract is filtered too.
     */
    static FactSet only(FactSet facts, String accountId) {
        RecordComponent[] components = FactSet.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                Object v = components[i].getAccessor().invoke(facts);
                values[i] = v instanceof List<?> list
                        ? list.stream().filter(x -> belongs(x, accountId)).toList()
                        : v;
            }
            return FactSet.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException t ? t.getCause() : e;
            throw new IllegalStateException("cannot filter the facts by account", cause);
        }
    }

    private static boolean belongs(Object fact, String accountId) {
        if (fact instanceof Account a) {
            return a.id().equals(accountId);
        }
        if (fact instanceof AccountFact f) {
            return accountId.equals(f.accountId());
        }
        return true;
    }
}
