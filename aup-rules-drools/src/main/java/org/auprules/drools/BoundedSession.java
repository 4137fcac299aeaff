package org.auprules.drools;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.auprules.api.EvaluationFailedException;
import org.jspecify.annotations.Nullable;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;

/**
 * One account's session under a firing limit and a deadline. The sessions of one call run one
 * after another on a runner thread while the caller waits, so that the caller always gets its
 * answer back: a result, or an {@link EvaluationFailedException} within the deadline and two short
 * grace periods.
 *
 * <p>When the deadline passes the caller halts the session (which stops a rule that keeps
 * re-activating itself between two firings) and interrupts its thread. When that does not stop it
 * within {@link #GRACE} (a consequence in an endless loop, a join still being computed), the thread
 * is stopped with {@code Thread.stop()}, which Java 17 to 19 still honour; a later Java refuses,
 * and the thread is then left running on its own, counted by {@link #abandoned()}. A session that
 * was halted, stopped or failed is dropped rather than handed back to the policy's pool.
 */
final class BoundedSession extends DefaultAgendaEventListener {

    /** How long the caller waits after each attempt to stop a session that passed its deadline. */
    static final Duration GRACE = Duration.ofMillis(100);

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Sessions whose thread is still inside the engine. */
    private static final AtomicInteger RUNNING = new AtomicInteger();
    /** Sessions given up on whose thread did not stop. */
    private static final AtomicInteger ABANDONED = new AtomicInteger();

    /** Daemon threads, made as needed and kept a while: a thread given up on never blocks another evaluation. */
    private static final ThreadPoolExecutor RUNNERS =
            new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "aup-rules-session-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private final KieSession session;
    private final Consumer<KieSession> load;
    private final String accountId;
    private final int maxFirings;
    private final Set<String> fired;
    private final CountDownLatch done = new CountDownLatch(1);
    /** When the session started, from {@link System#nanoTime()}. */
    private final long started = System.nanoTime();

    /** Firings per rule; read by the caller only once {@link #done} has counted down. */
    private final Map<String, Integer> firings = new HashMap<>();

    private volatile @Nullable String firing;
    private volatile @Nullable String lastMatched;

    // guarded by this: whether the session still runs, and whether the caller gave up on it
    private boolean finished;
    private boolean stopped;
    private @Nullable Thread runner;

    // written by the runner before done counts down
    private @Nullable Throwable thrown;
    private int count;

    private BoundedSession(
            KieSession session, Consumer<KieSession> load, String accountId, int maxFirings, Set<String> fired) {
        this.session = session;
        this.load = load;
        this.accountId = accountId;
        this.maxFirings = maxFirings;
        this.fired = fired;
    }

    /**
     * One account to judge: where its session comes from and what goes into it.
     *
     * @param accountId the account, for a failure's message
     * @param session   gives a session of the policy's pool; it goes back to the pool only after a clean run
     * @param load      sets the globals and inserts the facts
     */
    record Step(String accountId, Supplier<KieSession> session, Consumer<KieSession> load) {}

