package org.auprules.examples.serve;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyProblem;
import org.auprules.decisionlog.DecisionLog;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code aup-rules serve}: the policy as a local HTTP service. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves the policy over HTTP, in the foreground, for tools that are not written in Java: "
                    + "POST /v1/evaluate takes the facts document (or JSON Lines, one account a line) and answers "
                    + "with the output document and a decisionId. GET /v1/policy, /v1/clauses, /health, /metrics "
                    + "(Prometheus), /v1/openapi.json; POST /v1/policy/reload with an admin token.",
            "",
            "It binds to 127.0.0.1 unless --addr says otherwise, logs one line on stderr per start, reload and stop, "
                    + "and on SIGTERM stops accepting, lets the requests in flight finish (up to --drain-timeout) and "
                    + "exits 0. Every error is an RFC 9457 problem document. See docs/server.md.",
            "",
            "Examples:",
            "  aup-rules serve",
            "  aup-rules serve --policy my-pack --watch --addr 127.0.0.1:8181",
            "  aup-rules serve --token-file /etc/aup-rules/tokens --admin-token-file /etc/aup-rules/admin-tokens \\",
            "      --tls-cert cert.pem --tls-key key.pem",
            ""
        },
        footer = {
            "",
            "Exit codes:",
            "  0  stopped by SIGTERM or SIGINT, after the requests in flight",
            "  2  a bad option or file, or the address is taken",
            "  3  the pack does not compile"
        })
public final class ServeCommand implements Callable<Integer> {

