package org.auprules.decisionlog;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a {@link DecisionLog} back. Lines that do not parse are skipped and reported, never
 * fatal: a torn last line, left by a writer that died mid-append, is the expected one; a bad line
 * anywhere else means the file was edited or damaged.
 *
 * <pre>{@code
 * DecisionLogReader.Contents log = DecisionLogReader.read(Path.of("decisions.jsonl"));
 * log.tornLastLine().ifPresent(d -> System.err.println("skipped " + d));
 * }</pre>
 */
public final class DecisionLogReader {

    private DecisionLogReader() {}

    /**
     * A line that was skipped.
     *
     * @param line    its 1-based line number
     * @param offset  the byte offset where it starts
     * @param torn    whether it is the last line and lacks its newline: a writer died while appending it
     * @param problem why it was skipped
     */
    public record Defect(int line, long offset, boolean torn, String problem) {

        /** {@code line N (byte OFFSET): torn last line: problem}. */
        @Override
        public String toString() {
            return "line " + line + " (byte " + offset + "): " + (torn ? "torn last line, " : "") + problem;
        }
    }

    /**
     * What a log holds.
     *
     * @param decisions every line that parsed, in file order
     * @param defects   every line that was skipped
     */
    public record Contents(List<DecisionRecord> decisions, List<Defect> defects) {

        /**
         * Copies both lists.
         *
         * @param decisions every line that parsed, in file order
         * @param defects   every line that was skipped
         */
        public Contents {
            decisions = List.copyOf(decisions);
            defects = List.copyOf(defects);
        }

        /**
         * The torn last line, if the last writer died mid-append.
         *
         * @return the defect of the last line, when it lacks its newline and does not parse
         */
        public Optional<Defect> tornLastLine() {
            return defects.stream().filter(Defect::torn).findFirst();
        }
    }

    /**
     * Reads every line of a log.
     *
     * @param file the log file
     * @return its decisions, and the lines that were skipped
     * @throws UncheckedIOException when the file cannot be read
     */
    public static Contents read(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read decision log `" + file + "`: " + e.getMessage(), e);
        }
    }

    /**
     * Reads every line of a log from a stream, to its end; the stream is not closed.
     *
     * @param in the log's bytes, UTF-8
     * @return its decisions, and the lines that were skipped
     * @throws IOException when the stream cannot be read
     */
    public static Contents read(InputStream in) throws IOException {
        List<DecisionRecord> decisions = new ArrayList<>();
        List<Defect> defects = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
        int lineNumber = 1;
        long offset = 0;
        long lineStart = 0;
        int b;
        while ((b = in.read()) != -1) {
            offset++;
            if (b != '\n') {
                line.write(b);
                continue;
            }
            parse(line.toString(StandardCharsets.UTF_8), lineNumber, lineStart, false, decisions, defects);
            line.reset();
            lineNumber++;
            lineStart = offset;
        }
        if (line.size() > 0) {
            parse(line.toString(StandardCharsets.UTF_8), lineNumber, lineStart, true, decisions, defects);
        }
        return new Contents(decisions, defects);
    }

    private static void parse(
            String text,
            int lineNumber,
            long offset,
            boolean last,
            List<DecisionRecord> decisions,
            List<Defect> defects) {
        if (text.isBlank() && !last) {
            defects.add(new Defect(lineNumber, offset, false, "empty line"));
            return;
        }
        try {
            // a whole record that only lacks its newline lost nothing, so it counts
            decisions.add(DecisionJson.read(text));
        } catch (IllegalArgumentException e) {
            defects.add(new Defect(lineNumber, offset, last, Objects.requireNonNullElse(e.getMessage(), e.toString())));
        }
    }
}
