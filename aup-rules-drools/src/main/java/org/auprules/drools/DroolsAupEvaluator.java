package org.auprules.drools;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.auprules.api.AupEvaluator;
import org.auprules.api.EvaluationFailedException;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.Explanation;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.Notice;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Summary;
import org.auprules.api.Violation;
import org.auprules.api.desk.Waiver;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.internal.DeskFilesReader;
import org.auprules.drools.internal.DeskRules;
import org.auprules.drools.internal.FactsNormalizer;
import org.auprules.drools.internal.TableMatches;
import org.auprules.drools.rules.CategoryMatch;
import org.auprules.drools.rules.Findings;
import org.auprules.drools.rules.Now;
import org.auprules.drools.rules.SignatureMatch;
import org.jspecify.annotations.Nullable;

/**
 * The Drools implementation of {@link AupEvaluator}. It compiles a policy pack once and then
 * evaluates from any number of threads, one short-lived session per account.
 *
 * <pre>{@code
 * AupEvaluator evaluator = DroolsAupEvaluator.builder().defaultPolicy().build();
 * AupEvaluator custom = DroolsAupEvaluator.builder().policyPack(Path.of("my-pack")).build();
 * }</pre>
 */
public final class DroolsAupEvaluator implements AupEvaluator {

    /** The name of the global that rules report findings to. */
    private static final String FINDINGS_GLOBAL = "findings";
    /** The name of the global that holds the rows of {@code signatures.csv}. */
    private static final String SIGNATURES_GLOBAL = "signatures";
    /** The name of the global that holds the {@code contentCategories} table of {@code policy.json}. */
    private static final String CONTENT_TABLE_GLOBAL = "contentTable";
    /** The name of the global that holds the {@code reportTypes} table of {@code policy.json}. */
    static final String REPORT_TYPES_GLOBAL = "reportTypes";

    /** The policy in use; {@link #swap} replaces it with one write, each evaluation reads it once. */
    private volatile CompiledPolicy policy;

    private final Clock clock;
    /** Where the accounts of one large call are evaluated side by side; null to use the caller's thread only. */
    private final @Nullable Executor executor;
    /** How many threads, the caller's included, may work on one call at most. */
    private final int parallelism;

    /** Below this many accounts a call is not split across threads: the hand-off would cost more. */
    private static final int PARALLEL_MINIMUM = 256;
    /** How many accounts one task takes at a time. */
    private static final int CHUNK = 64;

    /** The most facts one call, and one account of it, may carry; see {@link Builder#factLimits}. */
    private final int maxFacts;

    private final int maxFactsPerAccount;

    /** The most rule firings one account's session may make. */
    private final int maxFirings;
    /** How long one account's session may run. */
    private final Duration deadline;

    /** Told the id of each account judged, for progress counters; see {@link Builder#onAccountEvaluated}. */
    private final @Nullable Consumer<String> accountListener;