    private static final Pattern ADDR = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+):(\\d{1,5})");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--policy",
            paramLabel = "DIR|default",
            defaultValue = "default",
            description = "The policy pack folder, or `default` for the shipped pack (default: ${DEFAULT-VALUE}).")
    String policy = "default";

    @Option(
            names = "--addr",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:8181",
            description = "Where to listen (default: ${DEFAULT-VALUE}). 0.0.0.0:8181 listens on every interface; "
                    + "port 0 takes any free port.")
    String addr = "127.0.0.1:8181";

    @Option(
            names = "--watch",
            description = "Reload the pack by itself when its folder changes; a pack with errors is not loaded "
                    + "and the live policy stays.")
    boolean watch;

    @Option(names = "--allow-trusted-packs", description = "Honour \"trusted\": true in the pack's policy.json.")
    boolean allowTrustedPacks;

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "Ask every request but GET /health for `Authorization: Bearer TOKEN` with a token of "
                    + "FILE (one a line, at least 16 characters; # starts a comment).")
    @Nullable
    Path tokenFile;

    @Option(
            names = "--admin-token-file",
            paramLabel = "FILE",
            description = "The tokens that may POST /v1/policy/reload (and do everything else). Without it, "
                    + "reloading over HTTP is refused with 403.")
    @Nullable
    Path adminTokenFile;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Serve HTTPS with this PEM certificate chain.")
    @Nullable
    Path tlsCert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "The PEM private key of --tls-cert (PKCS #8, unencrypted).")
    @Nullable
    Path tlsKey;

    @Option(
            names = "--max-body",
            paramLabel = "SIZE",
            defaultValue = "10MiB",
            description = "The largest JSON document accepted, and the longest JSON Lines line; JSON Lines "
                    + "bodies have no overall limit (default: ${DEFAULT-VALUE}).")
    String maxBody = "10MiB";

    @Option(
            names = "--eval-timeout",
            paramLabel = "DURATION",
            defaultValue = "10s",
            description = "How long one JSON request, or one account of a JSON Lines request, may evaluate, "
                    + "e.g. 500ms, 10s, 2m (default: ${DEFAULT-VALUE}).")
    String evalTimeout = "10s";

    @Option(
            names = "--drain-timeout",
            paramLabel = "DURATION",
            defaultValue = "20s",
            description = "How long a stop waits for requests in flight (default: ${DEFAULT-VALUE}).")
    String drainTimeout = "20s";

    @Option(
            names = "--decision-log",
            paramLabel = "FILE",
            description = "Append every decision to FILE, one JSON line with its decisionId, before answering.")
    @Nullable
    Path decisionLog;

    @Option(
            names = "--decision-log-sync",
            paramLabel = "each-line|none",
            defaultValue = "each-line",
            description = "each-line forces every decision to the disk before the answer; none leaves it to the "
                    + "operating system (default: ${DEFAULT-VALUE}).")
    String decisionLogSync = "each-line";

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ServerOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            err.println("aup-rules: " + e.getMessage());
            err.flush();
            return 2;
        }
        AupServer server;
        try {
            server = AupServer.start(options, ServeCommand::log);
        } catch (RuntimeException e) {
            err.println("aup-rules: cannot serve on " + addr + ": " + rootMessage(e));
            err.flush();
            return 2;
        }
        try {
            server.policyLoaded().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof InvalidPolicyException invalid) {
                err.println("aup-rules: invalid policy pack `" + policy + "`:");
                String prefix = "default".equals(policy) ? "" : policy + "/";
                for (PolicyProblem p : invalid.problems()) {
                    err.println(prefix + p);
                }
            } else {
                err.println("aup-rules: cannot load policy `" + policy + "`: " + rootMessage(e));
            }
            err.flush();
            server.stopGracefully();
            return 3;
        }
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.stopGracefully();
                            System.err.flush();
                            // a stop asked for by a signal is the normal end of a server: exit 0, not 143
                            Runtime.getRuntime().halt(0);
                        },
                        "aup-serve-stop"));
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private ServerOptions options() {
        Matcher a = ADDR.matcher(addr);
        if (!a.matches() || Integer.parseInt(a.group(2)) > 65535) {
            throw new IllegalArgumentException(
                    "--addr `" + addr + "`: expected HOST:PORT, e.g. 127.0.0.1:8181 or [::1]:8181");
        }
        String host =
                a.group(1).startsWith("[") ? a.group(1).substring(1, a.group(1).length() - 1) : a.group(1);
        boolean builtIn = "default".equals(policy);
        if (watch && builtIn) {
            throw new IllegalArgumentException("--watch needs --policy DIR: the shipped pack never changes");
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (tlsCert != null && tlsKey != null) {
            PemTls.contextFactory(tlsCert, tlsKey); // reads both now, so a bad file stops the start
        }
        DecisionLog.Sync sync =
                switch (decisionLogSync) {
                    case "each-line" -> DecisionLog.Sync.EACH_LINE;
                    case "none" -> DecisionLog.Sync.NONE;
                    default ->
                        throw new IllegalArgumentException(
                                "--decision-log-sync `" + decisionLogSync + "`: expected each-line or none");
                };
        ServerOptions o = new ServerOptions(
                builtIn ? null : Path.of(policy),
                watch,
                allowTrustedPacks,
                host,
                Integer.parseInt(a.group(2)),
                tokenFile == null ? BearerTokens.none() : BearerTokens.read(tokenFile),
                adminTokenFile == null ? BearerTokens.none() : BearerTokens.read(adminTokenFile),
                tlsCert,
                tlsKey,
                size(maxBody),
                duration("--eval-timeout", evalTimeout),
                duration("--drain-timeout", drainTimeout),
                decisionLog,
                sync);
        if (o.policy() != null && !java.nio.file.Files.isDirectory(o.policy())) {
            throw new IllegalArgumentException("policy pack `" + policy + "` is not a folder");
        }
        return o;
    }

    static long size(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "--max-body `" + text + "`: expected a size such as 10MiB, 512KiB or 65536");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long bytes =
                switch (unit) {
                    case "KiB" -> n << 10;
                    case "MiB" -> n << 20;
                    case "GiB" -> n << 30;
                    default -> n;
                };
        if (bytes < 1) {
            throw new IllegalArgumentException("--max-body `" + text + "`: must be at least 1 byte");
        }
        return bytes;
    }

    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(
                    option + " `" + text + "`: expected a duration such as 500ms, 10s or 2m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** One line on stderr, stamped with the time; tokens never reach it. */
    static void log(String message) {
        System.err.println(Instant.now() + " aup-rules serve: " + message);
        System.err.flush();
    }
}
