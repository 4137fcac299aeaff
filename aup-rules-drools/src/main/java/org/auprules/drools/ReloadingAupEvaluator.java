package org.auprules.drools;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.auprules.api.AupEvaluator;
import org.auprules.api.EvaluationResult;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.PolicyInfo;
import org.auprules.api.PolicyProblem;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.internal.PackWatcher;
import org.jspecify.annotations.Nullable;

/**
 * An evaluator bound to a pack folder that goes on serving while analysts edit the pack. When the
 * folder changes, it validates the new pack in the background and swaps it in atomically only
 * when it has no error; while a reload compiles, and after one that failed, every evaluation uses
 * the last good policy. Listeners hear of each reload and each rejection.
 *
 * <p>Drools compiles only the pack's {@code rules/*.drl} files, so a reload whose edit left them
 * byte for byte as in one of the last few clean builds (a threshold or a clause of {@code
 * policy.json}, a table row, a waiver, a note) reuses that build's knowledge packages instead of
 * compiling the DRL again; every other check runs as for a full compile, the sandbox's included,
 * and the policy that goes live is the one a full compile gives. {@code
 * -Daup-rules.reload.reuse=false} ({@link #REUSE_PROPERTY}) turns this off.
 *
 * <pre>{@code
 * try (ReloadingAupEvaluator evaluator = ReloadingAupEvaluator.builder(Path.of("my-pack"))
 *         .listener(new Listener() {
 *             public void rejected(List<PolicyProblem> problems) { problems.forEach(System.err::println); }
 *         })
 *         .build()) {
 *     EvaluationResult result = evaluator.evaluate(facts);   // result.policy().digest() names the pack
 * }
 * }</pre>
 */
public final class ReloadingAupEvaluator implements AupEvaluator, AutoCloseable {

    /**
     * Set to {@code false} to compile the rules on every reload, even when the edit left every rule
     * file as it was (to measure, or to compare); read when an evaluator is built.
     */
    public static final String REUSE_PROPERTY = "aup-rules.reload.reuse";

    private final Path folder;
    private final DroolsAupEvaluator delegate;
    private final List<Listener> listeners;
    /** Null when the builder was told not to watch. */
    private final @Nullable PackWatcher watcher;

    /** Whether a pack that says {@code "trusted": true} may run unsandboxed: the embedder's decision, fixed at build. */
    private final boolean allowTrustedPacks;

    /** The last few clean builds of the pack's rule files, so that an edit elsewhere in the pack does not compile the DRL. */
    private final @Nullable RuleBuildMemo builds;

    private final Object reloadLock = new Object();
    /** The digest of the last pack rejected, so a watcher does not report it twice; null when the last read was good. */
    private @Nullable String lastRejectedDigest;

    /**
     * What one reload did.
     *
     * @param status   whether the pack went live, was rejected, or had not changed
     * @param policy   the policy in use after the reload
     * @param problems every problem of the pack read: the errors that rejected it, or the warnings of one that went live
     */
    public record Outcome(Status status, PolicyInfo policy, List<PolicyProblem> problems) {

        /** What a reload did. */
        public enum Status {
            /** The changed pack was valid and is now in use. */
            RELOADED,
            /** The changed pack had errors; the last good policy stays in use. */
            REJECTED,
            /** The pack's contents were those already in use (or already rejected); nothing was done. */
            UNCHANGED
        }

        /**
         * Keeps a copy of the problems.
         *
         * @param status   whether the pack went live, was rejected, or had not changed
         * @param policy   the policy in use after the reload
         * @param problems every problem of the pack read: the errors that rejected it, or the warnings of one that went live
         */
        public Outcome {
            Objects.requireNonNull(status, "status must not be null");
            Objects.requireNonNull(policy, "policy must not be null");
            problems = List.copyOf(problems);
        }
    }

    private ReloadingAupEvaluator(
            Builder b, CompiledPolicy initial, @Nullable RuleBuildMemo builds, @Nullable PackWatcher watcher) {
        this.folder = b.folder;
        this.builds = builds;
        this.allowTrustedPacks = b.allowTrustedPacks;
        this.delegate = b.evaluation.compiledPolicy(initial).clock(b.clock).build();
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.watcher = watcher;
    }

    /**
     * A builder for an evaluator bound to the pack in {@code folder}.
     *
     * @param folder the pack's folder, read now and watched for changes
     * @return a new builder
     */
    public static Builder builder(Path folder) {
        return new Builder(Objects.requireNonNull(folder, "folder must not be null"));
    }

    @Override
    public EvaluationResult evaluate(FactSet facts) {
        return delegate.evaluate(facts);
    }

    @Override
    public PolicyInfo policy() {
        return delegate.policy();
    }

    @Override
    public ClauseCatalog catalog() {
        return delegate.catalog();
    }