    /** The default of {@link Builder#maxFirings(int)}. */
    public static final int DEFAULT_MAX_FIRINGS = 1_000_000;
    /** The default of {@link Builder#deadline(Duration)}. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    private DroolsAupEvaluator(
            CompiledPolicy policy,
            Clock clock,
            @Nullable Executor executor,
            int parallelism,
            int maxFacts,
            int maxFactsPerAccount,
            int maxFirings,
            Duration deadline,
            @Nullable Consumer<String> accountListener) {
        this.policy = policy;
        this.accountListener = accountListener;
        this.maxFirings = maxFirings;
        this.deadline = deadline;
        this.clock = clock;
        this.executor = executor;
        this.parallelism = parallelism;
        this.maxFacts = maxFacts;
        this.maxFactsPerAccount = maxFactsPerAccount;
    }

    /**
     * A builder; choose a policy with {@link Builder#defaultPolicy()} or {@link Builder#policyPack(Path)}.
     *
     * @return a new builder with no policy chosen yet
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public EvaluationResult evaluate(FactSet facts) {
        Objects.requireNonNull(facts, "facts must not be null");
        return evaluate(facts, policy);
    }

    /**
     * Evaluates with a given compiled policy rather than the current one; tools that compare two
     * policies on the same facts use it.
     */
    EvaluationResult evaluate(FactSet facts, CompiledPolicy with) {
        Instant now = facts.evaluatedAt() != null ? facts.evaluatedAt() : clock.instant();
        checkWaivers(facts, with);
        FactsNormalizer.Grouped grouped = FactsNormalizer.group(facts, maxFacts, maxFactsPerAccount);
        List<Map.Entry<Account, List<AccountFact>>> accounts =
                new ArrayList<>(grouped.accounts().entrySet());
        Set<String> fired = new ConcurrentSkipListSet<>();
        List<Findings> perAccount;
        if (executor == null || parallelism < 2 || accounts.size() < PARALLEL_MINIMUM) {
            perAccount = evaluateAccounts(with, accounts, now, fired);
        } else {
            perAccount = evaluateSplit(executor, with, accounts, now, fired);
        }
        List<Violation> violations = new ArrayList<>();
        List<Notice> notices = new ArrayList<>(grouped.notices());
        grouped.accounts().keySet().forEach(a -> with.unknownPlan(a).ifPresent(notices::add));
        for (Findings findings : perAccount) {
            violations.addAll(findings.violations());
            notices.addAll(findings.notices());
        }
        List<Violation> unique = deduplicate(violations);
        List<Notice> uniqueNotices = new ArrayList<>(new TreeSet<>(notices));
        List<Waiver> waivers = new ArrayList<>(with.waivers());
        waivers.addAll(facts.waivers());
        Map<String, List<AccountFact>> byAccount = new HashMap<>();
        grouped.accounts().forEach((a, f) -> byAccount.put(a.id(), f));
        DeskRules.Outcome desk = DeskRules.apply(unique, byAccount, now, waivers, with.escalations(), facts.history());
        return new EvaluationResult(
                with.info(),
                now,
                desk.violations(),
                uniqueNotices,
                List.copyOf(fired),
                Summary.of(
                        grouped.accounts().size(),
                        desk.violations(),
                        desk.suppressed().size()),
                desk.suppressed(),
                desk.escalations());
    }

    /** A waiver of the input on a clause the policy does not have is an input error, with a did-you-mean. */
    private static void checkWaivers(FactSet facts, CompiledPolicy with) {
        List<String[]> unknown = DeskFilesReader.unknownClauses(facts.waivers(), with.catalog());
        if (!unknown.isEmpty()) {
            throw new InvalidFactsException(unknown.get(0)[0], unknown.get(0)[1]);
        }
    }

    /** Judges these accounts in turn, each in a session of its own under the evaluator's limits. */
    private List<Findings> evaluateAccounts(
            CompiledPolicy policy,
            List<Map.Entry<Account, List<AccountFact>>> accounts,
            Instant now,
            Set<String> fired) {
        List<Findings> out = new ArrayList<>(accounts.size());
        List<BoundedSession.Step> steps = new ArrayList<>(accounts.size());
        for (Map.Entry<Account, List<AccountFact>> e : accounts) {
            Account account = e.getKey();
            Findings findings = policy.newFindings(account.id());
            out.add(findings);
            // a session from the policy's pool: building a session's node memories costs more than
            // the rules themselves; only a session that ran cleanly goes back to it
            steps.add(new BoundedSession.Step(
                    account.id(), () -> policy.sessions().newKieSession(), s -> {
                        if (policy.declaresGlobal(FINDINGS_GLOBAL)) {
                            s.setGlobal(FINDINGS_GLOBAL, findings);
                        }
                        // the tables are immutable and shared: a global costs nothing per account, where
                        // inserting every row into every session would
                        if (policy.declaresGlobal(SIGNATURES_GLOBAL)) {
                            s.setGlobal(SIGNATURES_GLOBAL, policy.signatures());
                        }
                        if (policy.declaresGlobal(CONTENT_TABLE_GLOBAL)) {
                            s.setGlobal(CONTENT_TABLE_GLOBAL, policy.contentTable());
                        }
                        if (policy.declaresGlobal(REPORT_TYPES_GLOBAL)) {
                            s.setGlobal(REPORT_TYPES_GLOBAL, policy.reportTypes());
                        }
                        s.insert(account);
                        s.insert(new Now(now));
                        s.insert(policy.thresholdsFor(account.plan()));
                        s.insert(policy.embargo());
                        e.getValue().forEach(s::insert);
                        // the table joins are computed here, once per fact, and only the hits go in
                        if (policy.readsFactType(SignatureMatch.class)) {
                            TableMatches.signatureMatches(e.getValue(), policy.signatures(), s::insert);
                        }
                        if (policy.readsFactType(CategoryMatch.class)) {
                            TableMatches.categoryMatches(e.getValue(), policy.contentTable(), s::insert);
                        }
                    }));
        }
        if (!steps.isEmpty()) {
            BoundedSession.runAll(steps, maxFirings, deadline, fired, accountListener);
        }
        return out;
    }