    /**
     * Judges the accounts one after the other on a thread of the runners, each within the limits,
     * and returns once all are done; the calling thread only waits. One hand-off per call, not per
     * account, keeps the cost of the separate thread out of the per-account figures.
     *
     * @param steps      the accounts, in order
     * @param maxFirings the most rule firings allowed per account
     * @param deadline   how long each account's session may run
     * @param fired      where the names of the rules that fired go
     * @param listener   told the id of each account whose session ended cleanly, on the runner thread; or null
     * @throws EvaluationFailedException for the first account whose rule failed or passed a limit;
     *                                   the accounts after it are not judged
     * @throws RuntimeException          what the listener threw (an Error too); the accounts after it are not judged
     */
    static void runAll(
            List<Step> steps,
            int maxFirings,
            Duration deadline,
            Set<String> fired,
            @Nullable Consumer<String> listener) {
        Batch batch = new Batch(steps, maxFirings, fired, listener);
        RUNNERS.execute(batch);
        long limit = deadline.toNanos();
        boolean interrupted = false;
        BoundedSession late = null;
        try {
            while (late == null) {
                BoundedSession current = batch.current;
                long wait = current == null ? limit : current.started + limit - System.nanoTime();
                if (batch.done.await(Math.max(wait, 1), TimeUnit.NANOSECONDS)) {
                    BoundedSession failed = batch.failed;
                    if (failed != null) {
                        failed.throwFailure();
                    }
                    Throwable listenerFailure = batch.listenerFailure;
                    if (listenerFailure instanceof RuntimeException r) {
                        throw r;
                    }
                    if (listenerFailure instanceof Error e) {
                        throw e;
                    }
                    return;
                }
                if (current != null && batch.current == current && System.nanoTime() - current.started >= limit) {
                    late = current;
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            late = batch.current;
        }
        batch.stopping = true;
        if (late == null) {
            // interrupted before the first account started: nothing runs, and nothing more will
            Thread.currentThread().interrupt();
            throw new EvaluationFailedException(
                    steps.get(0).accountId(), null, new LimitExceededException("the evaluation was interrupted"));
        }
        String blame = late.blame();
        late.giveUp();
        BoundedSession next = batch.current;
        if (next != null && next != late) {
            next.giveUp(); // it started in the moment between the check and stopping: it is given up on too
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new EvaluationFailedException(
                    late.accountId, blame, new LimitExceededException("the evaluation was interrupted"));
        }
        throw new EvaluationFailedException(
                late.accountId,
                blame,
                new LimitExceededException("ran longer than the deadline of " + deadline.toMillis() + " ms"));
    }

    /** The accounts of one call, judged in turn on one runner thread. */
    private static final class Batch implements Runnable {
        private final List<Step> steps;
        private final int maxFirings;
        private final Set<String> fired;
        private final CountDownLatch done = new CountDownLatch(1);
        /** The session running now; null before the first. */
        private volatile @Nullable BoundedSession current;
        /** The session that failed, which ends the batch; read once {@link #done} has counted down. */
        private volatile @Nullable BoundedSession failed;
        /** Set by the caller that gave up: no further account starts. */
        private volatile boolean stopping;

        private final @Nullable Consumer<String> listener;
        /** What the listener threw, which ends the batch; read once {@link #done} has counted down. */
        private volatile @Nullable Throwable listenerFailure;

        Batch(List<Step> steps, int maxFirings, Set<String> fired, @Nullable Consumer<String> listener) {
            this.steps = steps;
            this.maxFirings = maxFirings;
            this.fired = fired;
            this.listener = listener;
        }

        @Override
        public void run() {
            try {
                for (Step step : steps) {
                    if (stopping) {
                        return;
                    }
                    BoundedSession s =
                            new BoundedSession(step.session().get(), step.load(), step.accountId(), maxFirings, fired);
                    current = s;
                    s.run();
                    if (!s.succeeded()) {
                        failed = s;
                        return;
                    }
                    if (listener != null) {
                        try {
                            listener.accept(step.accountId());
                        } catch (RuntimeException | Error e) {
                            listenerFailure = e;
                            return;
                        }
                    }
                }
            } finally {
                done.countDown();
            }
        }
    }

    /** Halts and interrupts the session's thread, then stops it, waiting {@link #GRACE} after each. */
    private void giveUp() {
        synchronized (this) {
            stopped = true;
            if (finished) {
                return;
            }
            Thread t = runner;
            if (t != null) {
                t.interrupt();
            }
            // halt() waits for the engine's lock, which a join still computing its matches holds:
            // asked from a thread of its own, it never holds up the caller
            Thread halting = new Thread(session::halt, "aup-rules-halt");
            halting.setDaemon(true);
            halting.start();
        }
        if (awaitGrace()) {
            return;
        }
        synchronized (this) {
            Thread t = runner;
            if (!finished && t != null) {
                stop(t);
            }
        }
        if (!awaitGrace()) {
            ABANDONED.incrementAndGet();
        }
    }

    @SuppressWarnings({"removal", "deprecation"}) // the only way to end a thread that checks nothing; see the class doc
    private static void stop(Thread t) {
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20 and later: the thread is left to run, counted as abandoned
        }
    }

    private boolean awaitGrace() {
        boolean interrupted = false;
        try {
            return done.await(GRACE.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the session ran to its end within the firing limit, with nothing thrown. */
    private boolean succeeded() {
        return thrown == null && count <= maxFirings;
    }

    /** Loads and fires the session on the calling thread, recording what it threw. */
    @SuppressWarnings("CatchingUnchecked")
    private void run() {
        RUNNING.incrementAndGet();
        try {
            synchronized (this) {
                runner = Thread.currentThread();
            }
            try {
                session.addEventListener(this);
                load.accept(session);
                // one firing past the limit tells a pack that stops at the limit from one that goes on
                count = session.fireAllRules(maxFirings == Integer.MAX_VALUE ? maxFirings : maxFirings + 1);
            } catch (Throwable t) { // StackOverflowError and OutOfMemoryError too: they are the rule's fault
                thrown = t;
            }
            boolean clean;
            synchronized (this) {
                finished = true;
                runner = null;
                clean = !stopped && thrown == null && count <= maxFirings;
            }
            Thread.interrupted(); // an interrupt meant for this session must not reach the next one
            session.removeEventListener(this);
            if (clean) {
                session.dispose(); // back to the pool, reset for the next account
            }
            // otherwise the session is dropped: one that was halted or failed half-way is never reused
        } finally {
            RUNNING.decrementAndGet();
            done.countDown();
        }
    }

    private void throwFailure() {
        Throwable t = thrown;
        if (t instanceof ConsequenceException e) {
            throw new EvaluationFailedException(
                    accountId, e.getRule().getName(), e.getCause() == null ? e : e.getCause());
        }
        if (t instanceof RuntimeException e) {
            // a condition that throws: Drools names the rule only in its message
            throw new EvaluationFailedException(accountId, null, e);
        }
        if (t != null) {
            throw new EvaluationFailedException(accountId, blame(), t);
        }
        if (count > maxFirings) {
            String most = firings.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                    .limit(3)
                    .map(e -> "`" + e.getKey() + "` " + e.getValue())
                    .collect(Collectors.joining(", "));
            throw new EvaluationFailedException(
                    accountId,
                    blame(),
                    new LimitExceededException(
                            "rules fired more than the limit of " + maxFirings + " times; the most firings: " + most));
        }
    }

    /** The rule to name in a failure: the one whose consequence runs, else the one that fired most, else the last matched. */
    private @Nullable String blame() {
        String now = firing;
        if (now != null) {
            return now;
        }
        if (done.getCount() == 0 && !firings.isEmpty()) {
            return firings.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey)
                    .orElse(null);
        }
        return lastMatched;
    }

    @Override
    public void matchCreated(MatchCreatedEvent event) {
        lastMatched = event.getMatch().getRule().getName();
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
        firing = event.getMatch().getRule().getName();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
        String name = event.getMatch().getRule().getName();
        firing = null;
        firings.merge(name, 1, Integer::sum);
        fired.add(name);
    }

    /** {@return how many sessions have a thread inside the engine now} */
    static int running() {
        return RUNNING.get();
    }

    /** {@return how many sessions were given up on without their thread stopping} */
    static int abandoned() {
        return ABANDONED.get();
    }
}