    /**
     * The compiled policy in use now.
     *
     * @return the policy the next evaluation uses
     */
    public CompiledPolicy compiledPolicy() {
        return delegate.compiledPolicy();
    }

    /**
     * Adds a listener; it hears of reloads from now on.
     *
     * @param listener the listener to notify of each reload and rejection
     */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /**
     * Whether the folder is watched through file system events, rather than by polling alone.
     *
     * @return {@code true} when file system events are in use; {@code false} when polling only, or not watching
     */
    public boolean watchesEvents() {
        return watcher != null && watcher.usesEvents();
    }

    /**
     * Reads the folder now, and swaps the pack in if it changed and is valid; listeners are
     * notified as for a change the watcher found. Evaluations go on with the current policy
     * meanwhile. A pack that was rejected is validated again, so its problems are reported again.
     *
     * @return what the reload did, with the policy in use after it
     */
    public Outcome reloadNow() {
        return reload(true);
    }

    private Outcome reload(boolean force) {
        synchronized (reloadLock) {
            PolicyPack pack;
            try {
                pack = PolicyPack.fromDirectory(folder);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                return reject(
                        null,
                        List.of(PolicyProblem.error(
                                ".", 0, 0, "cannot read the pack folder `" + folder + "`: " + e.getMessage())));
            }
            if (pack.digest().equals(delegate.policy().digest())) {
                lastRejectedDigest = null;
                return new Outcome(Outcome.Status.UNCHANGED, delegate.policy(), List.of());
            }
            if (!force && pack.digest().equals(lastRejectedDigest)) {
                return new Outcome(Outcome.Status.UNCHANGED, delegate.policy(), List.of());
            }
            // The builder's decision, never the new pack's: a reload cannot turn the sandbox off.
            PolicyValidator.Validation v =
                    PolicyValidator.validate(pack, allowTrustedPacks, CompiledPolicy.Cache.none(), builds);
            if (v.policy().isEmpty()) {
                return reject(pack.digest(), v.problems());
            }
            delegate.swap(v.policy().get());
            lastRejectedDigest = null;
            PolicyInfo info = v.policy().get().info();
            notify(l -> l.reloaded(info));
            return new Outcome(Outcome.Status.RELOADED, info, v.problems());
        }
    }

    private Outcome reject(@Nullable String digest, List<PolicyProblem> problems) {
        lastRejectedDigest = digest;
        notify(l -> l.rejected(problems));
        return new Outcome(Outcome.Status.REJECTED, delegate.policy(), problems);
    }