    /**
     * Evaluates the accounts in chunks that the caller's thread and up to {@code parallelism - 1}
     * tasks on {@code pool} take in turn. The caller works too, so the call finishes even when the
     * executor runs nothing (saturated, shut down, or the caller's own pool); the findings keep the
     * accounts' order, and the failure thrown is the first account's, as on one thread.
     */
    private List<Findings> evaluateSplit(
            Executor pool,
            CompiledPolicy with,
            List<Map.Entry<Account, List<AccountFact>>> accounts,
            Instant now,
            Set<String> fired) {
        int chunks = (accounts.size() + CHUNK - 1) / CHUNK;
        Findings[] out = new Findings[accounts.size()];
        RuntimeException[] failures = new RuntimeException[chunks];
        AtomicInteger next = new AtomicInteger();
        // chunks after the first that failed are skipped; the ones before it run on, since one of them may fail earlier
        AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
        CountDownLatch done = new CountDownLatch(chunks);
        Runnable worker = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                try {
                    if (c < firstFailed.get()) {
                        int from = c * CHUNK;
                        List<Findings> chunk = evaluateAccounts(
                                with, accounts.subList(from, Math.min(accounts.size(), from + CHUNK)), now, fired);
                        for (int i = 0; i < chunk.size(); i++) {
                            out[from + i] = chunk.get(i);
                        }
                    }
                } catch (RuntimeException e) {
                    failures[c] = e;
                    firstFailed.accumulateAndGet(c, Math::min);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int t = 1; t < Math.min(parallelism, chunks); t++) {
            try {
                pool.execute(worker);
            } catch (RejectedExecutionException e) {
                break; // the caller's thread does what no task takes
            }
        }
        worker.run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the chunks under way finish quickly; keep the interrupt for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (RuntimeException f : failures) {
            if (f != null) {
                throw f;
            }
        }
        return Arrays.asList(out);
    }

    /** One rule firing more than once on the same evidence for the same account gives one violation. */
    private static List<Violation> deduplicate(List<Violation> violations) {
        Map<List<Object>, Violation> unique = new LinkedHashMap<>();
        violations.stream().sorted().forEach(v -> {
            List<Object> key = List.of(v.ruleId(), v.accountId(), List.<Evidence>copyOf(v.evidence()));
            unique.putIfAbsent(key, v);
        });
        return List.copyOf(unique.values());
    }

    /**
     * Why an account was flagged, and why not: for every clause in scope, the rules that fired with
     * their evidence, the violations a waiver suppressed, and for each threshold rule that did not
     * fire, the observation closest to its threshold (the account's plan's value).
     *
     * @param facts     the facts, as {@link #evaluate} would judge them
     * @param accountId the account to explain
     * @param clause    a clause or section to keep to, or {@code null} for every clause
     * @return the explanation
     * @throws InvalidFactsException    when the facts have an error or do not hold the account
     * @throws IllegalArgumentException when {@code clause} names nothing in the policy
     */
    public Explanation explain(FactSet facts, String accountId, @Nullable String clause) {
        Objects.requireNonNull(facts, "facts must not be null");
        Objects.requireNonNull(accountId, "accountId must not be null");
        return Explainer.of(this, facts, accountId, clause);
    }

    @Override
    public PolicyInfo policy() {
        return policy.info();
    }

    @Override
    public ClauseCatalog catalog() {
        return policy.catalog();
    }

    /**
     * The compiled policy in use now.
     *
     * @return the policy the next evaluation uses
     */
    public CompiledPolicy compiledPolicy() {
        return policy;
    }

    /**
     * Replaces the policy in use, atomically: evaluations already running finish with the old one.
     * Hot reload uses it; the new policy must already be compiled and valid.
     */
    void swap(CompiledPolicy next) {
        policy = Objects.requireNonNull(next, "policy must not be null");
    }

