package org.auprules.examples.serve;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.auprules.api.AupEvaluator;
import org.auprules.api.PolicyInfo;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.DroolsAupEvaluator;
import org.auprules.drools.ReloadingAupEvaluator;
import org.jspecify.annotations.Nullable;

/**
 * The policy the server applies: empty until the pack has compiled (the server answers 503 until
 * then), then a {@link ReloadingAupEvaluator} on the pack folder, or the shipped pack, which never
 * changes. A reload that fails keeps the live policy and is remembered as the last reload error.
 */
final class LivePolicy implements AutoCloseable {

    /** The live policy and when it went live. */
    record Live(PolicyInfo info, Instant since, int rules, int clauses) {}

    /** The last reload that was rejected, with every problem as {@code file:line:column}. */
    record ReloadError(Instant at, List<String> problems) {}

    /** What a reload asked for over HTTP did. */
    record Reload(ReloadingAupEvaluator.Outcome.Status status, PolicyInfo policy, List<String> problems) {}

    /** How to get the evaluator; it blocks while the pack compiles. */
    interface Loader {
        /** Compiles the pack; {@code listener} hears of later reloads. */
        AupEvaluator load(ReloadingAupEvaluator.Listener listener);
    }

    private final Loader loader;
    private final @Nullable Path folder;
    private final Clock clock;
    private final ServerMetrics metrics;
    private final Consumer<String> log;
    private volatile @Nullable AupEvaluator evaluator;
    private volatile @Nullable Live live;
    private volatile @Nullable ReloadError lastError;

    LivePolicy(Loader loader, @Nullable Path folder, Clock clock, ServerMetrics metrics, Consumer<String> log) {
        this.loader = loader;
        this.folder = folder;
        this.clock = clock;
        this.metrics = metrics;
        this.log = log;
    }

    /** The loader of a pack folder, watched when {@code watch}, or of the shipped pack when {@code folder} is null. */
    static Loader loader(@Nullable Path folder, boolean watch, boolean allowTrustedPacks, Duration deadline) {
        if (folder == null) {
            return listener -> DroolsAupEvaluator.builder()
                    .defaultPolicy()
                    .deadline(deadline)
                    .build();
        }
        return listener -> ReloadingAupEvaluator.builder(folder)
                .watch(watch)
                .allowTrustedPacks(allowTrustedPacks)
                .deadline(deadline)
                .listener(listener)
                .build();
    }

    /**
     * Compiles the pack, in the caller's thread, and makes it live.
     *
     * @throws org.auprules.api.InvalidPolicyException when the pack as it is now has an error
     */
    void load() {
        AupEvaluator e = loader.load(new ReloadingAupEvaluator.Listener() {
            @Override
            public void reloaded(PolicyInfo policy) {
                wentLive();
                lastError = null;
                metrics.reload("reloaded");
                log.accept("policy reloaded: " + describe(policy));
            }

            @Override
            public void rejected(List<PolicyProblem> problems) {
                List<String> texts = texts(problems);
                lastError = new ReloadError(clock.instant(), texts);
                metrics.reload("rejected");
                log.accept("policy reload rejected, "
                        + describe(Objects.requireNonNull(evaluator).policy()) + " stays live: "
                        + String.join("; ", texts));
            }
        });
        evaluator = e;
        wentLive();
        log.accept("policy live: " + describe(e.policy()));
    }

    private void wentLive() {
        AupEvaluator e = Objects.requireNonNull(evaluator);
        int rules = e instanceof ReloadingAupEvaluator r
                ? r.compiledPolicy().rules().size()
                : e instanceof DroolsAupEvaluator d ? d.compiledPolicy().rules().size() : 0;
        PolicyInfo info = e.policy();
        live = new Live(info, clock.instant(), rules, e.catalog().size());
        metrics.live(info);
    }

    /** The evaluator, once a policy is live. */
    Optional<AupEvaluator> evaluator() {
        return Optional.ofNullable(evaluator);
    }

    /** The live policy, once there is one. */
    Optional<Live> live() {
        return Optional.ofNullable(live);
    }

    /** The last rejected reload, until a reload succeeds. */
    Optional<ReloadError> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * Reloads the pack now. The shipped pack cannot change: it answers unchanged.
     *
     * @throws IllegalStateException when no policy is live yet
     */
    Reload reload() {
        AupEvaluator e = evaluator;
        if (e == null) {
            throw new IllegalStateException("no policy is live yet");
        }
        if (!(e instanceof ReloadingAupEvaluator r)) {
            metrics.reload("unchanged");
            return new Reload(ReloadingAupEvaluator.Outcome.Status.UNCHANGED, e.policy(), List.of());
        }
        ReloadingAupEvaluator.Outcome outcome = r.reloadNow();
        if (outcome.status() == ReloadingAupEvaluator.Outcome.Status.UNCHANGED) {
            metrics.reload("unchanged");
        }
        return new Reload(outcome.status(), outcome.policy(), texts(outcome.problems()));
    }

    /** Problems as the CLI prints them, paths under the pack folder as it was named. */
    private List<String> texts(List<PolicyProblem> problems) {
        String prefix = folder == null ? "" : folder + "/";
        return problems.stream().map(p -> prefix + p).toList();
    }

    static String describe(PolicyInfo p) {
        return p.name() + " " + p.version() + " " + p.digest();
    }

    /** The rules the live policy compiled to, for tools that read the catalog. */
    Optional<CompiledPolicy> compiled() {
        AupEvaluator e = evaluator;
        if (e instanceof ReloadingAupEvaluator r) {
            return Optional.of(r.compiledPolicy());
        }
        return e instanceof DroolsAupEvaluator d ? Optional.of(d.compiledPolicy()) : Optional.empty();
    }

    @Override
    public void close() {
        if (evaluator instanceof ReloadingAupEvaluator r) {
            r.close();
        }
    }
}
