package org.auprules.fuzzing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz case on a thread of its own, with a deadline: jqwik has no per-try timeout, and a
 * case that hangs, overflows the stack or runs out of memory must fail that case with its input, not
 * stop the build. The thread has the JVM's default stack size, so recursion that would overflow a
 * caller's thread overflows here too.
 */
public final class Bounded {

    /** The deadline of one case; generous, for a loaded 2-core machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private Bounded() {}

    /** What one case did: returned a value, or threw. */
    public record Outcome<T>(T value, Throwable thrown) {

        /** The value, or the exception the case threw, rethrown as it was. */
        public T get() {
            if (thrown != null) {
                if (thrown instanceof RuntimeException r) {
                    throw r;
                }
                throw new AssertionError(thrown);
            }
            return value;
        }
    }

    /**
     * Runs {@code work} on a new daemon thread and waits at most {@link #DEADLINE}.
     *
     * @throws AssertionError when the work has not returned by then (the thread is interrupted and left)
     */
    public static <T> Outcome<T> call(String what, Callable<T> work) {
        CompletableFuture<Outcome<T>> done = new CompletableFuture<>();
        Thread t = new Thread(
                () -> {
                    try {
                        done.complete(new Outcome<>(work.call(), null));
                    } catch (Throwable e) { // every throwable is an outcome the property judges
                        done.complete(new Outcome<>(null, e));
                    }
                },
                "fuzz-case");
        t.setDaemon(true);
        t.start();
        try {
            return done.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            t.interrupt();
            throw new AssertionError(what + ": no result within " + DEADLINE.toSeconds() + " s (a hang)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(what, e);
        }
    }
}
