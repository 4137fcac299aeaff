package org.auprules.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where something was written in a scenario file: the file, the JSON path inside it and its line.
 *
 * @param source the file name, or a description such as {@code classpath:…/scenarios/spam.json}
 * @param path   the JSON path of the value, e.g. {@code $[2].expect.violations[0]}
 * @param line   the 1-based line, or 0 when unknown
 * @param column the 1-based column, or 0 when unknown
 */
public record SourceLocation(String source, String path, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(path, "path must not be null");
    }

    /** A location in code rather than in a file, for scenarios built in Java. */
    public static SourceLocation inCode(String what) {
        return new SourceLocation(what, "$", 0, 0);
    }

    /**
     * A {@code file:} URI with the line as {@code ?line=N}, when the source is a file on disk; IDEs
     * and JUnit's dynamic tests use it to jump to the scenario.
     */
    public Optional<URI> uri() {
        try {
            Path file = Path.of(source);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String base = file.toAbsolutePath().normalize().toUri().toString();
            return Optional.of(URI.create(line > 0 ? base + "?line=" + line : base));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** {@code source:line}, or just the source when the line is unknown. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
