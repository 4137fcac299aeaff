package org.auprules.examples.serve;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.auprules.decisionlog.DecisionLog;
import org.jspecify.annotations.Nullable;

/**
 * How {@code aup-rules serve} runs.
 *
 * @param policy            the pack folder, or null for the shipped pack
 * @param watch             whether a change to the folder reloads it
 * @param allowTrustedPacks whether {@code "trusted": true} in the pack is honoured
 * @param host              the address to bind, 127.0.0.1 unless told otherwise
 * @param port              the port, 0 for any free one
 * @param tokens            the bearer tokens every endpoint but {@code /health} asks for; none: no authentication
 * @param adminTokens       the tokens that may reload; none: reload is refused
 * @param tlsCert           the PEM certificate chain for HTTPS, or null for plain HTTP
 * @param tlsKey            its PEM private key
 * @param maxBodyBytes      the largest JSON document accepted, and the longest JSON Lines line
 * @param evalTimeout       how long one JSON request, or one JSON Lines account, may evaluate
 * @param drainTimeout      how long a stop waits for requests in flight
 * @param decisionLog       where every decision is appended, or null
 * @param decisionLogSync   when its lines reach the disk
 */
record ServerOptions(
        @Nullable Path policy,
        boolean watch,
        boolean allowTrustedPacks,
        String host,
        int port,
        BearerTokens tokens,
        BearerTokens adminTokens,
        @Nullable Path tlsCert,
        @Nullable Path tlsKey,
        long maxBodyBytes,
        Duration evalTimeout,
        Duration drainTimeout,
        @Nullable Path decisionLog,
        DecisionLog.Sync decisionLogSync) {

    static final long DEFAULT_MAX_BODY = 10L * 1024 * 1024;
    static final Duration DEFAULT_EVAL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(20);

    ServerOptions {
        Objects.requireNonNull(host, "host must not be null");
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
    }

    /** Plain HTTP on 127.0.0.1, any free port, the shipped pack, every limit at its default. */
    static ServerOptions defaults() {
        return new ServerOptions(
                null,
                false,
                false,
                "127.0.0.1",
                0,
                BearerTokens.none(),
                BearerTokens.none(),
                null,
                null,
                DEFAULT_MAX_BODY,
                DEFAULT_EVAL_TIMEOUT,
                DEFAULT_DRAIN_TIMEOUT,
                null,
                DecisionLog.Sync.EACH_LINE);
    }

    ServerOptions withPolicy(@Nullable Path folder, boolean watchIt) {
        return new ServerOptions(
                folder,
                watchIt,
                allowTrustedPacks,
                host,
                port,
                tokens,
                adminTokens,
                tlsCert,
                tlsKey,
                maxBodyBytes,
                evalTimeout,
                drainTimeout,
                decisionLog,
                decisionLogSync);
    }

    ServerOptions withTokens(BearerTokens clients, BearerTokens admins) {
        return new ServerOptions(
                policy,
                watch,
                allowTrustedPacks,
                host,
                port,
                clients,
                admins,
                tlsCert,
                tlsKey,
                maxBodyBytes,
                evalTimeout,
                drainTimeout,
                decisionLog,
                decisionLogSync);
    }

    ServerOptions withTls(Path cert, Path key) {
        return new ServerOptions(
                policy,
                watch,
                allowTrustedPacks,
                host,
                port,
                tokens,
                adminTokens,
                cert,
                key,
                maxBodyBytes,
                evalTimeout,
                drainTimeout,
                decisionLog,
                decisionLogSync);
    }

    ServerOptions withLimits(long body, Duration eval) {
        return new ServerOptions(
                policy,
                watch,
                allowTrustedPacks,
                host,
                port,
                tokens,
                adminTokens,
                tlsCert,
                tlsKey,
                body,
                eval,
                drainTimeout,
                decisionLog,
                decisionLogSync);
    }

    ServerOptions withDecisionLog(@Nullable Path file, DecisionLog.Sync sync) {
        return new ServerOptions(
                policy,
                watch,
                allowTrustedPacks,
                host,
                port,
                tokens,
                adminTokens,
                tlsCert,
                tlsKey,
                maxBodyBytes,
                evalTimeout,
                drainTimeout,
                file,
                sync);
    }
}
