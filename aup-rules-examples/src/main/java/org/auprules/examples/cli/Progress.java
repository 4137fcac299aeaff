package org.auprules.examples.cli;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A one-line progress counter on standard error for long runs, shown only when a person watches
 * a terminal: redirected output and CI logs never see it. It stays silent for the first second,
 * redraws at most ten times a second, and erases itself when done.
 */
final class Progress {

    private static final long QUIET_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int width;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** A counter that draws only when standard input and output are a terminal. */
    static Progress onTerminal(PrintWriter err) {
        return new Progress(err, isTerminal());
    }

    /**
     * Whether standard input and output are a terminal. Up to JDK 21 {@code System.console()} is
     * null exactly when they are not; from JDK 22 it is there for redirected streams too, and only
     * {@code Console.isTerminal()}, new in 22 and so called by reflection, tells.
     */
    @SuppressWarnings("SystemConsoleNull") // the null check is the test up to JDK 21; from 22 isTerminal() decides
    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        if (Runtime.version().feature() < 22) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(Console.class.getMethod("isTerminal").invoke(console));
        } catch (ReflectiveOperationException e) {
            // isTerminal() is public from JDK 22 on; were it missing, drawing nothing is the safe side
            return false;
        }
    }

    /** Reports that {@code done} of {@code total} items are finished. */
    void update(int done, int total, String what) {
        long now = System.nanoTime();
        if (!enabled || now - start < QUIET_NANOS || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String line = "  " + done + "/" + total + " " + what;
        if (line.length() > 78) {
            line = line.substring(0, 77) + "…";
        }
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())) + "\r");
        err.flush();
        width = line.length();
    }

    /** Erases the counter. */
    void done() {
        if (enabled && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
        }
    }
}