    /** Builds a {@link DroolsAupEvaluator}; not thread-safe, use it once. */
    public static final class Builder {
        private @Nullable PolicyPack pack;
        private @Nullable CompiledPolicy compiled;
        /** How the policy was chosen, e.g. {@code defaultPolicy()}; null while none is. */
        private @Nullable String chosenWith;

        private Clock clock = Clock.systemUTC();
        private @Nullable Executor executor;
        private @Nullable Integer parallelism;
        private int maxFacts = FactsNormalizer.DEFAULT_MAX_FACTS;
        private int maxFactsPerAccount = FactsNormalizer.DEFAULT_MAX_FACTS_PER_ACCOUNT;
        private boolean allowTrustedPacks;
        private int maxFirings = DEFAULT_MAX_FIRINGS;
        private Duration deadline = DEFAULT_DEADLINE;
        private @Nullable Consumer<String> accountListener;

        private Builder() {}

        /**
         * Whether a pack whose {@code policy.json} says {@code "trusted": true} runs its rules
         * unsandboxed (off by default: every pack is sandboxed, with a warning for one that says it
         * is trusted). Trust is this application's decision, never the pack's alone; it applies to
         * the packs this builder compiles, not to a {@link #compiledPolicy(CompiledPolicy)}.
         *
         * @param allow {@code true} to honour {@code "trusted": true}
         * @return this builder
         */
        public Builder allowTrustedPacks(boolean allow) {
            this.allowTrustedPacks = allow;
            return this;
        }

        /**
         * Use the default pack, the Entrecloud AUP.
         *
         * @return this builder
         * @throws IllegalStateException when a policy was already chosen
         */
        public Builder defaultPolicy() {
            choose("defaultPolicy()");
            this.pack = PolicyPack.defaultPack();
            return this;
        }

        /**
         * Use the pack in this folder.
         *
         * @param folder the pack's folder, holding its {@code policy.json}
         * @return this builder
         * @throws IllegalStateException when a policy was already chosen
         */
        public Builder policyPack(Path folder) {
            Objects.requireNonNull(folder, "folder must not be null");
            choose("policyPack(folder)");
            this.pack = PolicyPack.fromDirectory(folder);
            return this;
        }

        /**
         * Use this pack.
         *
         * @param pack the pack to compile at {@link #build()}
         * @return this builder
         * @throws IllegalStateException when a policy was already chosen
         */
        public Builder policyPack(PolicyPack pack) {
            Objects.requireNonNull(pack, "pack must not be null");
            choose("policyPack(pack)");
            this.pack = pack;
            return this;
        }

        /**
         * Use an already compiled policy.
         *
         * @param policy the policy to evaluate with
         * @return this builder
         * @throws IllegalStateException when a policy was already chosen
         */
        public Builder compiledPolicy(CompiledPolicy policy) {
            Objects.requireNonNull(policy, "policy must not be null");
            choose("compiledPolicy(policy)");
            this.compiled = policy;
            return this;
        }

        private void choose(String how) {
            if (chosenWith != null) {
                throw new IllegalStateException("a policy was already chosen with " + chosenWith + "; call only one of "
                        + "defaultPolicy(), policyPack(...) or compiledPolicy(...), once, or use a new builder");
            }
            chosenWith = how;
        }

        /**
         * Where a call with many accounts (256 or more) evaluates them side by side, the caller's thread
         * working too; the evaluator never shuts it down. Without one, every call runs on the caller's
         * thread alone. The result is the same either way.
         *
         * @param executor where evaluation tasks run
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /**
         * The clock that gives the evaluation time when the facts carry no {@code evaluatedAt}; UTC by default.
         *
         * @param clock the clock to read the evaluation time from
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * How many threads, the caller's included, may work on one call at most: 1 evaluates on the
         * caller's thread only; with an {@link #executor(Executor)} the default is the number of
         * processors. The result is the same whatever the number.
         *
         * @param threads the most threads one call uses, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code threads} is below 1
         */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * The most facts one call may carry, accounts included (10,000,000 by default), and one
         * account of it, its reports and listings included (250,000 by default). A call past either
         * fails with an {@link org.auprules.api.InvalidFactsException} naming the first fact past the
         * limit, before any rule runs. The limits are the host's: no pack can change them.
         *
         * @param perCall    the most facts in one call, at least 1
         * @param perAccount the most facts of one account, at least 1
         * @return this builder
         * @throws IllegalArgumentException when a limit is below 1
         */
        public Builder factLimits(int perCall, int perAccount) {
            if (perCall < 1 || perAccount < 1) {
                throw new IllegalArgumentException("fact limits must be at least 1, got " + perCall + " per call and "
                        + perAccount + " per account");
            }
            this.maxFacts = perCall;
            this.maxFactsPerAccount = perAccount;
            return this;
        }

