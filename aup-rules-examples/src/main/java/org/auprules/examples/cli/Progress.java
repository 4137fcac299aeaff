package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-line progress counter on standard error for long runs: items done of the total, the
 * rate and the time left ({@code 1200/5000 accounts  800/s  5 s left}), or items done and the
 * rate when the total is not known ({@code 1200 accounts  800/s}). By default it is shown only
 * when standard error is a terminal, so redirected output and CI logs never see it;
 * {@code --progress} and {@code --no-progress} decide instead. It stays silent for the first
 * second on a terminal (drawing at once with {@code --progress}), redraws at most ten times a
 * second, and erases itself when done. It never writes to standard output.
 *
 * <p>Thread-safe: the evaluator's threads count accounts into one {@link Counter} at once.
 */
final class Progress {

    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** The widest line drawn, so that an 80-column terminal never wraps it. */
    private static final int MAX_WIDTH = 78;

    private final PrintWriter err;
    private final boolean enabled;
    /** How long it stays silent: a second on a terminal, none when --progress asked for it. */
    private final long quietNanos;

    private final long start = System.nanoTime();
    private long lastDraw;
    private int width;

    Progress(PrintWriter err, boolean enabled, long quietNanos) {
        this.err = err;
        this.enabled = enabled;
        this.quietNanos = quietNanos;
    }

    /** A counter as {@code --progress}/{@code --no-progress} say; unset means when stderr is a terminal. */
    static Progress of(PrintWriter err, ProgressOption option) {
        Boolean wanted = option.progress;
        return wanted == null
                ? new Progress(err, Terminal.stderrIsTerminal(), QUIET_NANOS)
                : new Progress(err, wanted, 0);
    }

    /** Whether it draws at all. */
    boolean enabled() {
        return enabled;
    }

    /**
     * Counts items of one kind, from any thread, each {@link Counter#add} redrawing the line at
     * most ten times a second. Its rate runs from the moment the counter is made.
     *
     * @param total how many items there are, or -1 when that is not known
     * @param unit  what they are, e.g. {@code accounts}
     */
    Counter counter(int total, String unit) {
        return new Counter(total, unit, 1);
    }

    /**
     * Counts items that each take {@code steps} calls of {@link Counter#add}, e.g. accounts that
     * {@code diff} judges under two packs: an item is done when all its steps are.
     */
    Counter counter(int total, String unit, int steps) {
        return new Counter(total, unit, steps);
    }

    /** Items done of one kind; see {@link #counter}. */
    final class Counter {
        private final int total;
        private final String unit;
        private final int steps;
        private final AtomicInteger done = new AtomicInteger();
        /** When the first item was done: the rate counts from there, so start-up time does not skew it. */
        private volatile long firstAt;

        private Counter(int total, String unit, int steps) {
            this.total = total;
            this.unit = unit;
            this.steps = steps;
        }

        /** One more step is done, the last being of {@code what} (may be empty). */
        void add(String what) {
            int step = done.incrementAndGet();
            int now = step / steps;
            if (now == 1 && firstAt == 0) {
                firstAt = System.nanoTime();
            }
            if (enabled) {
                // a counter's first item is drawn at once: the line then says which work is under way
                update(now, total, unit, what, firstAt, step == steps);
            }
        }

        /** How many items are done. */
        int done() {
            return done.get() / steps;
        }

        /** Whether the line is drawn at all. */
        boolean enabled() {
            return enabled;
        }

        /** Erases the line, before something else is printed; the next {@link #add} draws it again. */
        void erase() {
            Progress.this.done();
        }
    }

    private synchronized void update(int done, int total, String unit, String what, long firstAt, boolean first) {
        long now = System.nanoTime();
        if (now - start < quietNanos || (!first && lastDraw != 0 && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        lastDraw = now;
        double rate = done > 1 && firstAt != 0 && now > firstAt ? (done - 1) / ((now - firstAt) / 1e9) : -1;
        draw(line(done, total, unit, rate) + (what.isEmpty() ? "" : "  " + what));
    }

    /**
     * The counter's words: {@code 1200/5000 accounts  800/s  5 s left}, or without a total
     * ({@code total < 0}) {@code 1200 accounts  800/s}; no rate nor time left while {@code rate}
     * is not known (below zero).
     */
    static String line(int done, int total, String unit, double rate) {
        StringBuilder sb = new StringBuilder("  ").append(done);
        if (total >= 0) {
            sb.append('/').append(total);
        }
        if (!unit.isEmpty()) {
            sb.append(' ').append(unit);
        }
        if (rate > 0) {
            sb.append("  ")
                    .append(
                            rate >= 10
                                    ? String.format(Locale.ROOT, "%.0f", rate)
                                    : String.format(Locale.ROOT, "%.1f", rate))
                    .append("/s");
            if (total >= 0) {
                long left = Math.round(Math.max(0, total - done) / rate);
                sb.append("  ")
                        .append(left < 60 ? left + " s" : left / 60 + " min " + left % 60 + " s")
                        .append(" left");
            }
        }
        return sb.toString();
    }

    private void draw(String text) {
        String line = text.length() > MAX_WIDTH ? text.substring(0, MAX_WIDTH - 1) + "…" : text;
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())) + "\r");
        err.flush();
        width = line.length();
    }

    /** Erases the counter, before the command prints to standard error or ends. */
    synchronized void done() {
        if (enabled && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
