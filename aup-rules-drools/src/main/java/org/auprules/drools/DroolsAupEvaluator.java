package org.auprules.drools;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import org.auprules.api.AupEvaluator;
import org.auprules.api.EvaluationFailedException;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.Notice;
import org.auprules.api.PolicyInfo;
import org.auprules.api.Summary;
import org.auprules.api.Violation;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.rules.Findings;
import org.auprules.drools.rules.Now;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

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
    public static final String FINDINGS_GLOBAL = "findings";
    /** The name of the global that holds the rows of {@code signatures.csv}. */
    public static final String SIGNATURES_GLOBAL = "signatures";
    /** The name of the global that holds the {@code contentCategories} table of {@code policy.json}. */
    public static final String CONTENT_TABLE_GLOBAL = "contentTable";
    /** The name of the global that holds the {@code reportTypes} table of {@code policy.json}. */
    static final String REPORT_TYPES_GLOBAL = "reportTypes";

    private final AtomicReference<CompiledPolicy> policy;
    private final Clock clock;
    /** Threads that evaluate the accounts of one large call side by side; null to use the caller's thread. */
    private final ForkJoinPool workers;

    /** Below this many accounts a call is not split across threads: the hand-off would cost more. */
    private static final int PARALLEL_MINIMUM = 256;

    private DroolsAupEvaluator(CompiledPolicy policy, Clock clock, int parallelism) {
        this.policy = new AtomicReference<>(policy);
        this.clock = clock;
        this.workers = parallelism > 1 ? new ForkJoinPool(parallelism) : null;
    }

    /** A builder; choose a policy with {@link Builder#defaultPolicy()} or {@link Builder#policyPack(Path)}. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public EvaluationResult evaluate(FactSet facts) {
        Objects.requireNonNull(facts, "facts must not be null");
        return evaluate(facts, policy.get());
    }

    /**
     * Evaluates with a given compiled policy rather than the current one; tools that compare two
     * policies on the same facts use it.
     */
    public EvaluationResult evaluate(FactSet facts, CompiledPolicy with) {
        Instant now = facts.evaluatedAt() != null ? facts.evaluatedAt() : clock.instant();
        FactsNormalizer.Grouped grouped = FactsNormalizer.group(facts);
        List<Map.Entry<Account, List<AccountFact>>> accounts = new ArrayList<>(grouped.accounts().entrySet());
        Set<String> fired = new ConcurrentSkipListSet<>();
        List<Findings> perAccount;
        if (workers == null || accounts.size() < PARALLEL_MINIMUM) {
            perAccount = accounts.stream().map(e -> evaluateAccount(with, e.getKey(), e.getValue(), now, fired)).toList();
        } else {
            // accounts are independent; the order of the output is restored by sorting below
            perAccount = workers.submit(() -> accounts.parallelStream()
                    .map(e -> evaluateAccount(with, e.getKey(), e.getValue(), now, fired)).toList()).join();
        }
        List<Violation> violations = new ArrayList<>();
        List<Notice> notices = new ArrayList<>(grouped.notices());
        for (Findings findings : perAccount) {
            violations.addAll(findings.violations());
            notices.addAll(findings.notices());
        }
        List<Violation> unique = deduplicate(violations);
        List<Notice> uniqueNotices = new ArrayList<>(new TreeSet<>(notices));
        return new EvaluationResult(with.info(), now, unique, uniqueNotices, List.copyOf(fired),
                Summary.of(grouped.accounts().size(), unique));
    }

    private static Findings evaluateAccount(CompiledPolicy policy, Account account, List<AccountFact> facts,
                                            Instant now, Set<String> fired) {
        Findings findings = policy.newFindings(account.id());
        AgendaEventListener listener = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
            }
        };
        // a session from the policy's pool: building a session's node memories costs more than
        // the rules themselves, and dispose() hands it back reset for the next account
        KieSession session = policy.sessions().newKieSession();
        try {
            if (policy.declaresGlobal(FINDINGS_GLOBAL)) {
                session.setGlobal(FINDINGS_GLOBAL, findings);
            }
            // the tables are immutable and shared: a global costs nothing per account, where
            // inserting every row into every session would
            if (policy.declaresGlobal(SIGNATURES_GLOBAL)) {
                session.setGlobal(SIGNATURES_GLOBAL, policy.signatures());
            }
            if (policy.declaresGlobal(CONTENT_TABLE_GLOBAL)) {
                session.setGlobal(CONTENT_TABLE_GLOBAL, policy.contentTable());
            }
            if (policy.declaresGlobal(REPORT_TYPES_GLOBAL)) {
                session.setGlobal(REPORT_TYPES_GLOBAL, policy.reportTypes());
            }
            session.addEventListener(listener);
            session.insert(account);
            session.insert(new Now(now));
            session.insert(policy.thresholdsFor(account.plan()));
            session.insert(policy.embargo());
            facts.forEach(session::insert);
            session.fireAllRules();
        } catch (ConsequenceException e) {
            throw new EvaluationFailedException(account.id(), e.getRule().getName(), e.getCause() == null ? e
                    : e.getCause());
        } catch (RuntimeException e) {
            // a condition that throws: Drools names the rule only in its message
            throw new EvaluationFailedException(account.id(), null, e);
        } finally {
            session.removeEventListener(listener);
            session.dispose();
        }
        return findings;
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

    @Override
    public PolicyInfo policy() {
        return policy.get().info();
    }

    @Override
    public ClauseCatalog catalog() {
        return policy.get().catalog();
    }

    /** The compiled policy in use now. */
    public CompiledPolicy compiledPolicy() {
        return policy.get();
    }

    /**
     * Replaces the policy in use, atomically: evaluations already running finish with the old one.
     * Hot reload uses it; the new policy must already be compiled and valid.
     */
    public void swap(CompiledPolicy next) {
        policy.set(Objects.requireNonNull(next, "policy must not be null"));
    }

    /** Builds a {@link DroolsAupEvaluator}; not thread-safe, use it once. */
    public static final class Builder {
        private PolicyPack pack;
        private CompiledPolicy compiled;
        private Clock clock = Clock.systemUTC();
        private int parallelism = 1;

        private Builder() {
        }

        /** Use the default pack, the Entrecloud AUP. */
        public Builder defaultPolicy() {
            return policyPack(PolicyPack.defaultPack());
        }

        /** Use the pack in this folder. */
        public Builder policyPack(Path folder) {
            return policyPack(PolicyPack.fromDirectory(Objects.requireNonNull(folder, "folder must not be null")));
        }

        /** Use this pack. */
        public Builder policyPack(PolicyPack pack) {
            this.pack = Objects.requireNonNull(pack, "pack must not be null");
            this.compiled = null;
            return this;
        }

        /** Use an already compiled policy. */
        public Builder compiledPolicy(CompiledPolicy policy) {
            this.compiled = Objects.requireNonNull(policy, "policy must not be null");
            this.pack = null;
            return this;
        }

        /** The clock that gives the evaluation time when the facts carry no {@code evaluatedAt}; UTC by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /**
         * How many threads one call may use to evaluate its accounts side by side; 1 (the default)
         * evaluates on the caller's thread only, which suits callers that run their own threads.
         * The result is the same whatever the number.
         *
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
         * Compiles the policy and builds the evaluator.
         *
         * @throws IllegalStateException  when no policy was chosen
         * @throws InvalidPolicyException when the pack does not compile
         */
        public DroolsAupEvaluator build() {
            if (compiled == null && pack == null) {
                throw new IllegalStateException("no policy chosen: call defaultPolicy() or policyPack(folder) "
                        + "before build()");
            }
            CompiledPolicy p = compiled != null ? compiled : PolicyCompiler.compileOrThrow(pack);
            return new DroolsAupEvaluator(p, clock, parallelism);
        }
    }
}