        /**
         * The most rule firings one account's session may make, {@value DroolsAupEvaluator#DEFAULT_MAX_FIRINGS} by default;
         * past it the evaluation fails with {@link EvaluationFailedException}, naming the rules that fired most.
         *
         * @param firings the most firings per account, at least 1
         * @return this builder
         * @throws IllegalArgumentException when {@code firings} is below 1
         */
        public Builder maxFirings(int firings) {
            if (firings < 1) {
                throw new IllegalArgumentException("maxFirings must be at least 1, got " + firings);
            }
            this.maxFirings = firings;
            return this;
        }

        /**
         * How long one account's session may run, 30 seconds by default; past it the session is halted and
         * the evaluation fails with {@link EvaluationFailedException} (see docs/analyst-guide.md for what
         * a halt can and cannot stop).
         *
         * @param perAccount the longest an account's session may run, above zero
         * @return this builder
         * @throws IllegalArgumentException when {@code perAccount} is zero or negative
         */
        public Builder deadline(Duration perAccount) {
            if (Objects.requireNonNull(perAccount, "deadline must not be null").isNegative() || perAccount.isZero()) {
                throw new IllegalArgumentException("deadline must be above zero, got " + perAccount);
            }
            this.deadline = perAccount;
            return this;
        }

        /**
         * Tells {@code listener} the id of each account an evaluation has judged, as soon as its
         * session ends, so that a caller can show progress through a long call (accounts done of
         * {@code facts.accounts().size()}). It is called from the evaluator's own threads, from
         * several at once when an {@link #executor(Executor)} splits the call, so it must be
         * thread-safe; and it should be quick, since the next account of its thread waits for it.
         * It is not called for an account whose evaluation failed, nor for those after it. Should it
         * throw, the evaluation stops and {@code evaluate} throws that exception. None by default.
         *
         * <pre>{@code
         * AtomicInteger done = new AtomicInteger();
         * DroolsAupEvaluator.builder().defaultPolicy()
         *         .onAccountEvaluated(id -> show(done.incrementAndGet(), facts.accounts().size()))
         *         .build();
         * }</pre>
         *
         * @param listener told each judged account's id
         * @return this builder
         */
        public Builder onAccountEvaluated(Consumer<String> listener) {
            this.accountListener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /** Fails when parallelism above 1 was asked for without an executor to run it on. */
        void checkThreads() {
            if (executor == null && parallelism != null && parallelism > 1) {
                throw new IllegalStateException("parallelism(" + parallelism + ") needs threads to run on: call "
                        + "executor(...) as well, or leave parallelism out to evaluate on the caller's thread");
            }
        }

        /**
         * Compiles the policy and builds the evaluator.
         *
         * @return the evaluator, ready for use
         * @throws IllegalStateException  when no policy was chosen, or parallelism above 1 has no executor
         * @throws InvalidPolicyException when the pack does not compile
         */
        public DroolsAupEvaluator build() {
            if (compiled == null && pack == null) {
                throw new IllegalStateException(
                        "no policy chosen: call defaultPolicy() or policyPack(folder) " + "before build()");
            }
            checkThreads();
            int threads = parallelism != null
                    ? parallelism
                    : executor != null ? Runtime.getRuntime().availableProcessors() : 1;
            CompiledPolicy p = compiled != null
                    ? compiled
                    : PolicyCompiler.compileOrThrow(
                            Objects.requireNonNull(pack, "a pack was chosen, as checked above"), allowTrustedPacks);
            return new DroolsAupEvaluator(
                    p, clock, executor, threads, maxFacts, maxFactsPerAccount, maxFirings, deadline, accountListener);
        }
    }
}