    /** A listener that throws does not stop reloading, nor the other listeners; its thread's handler hears of it. */
    private void notify(java.util.function.Consumer<Listener> call) {
        for (Listener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            }
        }
    }

    /** Stops watching the folder; evaluations keep working with the policy in use. */
    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    /** Builds a {@link ReloadingAupEvaluator}; not thread-safe, use it once. */
    public static final class Builder {
        private final Path folder;
        private final List<Listener> listeners = new ArrayList<>();
        private Duration quietPeriod = Duration.ofMillis(500);
        private Duration pollInterval = Duration.ofSeconds(2);
        private boolean watch = true;
        private boolean pollingOnly;
        private Clock clock = Clock.systemUTC();
        /** The settings of each evaluation (executor, parallelism, limits), checked where they are defined. */
        private final DroolsAupEvaluator.Builder evaluation = DroolsAupEvaluator.builder();

        private boolean allowTrustedPacks;

        private Builder(Path folder) {
            this.folder = folder;
        }

        /**
         * Whether a pack whose {@code policy.json} says {@code "trusted": true} runs unsandboxed, now
         * and after every reload (off by default). The decision is taken here once: a reload to a
         * pack that newly says it is trusted stays sandboxed unless this was allowed.
         *
         * @param allow {@code true} to honour {@code "trusted": true}
         * @return this builder
         */
        public Builder allowTrustedPacks(boolean allow) {
            this.allowTrustedPacks = allow;
            return this;
        }

        /**
         * Adds a listener for reloads and rejections.
         *
         * @param listener the listener to notify
         * @return this builder
         */
        public Builder listener(Listener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /**
         * How long the folder must be left alone before a change is compiled (500 ms by default),
         * so that files still being written are not read.
         *
         * @param quiet how long without a change, positive
         * @return this builder
         */
        public Builder quietPeriod(Duration quiet) {
            this.quietPeriod = positive(quiet, "quietPeriod");
            return this;
        }

        /**
         * How often the folder is also compared file by file, for file systems without events (2 s by default).
         *
         * @param interval the time between two comparisons, positive
         * @return this builder
         */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /**
         * Compare the folder at the poll interval only, ignoring file system events (for network mounts).
         *
         * @param pollingOnly {@code true} to ignore file system events
         * @return this builder
         */
        public Builder pollingOnly(boolean pollingOnly) {
            this.pollingOnly = pollingOnly;
            return this;
        }

        /**
         * Whether to watch the folder at all; without watching, only {@link #reloadNow()} reloads. On by default.
         *
         * @param watch {@code false} to reload only when asked
         * @return this builder
         */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /**
         * The clock for facts that carry no {@code evaluatedAt}; UTC by default.
         *
         * @param clock the clock to read the evaluation time from
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * As {@link DroolsAupEvaluator.Builder#executor(Executor)}: where a large call evaluates its accounts side by side.
         *
         * @param executor where evaluation tasks run
         * @return this builder
         */
        public Builder executor(Executor executor) {
            evaluation.executor(executor);
            return this;
        }

        /**
         * As {@link DroolsAupEvaluator.Builder#parallelism(int)}: how many threads, the caller's included,
         * may work on one call.
         *
         * @param threads the most threads one call uses, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code threads} is below 1
         */
        public Builder parallelism(int threads) {
            evaluation.parallelism(threads);
            return this;
        }

        /**
         * As {@link DroolsAupEvaluator.Builder#maxFirings(int)}: the most rule firings one account's session may make.
         *
         * @param firings the most firings per account, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code firings} is below 1
         */
        public Builder maxFirings(int firings) {
            evaluation.maxFirings(firings);
            return this;
        }

        /**
         * As {@link DroolsAupEvaluator.Builder#deadline(Duration)}: how long one account's session may run.
         *
         * @param perAccount the longest an account's session may run, above zero
         * @return this builder
         * @throws IllegalArgumentException when {@code perAccount} is zero or negative
         */
        public Builder deadline(Duration perAccount) {
            evaluation.deadline(perAccount);
            return this;
        }

        /**
         * As {@link DroolsAupEvaluator.Builder#factLimits(int, int)}: the most facts one call, and one
         * account of it, may carry. They hold for every policy the evaluator reloads to.
         *
         * @param perCall    the most facts in one call, at least 1
         * @param perAccount the most facts of one account, at least 1
         * @return this builder
         * @throws IllegalArgumentException when a limit is below 1
         */
        public Builder factLimits(int perCall, int perAccount) {
            evaluation.factLimits(perCall, perAccount);
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " must not be null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }

        /**
         * Validates the pack, starts watching, and builds the evaluator.
         *
         * @return the evaluator, with the pack as it is now in use
         * @throws InvalidPolicyException    when the pack as it is now has an error: there is no good policy to start with
         * @throws IllegalArgumentException  when the folder does not exist
         * @throws IllegalStateException     when parallelism above 1 has no executor
         */
        public ReloadingAupEvaluator build() {
            if (!java.nio.file.Files.isDirectory(folder)) {
                throw new IllegalArgumentException("policy pack `" + folder + "` is not a folder");
            }
            evaluation.checkThreads();
            // The watcher takes its fingerprint first, so a change made while the pack compiles is not missed.
            ReloadingAupEvaluator[] self = new ReloadingAupEvaluator[1];
            PackWatcher watcher = watch
                    ? new PackWatcher(folder, quietPeriod, pollInterval, pollingOnly, () -> self[0].reload(false))
                    : null;
            PolicyPack pack = PolicyPack.fromDirectory(folder);
            RuleBuildMemo builds =
                    "false".equalsIgnoreCase(System.getProperty(REUSE_PROPERTY)) ? null : new RuleBuildMemo();
            PolicyValidator.Validation v =
                    PolicyValidator.validate(pack, allowTrustedPacks, CompiledPolicy.Cache.none(), builds);
            Optional<CompiledPolicy> policy = v.policy();
            if (policy.isEmpty()) {
                if (watcher != null) {
                    watcher.close();
                }
                throw new InvalidPolicyException(pack.location(), v.problems());
            }
            self[0] = new ReloadingAupEvaluator(this, policy.get(), builds, watcher);
            if (watcher != null) {
                watcher.start();
            }
            return self[0];
        }
    }

    /**
     * Hears what a {@link ReloadingAupEvaluator} does with each change to its pack folder. Both methods
     * do nothing by default; they are called on the reloading thread, one call at a time.
     *
     * <pre>{@code
     * Listener printer = new Listener() {
     *     public void reloaded(PolicyInfo policy) { System.out.println("live: " + policy.digest()); }
     *     public void rejected(List<PolicyProblem> problems) { problems.forEach(System.out::println); }
     * };
     * }</pre>
     */
    public interface Listener {

        /**
         * A changed pack was valid and is now live.
         *
         * @param policy the name, version and digest of the policy now in use
         */
        default void reloaded(PolicyInfo policy) {}

        /**
         * A changed pack was invalid; the last good policy stays in use.
         *
         * @param problems every problem found, errors and warnings, as {@code path:line:column}
         */
        default void rejected(List<PolicyProblem> problems) {}
    }
}
