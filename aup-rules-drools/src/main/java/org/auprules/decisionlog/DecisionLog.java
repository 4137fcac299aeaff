package org.auprules.decisionlog;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.auprules.api.EvaluationResult;
import org.auprules.api.facts.FactSet;

/**
 * An append-only file of decisions, one JSON line per evaluation ({@link DecisionRecord}).
 *
 * <p>A line is written whole or not at all, as far as a reader can tell:
 * <ul>
 * <li>each line is built in memory first and handed to the file in one append, with the file
 *     opened in append mode, so a line never interleaves with another;</li>
 * <li>appends are serialized: threads of one process take turns on a lock per file (even through
 *     several {@code DecisionLog}s of the same file), and processes that share the file take an
 *     exclusive advisory lock on it for each append;</li>
 * <li>when an append fails half-way (a full disk), the file is cut back to where the line began;</li>
 * <li>a process killed in the middle of an append can leave a line without its newline. The next
 *     append ends that torn line with a newline first, so it never swallows a good line, and
 *     {@link DecisionLogReader} skips and reports it.</li>
 * </ul>
 *
 * <p>Durability is chosen by {@link Sync}: {@link Sync#EACH_LINE} (the default) forces every line
 * to the disk before {@link #append} returns, so a decision that was returned survives a power
 * failure; {@link Sync#NONE} leaves flushing to the operating system, which survives a crash of
 * the process but not of the machine, and is much faster on slow disks.
 *
 * <pre>{@code
 * try (DecisionLog log = DecisionLog.open(Path.of("decisions.jsonl"))) {
 *     log.append(facts, evaluator.evaluate(facts));
 * }
 * }</pre>
 */
public final class DecisionLog implements Closeable {

    /** When lines reach the disk. */
    public enum Sync {
        /** The operating system decides; survives the process dying, not the machine. */
        NONE,
        /** Every line is forced to the disk before {@code append} returns. */
        EACH_LINE
    }

    private final Path file;
    private final Sync sync;
    private final Clock clock;
    /**
     * One lock per file for the whole JVM: a file lock is held on behalf of the process, so two
     * logs open on the same file in one JVM must take turns before either asks for it.
     */
    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private final ReentrantLock lock;
    private final FileChannel out;
    private final FileChannel in;
    private boolean closed;

    private DecisionLog(Path file, Sync sync, Clock clock) throws IOException {
        this.file = file;
        this.sync = sync;
        this.clock = clock;
        this.out =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        FileChannel reader = null;
        try {
            reader = FileChannel.open(file, StandardOpenOption.READ);
            this.lock = LOCKS.computeIfAbsent(file.toRealPath(), p -> new ReentrantLock());
        } catch (IOException e) {
            out.close();
            if (reader != null) {
                reader.close();
            }
            throw e;
        }
        this.in = reader;
    }

    /**
     * Opens a log for appending, creating the file when it does not exist; every line is forced
     * to the disk ({@link Sync#EACH_LINE}) and stamped by the system clock in UTC.
     *
     * @param file the log file; its folder must exist
     * @return the open log
     * @throws UncheckedIOException when the file cannot be opened
     */
    public static DecisionLog open(Path file) {
        return open(file, Sync.EACH_LINE, Clock.systemUTC());
    }

    /**
     * Opens a log for appending, creating the file when it does not exist.
     *
     * @param file  the log file
     * @param sync  when lines reach the disk
     * @param clock the clock that stamps each decision's {@code time}
     * @return the open log
     * @throws UncheckedIOException when the file cannot be opened
     */
    public static DecisionLog open(Path file, Sync sync, Clock clock) {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(sync, "sync must not be null");
        Objects.requireNonNull(clock, "clock must not be null");
        try {
            return new DecisionLog(file, sync, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open decision log `" + file + "`: " + reason(e), e);
        }
    }

    /** Why a file could not be opened, in words: the JDK's message for a missing folder is the bare path. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its folder does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return Objects.requireNonNullElse(e.getMessage(), e.toString());
    }

    /**
     * The log file.
     *
     * @return the path it was opened with
     */
    public Path file() {
        return file;
    }

    /**
     * Appends the decision of one evaluation. Thread-safe.
     *
     * @param facts  the facts that were evaluated
     * @param result what the evaluation found
     * @return the record written, with its new {@link DecisionRecord#decisionId() decision id}
     * @throws UncheckedIOException  when the line cannot be written; the file is left without it
     * @throws IllegalStateException when the log is closed
     */
    public DecisionRecord append(FactSet facts, EvaluationResult result) {
        DecisionRecord record = DecisionRecord.of(clock.instant(), facts, result);
        append(record);
        return record;
    }

    /**
     * Appends one record, as one line. Thread-safe.
     *
     * @param record the decision to log
     * @throws UncheckedIOException  when the line cannot be written; the file is left without it
     * @throws IllegalStateException when the log is closed
     */
    public void append(DecisionRecord record) {
        byte[] line = (DecisionJson.write(record) + "\n").getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("decision log `" + file + "` is closed");
            }
            FileLock fileLock = out.lock();
            try {
                write(line);
            } finally {
                fileLock.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to decision log `" + file + "`: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Writes one line while holding both locks. */
    private void write(byte[] line) throws IOException {
        long start = out.size();
        ByteBuffer buffer;
        if (start > 0 && !endsWithNewline(start)) {
            // a writer died mid-line: end its torn line so that this one starts on a line of its own
            buffer = ByteBuffer.allocate(line.length + 1)
                    .put((byte) '\n')
                    .put(line)
                    .flip();
        } else {
            buffer = ByteBuffer.wrap(line);
        }
        try {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (sync == Sync.EACH_LINE) {
                out.force(false);
            }
        } catch (IOException e) {
            try {
                out.truncate(start);
            } catch (IOException cut) {
                e.addSuppressed(cut);
            }
            throw e;
        }
    }

    private boolean endsWithNewline(long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        int n = in.read(last, size - 1);
        return n == 1 && last.get(0) == '\n';
    }

    /** Closes the file; later appends fail. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try (out;
                    in) {
                if (sync == Sync.EACH_LINE) {
                    out.force(true);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close decision log `" + file + "`: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }
}
