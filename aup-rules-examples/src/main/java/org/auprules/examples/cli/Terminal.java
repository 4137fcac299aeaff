package org.auprules.examples.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * What the tool knows about where its output goes: whether standard output or error is a
 * terminal, how wide it is, and whether to colour. Nothing here guesses "yes" when unsure: a
 * redirected stream, a CI log or an unknown platform gets plain text, 80 columns wide.
 */
final class Terminal {

    /** The width when the output is not a terminal, or the terminal does not say. */
    static final int DEFAULT_WIDTH = 80;

    private static final int STDOUT = 1;
    private static final int STDERR = 2;

    private Terminal() {}

    /** Whether standard output is a terminal. */
    static boolean stdoutIsTerminal() {
        return isTerminal(STDOUT);
    }

    /** Whether standard error is a terminal. */
    static boolean stderrIsTerminal() {
        return isTerminal(STDERR);
    }

    /**
     * Whether file descriptor {@code fd} is a terminal. Where {@code /proc/self/fd} tells (Linux),
     * the link names the device; elsewhere {@link System#console()} stands in, which up to JDK 21
     * is there exactly when standard input and output both are a terminal, and from JDK 22 says so
     * with {@code isTerminal()}, called by reflection.
     */
    @SuppressWarnings("SystemConsoleNull") // the null check is the test up to JDK 21; from 22 isTerminal() decides
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
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
            return false;
        }
    }

    /**
     * The width to wrap standard output at: {@code COLUMNS} when it is set, else what
     * {@code stty size} says of the controlling terminal; 80 when standard output is not a
     * terminal or neither tells.
     */
    static int width(Map<String, String> env) {
        if (!stdoutIsTerminal()) {
            return DEFAULT_WIDTH;
        }
        Integer columns = positive(env.get("COLUMNS"));
        if (columns != null) {
            return columns;
        }
        Integer stty = sttyColumns();
        return stty == null ? DEFAULT_WIDTH : stty;
    }

    private static @Nullable Integer sttyColumns() {
        try {
            Process p = new ProcessBuilder("sh", "-c", "stty size < /dev/tty")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            String[] rowsColumns = out.split("\\s+", -1);
            return rowsColumns.length == 2 ? positive(rowsColumns[1]) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static @Nullable Integer positive(@Nullable String s) {
        if (s == null || !s.strip().matches("\\d{1,4}")) {
            return null;
        }
        int n = Integer.parseInt(s.strip());
        return n > 0 ? n : null;
    }

    /** When to colour: {@code auto} colours a terminal unless {@code NO_COLOR} is set. */
    enum ColorMode {
        AUTO,
        ALWAYS,
        NEVER;

        /** Whether to colour standard output, given the environment. */
        boolean colours(Map<String, String> env) {
            return switch (this) {
                case ALWAYS -> true;
                case NEVER -> false;
                case AUTO -> {
                    String noColor = env.get("NO_COLOR");
                    yield (noColor == null || noColor.isEmpty()) && stdoutIsTerminal();
                }
            };
        }
    }
}
