package org.auprules.examples.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.Clause;
import org.auprules.decisionlog.DecisionLog;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP server of {@code aup-rules serve}: binds at once, answers 503 until the pack has
 * compiled, then evaluates facts under the live policy. Every error is a problem document.
 *
 * <pre>{@code
 * try (AupServer server = AupServer.start(ServerOptions.defaults(), System.err::println)) {
 *     server.policyLoaded().join();
 *     // POST http://127.0.0.1:{server.port()}/v1/evaluate
 * }
 * }</pre>
 */
public final class AupServer implements AutoCloseable {

    /** The path of the OpenAPI description in the jar; the same file as docs/openapi.json. */
    static final String OPENAPI_RESOURCE = "/org/auprules/examples/serve/openapi.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HEALTH = "/health";
    private static final String RELOAD = "/v1/policy/reload";

    private final ServerOptions options;
    private final Consumer<String> log;
    private final ServerMetrics metrics = new ServerMetrics();
    private final LivePolicy policy;
    private final @Nullable DecisionLog decisionLog;
    private final ExecutorService evaluations;
    private final List<String> routes = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Javalin app;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final byte[] openApi;
    private volatile boolean stopping;

    private AupServer(ServerOptions options, LivePolicy.Loader loader, Consumer<String> log) {
        this.options = options;
        this.log = log;
        this.policy = new LivePolicy(loader, options.policy(), Clock.systemUTC(), metrics, log);
        this.decisionLog = options.decisionLog() == null
                ? null
                : DecisionLog.open(options.decisionLog(), options.decisionLogSync(), Clock.systemUTC());
        this.evaluations =
                Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                    Thread t = new Thread(r, "aup-evaluate");
                    t.setDaemon(true);
                    return t;
                });
        this.openApi = readOpenApi();
        Evaluation evaluation = new Evaluation(options, policy, metrics, decisionLog, evaluations);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
            // errors Jetty answers before routing (a bad URI, headers too large) are problem documents too
            config.jetty.modifyServer(s -> s.setErrorHandler(new ProblemErrorHandler()));
            config.jetty.addConnector((server, http) -> connector(server, http));
            config.events.handlerAdded(meta -> {
                if (meta.getHttpMethod().isHttpMethod()) {
                    routes.add(meta.getHttpMethod().name() + " " + meta.getPath());
                }
            });
            config.requestLogger.http((ctx, ms) -> {
                inFlight.decrementAndGet();
                metrics.request(endpointOf(ctx), ctx.method().name(), ctx.statusCode(), Duration.ofNanos((long)
                        (ms * 1_000_000)));
            });
            config.routes.before(ctx -> {
                inFlight.incrementAndGet();
                authenticate(ctx);
            });
            config.routes.get(HEALTH, this::health);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.scrape()));
            config.routes.get("/v1/openapi.json", ctx -> ctx.contentType("application/json")
                    .result(openApi));
            config.routes.get("/v1/policy", this::policyInfo);
            config.routes.get("/v1/clauses", this::clauses);
            config.routes.post("/v1/evaluate", evaluation::handle);
            config.routes.post(RELOAD, this::reload);
            config.routes.exception(Problem.Failure.class, (e, ctx) -> answer(ctx, e.problem()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, translate(ctx, e)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.accept("internal error on " + ctx.method().name() + " " + ctx.path() + ": " + e);
                answer(ctx, Problems.internal());
            });
            config.routes.error(404, ctx -> {
                if (!isProblem(ctx)) {
                    answer(ctx, Problems.notFound(ctx.method().name(), ctx.path()));
                }
            });
            config.routes.error(405, ctx -> {
                if (!isProblem(ctx)) {
                    answer(ctx, Problems.methodNotAllowed(ctx.method().name(), ctx.path()));
                }
            });
        });
    }

    /**
     * Binds and starts serving, then compiles the pack in the background: {@link #policyLoaded()}
     * completes when it is live, or fails with the pack's problems.
     *
     * @param options how to run
     * @param log     where the one-line start, reload and stop messages go
     * @return the running server
     */
    public static AupServer start(ServerOptions options, Consumer<String> log) {
        return start(
                options,
                LivePolicy.loader(
                        options.policy(), options.watch(), options.allowTrustedPacks(), options.evalTimeout()),
                log);
    }

    static AupServer start(ServerOptions options, LivePolicy.Loader loader, Consumer<String> log) {
        AupServer server = new AupServer(options, loader, log);
        server.app.start();
        log.accept("listening on " + server.baseUrl() + " (policy "
                + (options.policy() == null ? "default" : options.policy().toString())
                + (options.watch() ? ", watched" : "") + (options.tokens().enabled() ? ", bearer tokens" : "")
                + ")");
        Thread compile = new Thread(
                () -> {
                    try {
                        server.policy.load();
                        server.loaded.complete(null);
                    } catch (RuntimeException e) {
                        server.loaded.completeExceptionally(e);
                    }
                },
                "aup-policy-load");
        compile.setDaemon(true);
        compile.start();
        return server;
    }

    private Connector connector(org.eclipse.jetty.server.Server server, HttpConfiguration http) {
        ServerConnector c;
        if (options.tlsCert() != null && options.tlsKey() != null) {
            HttpConfiguration https = new HttpConfiguration(http);
            https.addCustomizer(new SecureRequestCustomizer(false));
            c = new ServerConnector(
                    server,
                    new SslConnectionFactory(
                            PemTls.contextFactory(options.tlsCert(), options.tlsKey()),
                            HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(https));
        } else {
            c = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        c.setHost(options.host());
        c.setPort(options.port());
        return c;
    }

    /** {@return the port the server listens on} */
    public int port() {
        return ((NetworkConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    /** {@return the server's address, {@code http://host:port} or {@code https://…}} */
    public String baseUrl() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return (options.tlsCert() != null ? "https" : "http") + "://" + host + ":" + port();
    }

    /** {@return a future that completes when the pack is live, or fails with its {@link org.auprules.api.InvalidPolicyException}} */
    public CompletableFuture<Void> policyLoaded() {
        return loaded;
    }

    /** Every route the server has, as {@code METHOD /path}. */
    List<String> routes() {
        return List.copyOf(routes);
    }

    // ------------------------------------------------------------------ handlers

    private void authenticate(Context ctx) {
        String path = ctx.path();
        if (path.equals(HEALTH)) {
            return;
        }
        String authorization = ctx.header("Authorization");
        boolean admin = options.adminTokens().accepts(authorization);
        boolean client = admin || options.tokens().accepts(authorization);
        if (options.tokens().enabled() && !client) {
            throw unauthorized(ctx, authorization != null, "--token-file");
        }
        if (path.equals(RELOAD) && !admin) {
            if (!options.adminTokens().enabled()) {
                throw new Problem.Failure(Problems.forbidden(
                        "reloading over HTTP is off: start the server with --admin-token-file to allow it"));
            }
            if (authorization == null || !client) {
                throw unauthorized(ctx, authorization != null, "--admin-token-file");
            }
            throw new Problem.Failure(Problems.forbidden("reloading needs an admin token (--admin-token-file)"));
        }
    }

    private static Problem.Failure unauthorized(Context ctx, boolean tokenGiven, String file) {
        ctx.header(
                "WWW-Authenticate",
                tokenGiven ? "Bearer realm=\"aup-rules\", error=\"invalid_token\"" : "Bearer realm=\"aup-rules\"");
        return new Problem.Failure(Problems.unauthorized(tokenGiven, file));
    }

    private void health(Context ctx) {
        if (policy.live().isEmpty()) {
            answer(ctx, Problems.noPolicy());
            return;
        }
        ObjectNode body = MAPPER.createObjectNode().put("status", "ok");
        if (ctx.queryParamMap().containsKey("policy")) {
            body.set("policy", policyNode(policy.live().get()));
            policy.lastError()
                    .ifPresentOrElse(
                            e -> {
                                ObjectNode n = body.putObject("lastReloadError");
                                n.put("at", e.at().toString());
                                ArrayNode problems = n.putArray("problems");
                                e.problems().forEach(problems::add);
                            },
                            () -> body.putNull("lastReloadError"));
        }
        json(ctx, 200, body);
    }

    private void policyInfo(Context ctx) {
        json(ctx, 200, policyNode(live()));
    }

    private ObjectNode policyNode(LivePolicy.Live live) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("name", live.info().name());
        n.put("version", live.info().version());
        n.put("digest", live.info().digest());
        n.put("liveSince", live.since().toString());
        n.put("rules", live.rules());
        n.put("clauses", live.clauses());
        n.put("pack", options.policy() == null ? "default" : options.policy().toString());
        n.put("watched", options.watch());
        return n;
    }

    private void clauses(Context ctx) {
        LivePolicy.Live live = live();
        var evaluator = policy.evaluator().orElseThrow();
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode p = root.putObject("policy");
        p.put("name", live.info().name());
        p.put("version", live.info().version());
        p.put("digest", live.info().digest());
        ArrayNode array = root.putArray("clauses");
        for (Clause c : evaluator.catalog().all()) {
            ObjectNode n = array.addObject();
            n.put("id", c.id().value());
            n.put("kind", c.kind().name());
            if (c.category().isPresent()) {
                n.put("category", c.category().get().name());
            } else {
                n.putNull("category");
            }
            n.put("heading", c.heading());
            n.put("text", c.text());
            ArrayNode actions = n.putArray("actions");
            for (AuthorizedAction a : c.actions()) {
                actions.addObject()
                        .put("action", a.action().name())
                        .put("modality", a.modality().name())
                        .put("authority", a.authority().value());
            }
        }
        json(ctx, 200, root);
    }

    private void reload(Context ctx) {
        live();
        LivePolicy.Reload r = policy.reload();
        ObjectNode p = MAPPER.createObjectNode();
        p.put("name", r.policy().name());
        p.put("version", r.policy().version());
        p.put("digest", r.policy().digest());
        if (r.status() == org.auprules.drools.ReloadingAupEvaluator.Outcome.Status.REJECTED) {
            answer(
                    ctx,
                    Problem.of(
                                    422,
                                    "policy-rejected",
                                    "The changed pack has errors",
                                    "the pack was not reloaded: " + r.problems().size()
                                            + " problem(s); the live policy stays "
                                            + r.policy().digest())
                            .with("live", false)
                            .with("policy", p)
                            .with("problems", r.problems()));
            return;
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
        body.put("live", r.status() == org.auprules.drools.ReloadingAupEvaluator.Outcome.Status.RELOADED);
        body.set("policy", p);
        ArrayNode problems = body.putArray("problems");
        r.problems().forEach(problems::add);
        json(ctx, 200, body);
    }

    private LivePolicy.Live live() {
        return policy.live().orElseThrow(() -> new Problem.Failure(Problems.noPolicy()));
    }

    // ------------------------------------------------------------------ answers

    static void json(Context ctx, int status, ObjectNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    static void answer(Context ctx, Problem p) {
        if (p.status() == 503) {
            ctx.header("Retry-After", "1");
        }
        ctx.status(p.status()).contentType(Problem.MEDIA_TYPE).result(p.write());
    }

    private Problem translate(Context ctx, HttpResponseException e) {
        return switch (e.getStatus()) {
            case 413 -> Problems.tooLarge(options.maxBodyBytes());
            case 404 -> Problems.notFound(ctx.method().name(), ctx.path());
            case 405 -> Problems.methodNotAllowed(ctx.method().name(), ctx.path());
            default ->
                Problem.of(
                        e.getStatus(),
                        "http-" + e.getStatus(),
                        Objects.requireNonNullElse(e.getMessage(), "HTTP " + e.getStatus()),
                        Objects.requireNonNullElse(e.getMessage(), "HTTP " + e.getStatus()));
        };
    }

    /** Whether the response is already a problem document (an error handler then leaves it alone). */
    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.MEDIA_TYPE);
    }

    private static String endpointOf(Context ctx) {
        try {
            Endpoint e = ctx.endpoints().matchedHttpEndpoint();
            return e == null ? "unmatched" : e.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    private static byte[] readOpenApi() {
        try (InputStream in = AupServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no " + OPENAPI_RESOURCE);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ stopping

    /**
     * Stops accepting connections, waits up to the drain timeout for the requests in flight, then stops.
     *
     * @return how many requests were still running when the wait ended (0 when all finished)
     */
    public int stopGracefully() {
        if (stopping) {
            return 0;
        }
        stopping = true;
        log.accept("stopping: no new connections, " + inFlight.get() + " request(s) in flight");
        for (Connector c : app.jettyServer().server().getConnectors()) {
            if (c instanceof NetworkConnector n) {
                n.close();
            }
        }
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = Math.max(0, inFlight.get());
        app.stop();
        evaluations.shutdownNow();
        try {
            evaluations.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        policy.close();
        if (decisionLog != null) {
            decisionLog.close();
        }
        log.accept("stopped" + (left == 0 ? "" : ", " + left + " request(s) cut off after " + options.drainTimeout()));
        return left;
    }

    @Override
    public void close() {
        stopGracefully();
    }
}
