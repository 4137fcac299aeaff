package org.auprules.examples.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress counter on standard error for long runs: items done of the total, the
 * rate and the time left. By default it is shown only when standard error is a terminal, so
 * redirected output and CI logs never see it; {@code --progress} and {@code --no-progress}
 * decide instead. It stays silent for the first second (drawing at once with --progress), redraws at most ten times a second, and
 * erases itself when done. It never writes to standard output.
 */
final class Progress {

    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    /** How long it stays silent: a second on a terminal, none when --progress asked for it. */
    private final long quietNanos;

    private final long start = System.nanoTime();
    private long lastDraw;
    private int width;

    private Progress(PrintWriter err, boolean enabled) {
        this(err, enabled, QUIET_NANOS);
    }

    private Progress(PrintWriter err, boolean enabled, long quietNanos) {
        this.err = err;
        this.enabled = enabled;
        this.quietNanos = quietNanos;
    }

    /** A counter that draws only when standard error is a terminal. */
    static Progress onTerminal(PrintWriter err) {
        return new Progress(err, Terminal.stderrIsTerminal());
    }

    /** A counter as {@code --progress}/{@code --no-progress} say; {@code null} means when stderr is a terminal. */
    static Progress of(PrintWriter err, ProgressOption option) {
        Boolean wanted = option.progress;
        return wanted == null ? onTerminal(err) : new Progress(err, wanted, 0);
    }

    /** Whether it draws at all. */
    boolean enabled() {
        return enabled;
    }

    /** Reports that {@code done} of {@code total} {@code unit} are finished, the last being {@code what}. */
    void update(int done, int total, String unit, String what) {
        long now = System.nanoTime();
        if (!enabled || now - start < quietNanos || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw(line(done, total, unit, now - start) + (what.isEmpty() ? "" : "  " + what));
    }

    /** Reports that {@code done} of {@code total} items are finished, the last being {@code what}. */
    void update(int done, int total, String what) {
        update(done, total, "", what);
    }

    /** Says what is running when there is nothing to count yet; shown after the first second too. */
    void working(String what) {
        long now = System.nanoTime();
        if (!enabled || now - start < quietNanos || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        draw("  " + what + "  " + seconds(now - start) + " elapsed");
    }

    /** The counter's words: {@code 1200/5000 accounts  800/s  5 s left}. */
    static String line(int done, int total, String unit, long elapsedNanos) {
        StringBuilder sb = new StringBuilder("  ").append(done).append('/').append(total);
        if (!unit.isEmpty()) {
            sb.append(' ').append(unit);
        }
        double secs = elapsedNanos / 1e9;
        if (done > 0 && secs > 0) {
            double rate = done / secs;
            sb.append("  ")
                    .append(
                            rate >= 10
                                    ? String.format(Locale.ROOT, "%.0f", rate)
                                    : String.format(Locale.ROOT, "%.1f", rate))
                    .append("/s");
            long left = Math.round((total - done) / rate);
            sb.append("  ")
                    .append(left < 60 ? left + " s" : left / 60 + " min " + left % 60 + " s")
                    .append(" left");
        }
        return sb.toString();
    }

    private static String seconds(long nanos) {
        return nanos / 1_000_000_000L + " s";
    }

    private void draw(String text) {
        String line = text.length() > 78 ? text.substring(0, 77) + "…" : text;
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())) + "\r");
        err.flush();
        width = line.length();
    }

    /**
     * Runs {@code work}, saying every tenth of a second after the first that {@code what} is
     * still running and for how long, for work that cannot count what it has done.
     */
    <T> T whileRunning(String what, java.util.function.Supplier<T> work) {
        if (!enabled) {
            return work.get();
        }
        Thread ticker = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            synchronized (this) {
                                working(what);
                            }
                            Thread.sleep(REDRAW_NANOS / 1_000_000L);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "aup-rules-progress");
        ticker.setDaemon(true);
        ticker.start();
        try {
            return work.get();
        } finally {
            ticker.interrupt();
            try {
                ticker.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                done();
            }
        }
    }

    /** Erases the counter. */
    void done() {
        if (enabled && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
